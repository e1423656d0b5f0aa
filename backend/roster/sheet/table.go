package sheet

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
)

// Table is what a screen shows in one of its lists, as it shows it (filtered and sorted): the
// title, the columns and the rows of text, to be written as a workbook.
type Table struct {
	Title   string        `json:"title"`
	Sheet   string        `json:"sheet,omitempty"` // the sheet's name; "" for the title (cut to 31 characters)
	Columns []TableColumn `json:"columns"`
	Rows    [][]string    `json:"rows"`
}

// TableColumn is a column of a Table; a Number column's cells are written as numbers when they
// read as one (so Excel can sum them), text otherwise.
type TableColumn struct {
	Title  string `json:"title"`
	Number bool   `json:"number"`
}

const (
	// MaxTableColumns and MaxTableRows bound a table written by WriteTable.
	MaxTableColumns = 60
	MaxTableRows    = 500000
	maxSheetName    = 31
)

// Check says what is wrong with t, naming the field: a title, at least one column each with a
// title, and every row as many cells as there are columns.
func (t Table) Check() error {
	if strings.TrimSpace(t.Title) == "" {
		return errs.Field("title", "「表名」不能为空")
	}
	if len(t.Columns) == 0 || len(t.Columns) > MaxTableColumns {
		return errs.Field("columns", "「列」应有 1 到 %d 列（现为 %d 列）", MaxTableColumns, len(t.Columns))
	}
	for i, c := range t.Columns {
		if strings.TrimSpace(c.Title) == "" {
			return errs.Field("columns", "第%d列没有列名", i+1)
		}
	}
	if len(t.Rows) > MaxTableRows {
		return errs.Field("rows", "一次最多导出 %d 行（现为 %d 行），请先筛选", MaxTableRows, len(t.Rows))
	}
	for i, r := range t.Rows {
		if len(r) != len(t.Columns) {
			return errs.Field("rows", "第%d行有%d格，应与列数一样是%d格", i+1, len(r), len(t.Columns))
		}
	}
	return nil
}

// WriteTable writes t to path as a workbook of one sheet named for its title: the title in the
// first row, the column titles (bold, shaded, frozen) in the second, then the rows. Text stays text
// — an ID number or a value beginning with = is never turned into a number or a formula.
func WriteTable(path string, t Table) error { return WriteTables(path, t) }

// WriteTables writes each table as a sheet of one workbook, in order, as WriteTable writes one. Two
// tables of the same title are one too many: code invalid.
func WriteTables(path string, tables ...Table) error {
	seen := map[string]bool{}
	for _, t := range tables {
		if err := t.Check(); err != nil {
			return err
		}
		if seen[t.sheetName()] {
			return errs.Field("title", "两张表同名：%s", t.sheetName())
		}
		seen[t.sheetName()] = true
	}
	if len(tables) == 0 {
		return errs.Field("tables", "没有要导出的表")
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range tables {
		if err := fillTable(f, t, i); err != nil {
			return errs.Wrap(err, errs.Internal, "导出 Excel 失败")
		}
	}
	return SaveAtomic(f, path)
}

// fillTable writes t as the workbook's sheet number i (0: the first, which every new file has).
func fillTable(f *excelize.File, t Table, i int) error {
	name := t.sheetName()
	if i == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range tableWidths(t) {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: titleStyle, Value: t.Title}}, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Title}
	}
	if err := sw.SetRow("A2", header, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	cells := make([]any, len(t.Columns))
	for i, row := range t.Rows {
		for j, v := range row {
			cells[j] = tableCell(t.Columns[j], v)
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if len(t.Columns) > 1 {
		last, _ := excelize.CoordinatesToCellName(len(t.Columns), 1)
		return f.MergeCell(name, "A1", last)
	}
	return nil
}

// tableCell is the value written for v in column c: a number for a Number column's numeric text,
// nothing for "", the text itself otherwise.
func tableCell(c TableColumn, v string) any {
	if v == "" {
		return nil
	}
	if c.Number {
		if n, err := strconv.ParseFloat(v, 64); err == nil && len(v) < 16 {
			return n
		}
	}
	return v
}

// tableWidths are the columns' widths in Excel's units (about one per Latin character, two per
// Chinese one): the widest of the title and the first thousand cells, between 6 and 60.
func tableWidths(t Table) []float64 {
	w := make([]float64, len(t.Columns))
	measure := func(i int, s string) {
		n := 0.0
		for _, r := range s {
			if r < 0x1100 {
				n++
			} else {
				n += 2
			}
		}
		if n+2 > w[i] {
			w[i] = n + 2
		}
	}
	for i, c := range t.Columns {
		measure(i, c.Title)
	}
	for r, row := range t.Rows {
		if r == 1000 {
			break
		}
		for i, v := range row {
			measure(i, v)
		}
	}
	for i := range w {
		w[i] = min(max(w[i], 6), 60)
	}
	return w
}

func (t Table) sheetName() string {
	if strings.TrimSpace(t.Sheet) != "" {
		return sheetName(t.Sheet)
	}
	return sheetName(t.Title)
}

// sheetName is title as a sheet name: without the characters Excel forbids, at most 31 characters.
func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(title))
	if utf8.RuneCountInString(name) > maxSheetName {
		name = string([]rune(name)[:maxSheetName])
	}
	if name == "" {
		return "Sheet1"
	}
	return name
}
