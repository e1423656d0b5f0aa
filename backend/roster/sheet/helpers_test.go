package sheet_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/roster/sheet"
)

// book is a workbook being built by a test.
type book struct {
	t *testing.T
	f *excelize.File
}

// newBook starts an empty workbook whose first sheet is "Sheet1".
func newBook(t *testing.T) *book {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { _ = f.Close() })
	return &book{t: t, f: f}
}

// row sets the cells of row n of sheet from column A on; a nil value leaves the cell empty.
func (b *book) row(sheetName string, n int, values ...any) {
	b.t.Helper()
	for i, v := range values {
		if v == nil {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, n)
		if err := b.f.SetCellValue(sheetName, ref, v); err != nil {
			b.t.Fatal(err)
		}
	}
}

// save writes the workbook into the test's temporary directory and returns its path.
func (b *book) save(name string) string {
	b.t.Helper()
	path := filepath.Join(b.t.TempDir(), name)
	if err := b.f.SaveAs(path); err != nil {
		b.t.Fatal(err)
	}
	return path
}

// mustRead reads path and fails the test on error.
func mustRead(t *testing.T, path string) *sheet.Sheet {
	t.Helper()
	s, err := sheet.Read(path)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return s
}

// value is the Value of key in the i-th data row of s.
func value(s *sheet.Sheet, i int, key string) string { return s.Rows[i].Cells[key].Value }

// wantInvalid checks that err is an errs.Invalid error whose message contains every part.
func wantInvalid(t *testing.T, err error, parts ...string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want *errs.Error", err, err)
	}
	if e.Code != errs.Invalid {
		t.Errorf("code = %q, want %q", e.Code, errs.Invalid)
	}
	for _, p := range parts {
		if !strings.Contains(e.Message, p) {
			t.Errorf("message %q does not contain %q", e.Message, p)
		}
	}
}
