package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

const (
	// rosterSheet is the name of the data sheet of the template and of exports.
	rosterSheet = "花名册"
	// templateRows is the last row the template's drop-downs and text format cover.
	templateRows = 10000
	// textFormat is Excel's built-in number format "@" (text).
	textFormat = 49
)

// instructions are the lines of the roster template's "说明" sheet.
var instructions = []string{
	"花名册填写说明",
	"1. 在“花名册”表中从第3行起每行填写一位居民；第1行是列名，第2行是填写提示，请勿删改这两行。",
	"2. “村(社区)”“组”“姓名”三列必填，其余能填尽量填。",
	"3. 身份证号必须填完整的18位；本表已把身份证号、联系电话、户编号设为文本格式，请不要改成数字格式，否则后几位会变成0。",
	"4. 从别的表格粘贴时，请用“选择性粘贴 → 数值”，以免把数字格式一起粘进来。",
	"5. 同一户的成员请填相同的户编号和户主姓名，户主本人的“与户主关系”选“户主”。",
	"6. 性别、与户主关系、民族、是否党员可从下拉列表中选择；重点户类别有多个时用顿号“、”分隔。",
	"7. 填了身份证号的，性别和出生日期可以不填，导入时会从身份证号中读出。",
	"8. 导入时有问题的行会列在问题清单里，改正后可以重新导入。",
}

// styles are the cell styles shared by the template and exports.
type styles struct {
	header, help, text, title int
}

// newStyles adds the shared styles to f.
func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
	}); err != nil {
		return s, err
	}
	if s.help, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Italic: true, Color: "808080", Size: 9},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
	}); err != nil {
		return s, err
	}
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}); err != nil {
		return s, err
	}
	s.text, err = f.NewStyle(&excelize.Style{NumFmt: textFormat})
	return s, err
}

// setStyledRow sets row n of sheet to values from column A on, all with the given style.
func setStyledRow(f *excelize.File, sheet string, n int, values []any, style int) error {
	first, _ := excelize.CoordinatesToCellName(1, n)
	last, _ := excelize.CoordinatesToCellName(len(values), n)
	if err := f.SetSheetRow(sheet, first, &values); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, first, last, style)
}

// headerRow is the row of l's header in its template and exports: 1, or 2 under a title.
func (l *Layout) headerRow() int {
	if l.Title != "" {
		return 2
	}
	return 1
}

// headerRows returns the header row and the help row for a StreamWriter, each cell styled.
func (l *Layout) headerRows(st styles) (header, help []any) {
	for _, c := range l.Columns {
		header = append(header, excelize.Cell{StyleID: st.header, Value: c.Header})
		help = append(help, excelize.Cell{StyleID: st.help, Value: c.Help})
	}
	return header, help
}

// WriteTemplate writes an empty roster template to path: a "花名册" sheet with the headers in
// row 1, a help line per column in row 2, drop-down lists and text-formatted ID, phone and
// household columns for the data rows from row 3, and a "说明" sheet of instructions.
func WriteTemplate(path string) error { return Roster.WriteTemplate(path) }

// WriteTemplate writes an empty template of layout l to path: its data sheet with the title (when
// l has one), the headers and a help line per column, drop-down lists and text-formatted columns for
// the data rows, and a "说明" sheet of its instructions.
func (l *Layout) WriteTemplate(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := l.buildTemplate(f); err != nil {
		return errs.Wrap(err, errs.Internal, "生成%s模板失败", l.Noun)
	}
	return SaveAtomic(f, path)
}

// buildTemplate fills the new workbook f with the template.
func (l *Layout) buildTemplate(f *excelize.File) error {
	name, top := l.SheetName, l.headerRow()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, c := range l.Columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if c.Text {
			// Column style first: SetColStyle resets the width.
			if err := f.SetColStyle(name, col, st.text); err != nil {
				return err
			}
		}
		if err := f.SetColWidth(name, col, col, c.Width); err != nil {
			return err
		}
		if len(c.Choices) > 0 {
			if err := l.addDropDown(f, c, col); err != nil {
				return err
			}
		}
	}
	if err := l.writeTitle(f, st); err != nil {
		return err
	}
	var header, help []any
	for _, c := range l.Columns {
		header, help = append(header, c.Header), append(help, c.Help)
	}
	if err := setStyledRow(f, name, top, header, st.header); err != nil {
		return err
	}
	if err := setStyledRow(f, name, top+1, help, st.help); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, top, 24); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, top+1, 48); err != nil {
		return err
	}
	if err := f.SetPanes(name, l.frozenPanes()); err != nil {
		return err
	}
	if len(l.Instructions) > 0 {
		if _, err := f.NewSheet("说明"); err != nil {
			return err
		}
		if err := f.SetColWidth("说明", "A", "A", 110); err != nil {
			return err
		}
		for i, line := range l.Instructions {
			if err := f.SetCellStr("说明", fmt.Sprintf("A%d", i+1), line); err != nil {
				return err
			}
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// writeTitle writes l's title in row 1, merged across its columns (nothing when it has none).
func (l *Layout) writeTitle(f *excelize.File, st styles) error {
	if l.Title == "" {
		return nil
	}
	last, _ := excelize.CoordinatesToCellName(len(l.Columns), 1)
	if err := f.SetCellStr(l.SheetName, "A1", l.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(l.SheetName, "A1", "A1", st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(l.SheetName, 1, 30); err != nil {
		return err
	}
	return f.MergeCell(l.SheetName, "A1", last)
}

// addDropDown adds the drop-down list of column c, at column letter col, to the data rows.
func (l *Layout) addDropDown(f *excelize.File, c Column, col string) error {
	dv := excelize.NewDataValidation(true)
	first := l.headerRow() + 2
	dv.SetSqref(fmt.Sprintf("%s%d:%s%d", col, first, col, templateRows+first-3))
	if err := dv.SetDropList(c.Choices); err != nil {
		return err
	}
	if l.OpenChoices[c.Key] {
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.Header, "不在下拉列表中，确定要这样填吗？")
	} else {
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请从下拉列表中选择")
	}
	return f.AddDataValidation(l.SheetName, dv)
}

// frozenPanes keeps the title, header and help rows in view.
func (l *Layout) frozenPanes() *excelize.Panes {
	split := l.headerRow() + 1
	first := fmt.Sprintf("A%d", split+1)
	return &excelize.Panes{Freeze: true, YSplit: split, TopLeftCell: first, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}}}
}

// SaveAtomic writes f to path+".partial" and renames it to path, so that path never holds half
// a workbook.
func SaveAtomic(f *excelize.File, path string) error {
	return atomicfile.Write(path, func(w io.Writer) error { _, err := f.WriteTo(w); return err })
}
