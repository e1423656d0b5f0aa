package roster

import (
	"context"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster/sheet"
)

// Export writes the registry (one village, or all when villageID is empty) as a roster in the
// template's columns, so that importing it again changes nothing. It returns the number of rows.
func Export(ctx context.Context, g *grid.Service, villageID, path string) (int, error) {
	rows, err := g.DB.SQL().QueryContext(ctx, `
		SELECT v.name, p.name, gr.name, n.name, h.code,
		  coalesce((SELECT name FROM residents x WHERE x.household_id = h.id AND x.relation = '户主' AND x.deleted_at IS NULL LIMIT 1), ''),
		  r.relation, r.name, r.id_number, r.sex, r.birth_date, r.ethnicity, r.phone, h.address, h.tags, r.party_member, r.notes
		FROM residents r JOIN households h ON h.id = r.household_id
		JOIN neighbourhoods n ON n.id = h.neighbourhood_id JOIN groups gr ON gr.id = n.group_id
		JOIN pieces p ON p.id = gr.piece_id JOIN villages v ON v.id = p.village_id
		WHERE r.deleted_at IS NULL AND h.deleted_at IS NULL AND (?1 = '' OR v.id = ?1)
		ORDER BY v.sort_key, v.name, p.seq, gr.seq, n.seq, h.code, r.relation <> '户主', r.birth_date, r.name_pinyin`, villageID)
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取花名册失败")
	}
	defer rows.Close()
	var out []map[string]string
	for rows.Next() {
		var c [17]string
		var party int
		if err := rows.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &c[11], &c[12], &c[13], &c[14], &party, &c[16]); err != nil {
			return 0, errs.Wrap(err, errs.Internal, "读取花名册失败")
		}
		c[15] = "否"
		if party == 1 {
			c[15] = "是"
		}
		keys := []string{"village", "piece", "group", "neighbourhood", "household_code", "head_name", "relation", "name",
			"id_number", "sex", "birth_date", "ethnicity", "phone", "address", "tags", "party_member", "notes"}
		m := make(map[string]string, len(keys))
		for i, k := range keys {
			m[k] = c[i]
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取花名册失败")
	}
	if err := sheet.Write(path, out); err != nil {
		return 0, err
	}
	return len(out), nil
}

// WriteTemplate writes the empty roster template.
func WriteTemplate(path string) error { return sheet.WriteTemplate(path) }
