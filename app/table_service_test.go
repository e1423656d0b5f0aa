package app

import (
	"encoding/base64"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestTableExportStaged: a view sent in pieces is written whole, in order, once; a token is used
// once; an abandoned view is dropped after maxStaged others.
func TestTableExportStaged(t *testing.T) {
	dir := t.TempDir()
	e2eSaveDir = dir
	defer func() { e2eSaveDir = "" }()
	s := NewTableService(nil, nil)
	cols := []sheet.TableColumn{{Title: "姓名"}, {Title: "人数", Number: true}}
	for _, chunk := range [][][]string{{{"张喆", "3"}, {"李四", "2"}}, {{"王五", "1"}}} {
		if err := s.Stage("v1", chunk); err != nil {
			t.Fatal(err)
		}
	}
	path, err := s.ExportXlsx(sheet.Table{Title: "名单", Columns: cols, Rows: [][]string{{"赵六", "4"}}}, "v1")
	if err != nil || path != filepath.Join(dir, "名单.xlsx") {
		t.Fatalf("%q %v", path, err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	var names []string
	for _, r := range rows[2:] {
		names = append(names, r[0])
	}
	if fmt.Sprint(names) != "[张喆 李四 王五 赵六]" {
		t.Errorf("rows %v", names)
	}
	if len(s.staged) != 0 || len(s.order) != 0 {
		t.Errorf("the token is still kept: %v", s.order)
	}

	// A row of the wrong length in a piece is refused naming the field; nothing is written.
	if err := s.Stage("v2", [][]string{{"只有一格"}}); err != nil {
		t.Fatal(err)
	}
	_, err = s.ExportXlsx(sheet.Table{Title: "坏表", Columns: cols}, "v2")
	if e := errs.As(err); e == nil || e.Field != "rows" {
		t.Errorf("bad row: %v", err)
	}

	for i := 0; i < maxStaged+2; i++ {
		if err := s.Stage(fmt.Sprint("old", i), [][]string{{"a", "1"}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.staged) != maxStaged || s.staged["old0"] != nil {
		t.Errorf("%d views kept, the oldest %v", len(s.staged), s.staged["old0"])
	}
	if err := s.Stage("", nil); errs.As(err) == nil {
		t.Error("a view without a token was kept")
	}
}

// TestTableLedger: a view staged in pieces prints whole as a 台账 (nothing archived); a ledger
// without columns is refused naming the field.
func TestTableLedger(t *testing.T) {
	db := storetest.Open(t, store.Options{ShortName: "丹口"})
	d := NewDocService(openedOn(db), &windowEvents{})
	s := NewTableService(&windowEvents{}, d)
	var rows [][]string
	for i := 0; i < 60; i++ {
		rows = append(rows, []string{fmt.Sprintf("%04d", i+1), "张明", "岩垅村八组"})
	}
	if err := s.Stage("v", rows[:40]); err != nil {
		t.Fatal(err)
	}
	l := docs.Ledger{Title: "住户名册", Unit: "丹口镇", Columns: []string{"户编号", "户主", "住址"}, Rows: rows[40:], Date: "2026-11-27"}
	f, err := s.Ledger(l, "v")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := base64.StdEncoding.DecodeString(f.PDF)
	if f.Title != "住户名册" || f.Pages < 2 || f.Pages != docs.Pages(pdf) || f.Issued.ID != "" {
		t.Errorf("ledger: %q, %d pages", f.Title, f.Pages)
	}
	if list, _ := d.List("", "", "", false, 10, 0); list.Total != 0 {
		t.Error("printing a 台账 archived it")
	}
	_, err = s.Ledger(docs.Ledger{Title: "空表", Date: "2026-11-27"}, "")
	if e := errs.As(err); e == nil || e.Field != "columns" {
		t.Errorf("no columns: %v", err)
	}
}
