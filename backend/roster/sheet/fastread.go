package sheet

import (
	"archive/zip"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The fast reader gives a sheet's cells as excelize shows them, in a fraction of the time its XML
// decoding takes, for what rosters and ledgers hold: text, numbers shown in the General or text
// format or as dates in a plain format, in well-formed XML. It reads the sheet twice: once to check
// that all of it is within what it knows (and sound: the verification's duty), then to hand the
// rows on. Anything else makes the first pass say so before a row is handed on, and the sheet is
// read by excelize as before. A differential test holds the two readers to the same output.

// styleKind is how the fast reader shows a cell of a style.
type styleKind uint8

const (
	kindRaw     styleKind = iota // no number format: the value as stored
	kindGeneral                  // General
	kindText                     // @
	kindDate                     // a date format the fast reader can show (dateFormat)
	kindUnknown                  // anything else
)

// fastBook is what the fast reader knows of a workbook: its shared texts and cell styles.
type fastBook struct {
	z     *zip.ReadCloser
	sst   []string
	kinds []styleKind
	dates map[int][]dateToken // by style index, for kindDate
}

// openFastBook reads the shared texts, the styles and the date system of the workbook at file. ok
// is false when the fast reader cannot read it.
func openFastBook(file string) (*fastBook, bool) {
	z, err := zip.OpenReader(file)
	if err != nil {
		return nil, false
	}
	b := &fastBook{z: z}
	if !b.readStyles() || date1904(&z.Reader) || !b.readSST() {
		z.Close()
		return nil, false
	}
	return b, true
}

func (b *fastBook) close() { b.z.Close() }

// date1904 reports whether the workbook counts dates from 1904 (or cannot be told).
func date1904(z *zip.Reader) bool {
	var wb struct {
		Pr []struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
	}
	if decodePart(z, "xl/workbook.xml", &wb) != nil || len(wb.Pr) > 1 {
		return true
	}
	return len(wb.Pr) == 1 && wb.Pr[0].Date1904 != "" && wb.Pr[0].Date1904 != "0" && wb.Pr[0].Date1904 != "false"
}

// readStyles reads each cell style's number format, as excelize's formattedValue looks it up: the
// workbook's own formats first, then the built-in ones.
func (b *fastBook) readStyles() bool {
	var ss struct {
		NumFmts []struct {
			ID     string `xml:"numFmtId,attr"`
			Code   string `xml:"formatCode,attr"`
			Code16 string `xml:"http://schemas.microsoft.com/office/spreadsheetml/2015/02/main formatCode16,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID *string `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if decodePart(&b.z.Reader, "xl/styles.xml", &ss) != nil {
		return false
	}
	b.dates = map[int][]dateToken{}
	for i, xf := range ss.Xfs {
		id := 0
		if xf.NumFmtID != nil {
			n, err := strconv.Atoi(*xf.NumFmtID)
			if err != nil {
				return false
			}
			id = n
		}
		kind, code, custom := kindUnknown, "", false
		for _, f := range ss.NumFmts {
			if n, err := strconv.Atoi(f.ID); err == nil && n == id {
				code, custom = f.Code, true
				if f.Code16 != "" {
					code = "\x00" // not known
				}
				break
			}
		}
		switch {
		case custom && code == "General":
			kind = kindGeneral
		case custom && code == "@":
			kind = kindText
		case custom:
			if d, ok := parseDateFormat(code); ok {
				kind, b.dates[i] = kindDate, d
			}
		case id == 0:
			kind = kindGeneral
		case id == 49:
			kind = kindText
		case id == 14: // shown with ShortDatePattern, as ReadEach opens the workbook
			kind, b.dates[i] = kindDate, []dateToken{{kind: 'y', width: 4}, {lit: "-"}, {kind: 'm', width: 2}, {lit: "-"}, {kind: 'd', width: 2}}
		case id >= 164:
			kind = kindRaw // neither the workbook's nor built in: excelize shows the value
		}
		b.kinds = append(b.kinds, kind)
	}
	return true
}

// kind returns the kind of style index s (excelize shows a cell of no style, or of a style that
// does not exist, as stored).
func (b *fastBook) kind(s int) styleKind {
	if s <= 0 || s >= len(b.kinds) {
		return kindRaw
	}
	return b.kinds[s]
}

// readSST reads the shared texts: an <si> holds a <t>, or runs (<r>, each with its <t> and
// formatting), and phonetic runs and properties, which excelize leaves out.
func (b *fastBook) readSST() bool {
	var f *zip.File
	for _, zf := range b.z.File {
		if strings.EqualFold(zf.Name, "xl/sharedStrings.xml") {
			f = zf
		}
	}
	if f == nil {
		return true
	}
	r, err := f.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	x := newXMLScan(io.LimitReader(r, MaxUnzipBytes))
	ev, err := x.next()
	if err != nil || ev != evStart || string(x.local) != "sst" {
		return false
	}
	for {
		ev, err := x.next()
		if err != nil {
			return false
		}
		switch ev {
		case evEnd: // </sst>: after it, white space only (encoding/xml reads on, as the verification does)
			return x.onlySpaceLeft()
		case evStart:
			if string(x.local) != "si" {
				return false
			}
			s, err := readRichText(x, true)
			if err != nil {
				return false
			}
			b.sst = append(b.sst, s)
		}
	}
}

// readRichText reads the content of an <si> or <is> after its start, to its end, as excelize's
// xlsxSI.String gives it: the <t>, then the runs' texts, with _xHHHH_ escapes decoded ("" unless
// keep: only checked).
func readRichText(x *xmlScan, keep bool) (string, error) {
	var t, runs []byte
	hasT := false
	for {
		ev, err := x.next()
		if err != nil {
			return "", err
		}
		switch ev {
		case evEnd:
			all := append(t, runs...)
			if len(all) > MaxCellChars && utf8.RuneCount(all) > MaxCellChars {
				return "", errUnsure
			}
			if !keep {
				return "", nil
			}
			return bstrUnmarshal(string(all)), nil
		case evStart:
			switch string(x.local) {
			case "t":
				if hasT {
					return "", errUnsure
				}
				hasT = true
				if t, err = readLeafText(x, t); err != nil {
					return "", err
				}
			case "r":
				if runs, err = readRun(x, runs); err != nil {
					return "", err
				}
			case "rPh", "phoneticPr":
				if err := skipElement(x); err != nil {
					return "", err
				}
			default:
				return "", errUnsure
			}
		}
	}
}

// readRun reads a run (<r>) after its start: its properties are skipped, its one <t> appended.
func readRun(x *xmlScan, to []byte) ([]byte, error) {
	seen := false
	for {
		ev, err := x.next()
		if err != nil {
			return nil, err
		}
		switch ev {
		case evEnd:
			return to, nil
		case evStart:
			switch string(x.local) {
			case "rPr":
				err = skipElement(x)
			case "t":
				if seen {
					return nil, errUnsure
				}
				seen = true
				to, err = readLeafText(x, to)
			default:
				err = errUnsure
			}
			if err != nil {
				return nil, err
			}
		}
	}
}

// readLeafText appends the text of an element with no elements inside, after its start.
func readLeafText(x *xmlScan, to []byte) ([]byte, error) {
	for {
		ev, err := x.next()
		if err != nil {
			return nil, err
		}
		switch ev {
		case evText:
			to = append(to, x.text...)
		case evEnd:
			return to, nil
		default:
			return nil, errUnsure
		}
	}
}

// skipElement reads on to the end of the element just started.
func skipElement(x *xmlScan) error {
	for depth := 1; depth > 0; {
		ev, err := x.next()
		if err != nil {
			return err
		}
		switch ev {
		case evStart:
			depth++
		case evEnd:
			depth--
		}
	}
	return nil
}

// bstrUnmarshal decodes the _xHHHH_ escapes of a text as excelize does (_x005F_ is "_"; an escape
// of no valid character is dropped).
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
			if utf8.ValidRune(rune(n)) {
				out.WriteRune(rune(n))
			}
			i += 7
			continue
		}
		out.WriteByte(s[i])
		i++
	}
	return out.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i] | 0x20
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// numericValue is excelize's getCellDefault: a number as excelize shows it before formatting.
func numericValue(v string) string {
	if isNum, prec, f := isNumeric(v); isNum {
		if prec > 15 && !isNumWithinPrecision(v) {
			return strconv.FormatFloat(f, 'G', 15, 64)
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return v
}

// isNumeric is excelize's: whether s is a number, with its count of digits.
func isNumeric(s string) (bool, int, float64) {
	if strings.Contains(s, "_") {
		return false, 0, 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false, 0, 0
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	return true, len(plain) - strings.Count(plain, "."), f
}

// isNumWithinPrecision is excelize's: an integer of at most 15 significant digits, zeros after.
func isNumWithinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// dateToken is one part of a date format: a year, month or day of a width, or literal text.
type dateToken struct {
	kind  byte // 'y', 'm', 'd', or 0 for lit
	width int
	lit   string
}

// parseDateFormat reads the date formats officers' sheets use: years (yyyy, yy), months (m, mm) and
// days (d, dd) between literal text (quoted, escaped, or - / . space 年 月 日), optionally followed by
// ";@" (text as it is). Anything else is not known.
func parseDateFormat(code string) ([]dateToken, bool) {
	code = strings.TrimSuffix(code, ";@")
	var toks []dateToken
	lit := func(s string) {
		if n := len(toks); n > 0 && toks[n-1].kind == 0 {
			toks[n-1].lit += s
			return
		}
		toks = append(toks, dateToken{lit: s})
	}
	seen := map[byte]bool{}
	for i := 0; i < len(code); {
		c := code[i]
		switch {
		case c == 'y' || c == 'm' || c == 'd':
			j := i
			for j < len(code) && code[j] == c {
				j++
			}
			w := j - i
			if seen[c] || c == 'y' && w != 2 && w != 4 || c != 'y' && w > 2 {
				return nil, false
			}
			seen[c] = true
			toks = append(toks, dateToken{kind: c, width: w})
			i = j
		case c == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 || !plainLiteral(code[i+1:i+1+j]) {
				return nil, false
			}
			lit(code[i+1 : i+1+j])
			i += j + 2
		case c == '\\' && i+1 < len(code):
			_, size := utf8.DecodeRuneInString(code[i+1:])
			if !plainLiteral(code[i+1 : i+1+size]) {
				return nil, false
			}
			lit(code[i+1 : i+1+size])
			i += 1 + size
		default:
			r, size := utf8.DecodeRuneInString(code[i:])
			if !strings.ContainsRune("-/. 年月日", r) {
				return nil, false
			}
			lit(code[i : i+size])
			i += size
		}
	}
	return toks, seen['y'] && seen['m'] && seen['d']
}

// plainLiteral reports whether s is literal text the date formats may hold.
func plainLiteral(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("-/. 年月日", r) {
			return false
		}
	}
	return s != ""
}

// excelEpoch is day 0 of Excel's 1900 date system, as counted after 1 March 1900.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// formatDate shows the number v in the date format toks, as excelize does; ok is false for what
// the fast reader leaves to excelize (times of day, and the days before March 1900).
func formatDate(v string, toks []dateToken) (string, bool) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 62 || n > maxSerial {
		return "", false
	}
	t := excelEpoch.AddDate(0, 0, n)
	var b strings.Builder
	for _, tok := range toks {
		switch tok.kind {
		case 'y':
			if tok.width == 2 {
				b.WriteString(pad(t.Year()%100, 2))
			} else {
				b.WriteString(pad(t.Year(), 4))
			}
		case 'm':
			b.WriteString(pad(int(t.Month()), tok.width))
		case 'd':
			b.WriteString(pad(t.Day(), tok.width))
		default:
			b.WriteString(tok.lit)
		}
	}
	return b.String(), true
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}
