package sheet

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
)

// Problem is something wrong with one cell, or with a whole row when Key is "" (or not a
// column of the sheet), found by validating an imported sheet.
type Problem struct {
	// Row is the 1-based sheet row.
	Row int
	// Key is the column key, or "" for the row as a whole.
	Key string
	// Message says in Chinese what is wrong and how to put it right.
	Message string
}

// MaxComments bounds the bad cells of the "原始数据" sheet that carry their problem as a comment;
// the others are filled red, and every problem is in the "问题清单" sheet.
const MaxComments = 1000

const (
	problemSheet = "问题清单"
	sourceSheet  = "原始数据"
	// commentAuthor signs the comments on bad cells.
	commentAuthor = "乡治"
)

// WriteReport writes to path a workbook listing problems: a "问题清单" sheet with one line per
// problem (行号, 列, 原值, 问题) sorted by row and then column order, ending with how many more
// there are when total (all the problems found) is more than those given, and a "原始数据" sheet
// that repeats the header and every row of src with a problem, its original row number first, the
// bad cells filled light red, those of the first MaxComments carrying the problem as a comment.
func WriteReport(src *Sheet, problems []Problem, total int, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := fillReport(f, src, problems, total); err != nil {
		return errs.Wrap(err, errs.Internal, "生成问题清单失败")
	}
	return SaveAtomic(f, path)
}

// columnOrder ranks a key by its place in l's columns; row-wide problems come first.
func (l *Layout) columnOrder(key string) int {
	if i, ok := l.byKey[key]; ok {
		return i
	}
	return -1
}

// fillReport fills the new workbook f with the report.
func fillReport(f *excelize.File, src *Sheet, problems []Problem, total int) error {
	if src == nil {
		src = &Sheet{}
	}
	l := src.Layout()
	sorted := append([]Problem(nil), problems...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Row != sorted[j].Row {
			return sorted[i].Row < sorted[j].Row
		}
		return l.columnOrder(sorted[i].Key) < l.columnOrder(sorted[j].Key)
	})
	rows := make(map[int]Row, len(src.Rows))
	for _, r := range src.Rows {
		rows[r.Number] = r
	}
	if err := f.SetSheetName(f.GetSheetName(0), problemSheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	bad, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	badText, err := f.NewStyle(&excelize.Style{NumFmt: textFormat,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	if err := writeProblemList(f, l, st, sorted, total, rows); err != nil {
		return err
	}
	if _, err := f.NewSheet(sourceSheet); err != nil {
		return err
	}
	return writeSource(f, st, src, sorted, rows, bad, badText)
}

// writeProblemList writes the "问题清单" sheet.
func writeProblemList(f *excelize.File, l *Layout, st styles, problems []Problem, total int, rows map[int]Row) error {
	if err := setStyledRow(f, problemSheet, 1, []any{"行号", "列", "原值", "问题"}, st.header); err != nil {
		return err
	}
	for i, p := range problems {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		line := []any{p.Row, l.Header(p.Key), rows[p.Row].Cells[p.Key].Value, p.Message}
		if err := f.SetSheetRow(problemSheet, ref, &line); err != nil {
			return err
		}
	}
	if more := total - len(problems); more > 0 {
		ref, _ := excelize.CoordinatesToCellName(1, len(problems)+2)
		line := []any{"", "", "", fmt.Sprintf("……共 %d 个问题，以上列出前 %d 个；改正后重新检查可看到其余的", total, len(problems))}
		if err := f.SetSheetRow(problemSheet, ref, &line); err != nil {
			return err
		}
	}
	if err := f.SetColStyle(problemSheet, "C", st.text); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 8, "B": 12, "C": 24, "D": 60} {
		if err := f.SetColWidth(problemSheet, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(problemSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeSource writes the "原始数据" sheet: the rows with problems, bad cells marked.
func writeSource(f *excelize.File, st styles, src *Sheet, problems []Problem, rows map[int]Row, bad, badText int) error {
	l := src.Layout()
	// The sheet's known columns in their original left-to-right order.
	keys := make([]string, 0, len(src.Columns))
	for key := range src.Columns {
		keys = append(keys, key)
	}
	colNum := func(key string) int { n, _ := excelize.ColumnNameToNumber(src.Columns[key]); return n }
	sort.Slice(keys, func(i, j int) bool { return colNum(keys[i]) < colNum(keys[j]) })
	place := map[string]int{} // key -> 1-based column in the report
	head := []any{"原行号"}
	for i, key := range keys {
		place[key] = i + 2
		head = append(head, l.Header(key))
		c, _ := l.ColumnByKey(key)
		col, _ := excelize.ColumnNumberToName(i + 2)
		if c.Text {
			if err := f.SetColStyle(sourceSheet, col, st.text); err != nil {
				return err
			}
		}
		if err := f.SetColWidth(sourceSheet, col, col, c.Width); err != nil {
			return err
		}
	}
	if err := setStyledRow(f, sourceSheet, 1, head, st.header); err != nil {
		return err
	}
	out := 1      // last report row written
	comments := 0 // each comment costs excelize a pass over the ones before: the first MaxComments
	for i := 0; i < len(problems); {
		number := problems[i].Row
		out++
		line := []any{number}
		for _, key := range keys {
			line = append(line, rows[number].Cells[key].Value)
		}
		ref, _ := excelize.CoordinatesToCellName(1, out)
		if err := f.SetSheetRow(sourceSheet, ref, &line); err != nil {
			return err
		}
		// Gather the messages of each bad cell of this row.
		msgs := map[int][]string{}
		for ; i < len(problems) && problems[i].Row == number; i++ {
			col := place[problems[i].Key]
			if col == 0 {
				col = 1
			}
			msgs[col] = append(msgs[col], problems[i].Message)
		}
		for col, m := range msgs {
			cell, _ := excelize.CoordinatesToCellName(col, out)
			style := bad
			if c, ok := l.ColumnByKey(keyAt(keys, col)); ok && c.Text {
				style = badText
			}
			if err := f.SetCellStyle(sourceSheet, cell, cell, style); err != nil {
				return err
			}
			if comments++; comments > MaxComments {
				continue
			}
			if err := f.AddComment(sourceSheet, excelize.Comment{Cell: cell, Author: commentAuthor,
				Text: strings.Join(m, "\n"), Width: 240, Height: 60 + 20*uint(len(m)-1)}); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(sourceSheet, "A", "A", 8); err != nil {
		return err
	}
	return f.SetPanes(sourceSheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"})
}

// keyAt is the key shown in report column col (1-based), or "" for the row-number column.
func keyAt(keys []string, col int) string {
	if col < 2 || col-2 >= len(keys) {
		return ""
	}
	return keys[col-2]
}
