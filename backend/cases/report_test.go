package cases_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster/sheet"
)

// The 统计 screen's breakdowns on a fixture counted by hand: two villages (白水 and 丹口, 白水 first
// in pinyin), November's cases by state, category, source and month, each village's cases, those
// resolved inside it and its cards today, each handler's cards, and the visits of the period.
func TestReportBreaksDownByHand(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	g := grid.NewService(db, nil)
	village := func(name string) (string, string) {
		t.Helper()
		vid, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		parent := vid
		for _, lv := range []grid.Level{grid.LevelPiece, grid.LevelGroup, grid.LevelNeighbourhood} {
			if parent, err = g.CreateNode(ctx, grid.NodeInput{Level: lv, ParentID: parent, Name: "第一" + string(lv)}); err != nil {
				t.Fatal(err)
			}
		}
		hh, err := g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: parent, Address: "1号"})
		if err != nil {
			t.Fatal(err)
		}
		return vid, hh
	}
	dankou, dkHome := village("丹口村")
	baishui, bsHome := village("白水村")
	reg := func(vid, hh, on, category, source, handler string) string {
		t.Helper()
		id, _, err := s.Register(ctx, cases.Input{Source: source, Category: category, Summary: "事项", VillageID: vid,
			HouseholdID: hh, RegisteredOn: on, Handler: handler})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	do := func(id string, steps ...cases.Step) {
		t.Helper()
		for _, st := range steps {
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatalf("%s: %v", st.Action, err)
			}
		}
	}
	resolve := func(on, mediation string) []cases.Step {
		return []cases.Step{{Action: cases.ActAccept, Date: on}, {Action: cases.ActStart, Handler: "蓝建国", Date: on},
			{Action: cases.ActResolve, Note: "已办", Mediation: mediation, Date: on}}
	}
	// 丹口: a dispute mediated in the village (调解成功); a policy question open with 杨明 (3 working days
	// from 11月2日: 11月5日); a 民生诉求 in October resolved at the township; a dispute in October whose
	// mediation failed (调解不成): resolved, not mediated.
	d1 := reg(dankou, dkHome, "2026-11-02", "矛盾纠纷", "走访", "")
	do(d1, resolve("2026-11-03", cases.MediationAgreed)...)
	d4 := reg(dankou, dkHome, "2026-10-21", "矛盾纠纷", "来访", "")
	do(d4, resolve("2026-10-22", cases.MediationFailed)...)
	reg(dankou, dkHome, "2026-11-02", "政策咨询", "来访", "杨明")
	d3 := reg(dankou, dkHome, "2026-10-20", "民生诉求", "电话", "")
	do(d3, cases.Step{Action: cases.ActAccept, Date: "2026-10-20"}, cases.Step{Action: cases.ActEscalate, Level: "乡镇", Note: "需乡里协调", Date: "2026-10-21"},
		cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: "2026-10-21"}, cases.Step{Action: cases.ActResolve, Note: "已办", Date: "2026-10-23"})
	// 白水: a dispute turned away; an 政策咨询 open with 杨明 from 11月3日 (due 11月6日), one with 龙秀兰
	// from 11月25日 (due 11月30日).
	b1 := reg(baishui, bsHome, "2026-11-03", "矛盾纠纷", "走访", "")
	do(b1, cases.Step{Action: cases.ActReject, Note: "不属受理范围", Date: "2026-11-03"})
	reg(baishui, bsHome, "2026-11-03", "政策咨询", "走访", "杨明")
	reg(baishui, bsHome, "2026-11-25", "政策咨询", "来访", "龙秀兰")
	for _, v := range []struct{ hh, on string }{{dkHome, "2026-11-02"}, {dkHome, "2026-10-30"}, {bsHome, "2026-11-10"}} {
		if _, err := g.RecordVisit(ctx, grid.VisitInput{HouseholdID: v.hh, VisitorName: "杨明", Date: v.on, Form: "入户", Findings: "家中一切正常"}); err != nil {
			t.Fatal(err)
		}
	}
	// Today (the clock) is 11月27日 (a Friday): 杨明's two are red, 龙秀兰's is not yet due (11月30日 is the next
	// working day: yellow).

	r, err := s.Report(ctx, "2026-11-01", "2026-11-30", "")
	if err != nil {
		t.Fatal(err)
	}
	tally := func(what string, got []cases.Tally, want ...cases.Tally) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %+v, want %+v", what, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: %+v, want %+v", what, got, want)
			}
		}
	}
	if r.Registered != 5 || r.Resolved != 1 || r.InVillage != 1 || r.Disputes != 2 || r.Mediated != 1 || r.Visits != 2 {
		t.Fatalf("headline %+v", r)
	}
	tally("by state", r.ByState, cases.Tally{Name: "登记", Cases: 3}, cases.Tally{Name: "受理"}, cases.Tally{Name: "不予受理", Cases: 1},
		cases.Tally{Name: "办理中"}, cases.Tally{Name: "已办结", Cases: 1, Resolved: 1}, cases.Tally{Name: "已回访"}, cases.Tally{Name: "已归档"})
	tally("by category", r.ByCategory, cases.Tally{Name: "政策咨询", Cases: 3}, cases.Tally{Name: "矛盾纠纷", Cases: 2, Resolved: 1})
	tally("by source", r.BySource, cases.Tally{Name: "走访", Cases: 3, Resolved: 1}, cases.Tally{Name: "来访", Cases: 2})
	tally("by month", r.ByMonth, cases.Tally{Name: "2026-11", Cases: 5, Resolved: 1})
	if r.Cards != (cases.Counts{Open: 3, Yellow: 1, Red: 2}) {
		t.Fatalf("cards %+v", r.Cards)
	}
	wantV := []cases.VillageTally{
		{VillageID: baishui, Village: "白水村", Cases: 3, Yellow: 1, Red: 1},
		{VillageID: dankou, Village: "丹口村", Cases: 2, Resolved: 1, InVillage: 1, Red: 1},
	}
	if len(r.ByVillage) != 2 || r.ByVillage[0] != wantV[0] || r.ByVillage[1] != wantV[1] {
		t.Fatalf("by village %+v", r.ByVillage)
	}
	if len(r.ByHandler) != 2 || r.ByHandler[0] != (cases.HandlerCards{Handler: "杨明", Open: 2, Red: 2}) ||
		r.ByHandler[1] != (cases.HandlerCards{Handler: "龙秀兰", Open: 1, Yellow: 1}) {
		t.Fatalf("by handler %+v", r.ByHandler)
	}

	// One village, and the whole time: October's case and visit count too.
	one, err := s.Report(ctx, "", "", dankou)
	if err != nil {
		t.Fatal(err)
	}
	if one.Registered != 4 || one.Resolved != 3 || one.InVillage != 2 || one.Visits != 2 || one.Cards != (cases.Counts{Open: 1, Red: 1}) ||
		one.Disputes != 2 || one.Mediated != 1 ||
		len(one.ByVillage) != 1 || len(one.ByMonth) != 2 || one.ByMonth[0] != (cases.Tally{Name: "2026-10", Cases: 2, Resolved: 2}) {
		t.Fatalf("丹口 all time %+v", one)
	}
	if _, err := s.Report(ctx, "", "2026年11月", ""); err == nil {
		t.Fatal("a bad date is taken")
	}

	// The workbook: a sheet per table, titled with the scope and period, the figures as numbers.
	path := filepath.Join(t.TempDir(), "统计.xlsx")
	if err := sheet.WriteTables(path, r.Tables("丹口乡")...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) != 7 || names[0] != "民情统计" || names[1] != "各村民情" || names[6] != "督办到人" {
		t.Fatalf("sheets %q", names)
	}
	rows, _ := f.GetRows(names[0])
	if len(rows) < 6 || rows[0][0] != "丹口乡民情统计（2026年11月1日至2026年11月30日）" || rows[2][0] != "登记" || rows[2][1] != "5" || rows[5][0] != "办结率" || rows[5][1] != "25.0%" {
		t.Fatalf("headline sheet %q", rows)
	}
	if typ, _ := f.GetCellType(names[0], "B3"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("a count is written as %v, not a number", typ)
	}
	rows, _ = f.GetRows(names[1])
	if len(rows) != 4 || rows[2][0] != "白水村" || rows[3][3] != "1" {
		t.Fatalf("village sheet %q", rows)
	}

	// The printed report carries the same tables: the figures, each village, the breakdowns by group.
	doc := r.Document("丹口乡人民政府", "", "王丽", "2026-11-30")
	if doc.Title != "丹口乡人民政府民情工作统计报表" || doc.Period != "2026年11月1日至2026年11月30日" || len(doc.Figures) != len(r.Tables("")[0].Rows) ||
		doc.Figures[0] != (docs.StatFigure{Name: "登记", Value: "5", Note: "统计期内登记的民情件数"}) || len(doc.Villages) != 2 ||
		doc.Villages[0] != (docs.StatRow{Name: "白水村", A: rows[2][1], B: rows[2][2], C: rows[2][3], D: rows[2][4], E: rows[2][5]}) {
		t.Fatalf("the printed report: %+v", doc)
	}
	groups := map[string]int{}
	for _, x := range doc.Breakdown {
		groups[x.Group]++
	}
	if groups["按类别"] != len(r.ByCategory) || groups["按来源"] != len(r.BySource) || groups["按月份"] != len(r.ByMonth) || groups["按状态"] != len(cases.States) {
		t.Fatalf("the breakdown's groups: %v", groups)
	}
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	if one := r.Document("丹口乡人民政府", "白水村", "", "2026-11-30"); one.Title != "白水村民情工作统计报表" || one.Villages != nil {
		t.Fatalf("one village's report: %+v", one)
	}
}

// A period that ends before it begins is refused on its end, by 统计 and the 民情 list alike: the
// screen showed 「2026年10月1日至2026年3月1日」 with every figure 0, and exported it.
func TestReversedPeriodRefused(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	_, err := s.Report(ctx, "2026-10-01", "2026-03-01", "")
	wantErr(t, err, errs.Invalid, "to")
	if !strings.Contains(err.Error(), "2026年3月1日早于「起始日期」2026年10月1日") {
		t.Errorf("the message: %v", err)
	}
	_, err = s.List(ctx, cases.Query{From: "2026-10-01", To: "2026-03-01"})
	wantErr(t, err, errs.Invalid, "to")
	if _, err := s.Report(ctx, "2026-10-01", "2026-10-01", ""); err != nil {
		t.Errorf("a period of one day: %v", err)
	}
}
