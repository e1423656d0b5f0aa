package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// indexesOf lists the indexes of a table as "name: statement".
func indexesOf(t *testing.T, db *store.DB, table string) []string {
	return storetest.Schema(t, db, "index", table)
}

// SuspendIndexes drops a table's plain indexes but those kept, for the rest of the transaction; the
// commit builds each again from its own statement, holding the rows written meanwhile, and a failed
// transaction leaves them as they were. Unique indexes stay.
func TestSuspendIndexes(t *testing.T) {
	ctx := context.Background()
	ms := testMigrations()
	ms = append(ms, store.Migration{Version: len(ms) + 1, Name: "test_indexes", SQL: `
CREATE INDEX parents_name ON parents (name);
CREATE INDEX parents_n ON parents (n) WHERE n > 0;
CREATE UNIQUE INDEX parents_note ON parents (note);`})
	db := MustOpen(t, store.Options{Migrations: ms})
	before := indexesOf(t, db, "parents")
	if len(before) != 4 { // and the primary key's
		t.Fatalf("the test table has %d indexes: %v", len(before), before)
	}
	err := db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SuspendIndexes("parents", "parents_n"); err != nil {
			return err
		}
		var left []string
		rows, err := tx.Query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'parents' ORDER BY name`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			left = append(left, n)
		}
		rows.Close()
		if want := []string{"parents_n", "parents_note", "sqlite_autoindex_parents_1"}; !slices.Equal(left, want) {
			return fmt.Errorf("inside the transaction the indexes are %v, want %v", left, want)
		}
		tx.DeferInserts()
		for i := 0; i < 300; i++ {
			if _, err := tx.Insert("parents", store.Values{"name": fmt.Sprintf("名%03d", i), "n": i, "note": fmt.Sprintf("注%d", i)}); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM parents WHERE name = '名150'`).Scan(&n); err != nil || n != 1 {
			return fmt.Errorf("a read by the dropped index's column finds %d rows (%v)", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := indexesOf(t, db, "parents"); !slices.Equal(after, before) {
		t.Fatalf("after the commit the indexes are\n%v\nwant\n%v", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}
	// The rebuilt index holds the rows written while it was gone.
	if n := count(t, db, `SELECT count(*) FROM parents INDEXED BY parents_name WHERE name >= '名'`); n != 300 {
		t.Fatalf("the rebuilt index finds %d of the 300 rows", n)
	}
	if n := count(t, db, `SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'`); n != 0 {
		t.Fatalf("integrity_check reports %d problems", n)
	}

	// A transaction that fails after dropping them takes the drop back with its rows.
	failed := errors.New("the officer cancelled")
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SuspendIndexes("parents"); err != nil {
			return err
		}
		if _, err := tx.Insert("parents", store.Values{"name": "不留"}); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("the failed write says %v", err)
	}
	if after := indexesOf(t, db, "parents"); !slices.Equal(after, before) {
		t.Fatalf("after a failed write the indexes are %v", after)
	}
	if n := count(t, db, `SELECT count(*) FROM parents WHERE name = '不留'`); n != 0 {
		t.Fatal("the failed write's row remained")
	}

	// A unique index refuses a duplicate while the others are suspended.
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SuspendIndexes("parents"); err != nil {
			return err
		}
		_, err := tx.Insert("parents", store.Values{"name": "重", "note": "注1"})
		return err
	})
	if err == nil {
		t.Fatal("a duplicate of the unique index was written while the others were suspended")
	}
	wantCode(t, db.Write(ctx, func(tx *store.Tx) error { return tx.SuspendIndexes("no_such_table") }), "internal")
}
