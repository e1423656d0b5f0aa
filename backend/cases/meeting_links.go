package cases

import (
	"encoding/json"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Brief is what another domain shows of a case it names (a meeting's agenda item, a decision's
// case): its number and matter, where it stands and whether it is late.
type Brief struct {
	ID       string `json:"id"`
	Number   string `json:"number"`
	Summary  string `json:"summary"`
	State    string `json:"state"`
	Level    string `json:"level"`
	Handler  string `json:"handler"`
	Deadline string `json:"deadline"`
	Open     bool   `json:"open"`    // still being dealt with
	Overdue  bool   `json:"overdue"` // open and past its deadline today
}

const briefColumns = `id, number, summary, state, level, handler, deadline`

func scanBrief(r scanner, today string) (Brief, error) {
	var b Brief
	err := r.Scan(&b.ID, &b.Number, &b.Summary, &b.State, &b.Level, &b.Handler, &b.Deadline)
	b.Open = IsOpen(b.State)
	b.Overdue = b.Open && b.Deadline < today
	return b, err
}

// BriefsIn returns the live cases among ids, read in tx (id → brief); a deleted or unknown id is
// absent.
func BriefsIn(tx *store.Tx, ids []string) (map[string]Brief, error) {
	out := map[string]Brief{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids) // strings always marshal
	rows, err := tx.Query(`SELECT `+briefColumns+` FROM cases WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`, string(list))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	defer rows.Close()
	today := tx.Today().Format(dateLayout)
	for rows.Next() {
		b, err := scanBrief(rows, today)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取民情失败")
		}
		out[b.ID] = b
	}
	return out, rows.Err()
}

// OpenInVillageIn lists a village's open cases, read in tx, the nearest deadline first (so the
// overdue ones lead), at most limit of them, and how many there are in all.
func OpenInVillageIn(tx *store.Tx, villageID string, limit int) ([]Brief, int, error) {
	var total int
	if err := tx.QueryRow(`SELECT count(*) FROM cases WHERE village_id = ? AND `+openSQL+` AND deleted_at IS NULL`, villageID).Scan(&total); err != nil {
		return nil, 0, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	rows, err := tx.Query(`SELECT `+briefColumns+` FROM cases WHERE village_id = ? AND `+openSQL+` AND deleted_at IS NULL
		ORDER BY deadline, number LIMIT ?`, villageID, limit)
	if err != nil {
		return nil, 0, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	defer rows.Close()
	today := tx.Today().Format(dateLayout)
	out := []Brief{}
	for rows.Next() {
		b, err := scanBrief(rows, today)
		if err != nil {
			return nil, 0, errs.Wrap(err, errs.Internal, "读取民情失败")
		}
		out = append(out, b)
	}
	return out, total, rows.Err()
}

// Outcomes counts what became of a set of cases.
type Outcomes struct {
	Cases     int `json:"cases"`
	Resolved  int `json:"resolved"`  // resolved (办结, 回访 or 归档 after a resolution)
	Open      int `json:"open"`      // still being dealt with
	Overdue   int `json:"overdue"`   // open and past the deadline
	Satisfied int `json:"satisfied"` // followed up 满意 or 基本满意
}

// OutcomesOfVisitsIn counts, read in tx, the live cases that came from the given visits (a
// representative's year), as of today.
func OutcomesOfVisitsIn(tx *store.Tx, visitIDs []string) (Outcomes, error) {
	var o Outcomes
	if len(visitIDs) == 0 {
		return o, nil
	}
	list, _ := json.Marshal(visitIDs)
	err := tx.QueryRow(`SELECT count(*), coalesce(sum(resolved_on <> ''), 0), coalesce(sum(`+openSQL+`), 0),
		coalesce(sum(`+openSQL+` AND deadline < ?), 0), coalesce(sum(satisfaction IN ('满意', '基本满意')), 0)
		FROM cases WHERE visit_id IN (SELECT value FROM json_each(?)) AND visit_id <> '' AND deleted_at IS NULL`,
		tx.Today().Format(dateLayout), string(list)).Scan(&o.Cases, &o.Resolved, &o.Open, &o.Overdue, &o.Satisfied)
	if err != nil {
		return o, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	return o, nil
}
