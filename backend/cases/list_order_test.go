package cases_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/store"
)

// listed is what a page's order is checked by: a case's columns as the list sorts and filters them.
type listed struct {
	id, number, state, category, source, level, handler, registeredOn, deadline, summary string
}

// Every page of the 民情 list, whichever way it is read (an index walked from either end, by groups of
// a column's values, or a sort), is the page of the same cases filtered and sorted here in Go: for
// each filter, each order both ways, and pages from the first to past the last.
func TestListPagesInEveryOrder(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	categories := []string{"民生诉求", "矛盾纠纷", "政策咨询", "环境卫生", "其他"}
	handlers := []string{"", "张伟", "李娜", "王芳", "阿依古丽", "Wang Fang", "长江组"}
	summaries := []string{"自来水管破裂", "宅基地界址纠纷", "重庆务工人员返乡", "村道塌方", "低保复核", "2号路灯不亮", "安全隐患排查", "耕地撂荒"}
	err := db.Write(ctx, func(tx *store.Tx) error {
		for i := range 700 {
			// Dates go with the numbers for the first half (a period lies together in their order)
			// and are scattered after.
			on := day("2024-01-02").AddDate(0, 0, i)
			if i >= 350 {
				on = day("2024-01-02").AddDate(0, 0, (i*389)%1000)
			}
			in := cases.Input{Source: cases.Sources[i%len(cases.Sources)], Category: categories[(i*i)%len(categories)],
				Summary: summaries[(i/3)%len(summaries)], PersonName: "杨秀英", Level: cases.Levels[i%4],
				Handler: handlers[(i/2)%len(handlers)], RegisteredOn: on.Format("2006-01-02")}
			if i%23 == 0 {
				in.Category = "安全隐患" // a rare one
			}
			id, _, err := cases.RegisterIn(tx, in)
			if err != nil {
				return err
			}
			var steps []string
			switch i % 6 {
			case 1:
				steps = []string{cases.ActAccept}
			case 2:
				steps = []string{cases.ActAccept, cases.ActStart}
			case 3:
				steps = []string{cases.ActAccept, cases.ActStart, cases.ActResolve}
			case 4:
				steps = []string{cases.ActReject}
			case 5:
				steps = []string{cases.ActAccept, cases.ActStart, cases.ActResolve, cases.ActFollowUp, cases.ActArchive}
			}
			for _, a := range steps {
				st := cases.Step{Action: a, Note: "按规定办理"}
				if a == cases.ActFollowUp {
					st.Satisfaction = "满意"
				}
				if a == cases.ActStart {
					st.Handler = "蓝建国"
				}
				if a == cases.ActResolve && in.Category == "矛盾纠纷" {
					st.Mediation = "调解成功"
				}
				if err := cases.ActIn(tx, id, st); err != nil {
					return fmt.Errorf("case %d %s: %w", i, a, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var all []listed
	rows, err := db.SQL().Query(`SELECT id, number, state, category, source, level, handler, registered_on, deadline, summary
		FROM cases WHERE deleted_at IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c listed
		if err := rows.Scan(&c.id, &c.number, &c.state, &c.category, &c.source, &c.level, &c.handler, &c.registeredOn, &c.deadline, &c.summary); err != nil {
			t.Fatal(err)
		}
		all = append(all, c)
	}
	rows.Close()

	open := func(c listed) bool { return cases.IsOpen(c.state) }
	filters := []struct {
		q    cases.Query
		pick func(listed) bool
	}{
		{cases.Query{}, func(listed) bool { return true }},
		{cases.Query{Category: "矛盾纠纷"}, func(c listed) bool { return c.category == "矛盾纠纷" }},
		{cases.Query{Category: "安全隐患"}, func(c listed) bool { return c.category == "安全隐患" }},
		{cases.Query{Handler: "李娜"}, func(c listed) bool { return c.handler == "李娜" }},
		{cases.Query{Level: "组"}, func(c listed) bool { return c.level == "组" }},
		{cases.Query{Source: "电话"}, func(c listed) bool { return c.source == "电话" }},
		{cases.Query{State: cases.StateArchived}, func(c listed) bool { return c.state == cases.StateArchived }},
		{cases.Query{State: "open"}, open},
		{cases.Query{Card: cases.CardRed}, func(c listed) bool { return open(c) && c.deadline < "2026-11-27" }},
		{cases.Query{From: "2024-03-01", To: "2024-06-30"}, func(c listed) bool { return c.registeredOn >= "2024-03-01" && c.registeredOn <= "2024-06-30" }},
		{cases.Query{Category: "民生诉求", From: "2024-02-01", To: "2025-01-31"}, func(c listed) bool {
			return c.category == "民生诉求" && c.registeredOn >= "2024-02-01" && c.registeredOn <= "2025-01-31"
		}},
		{cases.Query{Handler: "王芳", State: "open"}, func(c listed) bool { return c.handler == "王芳" && open(c) }},
		{cases.Query{Text: "纠纷", Category: "矛盾纠纷"}, func(c listed) bool { return strings.Contains(c.summary, "纠纷") && c.category == "矛盾纠纷" }},
	}
	pinyin := func(f func(listed) string) func(a, b listed) int {
		return func(a, b listed) int { return store.ComparePinyin(f(a), f(b)) }
	}
	rank := func(values []string, f func(listed) string) func(a, b listed) int {
		return func(a, b listed) int { return slices.Index(values, f(a)) - slices.Index(values, f(b)) }
	}
	plain := func(f func(listed) string) func(a, b listed) int {
		return func(a, b listed) int { return strings.Compare(f(a), f(b)) }
	}
	orders := map[string]func(a, b listed) int{
		"number":       plain(func(c listed) string { return c.number }),
		"registeredOn": plain(func(c listed) string { return c.registeredOn }),
		"deadline":     plain(func(c listed) string { return c.deadline }),
		"summary":      pinyin(func(c listed) string { return c.summary }),
		"category":     pinyin(func(c listed) string { return c.category }),
		"handler":      pinyin(func(c listed) string { return c.handler }),
		"source":       pinyin(func(c listed) string { return c.source }),
		"state":        rank(cases.States, func(c listed) string { return c.state }),
		"level":        rank(cases.Levels, func(c listed) string { return c.level }),
	}
	for _, factor := range []int{0, 15, 1 << 30} { // always sorted; as shipped; always walked
		restore := cases.SetSortFactor(factor)
		for _, f := range filters {
			var want []listed
			for _, c := range all {
				if f.pick(c) {
					want = append(want, c)
				}
			}
			if len(want) == 0 {
				t.Fatalf("%+v picks no case: the test data do not cover it", f.q)
			}
			for sortBy, compare := range orders {
				for _, desc := range []bool{false, true} {
					q := f.q
					q.Sort, q.Desc = sortBy, desc
					sorted := slices.Clone(want)
					slices.SortFunc(sorted, func(a, b listed) int {
						c := cmp.Or(compare(a, b), strings.Compare(a.number, b.number))
						if desc {
							return -c
						}
						return c
					})
					for _, at := range []struct{ offset, limit int }{{0, 50}, {50, 50}, {len(want) / 2, 7},
						{max(len(want)-60, 0), 50}, {max(len(want)-5, 0), 50}, {len(want), 50}} {
						q.Offset, q.Limit = at.offset, at.limit
						p, err := s.List(ctx, q)
						if err != nil {
							t.Fatalf("%+v: %v", q, err)
						}
						if p.Total != len(want) {
							t.Fatalf("factor %d %+v: total %d, want %d", factor, q, p.Total, len(want))
						}
						end := min(at.offset+at.limit, len(sorted))
						var got, exp []string
						for _, c := range p.Items {
							got = append(got, c.Number)
						}
						for _, c := range sorted[min(at.offset, end):end] {
							exp = append(exp, c.number)
						}
						if !slices.Equal(got, exp) {
							t.Fatalf("factor %d %+v:\n got  %v\n want %v", factor, q, got, exp)
						}
					}
				}
			}
		}
		restore()
	}
	// The newest first when no order is asked for.
	p, err := s.List(ctx, cases.Query{Limit: 3})
	if err != nil || len(p.Items) != 3 || p.Items[0].RegisteredOn < p.Items[1].RegisteredOn {
		t.Fatalf("default order: %+v %v", p.Items, err)
	}
}
