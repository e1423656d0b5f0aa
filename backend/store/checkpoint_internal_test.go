package store

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// After a large write the log is copied into the database file once the write has returned, and the
// connection goes back to the pool with SQLite's own wal_autocheckpoint; Close waits for the copy.
// A small write leaves the setting alone, and so does a large one that fails.
func TestLargeWriteCheckpointsAfter(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/big.db"
	db, err := Open(path, Options{Migrations: internalTestMigrations(), Clock: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	autoCheckpoint := func() int {
		t.Helper()
		c, err := db.sql.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var n int
		if err := c.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	fill := func(tx *Tx, rows int) error {
		tx.DeferInserts()
		for i := range rows {
			if _, err := tx.Insert("parents", Values{"name": strings.Repeat("满", 700), "n": i}); err != nil {
				return err
			}
		}
		return nil
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// 3,000 rows of 2 KB: some 1,500 pages, more than the 1,000 after which SQLite copies the log.
	if err := db.Write(ctx, func(tx *Tx) error {
		if err := fill(tx, 3000); err != nil {
			return err
		}
		var n int
		tx.sqlTx.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&n)
		if n != 1000 {
			t.Errorf("the large write's connection had wal_autocheckpoint %d before its commit", n)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db.background.Wait()
	if n := autoCheckpoint(); n != 1000 {
		t.Fatalf("after the copy the writer's wal_autocheckpoint is %d", n)
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size() < before.Size()+5<<20 {
		t.Fatalf("the file grew from %d to %d bytes: the log was not copied into it", before.Size(), after.Size())
	}
	// A large write that fails puts the setting back at once.
	if err := db.Write(ctx, func(tx *Tx) error {
		if err := fill(tx, 10); err != nil {
			return err
		}
		if err := tx.deferCheckpoint(); err != nil {
			return err
		}
		return errFailed
	}); err != errFailed {
		t.Fatalf("the failing write says %v", err)
	}
	if n := autoCheckpoint(); n != 1000 {
		t.Fatalf("after a failed large write the writer's wal_autocheckpoint is %d", n)
	}
}

var errFailed = errorString("the officer cancelled")

type errorString string

func (e errorString) Error() string { return string(e) }
