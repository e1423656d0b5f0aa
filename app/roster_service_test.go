package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The roster's file is asked for with the system's dialog and read where it lies: a cancelled dialog
// gives an empty preview, a chosen roster is checked under its own name, and a file that is no .xlsx
// or too large is refused before it is read, naming the file field.
func TestRosterPreviewReadsTheChosenFile(t *testing.T) {
	db := storetest.Open(t, store.Options{ShortName: "丹口"})
	s := NewRosterService(openedOn(db), &windowEvents{}, nil)
	dir := t.TempDir()
	e2eOpenFile = filepath.Join(dir, "open-next.txt")
	defer func() { e2eOpenFile = "" }()

	if p, err := s.Preview(""); err != nil || p.File != "" || p.Token != "" {
		t.Fatalf("a cancelled dialog: %+v %v", p, err)
	}
	path := filepath.Join(dir, "丹口村花名册.xlsx")
	if err := roster.WriteTemplate(path); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(e2eOpenFile, []byte(path+"\n"), 0o644)
	p, err := s.Preview("")
	if err != nil || p.File != "丹口村花名册.xlsx" || p.Token == "" {
		t.Fatalf("the chosen template: %+v %v", p, err)
	}

	old := filepath.Join(dir, "旧表.xls")
	os.WriteFile(old, []byte("x"), 0o644)
	if _, err := s.Preview(old); errs.As(err).Field != "file" || !strings.Contains(err.Error(), ".xlsx") {
		t.Fatalf("an .xls file: %v", err)
	}
	big := filepath.Join(dir, "全县.xlsx")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(maxRosterBytes + 1) // sparse: no disk used; 50.0 MB and a byte
	f.Close()
	if _, err := s.Preview(big); errs.As(err).Field != "file" || !strings.Contains(err.Error(), "有 50.0 MB，超过了 50 MB") {
		t.Fatalf("a file over 50 MB: %v", err)
	}
}
