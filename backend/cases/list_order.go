package cases

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// listOrder is one order of the 民情 list: the column it sorts by (then the number) and the index that
// holds the cases in that order with every column a broad filter needs (migrations 0017 and 0028).
// A column of few values is grouped: its index is in code-point order, and its values are put in
// the list's order here (states as the loop runs them, levels up the ladder, text in pinyin).
type listOrder struct {
	col, index string
	values     []string // a grouped column's values in order, when they are fixed; else in pinyin
	grouped    bool
}

// listOrders are the orders a list can be asked for, by their names in a Query.
var listOrders = map[string]listOrder{
	"number":       {col: "number", index: "cases_by_number"},
	"registeredOn": {col: "registered_on", index: "cases_by_day"},
	"deadline":     {col: "deadline", index: "cases_by_deadline"},
	"summary":      {col: "summary", index: "cases_by_summary"},
	"state":        {col: "state", index: "cases_by_state", values: States, grouped: true},
	"level":        {col: "level", index: "cases_by_level", values: Levels, grouped: true},
	"source":       {col: "source", index: "cases_by_source", grouped: true},
	"category":     {col: "category", index: "cases_by_category", grouped: true},
	"handler":      {col: "handler", index: "cases_by_handler", grouped: true},
}

// orderOf returns the order q asks for and whether it runs downwards: the newest first when it asks
// for none. Code invalid for an unknown one.
func orderOf(q Query) (listOrder, bool, error) {
	if q.Sort == "" {
		return listOrders["registeredOn"], true, nil
	}
	o, ok := listOrders[q.Sort]
	if !ok {
		return listOrder{}, false, errs.Field("sort", "民情列表不能按“%s”排序", q.Sort)
	}
	return o, q.Desc, nil
}

// by is the ORDER BY clause of o, downwards when desc: the column, then the number.
func (o listOrder) by(desc bool) string {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	col := o.col
	switch {
	case o.values != nil:
		col = "CASE " + col
		for i, v := range o.values {
			col += " WHEN '" + v + "' THEN " + strconv.Itoa(i)
		}
		col += " END"
	case o.grouped || o.col == "summary":
		col += " COLLATE " + store.Pinyin
	}
	return col + dir + ", number" + dir
}

// compare orders two values of a grouped column as by does.
func (o listOrder) compare(a, b string) int {
	if o.values != nil {
		return slices.Index(o.values, a) - slices.Index(o.values, b)
	}
	return store.ComparePinyin(a, b)
}

// broad reports whether every condition of q is on a column the order indexes hold (words and the
// village are not: they pick few cases and have indexes of their own).
func (q Query) broad() bool {
	return strings.TrimSpace(q.Text) == "" && strings.TrimSpace(q.VillageID) == ""
}

// filtered reports whether q has any condition.
func (q Query) filtered() bool { return q.countIndex() != "cases_open" }

// pinned returns the columns q picks one value of, among those an order sorts by (one category, one
// handler, …): sorting by such a column is sorting by number.
func (q Query) pinned() map[string]bool {
	out := map[string]bool{}
	for col, v := range map[string]string{"category": q.Category, "handler": q.Handler, "level": q.Level, "source": q.Source} {
		out[col] = strings.TrimSpace(v) != ""
	}
	st := strings.TrimSpace(q.State)
	out["state"] = st != "" && st != "open" && q.Card == ""
	return out
}

// allows reports whether q may pick a case whose column col holds v: a walk in the order of states
// passes over the states the query leaves out rather than count each of their cases only to find none.
func (q Query) allows(col, v string) bool {
	if col != "state" {
		return true
	}
	switch st := strings.TrimSpace(q.State); {
	case q.Card == CardFollowUp:
		return v == StateResolved && (st == "" || st == v)
	case q.Card != "" || st == "open":
		return IsOpen(v) && (st == "" || st == "open" || st == v)
	}
	return true
}

// countIndex names the index the cases a broad query picks are counted (and, when few, sorted) from:
// the one that begins with its most selective condition, else the narrowest that holds every live
// case. Each holds every column a broad query filters by. SQLite's planner, with no statistics of
// the tables, chose worse (a whole wide index, or the table row by row: 70–600 ms on a county).
// A village's few hundred cases are read from its own index; words are left to the planner ("").
func (q Query) countIndex() string {
	switch {
	case strings.TrimSpace(q.Text) != "":
		return ""
	case strings.TrimSpace(q.VillageID) != "":
		return "cases_village"
	case strings.TrimSpace(q.Handler) != "":
		return "cases_by_handler"
	case strings.TrimSpace(q.Category) != "":
		return "cases_by_category"
	case strings.TrimSpace(q.Level) != "":
		return "cases_by_level"
	case strings.TrimSpace(q.Source) != "":
		return "cases_by_source"
	case strings.TrimSpace(q.State) != "" || q.Card != "":
		return "cases_by_state"
	case strings.TrimSpace(q.From) != "" || strings.TrimSpace(q.To) != "":
		return "cases_by_day"
	}
	return "cases_open" // (state, deadline) of every live case, open or not: the narrowest
}

// indexedBy is the INDEXED BY clause for index, or nothing for "".
func indexedBy(index string) string {
	if index == "" {
		return ""
	}
	return " INDEXED BY " + index
}

// sortFactor weighs sorting the cases a query picks against walking an order's index: sorting a case
// costs about as much as reading this many index entries (measured on the county demo: make bench,
// case_list_page_p95_ms). A broad query is walked when sorting what it picks would cost more than
// reading the whole index, the most a walk can read.
var sortFactor = 15

// sortCost is sortFactor for a list in order o. Sorting by 反映事项 costs more: no index a query is
// counted from holds it, so each case is read from the table, and it is compared in pinyin.
func (o listOrder) sortCost() int {
	if o.col == "summary" {
		return 5 * sortFactor
	}
	return sortFactor
}

// span is what a broad query picks: how many cases, and the least and greatest value among them of
// the column a walk in the order runs along (the number, within the values of a grouped order). A
// walk is kept between them: a filter that goes with the order (a period, with the numbers or the
// deadlines; a handler who has left, with the dates) picks cases that lie together in it, and the
// walk then starts where they do instead of reading all those before.
type span struct {
	total    int
	min, max sql.NullString
}

// along is the column a walk in order o runs along, and that bounds it: "" for text in pinyin, whose
// least and greatest would be found by the collation, case by case.
func (o listOrder) along() string {
	switch {
	case o.grouped:
		return "number"
	case o.col == "summary":
		return ""
	}
	return o.col
}

// count reads the span of a query whose condition is where, for a list in order o (pinned: as it is
// walked).
func (q Query) count(ctx context.Context, db *sql.DB, o listOrder, where string, args []any) (span, error) {
	var sp span
	from := `FROM cases` + indexedBy(q.countIndex()) + ` WHERE ` + where
	if col := o.along(); col != "" && q.broad() && q.filtered() {
		err := db.QueryRowContext(ctx, `SELECT count(*), min(`+col+`), max(`+col+`) `+from, args...).Scan(&sp.total, &sp.min, &sp.max)
		return sp, err
	}
	err := db.QueryRowContext(ctx, `SELECT count(*) `+from, args...).Scan(&sp.total)
	return sp, err
}

// page is how a list's page is read: limit rows from offset in order (downwards when desc), from the
// table through an index; reversed when it is read from the far end of the order and turned round.
type page struct {
	q              Query
	order          listOrder
	desc, reversed bool
	offset, limit  int
	walk           bool
	from           string // the table and its index
	where          string
	args           []any
}

// walked is the order a list in order o is walked in: by number when q picks one value of its column.
func (q Query) walked(o listOrder) listOrder {
	if q.pinned()[o.col] {
		return listOrders["number"]
	}
	return o
}

// plan decides how the page of a query is read, in order (as walked). A broad query (no words, no
// village) is walked along the order's index from whichever end is nearer the page, kept within the
// span of what it picks, when sorting all it picks would cost more than a whole walk; else it is
// sorted, read from the index it was counted from (words: as SQLite's planner sees fit). all is
// about how many live cases there are.
func (q Query) plan(order listOrder, desc bool, sp span, all, offset, limit int, where string, args []any) page {
	p := page{q: q, order: order, desc: desc, offset: offset, limit: limit, from: "cases" + indexedBy(q.countIndex()), where: where, args: args}
	if !q.broad() || sp.total*order.sortCost() <= all {
		return p
	}
	p.walk, p.from = true, "cases"+indexedBy(order.index)
	if rest := sp.total - offset - limit; rest < offset {
		p.reversed, p.desc = true, !desc
		p.offset, p.limit = max(rest, 0), limit+min(rest, 0)
	}
	if col := order.along(); col != "" && sp.min.Valid {
		p.where += " AND " + col + " BETWEEN ? AND ?"
		p.args = append(slices.Clip(args), sp.min.String, sp.max.String)
	}
	return p
}

// rowids reads the rowids of the page's cases, in the list's order.
func (p page) rowids(ctx context.Context, db *sql.DB) ([]any, error) {
	var ids []any
	var err error
	if p.walk && p.order.grouped {
		ids, err = p.walkGroups(ctx, db)
	} else {
		ids, err = scanAll[any](db.QueryContext(ctx, `SELECT rowid FROM `+p.from+` WHERE `+p.where+` ORDER BY `+p.order.by(p.desc)+
			` LIMIT ? OFFSET ?`, append(slices.Clip(p.args), p.limit, p.offset)...))
	}
	if p.reversed {
		slices.Reverse(ids)
	}
	return ids, err
}

// walkGroups reads a page in a grouped order: the column's values (one index seek each) in the
// list's order, the page read within each by number, from the offset left after the values before. (Two values the pinyin collation holds equal stay in code-point
// order, where a sort would mix their cases by number.)
func (p page) walkGroups(ctx context.Context, db *sql.DB) ([]any, error) {
	col, from := p.order.col, p.from
	values, err := scanAll[string](db.QueryContext(ctx, `WITH RECURSIVE v(x) AS (
			SELECT min(`+col+`) FROM `+from+` WHERE deleted_at IS NULL
			UNION ALL SELECT (SELECT min(`+col+`) FROM `+from+` WHERE deleted_at IS NULL AND `+col+` > v.x) FROM v WHERE v.x IS NOT NULL)
		SELECT x FROM v WHERE x IS NOT NULL`))
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(values, p.order.compare)
	dir := " ASC"
	if p.desc {
		slices.Reverse(values)
		dir = " DESC"
	}
	in := p.where + " AND " + col + " = ?"
	skip, ids := p.offset, []any{}
	for _, v := range values {
		if !p.q.allows(col, v) {
			continue
		}
		// The page is looked for in the value first: the value that holds it, most often one of many
		// cases, is then read only as far as the page. One that turns out to end before it is counted.
		args := append(slices.Clip(p.args), v)
		got, err := scanAll[any](db.QueryContext(ctx, `SELECT rowid FROM `+from+` WHERE `+in+` ORDER BY number`+dir+` LIMIT ? OFFSET ?`,
			append(args, p.limit-len(ids), skip)...))
		if err != nil {
			return nil, err
		}
		if len(got) == 0 && skip > 0 {
			var n int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+from+` WHERE `+in, args...).Scan(&n); err != nil {
				return nil, err
			}
			skip -= min(n, skip)
			continue
		}
		ids, skip = append(ids, got...), 0
		if len(ids) >= p.limit {
			break
		}
	}
	return ids, nil
}

// scanAll reads the one column a query returns (rowids, as any, to be a query's arguments).
func scanAll[T any](rows *sql.Rows, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, v)
	}
	return out, closeRows(rows)
}
