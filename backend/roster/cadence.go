package roster

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster/sheet"
)

// headerStyle is the look of the header rows.
var headerStyle = &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"#F2F4F7"}, Pattern: 1}}

// ExportCadence writes the visit tracker as a workbook: the overdue households, the households due
// this period, and the summaries per village and per neighbourhood (with its leader).
func ExportCadence(rep grid.CadenceReport, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(headerStyle)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法写出走访督办表")
	}
	items := func(list []grid.CadenceItem) [][]any {
		var rows [][]any
		for _, it := range list {
			key := ""
			if it.IsKey {
				key = "重点户"
			}
			rows = append(rows, []any{it.Village, it.Group, it.Neighbourhood, it.Code, it.HeadName, it.Address, key,
				it.Leader, it.LastVisit, it.Deadline, it.OverdueDays})
		}
		return rows
	}
	itemHeader := []any{"村（社区）", "组", "邻", "户编号", "户主", "住址", "类别", "邻长", "上次走访", "应访截止", "逾期天数"}
	var villageRows, nbRows [][]any
	for _, s := range rep.ByVillage {
		villageRows = append(villageRows, []any{s.Name, s.Households, s.Due, s.Overdue, s.MaxOverdueDays})
	}
	for _, s := range rep.ByLeader {
		nbRows = append(nbRows, []any{s.Village, s.Group, s.Neighbourhood, s.Name, s.Households, s.Due, s.Overdue, s.MaxOverdueDays})
	}
	counts := []any{"户数", "本期待访", "逾期", "最长逾期（天）"}
	villageHeader := append([]any{"村（社区）"}, counts...)
	nbHeader := append([]any{"村（社区）", "组", "邻", "邻长"}, counts...)
	sheets := []struct {
		name   string
		header []any
		rows   [][]any
	}{
		{"逾期未走访", itemHeader, items(rep.Items)},
		{"本期待访", itemHeader, items(rep.DueItems)},
		{"各村情况", villageHeader, villageRows},
		{"各邻情况", nbHeader, nbRows},
	}
	for i, sh := range sheets {
		if i == 0 {
			f.SetSheetName(f.GetSheetName(0), sh.name)
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return errs.Wrap(err, errs.Internal, "无法写出走访督办表")
		}
		title := fmt.Sprintf("走访督办 · %s（统计日期 %s，共 %d 户，待访 %d 户，逾期 %d 户）", sh.name, rep.Today, rep.Households, rep.Due, rep.Overdue)
		last, _ := excelize.CoordinatesToCellName(len(sh.header), 2)
		steps := []func() error{
			func() error { return f.SetCellValue(sh.name, "A1", title) },
			func() error { return f.SetSheetRow(sh.name, "A2", &sh.header) },
			func() error { return f.SetCellStyle(sh.name, "A2", last, head) },
			func() error { return f.SetColWidth(sh.name, "A", "K", 14) },
			func() error {
				return f.SetPanes(sh.name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
			},
		}
		for r, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+3)
			steps = append(steps, func() error { return f.SetSheetRow(sh.name, cell, &row) })
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return errs.Wrap(err, errs.Internal, "无法写出走访督办表")
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return errs.Wrap(err, errs.Internal, "无法创建文件夹")
	}
	return sheet.SaveAtomic(f, path)
}
