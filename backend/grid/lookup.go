package grid

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Lookups by what people write in rosters: the names of villages, pieces, groups and neighbourhoods,
// a household's 户编号 or address, a resident's ID number. Other domains (the roster import) find
// registry rows through these instead of running SQL on the grid's tables. Each returns "" when
// nothing matches and an error of code internal, naming the field, when the database cannot be read —
// never a silent "" for a failed read, which would make the caller register a duplicate.

// FindNode returns the live node of level called name under parentID (no parent for a village), the
// first in order when there are several; "" when there is none.
func FindNode(tx *store.Tx, level Level, parentID, name string) (string, error) {
	info, ok := levelInfo[level]
	if !ok {
		return "", errs.Field("level", "未知的层级 %q", level)
	}
	var q string
	var args []any
	if level == LevelVillage {
		q, args = `SELECT id FROM villages WHERE name = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`, []any{name}
	} else {
		q = "SELECT id FROM " + string(level) + " WHERE " + info.parent + " = ? AND name = ? AND deleted_at IS NULL ORDER BY seq LIMIT 1"
		args = []any{parentID, name}
	}
	return scanID(tx.QueryRow(q, args...), string(level), "读取"+info.label+"失败")
}

// FindGroupInVillage returns the live group called name in any live piece of a village, the first
// by piece and group order; "" when there is none.
func FindGroupInVillage(tx *store.Tx, villageID, name string) (string, error) {
	return scanID(tx.QueryRow(`SELECT g.id FROM groups g JOIN pieces p ON p.id = g.piece_id
		WHERE p.village_id = ? AND g.name = ? AND g.deleted_at IS NULL AND p.deleted_at IS NULL
		ORDER BY p.seq, g.seq LIMIT 1`, villageID, name), "group", "读取组失败")
}

// HouseholdCodes maps each 户编号 of the live households of a village to its household (the first
// by id when, after a merge, two share one).
func HouseholdCodes(tx *store.Tx, villageID string) (map[string]string, error) {
	rows, err := tx.Query(`SELECT code, id FROM households WHERE village_id = ? AND code <> '' AND deleted_at IS NULL
		ORDER BY id`, villageID)
	if err != nil {
		return nil, &errs.Error{Code: errs.Internal, Field: "code", Message: "读取户编号失败", Err: err}
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, id string
		if err := rows.Scan(&code, &id); err != nil {
			return nil, &errs.Error{Code: errs.Internal, Field: "code", Message: "读取户编号失败", Err: err}
		}
		if _, seen := out[code]; !seen {
			out[code] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, &errs.Error{Code: errs.Internal, Field: "code", Message: "读取户编号失败", Err: err}
	}
	return out, nil
}

// HouseholdByAddress returns the live household at address in a neighbourhood, the first by code;
// "" when there is none.
func HouseholdByAddress(tx *store.Tx, neighbourhoodID, address string) (string, error) {
	return scanID(tx.QueryRow(`SELECT id FROM households WHERE neighbourhood_id = ? AND address = ? AND deleted_at IS NULL
		ORDER BY code LIMIT 1`, neighbourhoodID, address), "address", "读取户失败")
}

// ResidentByName returns the live resident without an ID number called name in a household; ""
// when there is none.
func ResidentByName(tx *store.Tx, householdID, name string) (string, error) {
	return scanID(tx.QueryRow(`SELECT id FROM residents WHERE household_id = ? AND name = ? AND id_number = ''
		AND deleted_at IS NULL ORDER BY id LIMIT 1`, householdID, name), "name", "读取居民失败")
}

// ResidentsByIDNumbers maps those of the ID numbers that are registered to the live residents
// holding them, reading them in a few queries (a roster of 100,000 rows in about 200). With tx nil
// it reads outside a transaction.
func (s *Service) ResidentsByIDNumbers(ctx context.Context, tx *store.Tx, idNumbers []string) (map[string]string, error) {
	out := map[string]string{}
	const chunk = 500
	for start := 0; start < len(idNumbers); start += chunk {
		part := make([]any, 0, chunk)
		for _, id := range idNumbers[start:min(start+chunk, len(idNumbers))] {
			if id != "" {
				part = append(part, id)
			}
		}
		if len(part) == 0 {
			continue
		}
		q := `SELECT id_number, id FROM residents WHERE id_number IN (?` + strings.Repeat(", ?", len(part)-1) +
			`) AND id_number <> '' AND deleted_at IS NULL`
		var rows *sql.Rows
		var err error
		if tx != nil {
			rows, err = tx.Query(q, part...)
		} else {
			rows, err = s.db.SQL().QueryContext(ctx, q, part...)
		}
		if err != nil {
			return nil, &errs.Error{Code: errs.Internal, Field: "idNumber", Message: "读取居民失败", Err: err}
		}
		for rows.Next() {
			var number, id string
			if err := rows.Scan(&number, &id); err != nil {
				rows.Close()
				return nil, &errs.Error{Code: errs.Internal, Field: "idNumber", Message: "读取居民失败", Err: err}
			}
			out[number] = id
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, &errs.Error{Code: errs.Internal, Field: "idNumber", Message: "读取居民失败", Err: err}
		}
	}
	return out, nil
}

// scanID reads one id; "" for no row, an internal error on field for a failed read.
func scanID(row *sql.Row, field, message string) (string, error) {
	var id string
	err := row.Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", &errs.Error{Code: errs.Internal, Field: field, Message: message, Err: err}
	}
	return id, nil
}

// RegistryRow is one live resident with where they live: the registry as a roster lists it.
type RegistryRow struct {
	Village, Piece, Group, Neighbourhood string
	HouseholdCode, HeadName, Address     string
	Tags                                 string // joined with TagSeparator
	Resident                             ResidentInput
}

// RegistryRows returns every live resident in the register of a village (all villages when villageID is empty) in
// roster order: village, piece, group, neighbourhood, 户编号, the head first, then by birth date.
func (s *Service) RegistryRows(ctx context.Context, villageID string) ([]RegistryRow, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT v.name, p.name, gr.name, n.name, h.code,
		  coalesce((SELECT name FROM residents x WHERE x.household_id = h.id AND x.relation = '户主' AND x.deleted_at IS NULL
		    AND x.status = '' LIMIT 1), ''),
		  r.relation, r.name, r.id_number, r.sex, r.birth_date, r.ethnicity, r.phone, h.address, h.tags, r.party_member, r.notes
		FROM residents r JOIN households h ON h.id = r.household_id
		JOIN neighbourhoods n ON n.id = h.neighbourhood_id JOIN groups gr ON gr.id = n.group_id
		JOIN pieces p ON p.id = gr.piece_id JOIN villages v ON v.id = p.village_id
		WHERE r.deleted_at IS NULL AND r.status = '' AND h.deleted_at IS NULL AND (?1 = '' OR v.id = ?1)
		ORDER BY v.sort_key, v.name, p.seq, gr.seq, n.seq, h.code, r.relation <> '户主', r.birth_date, r.name_pinyin`, villageID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取花名册失败")
	}
	defer rows.Close()
	var out []RegistryRow
	for rows.Next() {
		var x RegistryRow
		r := &x.Resident
		if err := rows.Scan(&x.Village, &x.Piece, &x.Group, &x.Neighbourhood, &x.HouseholdCode, &x.HeadName,
			&r.Relation, &r.Name, &r.IDNumber, &r.Sex, &r.BirthDate, &r.Ethnicity, &r.Phone, &x.Address, &x.Tags,
			&r.PartyMember, &r.Notes); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取花名册失败")
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取花名册失败")
	}
	return out, nil
}

// ResidentBrief is what another domain records of a registered resident it names: who, and where
// they live (not their ID number or phone: a look at those is audited, through GetResident).
type ResidentBrief struct {
	ID, Name, HouseholdID, VillageID string
}

// ResidentIn returns the brief of the live resident id, read in tx. Code not_found, naming field,
// when there is no such resident (or it was deleted); internal when the database cannot be read.
func ResidentIn(tx *store.Tx, id, field string) (ResidentBrief, error) {
	b := ResidentBrief{ID: id}
	err := tx.QueryRow(`SELECT r.name, r.household_id, h.village_id FROM residents r
		JOIN households h ON h.id = r.household_id WHERE r.id = ? AND r.deleted_at IS NULL`, id).
		Scan(&b.Name, &b.HouseholdID, &b.VillageID)
	if errors.Is(err, sql.ErrNoRows) {
		return b, &errs.Error{Code: errs.NotFound, Field: field, Message: "所选居民不在花名册中（可能已删除）"}
	}
	if err != nil {
		return b, &errs.Error{Code: errs.Internal, Field: field, Message: "读取居民失败", Err: err}
	}
	return b, nil
}

// ResidentsByName finds, in the register of a village (not those marked 迁出 or 死亡), the residents
// called by one of names, read in tx: name -> the residents (id, name, household, village), in id
// order. A name nobody has is absent.
func ResidentsByName(tx *store.Tx, villageID string, names []string) (map[string][]ResidentBrief, error) {
	out := map[string][]ResidentBrief{}
	const chunk = 500
	for start := 0; start < len(names); start += chunk {
		part := names[start:min(start+chunk, len(names))]
		args := []any{villageID}
		for _, n := range part {
			args = append(args, n)
		}
		rows, err := tx.Query(`SELECT r.id, r.household_id, r.name FROM residents r JOIN households h ON h.id = r.household_id
			WHERE h.village_id = ? AND r.name IN (?`+strings.Repeat(", ?", len(part)-1)+`)
			AND r.deleted_at IS NULL AND r.status = '' AND h.deleted_at IS NULL ORDER BY r.id`, args...)
		if err != nil {
			return nil, &errs.Error{Code: errs.Internal, Field: "name", Message: "读取居民失败", Err: err}
		}
		for rows.Next() {
			b := ResidentBrief{VillageID: villageID}
			if err := rows.Scan(&b.ID, &b.HouseholdID, &b.Name); err != nil {
				rows.Close()
				return nil, &errs.Error{Code: errs.Internal, Field: "name", Message: "读取居民失败", Err: err}
			}
			out[b.Name] = append(out[b.Name], b)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, &errs.Error{Code: errs.Internal, Field: "name", Message: "读取居民失败", Err: err}
		}
	}
	return out, nil
}
