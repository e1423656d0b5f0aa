package cases

import (
	"context"
	"slices"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/workday"
)

// Query picks and orders cases for a list. Empty fields pick everything.
type Query struct {
	Text      string `json:"text"`      // words in the number, summary, description, place or person (not the handler: Handler)
	State     string `json:"state"`     // one of States, or "open" for 登记, 受理 and 办理中
	Card      string `json:"card"`      // CardYellow, CardRed, or "cards" for both
	Category  string `json:"category"`  //
	Source    string `json:"source"`    //
	Level     string `json:"level"`     //
	Handler   string `json:"handler"`   //
	VillageID string `json:"villageId"` //
	From      string `json:"from"`      // registered on or after (ISO)
	To        string `json:"to"`        // registered on or before (ISO)
	Sort      string `json:"sort"`      // a key of listOrders; "" for the newest first
	Desc      bool   `json:"desc"`      //
	Limit     int    `json:"limit"`     // 1–500; 0 for 50
	Offset    int    `json:"offset"`    //
}

// Page is one page of a list and how many cases the query picks in all.
type Page struct {
	Items []Case `json:"items"`
	Total int    `json:"total"`
}

// List returns a page of the cases the query picks, each with its card as of today.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return Page{}, err
	}
	filters, fargs, err := s.filters(q, st)
	if err != nil {
		return Page{}, err
	}
	w, err := s.words(ctx, q.Text)
	if err != nil {
		return Page{}, err
	}
	order, desc, err := orderOf(q)
	if err != nil {
		return Page{}, err
	}
	order = q.walked(order)
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	offset := max(q.Offset, 0)
	p := Page{Items: []Case{}}
	db := s.db.SQL()
	if w.indexed() {
		ids, total, err := wordsPage(ctx, db, w, filters, fargs, order, desc, offset, limit)
		if err != nil {
			return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
		}
		p.Total = total
		return s.fill(ctx, p, "id", ids, st)
	}
	where, args := onCases(filters, fargs, w)
	sp, err := q.count(ctx, db, order, where, args)
	if err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	p.Total = sp.total
	if offset >= p.Total {
		return p, nil
	}
	// The page in two steps: which rows (list_order.go: a walk of the order's index, or a sort),
	// then those rows whole; in one step the rows skipped by OFFSET, or sorted, would be read whole.
	var all int
	if q.broad() {
		if err := db.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM cases`).Scan(&all); err != nil {
			return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
		}
	}
	ids, err := q.plan(order, desc, sp, all, offset, limit, where, args).rowids(ctx, db)
	if err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	return s.fill(ctx, p, "rowid", ids, st)
}

// fill puts in p the cases whose col (rowid or id) is one of ids, in their order, each with its card
// as of today.
func (s *Service) fill(ctx context.Context, p Page, col string, ids []any, st Settings) (Page, error) {
	if len(ids) == 0 {
		return p, nil
	}
	marks := strings.Repeat(", ?", len(ids))[2:]
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+col+`, `+caseColumns+` FROM cases WHERE `+col+` IN (`+marks+`)`, ids...)
	if err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	defer rows.Close()
	today := s.db.Today().Format(dateLayout)
	byKey := make(map[any]Case, len(ids))
	for rows.Next() {
		var rowid int64
		var id string
		var key any = &rowid
		if col == "id" {
			key = &id
		}
		c, err := scanCase(prefixed{rows, key})
		if err != nil {
			return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
		}
		c.supervise(today, st)
		if col == "id" {
			byKey[id] = c
		} else {
			byKey[rowid] = c
		}
	}
	if err := rows.Err(); err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	for _, id := range ids {
		if c, ok := byKey[id]; ok {
			p.Items = append(p.Items, c)
		}
	}
	return p, nil
}

// prefixed scans one more column, before those of a case.
type prefixed struct {
	r     scanner
	first any
}

func (p prefixed) Scan(dest ...any) error { return p.r.Scan(append([]any{p.first}, dest...)...) }

// where builds the condition of a query as of today, on the cases.
func (s *Service) where(ctx context.Context, q Query, st Settings) (string, []any, error) {
	conds, args, err := s.filters(q, st)
	if err != nil {
		return "", nil, err
	}
	w, err := s.words(ctx, q.Text)
	if err != nil {
		return "", nil, err
	}
	where, args := onCases(conds, args, w)
	return where, args, nil
}

// onCases is the condition on the cases of a query's filters and its words.
func onCases(filters []string, args []any, w search) (string, []any) {
	text, targs := w.onCases()
	conds := append(append([]string{"deleted_at IS NULL"}, filters...), text...)
	return strings.Join(conds, " AND "), append(slices.Clip(args), targs...)
}

// filters are the conditions of a query as of today but its words, on columns the cases and their
// keys in the full-text index share (migration 0029).
func (s *Service) filters(q Query, st Settings) ([]string, []any, error) {
	today := s.db.Today()
	var conds []string
	var args []any
	eq := func(col, v string) {
		if v = strings.TrimSpace(v); v != "" {
			conds = append(conds, col+" = ?")
			args = append(args, v)
		}
	}
	switch st := strings.TrimSpace(q.State); {
	case st == "open":
		conds = append(conds, openSQL)
	case st == "" || contains(States, st):
		eq("state", st)
	default:
		return nil, nil, errs.Field("state", "没有“%s”这种状态", st)
	}
	for _, f := range []struct {
		field, label, v string
		all             []string
	}{{"source", "来源", q.Source, Sources}, {"level", "办理层级", q.Level, Levels}} {
		if v := strings.TrimSpace(f.v); v != "" && !contains(f.all, v) {
			return nil, nil, errs.Field(f.field, "没有“%s”这种%s（可选：%s）", v, f.label, strings.Join(f.all, "、"))
		}
	}
	eq("category", q.Category)
	eq("source", q.Source)
	eq("level", q.Level)
	eq("handler", q.Handler)
	eq("village_id", q.VillageID)
	period, pargs, err := periodConds(q.From, q.To)
	if err != nil {
		return nil, nil, err
	}
	conds, args = append(conds, period...), append(args, pargs...)
	t, soon := today.Format(dateLayout), workday.Add(today, st.YellowDays).Format(dateLayout)
	switch q.Card {
	case "":
	case CardRed:
		conds = append(conds, openSQL, "deadline < ?")
		args = append(args, t)
	case CardYellow:
		conds = append(conds, openSQL, "deadline >= ?", "deadline <= ?")
		args = append(args, t, soon)
	case "cards":
		conds = append(conds, openSQL, "deadline <= ?")
		args = append(args, soon)
	case CardFollowUp:
		conds = append(conds, "state = ?", "resolved_on < ?")
		args = append(args, StateResolved, followUpCutoff(today, st.FollowUpDays))
	default:
		return nil, nil, errs.Field("card", "没有“%s”这种督办标记", q.Card)
	}
	return conds, args, nil
}

// Counts are the figures of supervision: open cases, and those with a yellow or a red card.
type Counts struct {
	Open   int `json:"open"`
	Yellow int `json:"yellow"`
	Red    int `json:"red"`
	// Resolved cases waiting for their follow-up (回访), and those of them past its window.
	Awaiting int `json:"awaiting"`
	FollowUp int `json:"followUp"`
}

// Supervision counts the open cases and their cards as of today, and the resolved ones waiting for
// their follow-up.
func (s *Service) Supervision(ctx context.Context) (Counts, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return Counts{}, err
	}
	today := s.db.Today()
	t, soon := today.Format(dateLayout), workday.Add(today, st.YellowDays).Format(dateLayout)
	var c Counts
	err = s.db.SQL().QueryRowContext(ctx, `SELECT count(*), coalesce(sum(deadline >= ?1 AND deadline <= ?2), 0),
		coalesce(sum(deadline < ?1), 0) FROM cases WHERE deleted_at IS NULL AND `+openSQL,
		t, soon).Scan(&c.Open, &c.Yellow, &c.Red)
	if err != nil {
		return Counts{}, errs.Wrap(err, errs.Internal, "读取民情督办情况失败")
	}
	err = s.db.SQL().QueryRowContext(ctx, `SELECT count(*), coalesce(sum(resolved_on < ?), 0) FROM cases
		WHERE deleted_at IS NULL AND state = ?`, followUpCutoff(today, st.FollowUpDays), StateResolved).Scan(&c.Awaiting, &c.FollowUp)
	if err != nil {
		return Counts{}, errs.Wrap(err, errs.Internal, "读取民情督办情况失败")
	}
	return c, nil
}
