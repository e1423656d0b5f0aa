package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestEveryColumnHasALabel walks the whole schema of a freshly migrated database — every table and
// every column, those of later migrations too — and fails on any without a Chinese label.
func TestEveryColumnHasALabel(t *testing.T) {
	db := storetest.OpenFile(t, filepath.Join(t.TempDir(), "x.db"), store.Options{})
	rows, err := db.SQL().Query(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tables, columns := map[string]bool{}, 0
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		if !tables[table] {
			tables[table] = true
			if l, ok := store.TableLabel(table); !ok || l == "" {
				t.Errorf("table %s has no label (labels.go)", table)
			}
		}
		columns++
		if l, ok := store.ColumnLabel(table, col); !ok || l == "" {
			t.Errorf("column %s.%s has no label (labels.go)", table, col)
		}
	}
	if len(tables) < 15 || columns < 100 {
		t.Errorf("only %d tables and %d columns walked", len(tables), columns)
	}
	if _, ok := store.TableLabel("no_such_table"); ok {
		t.Error("a table that does not exist has a label")
	}
}

// TestAuditInChinese: every entry comes with the Chinese names of its action, table and fields and a
// one-line summary naming the row when it has a name.
func TestAuditInChinese(t *testing.T) {
	db := storetest.Open(t, store.Options{OfficeName: "丹口镇"})
	ctx := context.Background()
	if err := db.SetOperator(ctx, "杨明"); err != nil {
		t.Fatal(err)
	}
	var village string
	err := db.Write(ctx, func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Update("villages", village, store.Values{"notes": "新备注", "kind": "community"}); err != nil {
			return err
		}
		return tx.RecordView("villages", village, []string{"notes"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("villages", village) }); err != nil {
		t.Fatal(err)
	}
	page, err := db.Audit(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"删除 村（社区）：丹口村",
		"查看 村（社区） 丹口村 的备注",
		"修改 村（社区） 丹口村：类型、备注",
		"新增 村（社区）：丹口村",
		"修改设置：操作员",
		"新增 单位：丹口镇",
	}
	if len(page.Entries) != len(want) {
		t.Fatalf("%d entries", len(page.Entries))
	}
	for i, w := range want {
		if got := page.Entries[i].Summary; got != w {
			t.Errorf("entry %d: %q, want %q", i, got, w)
		}
	}
	e := page.Entries[2]
	if e.ActionLabel != "修改" || e.TableLabel != "村（社区）" || len(e.FieldLabels) != 2 || e.FieldLabels[1] != "备注" {
		t.Errorf("labels %+v", e)
	}
}
