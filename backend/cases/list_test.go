package cases_test

import (
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Lists: words of one, two, three and more characters find the cases that contain them, filters
// combine, cards pick the overdue and nearly due, tombstoned cases never appear, and the order
// follows the column asked for.
func TestListFindsAndFilters(t *testing.T) {
	s, db, clock := open(t, day("2026-11-02"))
	reg := func(category, summary, description, person string) string {
		t.Helper()
		id, _, err := s.Register(ctx, cases.Input{Source: "来访", Category: category, Summary: summary, Description: description, PersonName: person})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	water := reg("民生诉求", "自来水管破裂", "三户停水两天", "杨秀英")
	land := reg("矛盾纠纷", "宅基地界址纠纷", "两家为围墙位置争执", "龙大海")
	road := reg("基础设施", "村道塌方", "雨后路基下沉，影响通行", "吴长生")
	policy := reg("政策咨询", "咨询养老保险缴费", "", "杨秀英")
	if err := s.Act(ctx, road, cases.Step{Action: cases.ActAccept}); err != nil {
		t.Fatal(err)
	}
	ids := func(q cases.Query) []string {
		t.Helper()
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range p.Items {
			out = append(out, c.ID)
		}
		if p.Total != len(out) {
			t.Fatalf("%+v: total %d, listed %d", q, p.Total, len(out))
		}
		return out
	}
	same := func(what string, got []string, want ...string) {
		t.Helper()
		m := map[string]bool{}
		for _, id := range got {
			m[id] = true
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d cases, want %d", what, len(got), len(want))
		}
		for _, id := range want {
			if !m[id] {
				t.Fatalf("%s: a case is missing", what)
			}
		}
	}
	same("水", ids(cases.Query{Text: "水"}), water)
	same("纠纷", ids(cases.Query{Text: "纠纷"}), land)
	same("养老保险", ids(cases.Query{Text: "养老保险"}), policy)
	same("杨秀英", ids(cases.Query{Text: "杨秀英"}), water, policy)
	same("杨秀英 停水", ids(cases.Query{Text: "杨秀英 停水"}), water)
	same("100%", ids(cases.Query{Text: "100%"}))
	same("open 基础设施", ids(cases.Query{State: "open", Category: "基础设施"}), road)
	same("受理", ids(cases.Query{State: cases.StateAccepted}), road)
	same("by number", ids(cases.Query{Text: "丹口-2026-0002"}), land)

	// Deadlines: 政策咨询 3 working days (11月5日), 民生诉求 7 (11月11日), 基础设施 and 矛盾纠纷 15.
	clock.Set(day("2026-11-05"))
	same("yellow on 11月5日", ids(cases.Query{Card: cases.CardYellow}), policy)
	clock.Set(day("2026-11-10"))
	same("red on 11月10日", ids(cases.Query{Card: cases.CardRed}), policy)
	same("yellow on 11月10日", ids(cases.Query{Card: cases.CardYellow}), water)
	same("cards on 11月10日", ids(cases.Query{Card: "cards"}), policy, water)
	c, err := s.Supervision(ctx)
	if err != nil || c != (cases.Counts{Open: 4, Yellow: 1, Red: 1}) {
		t.Fatalf("supervision %+v %v", c, err)
	}

	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("cases", policy) }); err != nil {
		t.Fatal(err)
	}
	same("tombstoned", ids(cases.Query{Text: "杨秀英"}), water)
	if c, _ := s.Supervision(ctx); c.Open != 3 || c.Red != 0 {
		t.Fatalf("a tombstoned case is counted: %+v", c)
	}

	p, err := s.List(ctx, cases.Query{Sort: "summary"})
	var summaries []string
	for _, c := range p.Items {
		summaries = append(summaries, c.Summary)
	}
	if err != nil || len(summaries) != 3 || summaries[0] != "村道塌方" || summaries[1] != "宅基地界址纠纷" || summaries[2] != "自来水管破裂" {
		t.Fatalf("by summary in pinyin: %v %v", summaries, err)
	}
	for _, q := range []cases.Query{{Sort: "id; DROP TABLE cases"}, {State: "办完"}, {Card: "蓝牌"}, {From: "11月1日"}} {
		if _, err := s.List(ctx, q); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("%+v: %v", q, err)
		}
	}
}
