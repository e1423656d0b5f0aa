package sheet

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// fastRow is a row as the fast reader hands it on: its shown values by column (0-based; only the
// columns asked for are filled), the stored values of the date columns in the header's order, and
// whether its ID cell is stored as a number.
type fastRow struct {
	n      int
	vals   []string
	stored []string
	idNum  bool
}

// fastScan reads the data rows of the sheet of header h, in order, each row number once (a row the
// sheet leaves out is handed on empty), calling each for the rows after the header. all tells which
// rows need every column's value (the rest get the known columns'); stored asks for the stored
// values of the date columns; idCol is the 0-based ID column whose cell type is wanted (-1: none).
// errUnsure means the sheet is not within what the fast reader knows, or is not sound. With each nil
// it only checks that, building no values.
func (b *fastBook) fastScan(h *header, all func(n int) bool, stored bool, idCol int, each func(*fastRow) error) error {
	part, err := sheetPart(&b.z.Reader, h.sheet)
	if err != nil {
		return errUnsure
	}
	f, err := openPart(&b.z.Reader, part)
	if err != nil {
		return errUnsure
	}
	defer f.Close()
	x := newXMLScan(io.LimitReader(f, MaxUnzipBytes))

	width := 0
	var dateCols []int
	for _, c := range h.cols {
		width = max(width, c.index+1)
		if h.layout.dates[c.key] {
			dateCols = append(dateCols, c.index)
		}
	}
	known := make([]bool, width) // by 0-based column
	for _, c := range h.cols {
		known[c.index] = true
	}
	row := &fastRow{}
	if stored {
		row.stored = make([]string, len(dateCols))
	}
	rawOf := make(map[int]string, len(dateCols))
	last, rows := 0, 0 // the last row number read, and how many <row> elements
	hand := func(n int) error {
		if n <= h.row {
			return nil
		}
		row.n = n
		for i, c := range dateCols {
			if stored {
				row.stored[i] = rawOf[c]
			}
		}
		if each == nil {
			return nil
		}
		return each(row)
	}
	empty := func(n int) error {
		clear(row.vals)
		row.vals, row.idNum = row.vals[:0], false
		clear(rawOf)
		return hand(n)
	}
	for {
		ev, err := x.next()
		if err != nil {
			return err
		}
		if ev == evEnd && string(x.local) == "sheetData" {
			return nil
		}
		if ev != evStart {
			continue
		}
		switch string(x.local) {
		case "row":
		case "c": // excelize would take it for a cell of the row before
			return errUnsure
		default:
			continue
		}
		n := last + 1
		if r, ok, err := x.attr("r"); err != nil {
			return err
		} else if ok {
			if n, err = strconv.Atoi(string(r)); err != nil || n <= last || n > 1<<20 {
				return errUnsure
			}
		}
		if rows++; rows > MaxSheetRows {
			return tooManyRows(h.layout, h.sheet) // as the verification would say, without reading on
		}
		for m := last + 1; m < n; m++ { // rows left out
			if err := empty(m); err != nil {
				return err
			}
		}
		last = n
		every := all(n)
		w := width
		if every {
			w = 0
		}
		row.vals, row.idNum = row.vals[:0], false
		clear(rawOf)
		col := 0
		for {
			ev, err := x.next()
			if err != nil {
				return err
			}
			if ev == evEnd {
				break // </row>
			}
			if ev != evStart {
				continue
			}
			if string(x.local) != "c" {
				return errUnsure
			}
			ref, hasRef, err := x.attr("r")
			if err != nil {
				return err
			}
			if hasRef {
				c, ok := refColumn(ref)
				if !ok || c <= col {
					return errUnsure
				}
				col = c
			} else {
				col++
			}
			typ, _, err := x.attr("t")
			if err != nil {
				return err
			}
			style := 0
			if s, ok, err := x.attr("s"); err != nil {
				return err
			} else if ok {
				if style, err = strconv.Atoi(string(s)); err != nil {
					return errUnsure
				}
			}
			idx := col - 1
			want := every || idx < w && known[idx]
			shown, raw, err := b.readCell(x, string(typ), style, want, each != nil)
			if err != nil {
				return err
			}
			if !want || each == nil {
				continue
			}
			if idx == idCol && (len(typ) == 0 || string(typ) == "n") {
				row.idNum = true
			}
			if shown != "" {
				for len(row.vals) < idx {
					row.vals = append(row.vals, "")
				}
				row.vals = append(row.vals, shown)
			}
			if stored {
				rawOf[idx] = raw
			}
		}
		if err := hand(n); err != nil {
			return err
		}
	}
}

// refColumn returns the column number of a cell reference such as "D12".
func refColumn(ref []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i > 3 || n > 16384 || i == len(ref) || ref[i] == '0' {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return n, len(ref)-i <= 7
}

// readCell reads a cell after its start tag to its end and returns its value as excelize shows it
// and as stored (when want and keep; otherwise only checks it, when want, that it can be shown).
func (b *fastBook) readCell(x *xmlScan, typ string, style int, want, keep bool) (shown, raw string, err error) {
	var v []byte
	hasV, hasIS := false, false
	var is string
	for {
		ev, err := x.next()
		if err != nil {
			return "", "", err
		}
		if ev == evEnd {
			break
		}
		if ev != evStart {
			continue
		}
		switch string(x.local) {
		case "v":
			if hasV {
				return "", "", errUnsure
			}
			hasV = true
			if v, err = readLeafText(x, v[:0]); err != nil {
				return "", "", err
			}
			if len(v) > MaxCellChars && utf8.RuneCount(v) > MaxCellChars {
				return "", "", errUnsure
			}
		case "is":
			if hasIS {
				return "", "", errUnsure
			}
			hasIS = true
			if is, err = readRichText(x, want && keep); err != nil {
				return "", "", err
			}
		case "f":
			if err := skipElement(x); err != nil {
				return "", "", err
			}
		default:
			return "", "", errUnsure
		}
	}
	if !want {
		return "", "", nil
	}
	kind := b.kind(style)
	if kind == kindUnknown {
		if typ == "str" {
			return string(v), string(v), nil // shown as it is, whatever the style
		}
		if !hasV && !hasIS {
			return "", "", nil
		}
		return "", "", errUnsure
	}
	switch typ {
	case "s":
		if !hasV {
			return "", "", nil
		}
		i, err := strconv.Atoi(string(v))
		if err != nil || i < 0 || i >= len(b.sst) {
			return "", "", errUnsure
		}
		return b.sst[i], b.sst[i], nil
	case "inlineStr":
		if hasV && !hasIS {
			return "", "", errUnsure
		}
		return is, is, nil
	case "str":
		return string(v), string(v), nil
	case "", "n", "e":
		if !keep && kind != kindDate {
			return "", "", nil // shown as General, text or as stored: always can be
		}
		raw := string(v)
		num := numericValue(raw)
		switch kind {
		case kindGeneral:
			if isNum, prec, f := isNumeric(num); isNum && prec > 11 {
				return strconv.FormatFloat(f, 'G', 10, 64), raw, nil
			}
		case kindDate:
			if !hasV {
				return "", "", nil
			}
			d, ok := formatDate(num, b.dates[style])
			if !ok {
				return "", "", errUnsure
			}
			return d, raw, nil
		}
		return num, raw, nil
	}
	return "", "", errUnsure // booleans, dates stored as text, unknown types
}
