package grid

import (
	"context"
	"slices"
	"sort"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// One office never registers a 身份证号 twice (checkUniqueID refuses it when a resident is written),
// but merging two offices' data can bring in the same person registered by both. No UNIQUE index
// stops such a merge: the pair is listed here as a possible duplicate for a person to settle, and the
// decision (the same person, or different people) is kept in person_decisions.

// PossibleDuplicate is a 身份证号 that more than one live resident carries, with those residents (IDs
// and phones masked).
type PossibleDuplicate struct {
	IDNumber  string   `json:"idNumber"` // masked
	Residents []Hit    `json:"residents"`
	Origins   []Origin `json:"origins"` // who registered each of them, in the same order
}

// Origin says which office registered a resident, and when (UTC ISO), so a person can tell the
// records of a possible duplicate apart.
type Origin struct {
	ResidentID   string `json:"residentId"`
	Office       string `json:"office"` // "" when the office's name is not known here
	RegisteredAt string `json:"registeredAt"`
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
		origins := make([]Origin, len(hits))
		for i, h := range hits {
			origins[i].ResidentID = h.ResidentID
			if err := s.db.SQL().QueryRowContext(ctx, `SELECT r.created_at, coalesce((SELECT o.name FROM offices o
				WHERE o.office_site = r.site_id AND o.deleted_at IS NULL LIMIT 1), '') FROM residents r WHERE r.id = ?`,
				h.ResidentID).Scan(&origins[i].RegisteredAt, &origins[i].Office); err != nil {
				return nil, errs.Wrap(err, errs.Internal, "读取可能重复的人员失败")
			}
		}
		out = append(out, PossibleDuplicate{IDNumber: idcard.MaskID(c.number), Residents: hits, Origins: origins})
	}
	return out, nil
}

// DuplicateDecision is a person's answer about residents that share a 身份证号: the same person
// (KeepID names the record kept) or different people (Same false: kept apart, one number to be
// corrected).
type DuplicateDecision struct {
	ResidentIDs []string `json:"residentIds"` // every live resident now carrying the number
	Same        bool     `json:"same"`
	KeepID      string   `json:"keepId"`
	Note        string   `json:"note"`
}

// DuplicateSettled says what settling a possible duplicate did.
type DuplicateSettled struct {
	Moved           int      `json:"moved"`           // records of other domains now pointing at the kept resident
	Filled          []string `json:"filled"`          // fields of the kept record filled from the others
	EmptyHouseholds []string `json:"emptyHouseholds"` // addresses of households the merge left with no one
}

// fillable are the fields of a resident a merge copies from a removed record where the kept one has
// none.
var fillable = []string{"phone", "ethnicity", "notes", "relation"}

// SettleDuplicate records a decision about a possible duplicate, in one transaction. The same person:
// every record of any shared table whose resident_id names a removed resident (a leader's post, a
// case, a case's party, and what later domains add) is moved to the kept one, the kept record's empty
// fields are filled from the others, and the others are removed (their history stays, and the
// decision names them). Different people: the decision is kept, and the group is not listed again
// unless another resident takes the number. Codes: invalid (naming the field), conflict when the
// residents carrying the number are no longer those listed.
func (s *Service) SettleDuplicate(ctx context.Context, d DuplicateDecision) (DuplicateSettled, error) {
	var out DuplicateSettled
	note, err := textrule.Free("note", "说明", d.Note, 500)
	if err != nil {
		return out, err
	}
	ids := append([]string(nil), d.ResidentIDs...)
	sort.Strings(ids)
	ids = slices.Compact(ids)
	if len(ids) < 2 {
		return out, errs.Field("residentIds", "请选出至少两条身份证号相同的居民记录")
	}
	if d.Same && !slices.Contains(ids, d.KeepID) {
		return out, errs.Field("keepId", "请在这几条记录中选出要保留的一条")
	}
	refs, err := s.residentRefs(ctx)
	if err != nil {
		return out, err
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		out = DuplicateSettled{Filled: []string{}, EmptyHouseholds: []string{}}
		number, err := carriers(tx, ids)
		if err != nil {
			return err
		}
		decision := store.Values{"id_number": number, "resident_ids": strings.Join(ids, ","), "decision": "different", "note": note}
		if d.Same {
			decision["decision"], decision["kept_id"] = "same", d.KeepID
			if err := mergePeople(tx, d.KeepID, ids, refs, &out); err != nil {
				return err
			}
		}
		_, err = tx.Insert("person_decisions", decision)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return out, err
}

// carriers checks that ids are exactly the live residents carrying one 身份证号, and returns it.
func carriers(tx *store.Tx, ids []string) (string, error) {
	var number string
	if err := tx.QueryRow(`SELECT id_number FROM residents WHERE id = ? AND deleted_at IS NULL`, ids[0]).Scan(&number); err != nil || number == "" {
		return "", errs.New(errs.Conflict, "这些居民记录已有变化（有的已删除或身份证号已改），请刷新后再处理")
	}
	now, err := queryIDs(tx, `SELECT id FROM residents WHERE id_number = ? AND deleted_at IS NULL ORDER BY id`, number)
	if err != nil {
		return "", err
	}
	if !slices.Equal(now, ids) {
		return "", errs.New(errs.Conflict, "身份证号 %s 现在登记在 %d 条记录上，与所列的不同，请刷新后再处理", idcard.MaskID(number), len(now))
	}
	return number, nil
}

// residentRefs lists the shared tables, other than residents, with a resident_id column: what follows
// a person into the record kept.
func (s *Service) residentRefs(ctx context.Context) ([]string, error) {
	cols, err := s.db.SharedColumns(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range s.db.SharedTables() {
		if t != "residents" && slices.Contains(cols[t], "resident_id") {
			out = append(out, t)
		}
	}
	return out, nil
}

// mergePeople moves what points at the residents ids other than keep to keep, fills keep's empty
// fields from them, and removes them.
func mergePeople(tx *store.Tx, keep string, ids, refs []string, out *DuplicateSettled) error {
	kept, err := tx.Get("residents", keep)
	if err != nil {
		return err
	}
	fill := store.Values{}
	for _, drop := range ids {
		if drop == keep {
			continue
		}
		for _, t := range refs {
			moving, err := queryIDs(tx, `SELECT id FROM "`+t+`" WHERE resident_id = ? AND deleted_at IS NULL`, drop)
			if err != nil {
				return err
			}
			for _, id := range moving {
				if _, err := tx.Update(t, id, store.Values{"resident_id": keep}); err != nil {
					return err
				}
			}
			out.Moved += len(moving)
		}
		other, err := tx.Get("residents", drop)
		if err != nil {
			return err
		}
		for _, f := range fillable {
			if s, _ := kept[f].(string); s == "" && fill[f] == nil {
				if v, _ := other[f].(string); v != "" {
					fill[f] = v
					out.Filled = append(out.Filled, f)
				}
			}
		}
		if err := tx.Delete("residents", drop); err != nil {
			return err
		}
		household, _ := other["household_id"].(string)
		if household != kept["household_id"] {
			var left int
			var address string
			if err := tx.QueryRow(`SELECT (SELECT count(*) FROM residents WHERE household_id = h.id AND deleted_at IS NULL), h.address
				FROM households h WHERE h.id = ?`, household).Scan(&left, &address); err != nil {
				return errs.Wrap(err, errs.Internal, "读取户失败")
			}
			if left == 0 && !slices.Contains(out.EmptyHouseholds, address) {
				out.EmptyHouseholds = append(out.EmptyHouseholds, address)
			}
		}
	}
	if p, ok := fill["phone"].(string); ok {
		fill["phone_rev"] = reverse(digits(p))
	}
	if len(fill) > 0 {
		if _, err := tx.Update("residents", keep, fill); err != nil {
			return err
		}
	}
	return nil
}
