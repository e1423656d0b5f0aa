package sheet

import (
	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
)

// exportApplication is the application name Write records in the workbook. Every cell Write
// makes is text, so Read may skip the second pass for stored values on such files; any office
// program that saves the file again records its own name instead.
const exportApplication = "乡治 花名册导出（纯文本）"

// Write writes rows to path as a roster: a "花名册" sheet with the template's header and help
// rows, then one row per map in Columns order, keyed by column key. Keys not in Columns are
// ignored. Every value is written as text, and the ID, phone and household code columns are
// text-formatted, so Excel never turns them into numbers; Read gives the values back unchanged
// (Read trims them and makes full-width ASCII half-width, so values already in that form
// round-trip exactly).
func Write(path string, rows []map[string]string) error { return Roster.Write(path, rows) }

// Write writes rows to path as a sheet of layout l, as the package's Write does for the roster,
// under l's title when it has one.
func (l *Layout) Write(path string, rows []map[string]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := l.fillExport(f, rows); err != nil {
		return errs.Wrap(err, errs.Internal, "导出%s失败", l.Noun)
	}
	return SaveAtomic(f, path)
}

// fillExport streams rows into the new workbook f.
func (l *Layout) fillExport(f *excelize.File, rows []map[string]string) error {
	name, top := l.SheetName, l.headerRow()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return err
	}
	if l.ExportApplication != "" {
		if err := f.SetAppProps(&excelize.AppProperties{Application: l.ExportApplication}); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range l.Columns {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(l.frozenPanes()); err != nil {
		return err
	}
	if l.Title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: l.Title}}, excelize.RowOpts{Height: 30}); err != nil {
			return err
		}
	}
	header, help := l.headerRows(st)
	ref, _ := excelize.CoordinatesToCellName(1, top)
	if err := sw.SetRow(ref, header, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	ref, _ = excelize.CoordinatesToCellName(1, top+1)
	if err := sw.SetRow(ref, help, excelize.RowOpts{Height: 48}); err != nil {
		return err
	}
	cells := make([]any, len(l.Columns))
	for i, row := range rows {
		for j, c := range l.Columns {
			v := row[c.Key]
			switch {
			case c.Text:
				cells[j] = excelize.Cell{StyleID: st.text, Value: v}
			case v == "":
				cells[j] = nil
			default:
				cells[j] = v
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+top+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if l.Title != "" {
		last, _ := excelize.CoordinatesToCellName(len(l.Columns), 1)
		return f.MergeCell(name, "A1", last)
	}
	return nil
}
