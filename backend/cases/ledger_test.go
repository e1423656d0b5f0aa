package cases_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/roster/sheet/sheettest"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// registry is the villages and people a ledger test imports against.
type registry struct {
	s               *cases.Service
	db              *store.DB
	rulin, taolin   string // villages 儒林村 and 桃林村
	yang, longRulin string // 杨秀英 (with an ID number) and 龙大海 of 儒林村
	longTaolin      string // another 龙大海, of 桃林村
	yangID          string
	households      map[string]string // resident -> household
	leader          string            // the name of a group leader in office
}

// validID builds a valid ID number in 城步 (430529) for a birth date and serial.
func validID(birth string, serial int) string {
	first17 := fmt.Sprintf("430529%s%03d", birth, serial)
	return first17 + string(idcard.CheckDigit(first17))
}

// newRegistry opens a database of the office 丹口 on a clock standing at 2026-11-27 with two villages:
// 儒林村 (杨秀英 with an ID number, 龙大海, and two residents called 吴小花; group leader 石支书) and
// 桃林村 (another 龙大海).
func newRegistry(t testing.TB) *registry {
	t.Helper()
	s, db, _ := open(t, day("2026-11-27"))
	r := &registry{s: s, db: db, households: map[string]string{}, leader: "石支书", yangID: validID("19800512", 21)}
	g := grid.NewService(db, nil)
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	village := func(name string) (string, string, string) {
		v := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: name}))
		p := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: v, Name: "第一片"}))
		gr := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: p, Name: "第三组"}))
		nb := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: gr, Name: "第1邻"}))
		return v, gr, nb
	}
	resident := func(nb, name, id string) string {
		hh := must(g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Address: name + "家"}))
		rid := must(g.AddResident(ctx, grid.ResidentInput{HouseholdID: hh, Name: name, Relation: "户主", IDNumber: id}))
		r.households[rid] = hh
		return rid
	}
	var group, nb string
	r.rulin, group, nb = village("儒林村")
	r.yang = resident(nb, "杨秀英", r.yangID)
	r.longRulin = resident(nb, "龙大海", "")
	resident(nb, "吴小花", "")
	resident(nb, "吴小花", "")
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleGroupLeader, ScopeID: group, PersonName: r.leader}))
	var nb2 string
	r.taolin, _, nb2 = village("桃林村")
	r.longTaolin = resident(nb2, "龙大海", "")
	return r
}

// book is a workbook a test builds cell by cell.
type book struct {
	t *testing.T
	f *excelize.File
}

func newBook(t *testing.T, sheetName string) *book {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { f.Close() })
	if err := f.SetSheetName(f.GetSheetName(0), sheetName); err != nil {
		t.Fatal(err)
	}
	return &book{t: t, f: f}
}

// row sets row n from column A on; nil leaves a cell empty.
func (b *book) row(n int, values ...any) {
	b.t.Helper()
	for i, v := range values {
		if v == nil {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, n)
		if err := b.f.SetCellValue(b.f.GetSheetName(0), ref, v); err != nil {
			b.t.Fatal(err)
		}
	}
}

// style gives cell ref a custom number format.
func (b *book) style(ref, format string) {
	b.t.Helper()
	id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.f.SetCellStyle(b.f.GetSheetName(0), ref, ref, id); err != nil {
		b.t.Fatal(err)
	}
}

func (b *book) save(name string) string {
	b.t.Helper()
	path := filepath.Join(b.t.TempDir(), name)
	if err := b.f.SaveAs(path); err != nil {
		b.t.Fatal(err)
	}
	return path
}

// serial is the Excel serial number of an ISO day.
func serial(iso string) float64 {
	d, _ := time.Parse("2006-01-02", iso)
	return d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

// messySheet is a ledger as offices keep them: a merged title and a line of who filled it in above
// the header, headers under other names with stray spaces, a 序号 and an unknown column, dates as
// text in two forms, as a plain serial number, as Excel dates in two custom formats, blank
// rows between the cases and trailing spaces in the cells.
func messySheet(t *testing.T, r *registry) string {
	b := newBook(t, "2026年")
	b.row(1, "城步县儒林镇2026年民情台账")
	if err := b.f.MergeCell("2026年", "A1", "P1"); err != nil {
		t.Fatal(err)
	}
	b.row(2, "填报单位：儒林镇综治中心")
	b.row(3, "序号", " 受理时间", "反映渠道", "类别", "当事人", "公民身份号码", "电话", "村（社区）", "反映问题 ",
		"承办人", "办理时限（工作日）", "状态", "办结时间", "处理结果", "满意度", "备注", "相关人员")
	b.row(4, 1, "2026.3.5", "走访", "民生诉求", "杨秀英 ", r.yangID, "13907391234", "儒林村", "自来水管破裂，三户停水 ",
		r.leader, nil, "已办结", "2026年3月9日", "已更换水管，恢复供水", "满意", "无", "吴小花，杨秀英")
	b.row(6, 2, "2026年3月6日", "来电", "矛盾纠纷", "龙大海、吴长生", nil, nil, "儒林 ", "宅基地界址纠纷", "王五", "10", "处理中")
	b.row(7, 3, serial("2026-03-07"), nil, "环境卫生", "张三丰", nil, nil, "桃林村", "垃圾未清运")
	b.row(8, 4, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), "信访", "安全隐患", "吴小花", nil, nil, "儒林村", "房屋开裂，担心倒塌",
		nil, nil, "已受理")
	b.style("B8", "m/d/yyyy") // shown 3/10/2026: only the stored serial says which day
	b.row(11, 5, serial("2026-03-12"), "上级交办", "咨询", nil, nil, nil, "儒林村", "咨询低保政策", nil, nil, "办结",
		"2026/3/20", "已答复")
	b.style("B11", "yyyy年m月d日")
	return b.save("messy.xlsx")
}

// importFile checks and imports path, failing the test on an error.
func importFile(t *testing.T, s *cases.Service, path string, opts cases.LedgerOptions) (*cases.LedgerPreview, cases.LedgerResult) {
	t.Helper()
	p, err := s.CheckLedger(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportLedger(ctx, p, opts, nil)
	if err != nil {
		t.Fatalf("import: %v (problems %v)", err, p.Problems)
	}
	return p, res
}

// bySummary reads every case, keyed by summary.
func bySummary(t *testing.T, s *cases.Service) map[string]cases.Case {
	t.Helper()
	out := map[string]cases.Case{}
	p, err := s.List(ctx, cases.Query{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Items {
		full, err := s.Get(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[c.Summary] = full
	}
	return out
}

func deadline(from string, days int) string {
	d, _ := time.ParseInLocation("2006-01-02", from, time.Local)
	return workday.Add(d, days).Format("2006-01-02")
}

// A messy sheet is read whole: the header under the title, columns by other names, dates in every
// form, blank rows skipped. People are found by ID number, and by name in their village only (the
// 龙大海 of 儒林, not of 桃林); a name two residents share and a name nobody has are kept as outsiders;
// a 责任人 who is no leader is kept as written and noted; 办理时限 sets the deadline, else the
// category's limit; the state is the sheet's, with what the machine keeps for it; numbers follow the
// order of registration; each case has one timeline entry 导入 with its result.
// The ledger is read in one pass: when the fast reader gives up after handing rows on (an XML comment
// before the sheet's 7th row), the check starts over and counts each row once.
func TestLedgerCheckStartsOver(t *testing.T) {
	r := newRegistry(t)
	to := filepath.Join(t.TempDir(), "commented.xlsx")
	sheettest.RewritePart(t, messySheet(t, r), to, "xl/worksheets/sheet1.xml", sheettest.CommentBeforeRow(7))
	p, err := r.s.CheckLedger(ctx, to)
	if err != nil || p.Total != 5 || p.Valid != 5 || len(p.Notices) != 1 {
		t.Fatalf("check: %v %+v", err, p)
	}
}

func TestLedgerImportMessySheet(t *testing.T) {
	r := newRegistry(t)
	p, res := importFile(t, r.s, messySheet(t, r), cases.LedgerOptions{})
	if p.Total != 5 || p.Valid != 5 || p.Rejected != 0 || len(p.Unknown) != 1 || p.Unknown[0] != "备注" {
		t.Fatalf("preview: %+v", p)
	}
	if res.Imported != 5 || res.Skipped != 0 || res.ByID != 1 || res.ByName != 1 || res.Outsiders != 2 || res.Unassigned != 1 {
		t.Fatalf("result: %+v", res)
	}
	var notes []string
	for _, n := range res.Notices {
		notes = append(notes, fmt.Sprintf("%d %s %s", n.Row, n.Key, n.Message))
	}
	if len(notes) != 2 || !strings.HasPrefix(notes[0], "6 handler 责任人“王五”") || !strings.HasPrefix(notes[1], "8 person 儒林村有 2 位居民叫“吴小花”") {
		t.Fatalf("notices: %q", notes)
	}
	got := bySummary(t, r.s)
	water := got["自来水管破裂，三户停水"]
	if water.Number != "丹口-2026-0001" || water.RegisteredOn != "2026-03-05" || water.ResidentID != r.yang ||
		water.HouseholdID != r.households[r.yang] || water.VillageID != r.rulin || water.PersonName != "杨秀英" ||
		water.PersonPhone != "13907391234" || water.Handler != r.leader || water.Source != "走访" {
		t.Errorf("water: %+v", water)
	}
	// 已办结 with 满意 is 已回访, as 回访 would have left it; resolved on its day at its level.
	if water.State != cases.StateFollowedUp || water.ResolvedOn != "2026-03-09" || water.ResolvedLevel != "村" ||
		water.Satisfaction != "满意" || water.LimitDays != 7 || water.Deadline != deadline("2026-03-05", 7) {
		t.Errorf("water's state: %+v", water)
	}
	if e := water.Events; len(e) != 1 || e[0].Action != "导入" || e[0].To != cases.StateFollowedUp || e[0].On != "2026-03-09" ||
		e[0].Note != "已更换水管，恢复供水" {
		t.Errorf("water's timeline: %+v", e)
	}
	land := got["宅基地界址纠纷"]
	if land.Number != "丹口-2026-0002" || land.ResidentID != r.longRulin || land.VillageID != r.rulin || land.Source != "电话" ||
		land.State != cases.StateHandling || land.Handler != "王五" || land.LimitDays != 10 || land.Deadline != deadline("2026-03-06", 10) {
		t.Errorf("land: %+v", land)
	}
	// The other people: after the first in 当事人, and in 相关人员 (the reporter not again); a name two
	// residents of the village share is kept as someone outside the registry.
	if ps := water.Parties; len(ps) != 1 || ps[0].Name != "吴小花" || ps[0].Role != cases.RoleCoReport || ps[0].ResidentID != "" {
		t.Errorf("water's other people: %+v", ps)
	}
	if land.PersonName != "龙大海" {
		t.Errorf("land's reporter %q", land.PersonName)
	}
	if ps := land.Parties; len(ps) != 1 || ps[0].Name != "吴长生" || ps[0].Role != cases.RoleOtherSide || ps[0].ResidentID != "" {
		t.Errorf("land's other side: %+v", ps)
	}
	rubbish := got["垃圾未清运"]
	if rubbish.RegisteredOn != "2026-03-07" || rubbish.ResidentID != "" || rubbish.PersonName != "张三丰" || rubbish.VillageID != r.taolin ||
		rubbish.Source != "走访" || rubbish.State != cases.StateRegistered || rubbish.Deadline != deadline("2026-03-07", 7) {
		t.Errorf("rubbish: %+v", rubbish)
	}
	house := got["房屋开裂，担心倒塌"]
	if house.RegisteredOn != "2026-03-10" || house.ResidentID != "" || house.PersonName != "吴小花" || house.Source != "来访" ||
		house.State != cases.StateAccepted || house.Deadline != deadline("2026-03-10", 3) {
		t.Errorf("house: %+v", house)
	}
	policy := got["咨询低保政策"]
	if policy.Number != "丹口-2026-0005" || policy.RegisteredOn != "2026-03-12" || policy.Category != "政策咨询" || policy.PersonName != "" ||
		policy.State != cases.StateResolved || policy.ResolvedOn != "2026-03-20" || policy.Satisfaction != "" {
		t.Errorf("policy: %+v", policy)
	}
	// The machine takes an imported case on from where the sheet left it.
	if err := r.s.Act(ctx, policy.ID, cases.Step{Action: cases.ActFollowUp, Satisfaction: "基本满意", Date: "2026-03-19"}); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("a follow-up before the imported resolution: %v", err)
	}
	if err := r.s.Act(ctx, policy.ID, cases.Step{Action: cases.ActFollowUp, Satisfaction: "基本满意"}); err != nil {
		t.Errorf("follow-up of an imported case: %v", err)
	}
}

// Each planted problem is reported with its row and column before anything is written; without
// valid-only nothing is written at all, with it the other rows are.
func TestLedgerProblems(t *testing.T) {
	r := newRegistry(t)
	b := newBook(t, "Sheet1")
	b.row(1, "登记日期", "问题类别", "反映事项", "反映人", "所属村", "办理时限")
	b.row(2, "2026-04-01", "民生诉求", "路灯不亮", "杨秀英", "儒林村")
	b.row(3, "2026-13-05", "民生诉求", "水渠堵塞", "龙大海", "儒林村")
	b.row(4, "2026-04-03", "治安问题", "夜间噪音扰民", "龙大海", "儒林村")
	b.row(5, "2026-04-04", "矛盾纠纷", "山林权属争议", "龙大海", "儒林村", "十天")
	b.row(6, "2026-04-05", "矛盾纠纷", "土地流转纠纷", "龙大海", "儒林村", 0)
	b.row(7, "2026-04-06", "民生诉求", nil, "龙大海", "儒林村")
	b.row(8, "2026-04-07", "民生诉求", "饮水困难", "龙大海", "白云村")
	b.row(9, "2026-04-08", "其他", "申请修路", "龙大海", "桃林村")
	path := b.save("problems.xlsx")

	p, err := r.s.CheckLedger(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"3 registered_on": "2026-13-05", "4 category": "矛盾纠纷、民生诉求", "5 limit_days": "十天",
		"6 limit_days": "1 到 365", "7 summary": "反映事项不能为空", "8 village": "白云村",
	}
	if p.Total != 8 || p.Valid != 2 || p.Rejected != 6 || len(p.Problems) != len(want) {
		t.Fatalf("preview: total %d valid %d rejected %d problems %+v", p.Total, p.Valid, p.Rejected, p.Problems)
	}
	for _, pr := range p.Problems {
		key := fmt.Sprintf("%d %s", pr.Row, pr.Key)
		if part, ok := want[key]; !ok || !strings.Contains(pr.Message, part) {
			t.Errorf("problem %s: %s (want it to say %q)", key, pr.Message, part)
		}
	}
	if !strings.Contains(p.Problems[1].Message, "治安问题") || !strings.Contains(p.Problems[5].Message, "儒林村、桃林村") {
		t.Errorf("problems do not name the value and what is allowed: %+v", p.Problems)
	}

	report := filepath.Join(t.TempDir(), "report.xlsx")
	if err := p.WriteReport(report); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := f.GetRows("问题清单")
	f.Close()
	if len(lines) != 7 || lines[1][0] != "3" || lines[1][1] != "登记日期" || lines[3][1] != "办理时限" || lines[6][1] != "所属村" {
		t.Errorf("report: %q", lines)
	}

	count := func() (n, events int) {
		t.Helper()
		r.db.SQL().QueryRow(`SELECT count(*) FROM cases`).Scan(&n)
		r.db.SQL().QueryRow(`SELECT count(*) FROM case_events`).Scan(&events)
		return n, events
	}
	if _, err := r.s.ImportLedger(ctx, p, cases.LedgerOptions{}, nil); errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "未导入任何数据") {
		t.Fatalf("all or nothing: %v", err)
	}
	if n, e := count(); n != 0 || e != 0 {
		t.Fatalf("a refused import wrote %d cases and %d events", n, e)
	}
	res, err := r.s.ImportLedger(ctx, p, cases.LedgerOptions{ValidOnly: true}, nil)
	if err != nil || res.Imported != 2 || res.Rejected != 6 {
		t.Fatalf("valid only: %+v %v", res, err)
	}
	if n, e := count(); n != 2 || e != 2 {
		t.Fatalf("valid only wrote %d cases and %d events", n, e)
	}
}

// A sheet imported again creates nothing; a later version of it, with rows added, a cell retyped with
// other spaces and a 编号 column added, creates only the new rows; rows with their own 编号 are known
// by it even when their text changed.
func TestLedgerReimport(t *testing.T) {
	r := newRegistry(t)
	path := messySheet(t, r)
	importFile(t, r.s, path, cases.LedgerOptions{})
	p, res := importFile(t, r.s, path, cases.LedgerOptions{})
	if p.Existing != 5 || res.Imported != 0 || res.Skipped != 5 {
		t.Fatalf("the same file again: existing %d, %+v", p.Existing, res)
	}

	b := newBook(t, "Sheet1")
	b.row(1, "编号", "登记日期", "问题类别", "反映事项", "反映人", "所属村")
	b.row(2, "1", "2026-03-05", "民生诉求", "自来水管破裂， 三户停水", "杨 秀英", "儒林村") // a bare count is no identity
	b.row(3, "RL-2026-007", "2026-03-07", "环境卫生", "垃圾未清运", "张三丰", "桃林村")
	b.row(4, "RL-2026-008", "2026-05-01", "基础设施", "村道塌方", "龙大海", "桃林村")
	p, res = importFile(t, r.s, b.save("v2.xlsx"), cases.LedgerOptions{})
	if p.Existing != 2 || res.Imported != 1 || res.Skipped != 2 {
		t.Fatalf("an overlapping sheet: existing %d, %+v", p.Existing, res)
	}
	road := bySummary(t, r.s)["村道塌方"]
	if road.ResidentID != r.longTaolin {
		t.Errorf("村道塌方 is not 桃林村's 龙大海: %+v", road)
	}

	b = newBook(t, "Sheet1")
	b.row(1, "编号", "登记日期", "问题类别", "反映事项", "反映人", "所属村")
	b.row(2, "rl-2026-008", "2026-05-01", "基础设施", "村道塌方，路基下沉", "龙大海", "桃林村")
	b.row(3, "RL-2026-009", "2026-05-01", "基础设施", "村道塌方", "龙大海", "桃林村")
	if _, res = importFile(t, r.s, b.save("v3.xlsx"), cases.LedgerOptions{}); res.Imported != 1 || res.Skipped != 1 {
		t.Fatalf("numbered rows: %+v", res)
	}
	var n int
	if r.db.SQL().QueryRow(`SELECT count(*) FROM cases`).Scan(&n); n != 7 {
		t.Fatalf("%d cases, want 7", n)
	}

	// A line repeated in one sheet is a problem of its own, named with the line it repeats.
	b = newBook(t, "Sheet1")
	b.row(1, "编号", "登记日期", "问题类别", "反映事项", "反映人")
	b.row(2, nil, "2026-07-01", "其他", "申请低保", "龙大海")
	b.row(3, nil, "2026-07-01", "其他", "申请低保 ", "龙大海")
	b.row(4, "RL-9", "2026-07-02", "其他", "申请危改", "龙大海")
	b.row(5, "rl-9", "2026-07-03", "其他", "申请危改补助", "龙大海")
	p, err := r.s.CheckLedger(ctx, b.save("twice.xlsx"))
	if err != nil || p.Valid != 2 || len(p.Problems) != 2 || p.Problems[0].Row != 3 || !strings.Contains(p.Problems[0].Message, "与第 2 行") ||
		p.Problems[1].Key != "number" || !strings.Contains(p.Problems[1].Message, "与第 4 行的编号相同") {
		t.Fatalf("lines repeated: %+v %v", p, err)
	}

	// A category of the office's own is known once it has cases; its time limit must be given.
	if _, _, err := r.s.Register(ctx, cases.Input{Source: "电话", Category: "农田灌溉", Summary: "灌溉渠漏水", PersonName: "龙大海", LimitDays: 20}); err != nil {
		t.Fatal(err)
	}
	b = newBook(t, "Sheet1")
	b.row(1, "登记日期", "问题类别", "反映事项", "反映人", "办理时限")
	b.row(2, "2026-06-01", "农田灌溉", "水渠改道", "龙大海", 12)
	b.row(3, "2026-06-02", "农田灌溉", "水渠清淤", "龙大海")
	p, err = r.s.CheckLedger(ctx, b.save("own.xlsx"))
	if err != nil || p.Valid != 1 || len(p.Problems) != 1 || p.Problems[0].Key != "limit_days" || !strings.Contains(p.Problems[0].Message, "农田灌溉") {
		t.Fatalf("the office's own category: %+v %v", p, err)
	}
}

// Cases carried round the loop in the app and cases imported are exported in the ledger's columns —
// every case the query picks, not one page — and the file imports again as the same cases: into the
// same database nothing is created, into another office's with the same villages every field comes
// back, the person found again by ID number.
func TestLedgerExportRoundTrip(t *testing.T) {
	r := newRegistry(t)
	importFile(t, r.s, messySheet(t, r), cases.LedgerOptions{})
	act := func(id string, steps ...cases.Step) {
		t.Helper()
		for _, st := range steps {
			if err := r.s.Act(ctx, id, st); err != nil {
				t.Fatalf("%s: %v", st.Action, err)
			}
		}
	}
	reg := func(in cases.Input) string {
		t.Helper()
		id, _, err := r.s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	handed := reg(cases.Input{Source: "恳谈会", Category: "矛盾纠纷", Summary: "邻里用水纠纷", Description: "两户共用水井，\n轮流取水有争执",
		Location: "儒林村三组", VillageID: r.rulin, ResidentID: r.yang, HouseholdID: r.households[r.yang], PersonName: "杨秀英",
		PersonPhone: "0739-7321234", Level: "乡镇", Urgency: "紧急", RegisteredOn: "2026-10-12",
		Parties: []cases.PartyInput{{Role: cases.RoleOtherSide, ResidentID: r.longRulin}, {Role: cases.RoleOtherSide, Name: "石花"}}})
	act(handed, cases.Step{Action: cases.ActAccept, Date: "2026-10-13"},
		cases.Step{Action: cases.ActHandDown, Level: "村", Handler: r.leader, Days: 5, Note: "组织调解", Date: "2026-10-14"},
		cases.Step{Action: cases.ActResolve, Mediation: cases.MediationAgreed, Note: "达成轮流取水协议", Date: "2026-10-20"},
		cases.Step{Action: cases.ActFollowUp, Satisfaction: "不满意", Note: "协议未执行", Date: "2026-10-22"})
	forest := reg(cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "山林权属争议", PersonName: "龙大海", RegisteredOn: "2026-10-15"})
	act(forest, cases.Step{Action: cases.ActAccept, Date: "2026-10-15"}, cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: "2026-10-15"},
		cases.Step{Action: cases.ActResolve, Mediation: cases.MediationTransferred, To: "乡司法所", Note: "涉及林权证，村里调不了",
			Date: "2026-10-19"})
	rejected := reg(cases.Input{Source: "电话", Category: "其他", Summary: "要求修建灌溉渠", PersonName: "外乡人", LimitDays: 20,
		RegisteredOn: "2026-11-02"})
	act(rejected, cases.Step{Action: cases.ActReject, Note: "不属本镇管辖"}, cases.Step{Action: cases.ActArchive})
	for i := 0; i < 60; i++ {
		reg(cases.Input{Source: "网格员", Category: "环境卫生", Summary: fmt.Sprintf("第%d处垃圾堆放", i+1), PersonName: "龙大海",
			VillageID: r.taolin, ResidentID: r.longTaolin, HouseholdID: r.households[r.longTaolin], RegisteredOn: "2026-11-20"})
	}

	path := filepath.Join(t.TempDir(), "export.xlsx")
	n, err := r.s.ExportLedger(ctx, cases.Query{Limit: 5}, path)
	if err != nil || n != 68 {
		t.Fatalf("export: %d %v", n, err)
	}
	if n, err := r.s.ExportLedger(ctx, cases.Query{State: "open"}, filepath.Join(t.TempDir(), "open.xlsx")); err != nil || n != 64 {
		t.Fatalf("export of the open cases: %d %v", n, err)
	}
	if _, res := importFile(t, r.s, path, cases.LedgerOptions{}); res.Imported != 0 || res.Skipped != 68 {
		t.Fatalf("the export into its own database: %+v", res)
	}

	other := newRegistry(t)
	if _, res := importFile(t, other.s, path, cases.LedgerOptions{}); res.Imported != 68 || res.ByID != 2 {
		t.Fatalf("the export into another database: %+v", res)
	}
	before, after := bySummary(t, r.s), bySummary(t, other.s)
	if len(after) != len(before) {
		t.Fatalf("%d cases, want %d", len(after), len(before))
	}
	translate := map[string]string{r.rulin: other.rulin, r.taolin: other.taolin, r.yang: other.yang, r.longRulin: other.longRulin,
		r.longTaolin: other.longTaolin, r.households[r.yang]: other.households[other.yang],
		r.households[r.longRulin]: other.households[other.longRulin], r.households[r.longTaolin]: other.households[other.longTaolin], "": ""}
	result := func(c cases.Case) string {
		for i := len(c.Events) - 1; i >= 0; i-- {
			if a := c.Events[i].Action; a == cases.ActResolve || a == cases.ActImport {
				return c.Events[i].Note
			}
		}
		return ""
	}
	for summary, a := range before {
		b := after[summary]
		a.ID, b.ID, a.Number, b.Number, a.Events, b.Events = "", "", "", "", nil, nil
		a.HandedDown, b.HandedDown = false, false // of the timeline, which a ledger does not carry
		a.VillageID, a.ResidentID, a.HouseholdID = translate[a.VillageID], translate[a.ResidentID], translate[a.HouseholdID]
		// The other people come back by name: the resident found again in the village, the other kept outside.
		for i := range a.Parties {
			a.Parties[i].ResidentID, a.Parties[i].HouseholdID = translate[a.Parties[i].ResidentID], translate[a.Parties[i].HouseholdID]
		}
		for _, c := range []*cases.Case{&a, &b} {
			for i := range c.Parties {
				c.Parties[i].ID = ""
			}
		}
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s:\n was %+v\n now %+v", summary, a, b)
		}
	}
	if c := other.bySummary(t, "山林权属争议"); c.Mediation != cases.MediationTransferred || c.MediationTo != "乡司法所" ||
		result(c) != "转交乡司法所：涉及林权证，村里调不了" {
		t.Errorf("a dispute handed to the 司法所 came back as %q %q %q", c.Mediation, c.MediationTo, result(c))
	}
	if ps := other.bySummary(t, "邻里用水纠纷").Parties; len(ps) != 2 || ps[0].ResidentID != other.longRulin || ps[1].Name != "石花" {
		t.Errorf("the other side came back as %+v", ps)
	}
	if a, b := result(r.must(t, handed)), result(other.bySummary(t, "邻里用水纠纷")); a != "调解成功：达成轮流取水协议" || b != a {
		t.Errorf("办理结果 %q came back as %q", a, b)
	}
}

func (r *registry) must(t *testing.T, id string) cases.Case {
	t.Helper()
	c, err := r.s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (r *registry) bySummary(t *testing.T, summary string) cases.Case {
	return bySummary(t, r.s)[summary]
}

// The template has the title, the ledger's columns with a help line under each, and its instructions;
// read back it is an empty ledger, and its help line is not taken for a row.
func TestLedgerTemplate(t *testing.T) {
	r := newRegistry(t)
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := cases.WriteLedgerTemplate(path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("民情台账")
	notes, _ := f.GetRows("说明")
	f.Close()
	if len(rows) != 3 || rows[0][0] != "民情台账" || len(rows[1]) != len(cases.LedgerColumns) || len(notes) < 5 {
		t.Fatalf("template: %q %q", rows, notes)
	}
	for i, c := range cases.LedgerColumns {
		if rows[1][i] != c.Header || rows[2][i] != c.Help {
			t.Errorf("column %d: %q / %q", i, rows[1][i], rows[2][i])
		}
	}
	p, err := r.s.CheckLedger(ctx, path)
	if err != nil || p.Total != 0 {
		t.Fatalf("the empty template: %+v %v", p, err)
	}
}
