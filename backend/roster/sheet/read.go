package sheet

import (
	"errors"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
)

// Cell is one cell of an imported roster row.
type Cell struct {
	// Row is the 1-based sheet row.
	Row int
	// Col is the Excel column letter, such as "C".
	Col string
	// Key is the column's key, such as "id_number".
	Key string
	// Value is the cell as Excel shows it (short dates as 2006-01-02), trimmed, with full-width
	// ASCII and the ideographic space made half-width.
	Value string
	// Raw is the cell as read, before trimming: the text of a text cell, a number as Excel
	// shows it, except that a cell of a date column (the roster's birth_date) holding an Excel
	// date has its serial number.
	Raw string
	// Numeric is set on a cell of the ID column (id_number) stored as a number (Excel then keeps
	// 15 digits at most), and on a cell of a date column holding an Excel date serial number,
	// which Raw then holds.
	Numeric bool
}

// Row is one non-empty data row of an imported roster.
type Row struct {
	// Number is the 1-based sheet row.
	Number int
	// Cells holds the row's non-empty cells by column key; an absent key is an empty cell.
	Cells map[string]Cell
}

// Sheet is an imported roster sheet.
type Sheet struct {
	// Name is the worksheet's name.
	Name string
	// HeaderRow is the 1-based row holding the headers.
	HeaderRow int
	// Columns maps the key of each recognised column to its Excel column letter.
	Columns map[string]string
	// Unknown lists the headers that were not recognised, left to right; their cells are ignored.
	Unknown []string
	// Rows are the non-empty data rows in sheet order.
	Rows []Row

	layout *Layout // nil: Roster
	fast   bool    // read by the fast reader
}

// Layout returns the layout the sheet was read with.
func (s *Sheet) Layout() *Layout {
	if s == nil || s.layout == nil {
		return Roster
	}
	return s.layout
}

// maxEmptyRun is how many empty rows in a row end the data.
const maxEmptyRun = 50

// Read reads the roster in the .xlsx file at path. Of the sheets whose header row (the row of
// the first 15 naming the most known columns, so title rows above it do not matter) names at
// least three known columns including 姓名, it reads the one naming the most. It skips the
// template's help row, a 序号 column, columns it does not know and rows with nothing in a known
// column, and stops after 50 such rows in a row. A sheet missing the 村(社区), 组 or 姓名
// column, or having a column twice, is an error. Errors are *errs.Error with code errs.Invalid.
func Read(path string) (*Sheet, error) { return Roster.Read(path) }

// Read reads the sheet of layout l in the .xlsx file at path, as the package's Read does for the
// roster: the header row is the row of the first 15 naming the most known columns (at least three,
// including the anchor column), and a sheet missing a required column is an error.
func (l *Layout) Read(path string) (*Sheet, error) {
	var rows []Row
	s, err := l.ReadEach(path, func(r Row) error { rows = append(rows, r); return nil })
	if err != nil {
		return nil, err
	}
	s.Rows = rows
	return s, nil
}

// ReadEach reads the roster at path as Read does, but hands each data row to each, in sheet order,
// as it is read, instead of keeping them: a large roster is never held whole. The Sheet it returns
// has no Rows. each may see rows of a sheet that turns out to be faulty: ReadEach then returns the
// fault, and what each did must be thrown away. An error from each ends the reading and is returned.
func ReadEach(path string, each func(Row) error) (*Sheet, error) { return Roster.ReadEach(path, each) }

// ReadEach is Read of layout l, handing each data row to each as ReadEach does for the roster.
func (l *Layout) ReadEach(path string, each func(Row) error) (*Sheet, error) {
	return l.readEach(path, nil, each, true)
}

// ReadEachOver is ReadEach in one pass over the sheet where ReadEach makes two: the fast reader
// hands each row on as it reads it, before it knows that the whole sheet is within what it reads
// (ReadEach first reads it through to see, some 0.5 s of a 100,000-row roster). When it finds out
// otherwise, restart is called and the rows are handed on again from the first, by the slower
// reader: a caller forgets what it was handed before restart.
func (l *Layout) ReadEachOver(path string, restart func(), each func(Row) error) (*Sheet, error) {
	return l.readEach(path, restart, each, true)
}

// readEach is ReadEach, or ReadEachOver with restart; tryFast false leaves the fast reader out (for
// the tests that hold the two readers to the same output).
func (l *Layout) readEach(path string, restart func(), each func(Row) error, tryFast bool) (*Sheet, error) {
	f, err := excelize.OpenFile(path, excelize.Options{ShortDatePattern: "yyyy-mm-dd", UnzipSizeLimit: MaxUnzipBytes})
	if err != nil {
		return nil, notAWorkbook(l, path, err)
	}
	defer f.Close()
	var fb *fastBook
	fast := false
	if tryFast {
		fb, fast = openFastBook(path)
	}
	if fast {
		defer fb.close()
	} else if err := verifySharedStrings(path); err != nil {
		return nil, err
	}
	h, err := findHeader(f, l)
	if err != nil {
		return nil, err
	}
	props, _ := f.GetAppProps()
	textOnly := props != nil && l.ExportApplication != "" && props.Application == l.ExportApplication
	if fast {
		if s, err := fastRead(fb, f, h, textOnly, restart, each); !errors.Is(err, errUnsure) {
			return s, err
		}
	}
	// The sheet's XML is verified to its end beside the reading (on the other core): its verdict
	// comes first, and what was read is used only when it is sound. It also tells the reading which
	// ID cells hold numbers (not in our own text-only exports).
	var cells *numericCells
	idCol := 0
	if i, ok := h.keys[l.IDKey]; ok && l.IDKey != "" && !textOnly {
		cells, idCol = newNumericCells(), h.cols[i].index+1
	}
	verified := make(chan error, 1)
	go func() { verified <- verifySheet(l, path, h.sheet, idCol, cells) }()
	s := newSheet(h)
	// A fault the verification finds ends the reading there (a sheet of a million rows is refused
	// when the verification passes MaxSheetRows, not after all of them were read).
	var verr error
	verdict, rows := false, 0
	err = readRows(f, h, textOnly, cells, func(r Row) error {
		if rows++; rows%1024 == 0 && !verdict {
			select {
			case verr = <-verified:
				if verdict = true; verr != nil {
					return verr
				}
			default:
			}
		}
		return each(r)
	})
	if !verdict {
		verr = <-verified
	}
	if verr != nil {
		return nil, verr
	}
	var stop stopped
	if errors.As(err, &stop) {
		return nil, stop.err
	}
	if err != nil {
		return nil, errs.Wrap(err, errs.Invalid, "读取工作表“%s”失败", h.sheet)
	}
	return s, nil
}

// fastRead reads the rows under header h with the fast reader, as readRows does, when the whole
// sheet is within what it knows and sound. Without restart, a first pass checks that (errUnsure: it
// is not, and no row was handed on) and a second hands the rows to each; with restart, one pass
// hands them on, and calls restart before it gives up (errUnsure) after handing any.
func fastRead(fb *fastBook, f *excelize.File, h *header, textOnly bool, restart func(), each func(Row) error) (*Sheet, error) {
	l := h.layout
	stored := false
	for _, c := range h.cols {
		stored = stored || l.dates[c.key]
	}
	stored = stored && !textOnly && hasDateStyles(f)
	idCol := -1
	if i, ok := h.keys[l.IDKey]; ok && l.IDKey != "" && !textOnly {
		idCol = h.cols[i].index
	}
	helpRow := func(n int) bool { return n == h.row+1 }
	if restart == nil {
		if err := fb.fastScan(h, helpRow, stored, idCol, nil); err != nil {
			return nil, err
		}
	}
	empty, handed, ended := 0, false, false
	err := fb.fastScan(h, helpRow, stored, idCol, func(r *fastRow) error {
		if r.n == h.row+1 && isHelpRow(l, r.vals) {
			return nil
		}
		var dates []string
		if stored {
			dates = r.stored
		}
		if ended {
			return nil
		}
		row, amb := buildRow(h, r.n, r.vals, dates)
		if row.Cells == nil {
			if empty++; empty >= maxEmptyRun {
				if restart == nil {
					return errEnough
				}
				ended = true // the data has ended; the rest is still read through, as the first pass would
			}
			return nil
		}
		empty = 0
		if amb && r.idNum {
			c := row.Cells[l.IDKey]
			c.Numeric = true
			row.Cells[l.IDKey] = c
		}
		handed = true
		if err := each(row); err != nil {
			return stopped{err}
		}
		return nil
	})
	var stop stopped
	switch {
	case err == nil || errors.Is(err, errEnough):
	case errors.As(err, &stop):
		return nil, stop.err
	case restart != nil && errors.Is(err, errUnsure):
		if handed {
			restart()
		}
		return nil, err
	case restart != nil:
		return nil, err // a refusal (too many rows)
	default: // the first pass found the sheet sound: only a fault of the file between the two
		return nil, errs.Wrap(err, errs.Invalid, "读取工作表“%s”失败", h.sheet)
	}
	s := newSheet(h)
	s.fast = true
	return s, nil
}

// newSheet is the Sheet of header h, with no rows.
func newSheet(h *header) *Sheet {
	s := &Sheet{Name: h.sheet, HeaderRow: h.row, Columns: make(map[string]string, len(h.cols)), Unknown: h.unknown, layout: h.layout}
	for _, c := range h.cols {
		s.Columns[c.key] = c.letter
	}
	return s
}

// errEnough ends the fast reader's second pass after maxEmptyRun empty rows.
var errEnough = errors.New("sheet: the data has ended")

// stopped carries an error of the caller's each through readRows.
type stopped struct{ err error }

func (s stopped) Error() string { return s.err.Error() }

// readRows streams the data rows under the header to each, in one pass over the values as shown.
// Only a date stored in a cell of a date column differs in a way that matters from how it is shown,
// so when the sheet has such columns, the workbook has a date format and is not one of our own
// text-only exports, a second pass beside the first reads those columns' stored values. An ID that
// only the cell type can tell (see classifyID) is told by cells (nil: taken for text).
func readRows(f *excelize.File, h *header, textOnly bool, cells *numericCells, each func(Row) error) error {
	shown, err := f.Rows(h.sheet)
	if err != nil {
		return err
	}
	defer shown.Close()
	var stored *rawStream
	var dateCols []int // the 0-based columns of the date columns the sheet has, left to right
	for _, c := range h.cols {
		if h.layout.dates[c.key] {
			dateCols = append(dateCols, c.index)
		}
	}
	if len(dateCols) > 0 && !textOnly && hasDateStyles(f) {
		if stored, err = startRawStream(f, h, dateCols); err != nil {
			return err
		}
		defer stored.stop()
	}
	for n := 1; n <= h.row && shown.Next(); n++ {
	}
	empty := 0
	for n := h.row + 1; shown.Next(); n++ {
		vals, err := shown.Columns()
		if err != nil {
			return err
		}
		var dates []string // the stored values of the date columns, in h.cols order
		if stored != nil {
			if dates, err = stored.next(); err != nil {
				return err
			}
		}
		if n == h.row+1 && isHelpRow(h.layout, vals) {
			continue
		}
		row, amb := buildRow(h, n, vals, dates)
		if row.Cells == nil {
			if empty++; empty >= maxEmptyRun {
				break
			}
			continue
		}
		empty = 0
		if amb && cells != nil && cells.isNumber(n) {
			c := row.Cells[h.layout.IDKey]
			c.Numeric = true
			row.Cells[h.layout.IDKey] = c
		}
		if err := each(row); err != nil {
			return stopped{err}
		}
	}
	return shown.Error()
}

// buildRow makes the row numbered n from the shown values of its cells and, when dates is not nil,
// the stored values of its date cells (in h.cols order). Cells is nil when the row has no value in
// a known column. amb reports an ID cell that only its cell type can tell.
func buildRow(h *header, n int, vals []string, dates []string) (row Row, amb bool) {
	row.Number = n
	l, d := h.layout, 0
	for _, c := range h.cols {
		isDate := l.dates[c.key]
		stored := ""
		if isDate && dates != nil {
			stored, d = dates[d], d+1
		}
		if c.index >= len(vals) {
			continue
		}
		raw := vals[c.index]
		value := cleanValue(raw)
		if value == "" {
			continue
		}
		cell := Cell{Row: n, Col: c.letter, Key: c.key, Value: value, Raw: raw}
		switch {
		case c.key == l.IDKey:
			switch classifyID(raw) {
			case idNumber:
				cell.Numeric = true
			case idAmbiguous:
				amb = true
			}
		case isDate:
			if dates != nil {
				cell.Raw = stored
			}
			cell.Numeric = isSerial(cell.Raw)
		}
		if row.Cells == nil {
			row.Cells = make(map[string]Cell, len(h.cols))
		}
		row.Cells[c.key] = cell
	}
	return row, amb
}

// at returns s[i], or "" past the end.
func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}
