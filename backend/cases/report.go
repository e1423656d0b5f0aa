package cases

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"sync"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
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
	Mediated   int            `json:"mediated"`   // of them, resolved with the parties agreeing (调解成功)
	Visits     int            `json:"visits"`     // visits held in the period (withdrawn ones aside)
	// Meetings held in the period: counted by backend/meetings, which builds on cases (cases cannot
	// ask it), and set by the caller before Tables or Document print them; nil leaves them out.
	Meetings *MeetingsHeld `json:"meetings,omitempty"`
}

// MeetingsHeld is how many meetings were held, and a note of them by kind.
type MeetingsHeld struct {
	Held int    `json:"held"`
	Note string `json:"note"` // e.g. 民情分析会 118 次，恳谈会 44 次
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
// Its reads are independent of each other and run side by side on the read pool; the period's
// breakdowns come from the month tables and the days of its partial months (report_months.go).
func (s *Service) Report(ctx context.Context, from, to, villageID string) (Report, error) {
	from, to, villageID = strings.TrimSpace(from), strings.TrimSpace(to), strings.TrimSpace(villageID)
	where, args, err := periodWhere(from, to, villageID)
	if err != nil {
		return Report{}, err
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return Report{}, err
	}
	today := s.db.Today()
	t, soon := today.Format(dateLayout), workday.Add(today, settings.YellowDays).Format(dateLayout)
	cardWhere, cardArgs := "deleted_at IS NULL AND "+openSQL, []any{t, soon}
	if villageID != "" {
		cardWhere += " AND village_id = ?3"
		cardArgs = append(cardArgs, villageID)
	}
	db := s.db.SQL()

	r := Report{Stats: Stats{From: from, To: to}, VillageID: villageID}
	var kinds []kindCount
	var places []placeCount
	var villageCards map[string][2]int
	var fails [7]error
	var wg sync.WaitGroup
	wg.Go(func() { kinds, fails[0] = s.kindCounts(ctx, days{from, to}, villageID) })
	wg.Go(func() { places, fails[1] = s.placeCounts(ctx, days{from, to}, villageID) })
	wg.Go(func() {
		fails[2] = db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0),
			coalesce(sum(deadline < ?1), 0) FROM cases WHERE `+cardWhere, cardArgs...).
			Scan(&r.Cards.Open, &r.Cards.Yellow, &r.Cards.Red)
	})
	wg.Go(func() { villageCards, fails[3] = s.villageCards(ctx, cardWhere, cardArgs) })
	wg.Go(func() { r.ByHandler, fails[4] = s.handlerCards(ctx, cardWhere, cardArgs) })
	wg.Go(func() { r.Visits, fails[5] = grid.NewService(s.db, nil).VisitsHeld(ctx, from, to, villageID) })
	wg.Go(func() { r.Mediated, fails[6] = s.mediated(ctx, where, args) })
	wg.Wait()
	if err := errors.Join(fails[:]...); err != nil {
		return Report{}, errs.Wrap(err, errs.Internal, "统计民情失败")
	}
	r.ByState, r.ByCategory, r.BySource = addKinds(&r.Stats, kinds)
	var villages []VillageTally
	r.ByMonth, villages = addPlaces(places)
	if r.ByVillage, err = s.namedVillages(ctx, villages, villageCards); err != nil {
		return Report{}, errs.Wrap(err, errs.Internal, "统计民情失败")
	}
	for _, x := range r.ByCategory {
		if x.Name == CategoryDispute {
			r.Disputes = x.Cases
		}
	}
	return r, nil
}

// mediated counts the disputes of the period whose mediation succeeded (调解成功), from the index
// cases_mediated (migration 0021), which holds those rows only.
func (s *Service) mediated(ctx context.Context, where string, args []any) (int, error) {
	var n int
	err := s.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM cases INDEXED BY cases_mediated WHERE `+where+`
		AND mediation = '`+MediationAgreed+`' AND category = '`+CategoryDispute+`'`, args...).Scan(&n)
	return n, err
}

// byDay is the table the statistics of days read: for the whole office, the index cases_by_day alone,
// which holds every column they count (migration 0017); for one village, as SQLite chooses.
func byDay(villageID string) string {
	if strings.TrimSpace(villageID) == "" {
		return "cases INDEXED BY cases_by_day"
	}
	return "cases"
}

// tallies adds up counts by name, keeping the order names first come in.
type tallies struct {
	list []Tally
	at   map[string]int
}

func (t *tallies) add(name string, n, resolved int) {
	if t.at == nil {
		t.at, t.list = map[string]int{}, []Tally{}
	}
	i, ok := t.at[name]
	if !ok {
		i = len(t.list)
		t.at[name] = i
		t.list = append(t.list, Tally{Name: name})
	}
	t.list[i].Cases += n
	t.list[i].Resolved += resolved
}

// mostFirst is the tallies with most cases first, then by name.
func (t *tallies) mostFirst() []Tally {
	out := append([]Tally{}, t.list...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Cases != out[j].Cases {
			return out[i].Cases > out[j].Cases
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// villageCards are the yellow and red cards of today by village, for villages with any.
func (s *Service) villageCards(ctx context.Context, cardWhere string, cardArgs []any) (map[string][2]int, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT village_id, coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0),
		coalesce(sum(deadline < ?1), 0) FROM cases WHERE `+cardWhere+` GROUP BY village_id`, cardArgs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][2]int{}
	for rows.Next() {
		var id string
		var yellow, red int
		if err := rows.Scan(&id, &yellow, &red); err != nil {
			return nil, err
		}
		if yellow+red > 0 {
			out[id] = [2]int{yellow, red}
		}
	}
	return out, rows.Err()
}

// namedVillages joins each village's figures of the period and its cards of today, names them and
// orders them by name in pinyin; villages with neither are left out, and a case outside any village,
// or of a village deleted, comes last.
func (s *Service) namedVillages(ctx context.Context, tallied []VillageTally, cards map[string][2]int) ([]VillageTally, error) {
	byID := map[string]*VillageTally{}
	var order []string
	get := func(id string) *VillageTally {
		if byID[id] == nil {
			byID[id] = &VillageTally{VillageID: id}
			order = append(order, id)
		}
		return byID[id]
	}
	for _, x := range tallied {
		*get(x.VillageID) = x
	}
	ids := make([]string, 0, len(cards))
	for id := range cards {
		ids = append(ids, id)
	}
	sort.Strings(ids) // a fixed order for villages with cards alone
	for _, id := range ids {
		x := get(id)
		x.Yellow, x.Red = cards[id][0], cards[id][1]
	}
	villages, err := grid.NewService(s.db, nil).VillageNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]VillageTally, 0, len(order))
	for _, v := range villages {
		if x := byID[v.ID]; x != nil {
			x.Village = v.Name
			out = append(out, *x)
			delete(byID, v.ID)
		}
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
