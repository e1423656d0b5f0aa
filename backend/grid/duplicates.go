package grid

import (
	"context"
	"sort"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
)

// One office never registers a 身份证号 twice (checkUniqueID refuses it when a resident is written),
// but merging two offices' data can bring in the same person registered by both. No UNIQUE index
// stops such a merge: the pair is listed here as a possible duplicate for a person to settle, and the
// decision (the same person, or different people) is kept in person_decisions.

// PossibleDuplicate is a 身份证号 that more than one live resident carries, with those residents (IDs
// and phones masked).
type PossibleDuplicate struct {
	IDNumber  string `json:"idNumber"` // masked
	Residents []Hit  `json:"residents"`
}

// PossibleDuplicates lists the 身份证号 that several live residents carry and that no decision has
// settled for exactly those residents.
func (s *Service) PossibleDuplicates(ctx context.Context) ([]PossibleDuplicate, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT r.id_number, group_concat(r.id) FROM residents r
		WHERE r.id_number <> '' AND r.deleted_at IS NULL
		GROUP BY r.id_number HAVING count(*) > 1 ORDER BY r.id_number`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取可能重复的人员失败")
	}
	type clash struct{ number, ids string }
	var clashes []clash
	for rows.Next() {
		var c clash
		if err := rows.Scan(&c.number, &c.ids); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取可能重复的人员失败")
		}
		clashes = append(clashes, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取可能重复的人员失败")
	}
	out := []PossibleDuplicate{}
	for _, c := range clashes {
		ids := strings.Split(c.ids, ",")
		sort.Strings(ids)
		var settled int
		if err := s.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM person_decisions
			WHERE id_number = ? AND resident_ids = ? AND deleted_at IS NULL`, c.number, strings.Join(ids, ",")).Scan(&settled); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取可能重复的人员失败")
		}
		if settled > 0 {
			continue
		}
		hits, err := s.hits(ctx, `SELECT id FROM residents WHERE id_number = ? AND deleted_at IS NULL`, []any{c.number})
		if err != nil {
			return nil, err
		}
		out = append(out, PossibleDuplicate{IDNumber: idcard.MaskID(c.number), Residents: hits})
	}
	return out, nil
}
