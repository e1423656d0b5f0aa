package sheet

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
)

// headerScanRows is how many rows at the top of a sheet are searched for the header row.
const headerScanRows = 15

// header is a recognised header row.
type header struct {
	layout  *Layout
	sheet   string
	row     int            // 1-based
	cols    []mapped       // known columns, left to right
	keys    map[string]int // key -> index into cols
	unknown []string       // headers not recognised
	dup     *errs.Error    // a key met twice, if any
}

// mapped is one recognised column of the header row.
type mapped struct {
	index  int // 0-based column index
	letter string
	key    string
	text   string // the header as written
}

// score is how many known columns the header row names.
func (h *header) score() int { return len(h.cols) }

// better reports whether h is a better header than o: more known columns, then having the
// layout's anchor column (the roster's 姓名).
func (h *header) better(o *header) bool {
	if h.score() != o.score() {
		return h.score() > o.score()
	}
	return h.anchored() && !o.anchored()
}

// anchored reports whether h names its layout's anchor column.
func (h *header) anchored() bool {
	_, ok := h.keys[h.layout.Anchor]
	return ok
}

// matchHeader reads cells as a header row of layout l.
func matchHeader(l *Layout, sheet string, row int, cells []string) *header {
	h := &header{layout: l, sheet: sheet, row: row, keys: map[string]int{}}
	for i, text := range cells {
		text = cleanValue(text)
		if text == "" || serialHeaders[normalizeHeader(text)] {
			continue
		}
		c, ok := l.Lookup(text)
		if !ok {
			h.unknown = append(h.unknown, text)
			continue
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		if j, seen := h.keys[c.Key]; seen {
			if h.dup == nil {
				first := h.cols[j]
				h.dup = errs.Field(c.Key, "“%s”（%s列）和“%s”（%s列）都是“%s”列，请删去或改名其中一列",
					first.text, first.letter, text, letter, c.Header)
			}
			continue
		}
		h.keys[c.Key] = len(h.cols)
		h.cols = append(h.cols, mapped{index: i, letter: letter, key: c.Key, text: text})
	}
	return h
}

// scanSheet returns the best header row of layout l among the first rows of sheet.
func scanSheet(f *excelize.File, l *Layout, sheet string) (*header, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	best := &header{layout: l, sheet: sheet}
	for n := 1; n <= headerScanRows && rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if h := matchHeader(l, sheet, n, cells); h.better(best) {
			best = h
		}
	}
	return best, rows.Error()
}

// findHeader picks the sheet and header row of layout l to import: among the sheets whose header
// names at least three known columns including the anchor (the roster's 姓名), the one naming the
// most (the first on a tie). When no sheet qualifies, the error explains what is missing from the
// closest one.
func findHeader(f *excelize.File, l *Layout) (*header, error) {
	var chosen, closest *header
	for _, name := range f.GetSheetList() {
		h, err := scanSheet(f, l, name)
		if err != nil {
			return nil, errs.Wrap(err, errs.Invalid, "读取工作表“%s”失败", name)
		}
		if closest == nil || h.better(closest) {
			closest = h
		}
		if h.anchored() && h.score() >= 3 && (chosen == nil || h.score() > chosen.score()) {
			chosen = h
		}
	}
	if chosen == nil {
		chosen = closest
	}
	if chosen == nil || chosen.score() == 0 {
		return nil, errs.New(errs.Invalid, "没有找到表头：请确认表格前几行中有一行是列名，如%s", l.example())
	}
	if chosen.dup != nil {
		return nil, chosen.dup
	}
	var missing []string
	first := ""
	for _, key := range l.Required {
		if _, ok := chosen.keys[key]; !ok {
			c, _ := l.ColumnByKey(key)
			missing = append(missing, "“"+c.Header+"”")
			if first == "" {
				first = key
			}
		}
	}
	if len(missing) > 0 {
		return nil, errs.Field(first, "工作表“%s”缺少%s列", chosen.sheet, strings.Join(missing, "、"))
	}
	return chosen, nil
}

// example names two columns of l for a message: its anchor's header and the next required one's
// (the roster's “姓名”“身份证号”).
func (l *Layout) example() string {
	if l == Roster {
		return "“姓名”“身份证号”"
	}
	out := "“" + l.Header(l.Anchor) + "”"
	for _, k := range l.Required {
		if k != l.Anchor {
			return out + "“" + l.Header(k) + "”"
		}
	}
	return out
}

// isHelpRow reports whether cells, the row under the header, is the help row of a template of
// layout l: at least half of its non-empty cells are a column's help text, or one asks for text
// format.
func isHelpRow(l *Layout, cells []string) bool {
	filled, helpful := 0, 0
	for _, c := range cells {
		c = cleanValue(c)
		if c == "" {
			continue
		}
		if strings.Contains(c, "请以文本格式") {
			return true
		}
		filled++
		if l.helps[normalizeHeader(c)] {
			helpful++
		}
	}
	return filled > 0 && helpful*2 >= filled
}
