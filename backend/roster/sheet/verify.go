package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/errs"
)

// Limits on what a roster file may make the program do. A real roster of a county is some 400,000
// people in 40 MB of sheet XML; these are far above that and far below what would exhaust a laptop.
const (
	// MaxUnzipBytes bounds the whole workbook unzipped (excelize refuses more, by the zip directory,
	// and archive/zip stops a part that inflates past what the directory says).
	MaxUnzipBytes = 256 << 20
	// MaxSheetRows bounds the rows of the sheet read (tooManyRows).
	MaxSheetRows = 500_000
	// MaxCellChars bounds one cell's text (Excel's own limit is 32,767 characters).
	MaxCellChars = 32_767
)

// verifySheet reads the XML of the worksheet called name in the .xlsx at file to its end, beside the
// reading of its values (excelize's row reader takes a fault in the XML for the end of the sheet, and
// numbers rows by their r attribute whatever their order): it refuses, naming the row, a sheet whose
// XML breaks off or is not well-formed (a control byte, an undefined entity, an unclosed tag, a
// cut-off file), rows numbered below 1 or not in increasing order, more than MaxSheetRows rows or a
// cell longer than MaxCellChars. Code invalid. When cells is not nil, it learns which rows hold a
// number in column idCol (a column number, 1 for A).
func verifySheet(l *Layout, file, name string, idCol int, cells *numericCells) error {
	if cells != nil {
		defer cells.end()
	}
	z, err := zip.OpenReader(file)
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "打不开这个表格文件，请确认它是 Excel 的 .xlsx 文件")
	}
	defer z.Close()
	part, err := sheetPart(&z.Reader, name)
	if err != nil {
		return err
	}
	f, err := openPart(&z.Reader, part)
	if err != nil {
		return err
	}
	defer f.Close()
	row, rows, inRow, inText, textLen, col := 0, 0, false, false, 0, 0
	broken := func(what string) error {
		where := "第一行之前"
		if inRow {
			where = "第 " + strconv.Itoa(row) + " 行"
		} else if row > 0 {
			where = "第 " + strconv.Itoa(row) + " 行之后"
		}
		return errs.New(errs.Invalid, "工作表“%s”在%s%s，整张表未读取；请在 Excel 中打开并另存为 .xlsx 后再导入", name, where, what)
	}
	d := xml.NewDecoder(io.LimitReader(f, MaxUnzipBytes))
	// RawToken, with the nesting of tags checked here, costs half what Token does.
	var open []string
	for {
		tok, err := d.RawToken()
		if err == nil {
			switch t := tok.(type) {
			case xml.StartElement:
				open = append(open, t.Name.Local)
			case xml.EndElement:
				if len(open) == 0 || open[len(open)-1] != t.Name.Local {
					err = &xml.SyntaxError{Msg: "element closed by </" + t.Name.Local + ">"}
				} else {
					open = open[:len(open)-1]
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return broken("意外结束（文件不完整）")
		}
		if err != nil {
			return broken("的内容无法读取（" + xmlFault(err) + "）")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				n := row + 1
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if n, err = strconv.Atoi(a.Value); err != nil || n < 1 || n <= row {
							return errs.New(errs.Invalid, "工作表“%s”第 %d 行之后有一行的行号为“%s”（行号须从 1 起依次增大），整张表未读取；请在 Excel 中打开并另存为 .xlsx 后再导入",
								name, row, a.Value)
						}
					}
				}
				if rows++; rows > MaxSheetRows {
					return tooManyRows(l, name)
				}
				row, inRow, col = n, true, 0
			case "c":
				col++
				typ := ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						if c := columnOf(a.Value); c > 0 {
							col = c
						}
					case "t":
						typ = a.Value
					}
				}
				if cells != nil && col == idCol && (typ == "" || typ == "n") {
					cells.set(row)
				}
			case "t", "v":
				inText, textLen = true, 0
			}
		case xml.CharData:
			if inText {
				if textLen += utf8.RuneCount(t); textLen > MaxCellChars {
					return errs.New(errs.Invalid, "工作表“%s”第 %d 行有一个单元格超过 %d 个字符，整张表未读取", name, max(row, 1), MaxCellChars)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t", "v":
				inText = false
			case "row":
				inRow = false
				if cells != nil {
					cells.pass(row)
				}
			case "sheetData":
				return nil
			}
		}
	}
}

// columnOf returns the column number of a cell reference such as "D12" (4), or 0 when it has none.
func columnOf(ref string) int {
	n := 0
	for i := 0; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
	}
	return n
}

// xmlFault says in Chinese what is wrong in the XML.
func xmlFault(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		switch m := se.Msg; {
		case strings.Contains(m, "illegal character"):
			return "含有不允许的控制字符"
		case strings.Contains(m, "invalid UTF-8"):
			return "含有无效的文字编码"
		case strings.Contains(m, "entity"):
			return "含有无法识别的实体"
		case strings.Contains(m, "unexpected EOF"):
			return "文件不完整"
		case strings.Contains(m, "element") || strings.Contains(m, "closed by") || strings.Contains(m, "unexpected end"):
			return "标签没有正确闭合"
		}
		return "XML 格式错误"
	}
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		return "压缩包已损坏"
	}
	return "XML 格式错误"
}

// sheetPart finds the zip part of the worksheet called name, through the workbook and its relations.
func sheetPart(z *zip.Reader, name string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(z, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := decodePart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != name {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Clean("xl/" + r.Target), nil
			}
		}
	}
	return "", errs.New(errs.Invalid, "表格文件里找不到工作表“%s”的内容，文件可能已损坏", name)
}

// decodePart unmarshals a small part of the package (at most 16 MB).
func decodePart(z *zip.Reader, name string, v any) error {
	f, err := openPart(z, name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := xml.NewDecoder(io.LimitReader(f, 16<<20)).Decode(v); err != nil {
		return errs.Wrap(err, errs.Invalid, "表格文件的 %s 无法读取，文件可能已损坏", name)
	}
	return nil
}

func openPart(z *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range z.File {
		if strings.EqualFold(f.Name, name) {
			r, err := f.Open()
			if err != nil {
				return nil, errs.Wrap(err, errs.Invalid, "表格文件的 %s 无法读取，文件可能已损坏", name)
			}
			return r, nil
		}
	}
	return nil, errs.New(errs.Invalid, "表格文件缺少 %s，文件可能已损坏", name)
}

// notAWorkbook says why a file that is not a zip package cannot be read as a sheet of layout l: a
// workbook saved with a password (an encrypted package), an old .xls, or something else.
func notAWorkbook(l *Layout, file string, err error) error {
	f, openErr := os.Open(file)
	if openErr == nil {
		defer f.Close()
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, head)
		head = head[:n]
		if bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) { // a compound file
			if bytes.Contains(head, utf16le("EncryptionInfo")) || bytes.Contains(head, utf16le("EncryptedPackage")) {
				return errs.New(errs.Invalid, "这个表格设置了打开密码（已加密），无法读取；请在 Excel 中打开它，"+
					"在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中删去密码，保存后再导入")
			}
			return errs.New(errs.Invalid, "这是旧版 Excel 的 .xls 文件；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入")
		}
	}
	if strings.Contains(err.Error(), "unzip size exceeds") {
		return errs.Wrap(err, errs.Invalid, "这个表格文件解压后超过 %d MB，不是一份%s能有的大小，未读取", MaxUnzipBytes>>20, l.Noun)
	}
	return errs.Wrap(err, errs.Invalid, "打不开这个表格文件，请确认它是 Excel 的 .xlsx 文件")
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// verifySharedStrings reads the workbook's table of shared texts to its end, before any cell is
// read: a fault in it would otherwise make the cells after it empty or wrong.
func verifySharedStrings(file string) error {
	z, err := zip.OpenReader(file)
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "打不开这个表格文件，请确认它是 Excel 的 .xlsx 文件")
	}
	defer z.Close()
	for _, f := range z.File {
		if !strings.EqualFold(f.Name, "xl/sharedStrings.xml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return errs.Wrap(err, errs.Invalid, "表格的共享文字表无法读取，文件可能已损坏")
		}
		defer r.Close()
		d := xml.NewDecoder(io.LimitReader(r, MaxUnzipBytes))
		inText, textLen, n := false, 0, 0
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return errs.New(errs.Invalid, "表格的共享文字表（第 %d 条文字附近）无法读取（%s），整张表未读取；请在 Excel 中打开并另存为 .xlsx 后再导入",
					max(n, 1), xmlFault(err))
			}
			switch t := tok.(type) {
			case xml.StartElement:
				if t.Name.Local == "si" {
					n++
				}
				if t.Name.Local == "t" {
					inText, textLen = true, 0
				}
			case xml.CharData:
				if inText {
					if textLen += utf8.RuneCount(t); textLen > MaxCellChars {
						return errs.New(errs.Invalid, "表格的共享文字表里第 %d 条文字超过 %d 个字符，整张表未读取", n, MaxCellChars)
					}
				}
			case xml.EndElement:
				if t.Name.Local == "t" {
					inText = false
				}
			}
		}
	}
	return nil
}

// tooManyRows refuses the sheet called name: it has more than MaxSheetRows rows.
func tooManyRows(l *Layout, name string) error {
	return errs.New(errs.Invalid, "工作表“%s”超过 %d 行，不是一份%s能有的行数；请分成几个文件导入", name, MaxSheetRows, l.Noun)
}
