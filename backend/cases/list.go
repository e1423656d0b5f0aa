package cases

import (
	"context"
	"strings"
	"unicode/utf8"

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
	where, args, err := s.where(ctx, q, st)
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
	p := Page{Items: []Case{}}
	db := s.db.SQL()
	sp, err := q.count(ctx, db, order, where, args)
	if err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	p.Total = sp.total
	offset := max(q.Offset, 0)
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
	if len(ids) == 0 {
		return p, nil
	}
	marks := strings.Repeat(", ?", len(ids))[2:]
	rows, err := db.QueryContext(ctx, `SELECT rowid, `+caseColumns+` FROM cases WHERE rowid IN (`+marks+`)`, ids...)
	if err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	defer rows.Close()
	today := s.db.Today().Format(dateLayout)
	byRow := make(map[int64]Case, len(ids))
	for rows.Next() {
		var rowid int64
		c, err := scanCase(prefixed{rows, &rowid})
		if err != nil {
			return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
		}
		c.supervise(today, st)
		byRow[rowid] = c
	}
	if err := rows.Err(); err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "读取民情列表失败")
	}
	for _, id := range ids {
		if c, ok := byRow[id.(int64)]; ok {
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

// where builds the condition of a query as of today.
func (s *Service) where(ctx context.Context, q Query, st Settings) (string, []any, error) {
	today := s.db.Today()
	conds := []string{"deleted_at IS NULL"}
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
		return "", nil, errs.Field("state", "没有“%s”这种状态", st)
	}
	eq("category", q.Category)
	eq("source", q.Source)
	eq("level", q.Level)
	eq("handler", q.Handler)
	eq("village_id", q.VillageID)
	period, pargs, err := periodConds(q.From, q.To)
	if err != nil {
		return "", nil, err
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
		return "", nil, errs.Field("card", "没有“%s”这种督办标记", q.Card)
	}
	text, targs, err := s.textConds(ctx, q.Text)
	if err != nil {
		return "", nil, err
	}
	if len(text) > 0 {
		// Words pick a few thousand cases at most, through the full-text index and the cases' ids. A
		// filter on a column that only the lists' indexes begin with (migration 0028: a category
		// picks tens of thousands) is kept off them with a unary +: SQLite's planner, with no
		// statistics, would read all it picks row by row instead. The open states, a period and a
		// village keep their indexes (0014, 0017), which the planner rightly prefers when they
		// pick fewer than the words.
		for i, c := range conds {
			for _, col := range []string{"category", "source", "level", "handler"} {
				if strings.HasPrefix(c, col+" = ") {
					conds[i] = "+" + c
				}
			}
		}
	}
	conds, args = append(conds, text...), append(args, targs...)
	return strings.Join(conds, " AND "), args, nil
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

// searchColumns are the text a case is found by, with the names of its parties (the same as the
// index of migrations 0015 and 0022).
var searchColumns = []string{"number", "summary", "description", "location", "person_name"}

// textConds are the conditions that find the words of text, each a substring of a case's text,
// through the full-text index (FTS5 trigram, migration 0015): one MATCH of all the words. A word of
// three characters or more is a phrase; a shorter one is found through the trigrams that begin with
// it (every character of the text begins one), read from the index's vocabulary. A word so common
// that it begins more than maxPrefixTerms trigrams is matched with LIKE instead, on the cases the
// other conditions leave.
func (s *Service) textConds(ctx context.Context, text string) ([]string, []any, error) {
	var conds, match []string
	var args []any
	for _, w := range strings.Fields(text) {
		if utf8.RuneCountInString(w) >= 3 {
			match = append(match, quote(w))
			continue
		}
		terms, err := s.termsFrom(ctx, strings.ToLower(w))
		if err != nil {
			return nil, nil, err
		}
		switch {
		case len(terms) == 0:
			return []string{"0"}, nil, nil // in no case's text
		case len(terms) <= maxPrefixTerms:
			for i := range terms {
				terms[i] = quote(terms[i])
			}
			match = append(match, "("+strings.Join(terms, " OR ")+")")
			continue
		}
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(w) + "%"
		var ors []string
		for _, col := range searchColumns {
			ors = append(ors, col+` LIKE ? ESCAPE '\'`)
			args = append(args, like)
		}
		ors = append(ors, `id IN (SELECT case_id FROM case_parties WHERE name LIKE ? ESCAPE '\' AND deleted_at IS NULL)`)
		args = append(args, like)
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(match) > 0 {
		conds = append(conds, `id IN (SELECT case_id FROM case_search_keys WHERE k IN
			(SELECT rowid FROM case_search WHERE case_search MATCH ?))`)
		args = append(args, strings.Join(match, " AND "))
	}
	return conds, args, nil
}

// maxPrefixTerms bounds the trigrams a short word is looked up by.
var maxPrefixTerms = 3000

// termsFrom lists the index's trigrams that begin with prefix, up to one more than maxPrefixTerms.
func (s *Service) termsFrom(ctx context.Context, prefix string) ([]string, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT term FROM case_search_vocab WHERE term >= ? AND term < ? LIMIT ?`,
		prefix, prefix+string(utf8.MaxRune), maxPrefixTerms+1)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "查找民情失败")
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "查找民情失败")
		}
		terms = append(terms, t)
	}
	return terms, rows.Err()
}

// quote is s as an FTS5 string: in double quotes, its own doubled.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
