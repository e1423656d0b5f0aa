package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
)

// A disk that fills halfway through a transaction leaves nothing of it, even when the caller goes
// on writing after the error (an import that skips a failing row): SQLite rolls the transaction back
// by itself then, and every later statement would commit alone. The error is the full disk.
func TestDiskFullLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db, err := Open(t.TempDir()+"/full.db", Options{Migrations: internalTestMigrations(), Clock: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		var n int
		if err := db.ro.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	audits, stamps := count(`SELECT count(*) FROM audit_log`), count(`SELECT count(*) FROM field_versions`)
	var pages int
	db.sql.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages)
	var failures int
	err = db.Write(ctx, func(tx *Tx) error {
		if err := tx.exec("PRAGMA max_page_count = " + itoa(pages+3)); err != nil {
			return err
		}
		for i := 0; i < 2000; i++ {
			if _, err := tx.Insert("parents", Values{"name": strings.Repeat("满", 300), "n": i}); err != nil {
				failures++ // a caller that skips the row and goes on
			}
		}
		return nil
	})
	db.sql.ExecContext(ctx, "PRAGMA max_page_count = 1073741823") // the pool's connection again as it was
	if failures == 0 {
		t.Fatal("the disk never filled")
	}
	if e := errs.As(err); err == nil || !strings.Contains(e.Message, "磁盘已满") {
		t.Fatalf("want the full disk, got %v", err)
	}
	if n := count(`SELECT count(*) FROM parents`); n != 0 {
		t.Errorf("%d rows of a failed transaction remain", n)
	}
	if a, s := count(`SELECT count(*) FROM audit_log`), count(`SELECT count(*) FROM field_versions`); a != audits || s != stamps {
		t.Errorf("audit %d → %d, stamps %d → %d", audits, a, stamps, s)
	}
}

func itoa(n int) string {
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// internalTestMigrations are the program's migrations with a shared table for this package's
// internal tests.
func internalTestMigrations() []Migration {
	ms := Migrations()
	return append(ms, Migration{Version: len(ms) + 1, Name: "test_tables", SQL: `CREATE TABLE parents (
    id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', n INTEGER, note TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id TEXT NOT NULL, operator TEXT NOT NULL DEFAULT '')`})
}
