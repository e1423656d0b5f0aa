package cases_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// BenchmarkCaseLedgerImport: a 10,000-row 民情台账 (a title above the header, dates as text in three
// forms and as Excel dates, a quarter of the people found by ID number and a quarter by name in their
// village among 2,000 residents of 20 villages, the rest outsiders), checked and imported into an
// office's database. The figure is the wall time of check and import; the alternative an office has
// is typing the 10,000 cases in by hand.
func BenchmarkCaseLedgerImport(b *testing.B) {
	const rows, villages, perVillage = 10000, 20, 100
	path := filepath.Join(b.TempDir(), "ledger10k.xlsx")
	ids := benchLedger(b, path, rows, villages, perVillage)
	var total time.Duration
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		s, db, _ := open(b, day("2026-11-27"))
		benchRegistry(b, db, ids, villages, perVillage)
		b.StartTimer()
		start := time.Now()
		p, err := s.CheckLedger(ctx, path)
		if err != nil || p.Valid != rows {
			b.Fatalf("check: %v, %d valid, problems %v", err, p.Valid, p.Problems[:min(3, len(p.Problems))])
		}
		res, err := s.ImportLedger(ctx, p, cases.LedgerOptions{}, nil)
		if err != nil || res.Imported != rows || res.ByID != rows/4 || res.ByName != rows/4 {
			b.Fatalf("import: %+v %v", res, err)
		}
		total += time.Since(start)
		b.StopTimer()
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "case_ledger_import_10k_rows_s@s")
}

// benchRegistry registers villages of perVillage residents each (the first half with the ID numbers
// of ids, the others without) and a group leader per village.
func benchRegistry(b *testing.B, db *store.DB, ids []string, villages, perVillage int) {
	b.Helper()
	g := grid.NewService(db, nil)
	err := g.Batch(ctx, func(bt *grid.Batch) error {
		for v := 0; v < villages; v++ {
			vid, err := bt.CreateNode(grid.NodeInput{Level: grid.LevelVillage, Name: fmt.Sprintf("演示%02d村", v)})
			if err != nil {
				return err
			}
			pid, err := bt.CreateNode(grid.NodeInput{Level: grid.LevelPiece, ParentID: vid, Name: "第一片"})
			if err != nil {
				return err
			}
			gid, err := bt.CreateNode(grid.NodeInput{Level: grid.LevelGroup, ParentID: pid, Name: "第一组"})
			if err != nil {
				return err
			}
			nb, err := bt.CreateNode(grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: gid, Name: "第1邻"})
			if err != nil {
				return err
			}
			if _, err := bt.AssignLeader(grid.LeaderInput{Role: grid.RoleGroupLeader, ScopeID: gid, PersonName: fmt.Sprintf("组长%02d", v)}); err != nil {
				return err
			}
			for k := 0; k < perVillage; k++ {
				hh, err := bt.CreateHousehold(grid.HouseholdInput{NeighbourhoodID: nb, Address: fmt.Sprintf("%d号", k)})
				if err != nil {
					return err
				}
				in := grid.ResidentInput{HouseholdID: hh, Name: benchName(v, k), Relation: "户主"}
				if k < perVillage/2 {
					in.IDNumber = ids[v*perVillage/2+k]
				}
				if _, err := bt.AddResident(in); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func benchName(village, k int) string { return fmt.Sprintf("居民%02d%03d", village, k) }

// benchLedger writes the sheet and returns the ID numbers of the registry's residents.
func benchLedger(b *testing.B, path string, rows, villages, perVillage int) []string {
	b.Helper()
	var ids []string
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < villages*perVillage/2; i++ {
		ids = append(ids, validID(birth.AddDate(0, 0, i).Format("20060102"), 11))
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(sw.SetRow("A1", []any{"2025—2026年民情台账"}))
	must(sw.SetRow("A2", []any{"序号", "受理时间", "反映渠道", "类别", "当事人", "公民身份号码", "电话", "村（社区）", "反映问题",
		"承办人", "办理时限", "状态", "办结时间", "处理结果", "满意度"}))
	categories := []string{"矛盾纠纷", "民生诉求", "安全隐患", "环境卫生", "政策咨询", "基础设施", "其他"}
	for i := 0; i < rows; i++ {
		v, k := i%villages, (i/villages)%(perVillage/2)
		reg := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%600)
		var when any
		switch i % 4 {
		case 0:
			when = reg.Format("2006.1.2")
		case 1:
			when = fmt.Sprintf("%d年%d月%d日", reg.Year(), reg.Month(), reg.Day())
		case 2:
			when = reg.Format("2006-01-02")
		default:
			when = excelize.Cell{StyleID: dateStyle, Value: reg}
		}
		person, id := fmt.Sprintf("外来%05d", i), ""
		switch i % 4 {
		case 0:
			person, id = benchName(v, k), ids[v*perVillage/2+k]
		case 1:
			person = benchName(v, perVillage/2+k) // registered without an ID number
		}
		state, resolved, result, sat := "办理中", "", "", ""
		if i%3 == 0 {
			state, resolved, result, sat = "已办结", reg.AddDate(0, 0, 5).Format("2006-01-02"), "已协调解决", "满意"
		}
		must(sw.SetRow(fmt.Sprintf("A%d", i+3), []any{i + 1, when, "走访", categories[i%len(categories)], person, id,
			fmt.Sprintf("139%08d", i), fmt.Sprintf("演示%02d村", v), fmt.Sprintf("第%d件：道路破损影响出行", i+1),
			fmt.Sprintf("组长%02d", v), 10, state, resolved, result, sat}))
	}
	must(sw.Flush())
	must(f.SaveAs(path))
	return ids
}
