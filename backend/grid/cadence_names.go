package grid

import (
	"context"
	"encoding/json"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

func leaderName(n string) string {
	if n == "" {
		return "（未设邻长）"
	}
	return n
}

// neighbourhoodsOf returns the names of the given neighbourhoods (with their groups) and their
// leaders in office on day.
func (s *Service) neighbourhoodsOf(ctx context.Context, ids []string, day time.Time) (places, map[string]string, error) {
	names, leaders := places{}, map[string]string{}
	if len(ids) == 0 {
		return names, leaders, nil
	}
	list := jsonList(ids)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT n.id, n.name, g.name FROM neighbourhoods n JOIN groups g ON g.id = n.group_id
		WHERE n.id IN (SELECT value FROM json_each(?))`, list)
	if err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var p place
		if err := rows.Scan(&id, &p.name, &p.group); err != nil {
			return nil, nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
		}
		names[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	rows.Close()
	// The leader whose term began last, when terms overlap.
	lrows, err := s.db.SQL().QueryContext(ctx, `SELECT scope_id, person_name FROM leaders
		WHERE role = 'neighbourhood_leader' AND deleted_at IS NULL AND scope_id IN (SELECT value FROM json_each(?1))
		  AND term_start <= ?2 AND (term_end = '' OR term_end >= ?2)
		ORDER BY term_start`, list, day.Format(dateLayout))
	if err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
	}
	defer lrows.Close()
	for lrows.Next() {
		var id, name string
		if err := lrows.Scan(&id, &name); err != nil {
			return nil, nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
		}
		leaders[id] = name
	}
	if err := lrows.Err(); err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
	}
	return names, leaders, nil
}

// jsonList is ids as a JSON array, for json_each.
func jsonList(ids []string) string {
	b, _ := json.Marshal(ids) // strings always marshal
	return string(b)
}

// details are a household's code, address and head's name.
type details struct{ code, address, head string }

// householdDetails reads the details of the listed households in one query.
func (s *Service) householdDetails(ctx context.Context, lists ...[]pending) (map[string]details, error) {
	var ids []string
	for _, list := range lists {
		for _, p := range list {
			ids = append(ids, p.id)
		}
	}
	got := map[string]details{}
	if len(ids) == 0 {
		return got, nil
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT h.id, h.code, h.address, coalesce((SELECT name FROM residents
		WHERE household_id = h.id AND deleted_at IS NULL ORDER BY status <> '', relation <> '户主' LIMIT 1), '')
		FROM households h WHERE h.id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取户信息失败")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var d details
		if err := rows.Scan(&id, &d.code, &d.address, &d.head); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取户信息失败")
		}
		got[id] = d
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取户信息失败")
	}
	return got, nil
}

// localDate reads an ISO date ("2026-11-27") as local midnight; the zero time for "".
func localDate(s string) time.Time {
	if len(s) < 10 {
		return time.Time{}
	}
	return time.Date(atoi(s[0:4]), time.Month(atoi(s[5:7])), atoi(s[8:10]), 0, 0, 0, 0, time.Local)
}

// registeredDate is the local date of a stored UTC timestamp.
func registeredDate(s string) time.Time {
	t, err := store.ParseTime(s)
	if err != nil {
		return time.Time{}
	}
	t = t.Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// storedTime is the layout of the UTC times the store writes (created_at).
const storedTime = "2006-01-02T15:04:05.000Z"

// verdict is a household's deadline, status and days overdue.
type verdict struct {
	deadline, status string
	days             int
}

// place is the name of a village or neighbourhood (with its group) for the tracker's rows.
type place struct{ name, group, sortKey string }

// places maps ids to names.
type places map[string]place

// less orders villages as everywhere: by their sort key (pinyin), then name, then id.
func (p places) less(a, b string) bool {
	x, y := p[a], p[b]
	if x.sortKey != y.sortKey {
		return x.sortKey < y.sortKey
	}
	if x.name != y.name {
		return x.name < y.name
	}
	return a < b
}

// villageNames maps the ids of the villages to their names and sort keys (deleted ones too: a
// report never shows an id for a name).
func (s *Service) villageNames(ctx context.Context) (places, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, name, sort_key FROM villages`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	defer rows.Close()
	out := places{}
	for rows.Next() {
		var id string
		var p place
		if err := rows.Scan(&id, &p.name, &p.sortKey); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
		}
		out[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	return out, nil
}
