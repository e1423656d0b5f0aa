package cases

import (
	"context"
	"database/sql"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// Report is the 统计 screen: the headline figures of a period (Stats) and their breakdowns, the
// supervision cards as they stand today, and the visits held — what officers report upward.
type Report struct {
	Stats
	VillageID  string         `json:"villageId"`
	Cards      Counts         `json:"cards"`      // open cases today and their cards
	ByState    []Tally        `json:"byState"`    // every state, in the order of States
	ByCategory []Tally        `json:"byCategory"` // categories with cases, most first
	BySource   []Tally        `json:"bySource"`   // sources with cases, most first
	ByMonth    []Tally        `json:"byMonth"`    // months of the period with cases (2026-03), in order
	ByVillage  []VillageTally `json:"byVillage"`  // villages with cases or cards, by name in pinyin
	ByHandler  []HandlerCards `json:"byHandler"`  // handlers of open cases with a card, most red first
	Disputes   int            `json:"disputes"`   // 矛盾纠纷 registered in the period
	Mediated   int            `json:"mediated"`   // of them, resolved
	Visits     int            `json:"visits"`     // visits held in the period (withdrawn ones aside)
}

// Tally is how many cases of a kind were registered, and how many of them are resolved.
type Tally struct {
	Name     string `json:"name"`
	Cases    int    `json:"cases"`
	Resolved int    `json:"resolved"`
}

// VillageTally is a village's figures: cases of the period, resolved, resolved inside the village,
// and its open cases' cards today.
type VillageTally struct {
	VillageID string `json:"villageId"`
	Village   string `json:"village"`
	Cases     int    `json:"cases"`
	Resolved  int    `json:"resolved"`
	InVillage int    `json:"inVillage"`
	Yellow    int    `json:"yellow"`
	Red       int    `json:"red"`
}

// HandlerCards are a handler's open cases today and their cards (督办到人).
type HandlerCards struct {
	Handler string `json:"handler"` // "" for cases not yet assigned
	Open    int    `json:"open"`
	Yellow  int    `json:"yellow"`
	Red     int    `json:"red"`
}

// Report counts the cases registered from from to to (ISO, both included; "" for no bound) of one
// village or all (""), breaks them down, and adds the cards of today. Code invalid for a bad date.
func (s *Service) Report(ctx context.Context, from, to, villageID string) (Report, error) {
	st, err := s.Statistics(ctx, from, to, villageID)
	if err != nil {
		return Report{}, err
	}
	r := Report{Stats: st, VillageID: strings.TrimSpace(villageID)}
	period, args, err := periodConds(st.From, st.To)
	if err != nil {
		return Report{}, err
	}
	conds := append([]string{"deleted_at IS NULL"}, period...)
	if r.VillageID != "" {
		conds = append(conds, "village_id = ?")
		args = append(args, r.VillageID)
	}
	where := strings.Join(conds, " AND ")
	settings, err := s.Settings(ctx)
	if err != nil {
		return Report{}, err
	}
	today := s.db.Today()
	t, soon := today.Format(dateLayout), workday.Add(today, settings.YellowDays).Format(dateLayout)
	cardWhere, cardArgs := "deleted_at IS NULL AND "+openSQL, []any{t, soon}
	if r.VillageID != "" {
		cardWhere += " AND village_id = ?3"
		cardArgs = append(cardArgs, r.VillageID)
	}
	db := s.db.SQL()
	fail := func(err error) (Report, error) { return Report{}, errs.Wrap(err, errs.Internal, "统计民情失败") }

	tallies := func(col, order string) ([]Tally, error) {
		rows, err := db.QueryContext(ctx, `SELECT `+col+`, count(*), coalesce(sum(resolved_on <> ''), 0)
			FROM `+byDay(r.VillageID)+` WHERE `+where+` GROUP BY 1 ORDER BY `+order, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := []Tally{}
		for rows.Next() {
			var x Tally
			if err := rows.Scan(&x.Name, &x.Cases, &x.Resolved); err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, rows.Err()
	}
	states, err := tallies("state", "1")
	if err != nil {
		return fail(err)
	}
	r.ByState = make([]Tally, len(States)) // every state, those without cases too, in the loop's order
	for i, name := range States {
		r.ByState[i].Name = name
		for _, x := range states {
			if x.Name == name {
				r.ByState[i] = x
			}
		}
	}
	if r.ByCategory, err = tallies("category", "2 DESC, 1"); err != nil {
		return fail(err)
	}
	if r.BySource, err = tallies("source", "2 DESC, 1"); err != nil {
		return fail(err)
	}
	if r.ByMonth, err = tallies("substr(registered_on, 1, 7)", "1"); err != nil {
		return fail(err)
	}
	for _, x := range r.ByCategory {
		if x.Name == "矛盾纠纷" {
			r.Disputes, r.Mediated = x.Cases, x.Resolved
		}
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0),
		coalesce(sum(deadline < ?1), 0) FROM cases WHERE `+cardWhere, cardArgs...).
		Scan(&r.Cards.Open, &r.Cards.Yellow, &r.Cards.Red); err != nil {
		return fail(err)
	}
	if r.ByVillage, err = s.villageTallies(ctx, byDay(r.VillageID), where, args, cardWhere, cardArgs); err != nil {
		return fail(err)
	}
	if r.ByHandler, err = s.handlerCards(ctx, cardWhere, cardArgs); err != nil {
		return fail(err)
	}
	if r.Visits, err = s.visitsHeld(ctx, st.From, st.To, r.VillageID); err != nil {
		return fail(err)
	}
	return r, nil
}

// byDay is the table the statistics of a period read: for the whole office, the index cases_by_day
// alone, which holds every column they count (see Query.index); for one village, as SQLite chooses.
func byDay(villageID string) string {
	if strings.TrimSpace(villageID) == "" {
		return "cases INDEXED BY cases_by_day"
	}
	return "cases"
}

// villageTallies are the figures of each village: of the period's cases, and the cards of today;
// villages with neither are left out. By name, in pinyin.
func (s *Service) villageTallies(ctx context.Context, from, where string, args []any, cardWhere string, cardArgs []any) ([]VillageTally, error) {
	db := s.db.SQL()
	byID := map[string]*VillageTally{}
	var order []string
	get := func(id string) *VillageTally {
		if byID[id] == nil {
			byID[id] = &VillageTally{VillageID: id}
			order = append(order, id)
		}
		return byID[id]
	}
	rows, err := db.QueryContext(ctx, `SELECT village_id, count(*), coalesce(sum(resolved_on <> ''), 0),
		coalesce(sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), 0)
		FROM `+from+` WHERE `+where+` GROUP BY village_id`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var n, resolved, inside int
		if err := rows.Scan(&id, &n, &resolved, &inside); err != nil {
			rows.Close()
			return nil, err
		}
		x := get(id)
		x.Cases, x.Resolved, x.InVillage = n, resolved, inside
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	rows, err = db.QueryContext(ctx, `SELECT village_id, coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0),
		coalesce(sum(deadline < ?1), 0) FROM cases WHERE `+cardWhere+` GROUP BY village_id`, cardArgs...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var yellow, red int
		if err := rows.Scan(&id, &yellow, &red); err != nil {
			rows.Close()
			return nil, err
		}
		if yellow+red > 0 {
			x := get(id)
			x.Yellow, x.Red = yellow, red
		}
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	// The names, in pinyin order (a case outside any village, or of a village deleted, comes last).
	rows, err = db.QueryContext(ctx, `SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY name COLLATE `+store.Pinyin)
	if err != nil {
		return nil, err
	}
	out := make([]VillageTally, 0, len(order))
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, err
		}
		if x := byID[id]; x != nil {
			x.Village = name
			out = append(out, *x)
			delete(byID, id)
		}
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	for _, id := range order {
		if x := byID[id]; x != nil {
			out = append(out, *x)
		}
	}
	return out, nil
}

func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	rows.Close()
	return err
}

// handlerCards counts each handler's open cases and their cards today: those with a card, most red
// first.
func (s *Service) handlerCards(ctx context.Context, cardWhere string, cardArgs []any) ([]HandlerCards, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT handler, count(*) n,
		coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0) yellow, coalesce(sum(deadline < ?1), 0) red
		FROM cases WHERE `+cardWhere+` GROUP BY handler HAVING yellow + red > 0
		ORDER BY red DESC, yellow DESC, handler COLLATE `+store.Pinyin, cardArgs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []HandlerCards{}
	for rows.Next() {
		var x HandlerCards
		if err := rows.Scan(&x.Handler, &x.Open, &x.Yellow, &x.Red); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// visitsHeld counts the visits made from from to to (withdrawn ones are tombstoned), of a village or all.
func (s *Service) visitsHeld(ctx context.Context, from, to, villageID string) (int, error) {
	q := `SELECT count(*) FROM visits v`
	conds := []string{"v.deleted_at IS NULL"}
	var args []any
	if villageID != "" {
		q += ` JOIN households h ON h.id = v.household_id`
		conds = append(conds, "h.village_id = ?")
		args = append(args, villageID)
	}
	if from != "" {
		conds = append(conds, "v.visit_date >= ?")
		args = append(args, from)
	}
	if to != "" {
		conds = append(conds, "v.visit_date <= ?")
		args = append(args, to)
	}
	var n int
	err := s.db.SQL().QueryRowContext(ctx, q+` WHERE `+strings.Join(conds, " AND "), args...).Scan(&n)
	return n, err
}
