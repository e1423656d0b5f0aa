package sheet_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/roster/sheet"
)

// rewritePart copies the .xlsx at src to a new file with the part called name changed by edit.
func rewritePart(t *testing.T, src, name string, edit func(string) string) string {
	t.Helper()
	r, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	found := false
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			b, found = []byte(edit(string(b))), true
		}
		out, _ := w.Create(f.Name)
		out.Write(b)
	}
	w.Close()
	if !found {
		t.Fatalf("no part %s", name)
	}
	dst := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// A sheet that cannot be read to its end is refused whole, naming the row where it broke; rows
// numbered out of order are refused, never dropped (issue 9 §2).
func TestFaultySheetIsRefusedWhole(t *testing.T) {
	b := newBook(t)
	b.row("Sheet1", 1, "村", "组", "姓名")
	for n := 2; n <= 101; n++ {
		b.row("Sheet1", n, "丹口村", "一组", "杨明"+strings.Repeat("甲", n%3))
	}
	good := b.save("good.xlsx")
	if s := mustRead(t, good); len(s.Rows) != 100 {
		t.Fatalf("the sound sheet: %d rows", len(s.Rows))
	}
	const part = "xl/worksheets/sheet1.xml"
	// The first cell of row 51 as excelize wrote it, for the faults to go in.
	row51 := func(x string, with string) string {
		i := strings.Index(x, `<row r="51"`)
		i += strings.Index(x[i:], ">") + 1
		return x[:i] + `<c r="D51" t="inlineStr"><is><t>` + with + `</t></is></c>` + x[i:]
	}
	for _, c := range []struct {
		name string
		edit func(string) string
		want string
	}{
		{"NUL byte", func(x string) string { return row51(x, "杨\x00明") }, "第 51 行的内容无法读取（含有不允许的控制字符）"},
		{"ESC byte", func(x string) string { return row51(x, "杨\x1b明") }, "第 51 行的内容无法读取（含有不允许的控制字符）"},
		{"undefined entity", func(x string) string { return row51(x, "杨&bogus;明") }, "第 51 行的内容无法读取（含有无法识别的实体）"},
		{"invalid UTF-8", func(x string) string { return row51(x, "杨\xff\xfe明") }, "第 51 行的内容无法读取（含有无效的文字编码）"},
		{"unclosed tag", func(x string) string { return row51(x, "<b>杨明") }, "第 51 行的内容无法读取"},
		{"a fault in the shared strings", nil, "共享文字表"},
		{"cut off", func(x string) string { return x[:strings.Index(x, `<row r="51"`)+40] }, "第 51 行"},
		{"negative row number", func(x string) string { return strings.Replace(x, `<row r="31"`, `<row r="-5"`, 1) }, "行号为“-5”"},
		{"repeated row number", func(x string) string { return strings.Replace(x, `<row r="32"`, `<row r="2"`, 1) }, "行号为“2”"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := ""
			if c.edit == nil {
				file = rewritePart(t, good, "xl/sharedStrings.xml", func(x string) string { return strings.Replace(x, "杨明", "杨\x00明", 1) })
			} else {
				file = rewritePart(t, good, part, c.edit)
			}
			_, err := sheet.Read(file)
			wantInvalid(t, err, c.want, "整张表未读取")
		})
	}
	t.Run("cell over the limit", func(t *testing.T) {
		_, err := sheet.Read(rewritePart(t, good, part, func(x string) string {
			return row51(x, strings.Repeat("长", sheet.MaxCellChars+1))
		}))
		wantInvalid(t, err, "第 51 行有一个单元格超过")
	})
}

// A workbook saved with a password, or an old .xls, says what it is and what to do.
func TestEncryptedAndOldWorkbooks(t *testing.T) {
	cfb := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	dir := t.TempDir()
	enc := filepath.Join(dir, "加密.xlsx")
	os.WriteFile(enc, append(append(cfb, make([]byte, 600)...), utf16("EncryptionInfo")...), 0o644)
	wantInvalid(t, readErr(enc), "打开密码")
	xls := filepath.Join(dir, "旧.xlsx")
	os.WriteFile(xls, append(append(cfb, make([]byte, 600)...), utf16("Workbook")...), 0o644)
	wantInvalid(t, readErr(xls), ".xls")
}

func readErr(path string) error {
	_, err := sheet.Read(path)
	return err
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}
