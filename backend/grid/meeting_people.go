package grid

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
)

// VillageBrief is a live village as another domain lists it.
type VillageBrief struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// VillageList lists the live villages in pinyin order.
func (s *Service) VillageList(ctx context.Context) ([]VillageBrief, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY sort_key, name, id`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
	}
	defer rows.Close()
	out := []VillageBrief{}
	for rows.Next() {
		var v VillageBrief
		if err := rows.Scan(&v.ID, &v.Name); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// VillageNameIn returns the name of the live village id, read in tx. Code invalid, naming field, when
// none is chosen (id ""); not_found when there is none.
func VillageNameIn(tx *store.Tx, id, field string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", errs.Field(field, "请选择村（社区）")
	}
	var name string
	err := tx.QueryRow(`SELECT name FROM villages WHERE id = ? AND deleted_at IS NULL`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &errs.Error{Code: errs.NotFound, Field: field, Message: "所选的村不存在或已删除"}
	}
	if err != nil {
		return "", &errs.Error{Code: errs.Internal, Field: field, Message: "读取村失败", Err: err}
	}
	return name, nil
}

// LeadersOnIn lists, read in tx, who held a role in a village or anything in it on day (ISO): the
// village's committee and legal adviser, its piece, group and neighbourhood leaders, in the order of
// the roles and then of the places' names.
func LeadersOnIn(tx *store.Tx, villageID, day string) ([]Leader, error) {
	rows, err := tx.Query(villageScopes+`
		SELECT l.id, l.role, l.scope_id, coalesce(l.resident_id, ''), l.person_name, l.title, l.term_start, l.term_end,
		       coalesce(v.name, p.name, g.name, n.name, '')
		FROM leaders l`+scopeNames+`
		WHERE l.deleted_at IS NULL AND l.scope_id IN (SELECT id FROM scope)
		  AND (l.term_start = '' OR l.term_start <= ?2) AND (l.term_end = '' OR l.term_end >= ?2)
		ORDER BY l.role, coalesce(v.name, p.name, g.name, n.name, ''), l.person_name, l.id`, villageID, day)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取人员失败")
	}
	defer rows.Close()
	out := []Leader{}
	for rows.Next() {
		var l Leader
		var role string
		if err := rows.Scan(&l.ID, &role, &l.ScopeID, &l.ResidentID, &l.PersonName, &l.Title, &l.TermStart, &l.TermEnd, &l.ScopeName); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取人员失败")
		}
		l.Role = Role(role)
		out = append(out, l)
	}
	return out, rows.Err()
}

// Representative is a villager representative (a neighbourhood leader) of a year.
type Representative struct {
	ResidentID    string `json:"residentId"`
	Name          string `json:"name"`
	Neighbourhood string `json:"neighbourhood"` // the neighbourhood(s) led that year with their group (三组第2邻), 、-separated
}

// RepresentativesIn lists, read in tx, the registered residents who led a neighbourhood of a village
// at some time in year, by name.
func RepresentativesIn(tx *store.Tx, villageID string, year int) ([]Representative, error) {
	first, last := yearBounds(year)
	rows, err := tx.Query(villageScopes+`
		SELECT l.resident_id, l.person_name, group_concat(DISTINCT g.name || n.name)
		FROM leaders l JOIN neighbourhoods n ON n.id = l.scope_id JOIN groups g ON g.id = n.group_id
		WHERE l.deleted_at IS NULL AND l.role = 'neighbourhood_leader' AND l.resident_id IS NOT NULL
		  AND l.scope_id IN (SELECT id FROM scope)
		  AND (l.term_start = '' OR l.term_start <= ?3) AND (l.term_end = '' OR l.term_end >= ?2)
		GROUP BY l.resident_id ORDER BY l.person_name, l.resident_id`, villageID, first, last)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村民代表失败")
	}
	defer rows.Close()
	out := []Representative{}
	for rows.Next() {
		var r Representative
		if err := rows.Scan(&r.ResidentID, &r.Name, &r.Neighbourhood); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村民代表失败")
		}
		r.Neighbourhood = strings.ReplaceAll(r.Neighbourhood, ",", "、")
		out = append(out, r)
	}
	return out, rows.Err()
}

func yearBounds(year int) (string, string) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.Local).Format(dateLayout), time.Date(year, 12, 31, 0, 0, 0, 0, time.Local).Format(dateLayout)
}

// RepVisits is a representative's visiting in a year, against the cadence (cadence.go): each
// household of the neighbourhoods they led is due a visit every quarter (a key household every
// month) of their term; a period counts once it has ended, by until at the latest.
type RepVisits struct {
	Households     int      `json:"households"`     // households of their neighbourhoods
	KeyHouseholds  int      `json:"keyHouseholds"`  // of which key households
	Visits         int      `json:"visits"`         // visits they made in the year to those households
	PeriodsDue     int      `json:"periodsDue"`     // household-periods ended in their term
	PeriodsCovered int      `json:"periodsCovered"` // of which they visited in
	VisitIDs       []string `json:"-"`              // the visits counted (for the cases they led to)
}

// RepYearIn assembles, read in tx, the visits of the resident as a neighbourhood leader in year, up
// to until.
func RepYearIn(tx *store.Tx, residentID string, year int, until time.Time) (RepVisits, error) {
	out := RepVisits{VisitIDs: []string{}}
	first, last := yearBounds(year)
	end := min(last, until.Format(dateLayout))
	type term struct{ id, nb, start, end string }
	rows, err := tx.Query(`SELECT id, scope_id, term_start, term_end FROM leaders WHERE resident_id = ? AND role = 'neighbourhood_leader'
		AND deleted_at IS NULL AND (term_start = '' OR term_start <= ?) AND (term_end = '' OR term_end >= ?)`, residentID, end, first)
	if err != nil {
		return out, errs.Wrap(err, errs.Internal, "读取代表任职失败")
	}
	var terms []term
	for rows.Next() {
		var t term
		if err := rows.Scan(&t.id, &t.nb, &t.start, &t.end); err != nil {
			rows.Close()
			return out, errs.Wrap(err, errs.Internal, "读取代表任职失败")
		}
		t.start = max(t.start, first)
		if t.end == "" || t.end > end {
			t.end = end
		}
		terms = append(terms, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, errs.Wrap(err, errs.Internal, "读取代表任职失败")
	}
	// the households of their neighbourhoods, and their visits to them in the year (through the
	// households' visit index: visits carry no index by leader)
	seen := map[string]bool{}
	for _, t := range terms {
		rows, err := tx.Query(`SELECT h.id, h.is_key, h.created_at, coalesce(v.id, ''), coalesce(v.visit_date, ''),
			coalesce((SELECT min(x.visit_date) FROM visits x WHERE x.household_id = h.id AND x.deleted_at IS NULL), '')
			FROM households h LEFT JOIN visits v ON v.household_id = h.id AND v.leader_id = ? AND v.visit_date BETWEEN ? AND ?
			  AND v.deleted_at IS NULL
			WHERE h.neighbourhood_id = ? AND h.deleted_at IS NULL ORDER BY h.id`, t.id, first, end, t.nb)
		if err != nil {
			return out, errs.Wrap(err, errs.Internal, "读取走访记录失败")
		}
		type home struct {
			key   bool
			since string // known since: registered, or first visited if that was earlier (a roster entered late)
			days  []string
		}
		homes, order := map[string]*home{}, []string{}
		for rows.Next() {
			var id, created, visit, day, firstVisit string
			var key bool
			if err := rows.Scan(&id, &key, &created, &visit, &day, &firstVisit); err != nil {
				rows.Close()
				return out, errs.Wrap(err, errs.Internal, "读取走访记录失败")
			}
			h, ok := homes[id]
			if !ok {
				h = &home{key: key, since: registeredDate(created).Format(dateLayout)}
				if firstVisit != "" && firstVisit < h.since {
					h.since = firstVisit
				}
				homes[id] = h
				order = append(order, id)
			}
			if visit != "" {
				out.Visits++
				out.VisitIDs = append(out.VisitIDs, visit)
				h.days = append(h.days, day)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return out, errs.Wrap(err, errs.Internal, "读取走访记录失败")
		}
		for _, id := range order {
			h := homes[id]
			if !seen[id] {
				seen[id] = true
				out.Households++
				if h.key {
					out.KeyHouseholds++
				}
			}
			from := max(t.start, h.since)
			due, covered := periodsVisited(localDate(from), localDate(t.end), h.key, h.days)
			out.PeriodsDue += due
			out.PeriodsCovered += covered
		}
	}
	return out, nil
}

// periodsVisited counts the months (key) or quarters that started on or after the one holding from
// and ended by to, and those of them with a visit among days (ISO).
func periodsVisited(from, to time.Time, monthly bool, days []string) (due, covered int) {
	if from.IsZero() || to.IsZero() {
		return 0, 0
	}
	for start, end := period(from, monthly); !end.After(to); start, end = period(end.AddDate(0, 0, 1), monthly) {
		due++
		lo, hi := start.Format(dateLayout), end.Format(dateLayout)
		for _, d := range days {
			if d >= lo && d <= hi {
				covered++
				break
			}
		}
	}
	return due, covered
}

// PartyMembersIn lists, read in tx, the party members in the register of a village (not those
// marked 迁出 or 死亡), by name.
func PartyMembersIn(tx *store.Tx, villageID string) ([]ResidentBrief, error) {
	rows, err := tx.Query(`SELECT r.id, r.name, r.household_id FROM residents r JOIN households h ON h.id = r.household_id
		WHERE h.village_id = ? AND r.party_member = 1 AND r.deleted_at IS NULL AND r.status = '' AND h.deleted_at IS NULL
		ORDER BY r.name, r.id`, villageID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取党员名单失败")
	}
	defer rows.Close()
	out := []ResidentBrief{}
	for rows.Next() {
		b := ResidentBrief{VillageID: villageID}
		if err := rows.Scan(&b.ID, &b.Name, &b.HouseholdID); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取党员名单失败")
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// MaskedIDsIn returns, read in tx, the masked ID numbers (430529********1234) of the given residents
// that have one, for public notices.
func MaskedIDsIn(tx *store.Tx, residentIDs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range residentIDs {
		var n string
		err := tx.QueryRow(`SELECT id_number FROM residents WHERE id = ?`, id).Scan(&n)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, errs.Wrap(err, errs.Internal, "读取居民失败")
		}
		if n != "" {
			out[id] = idcard.MaskID(n)
		}
	}
	return out, nil
}
