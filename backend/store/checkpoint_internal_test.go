package store

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// After a large write the log is copied into the database file once the write has returned (not
// before), and the connection goes back to the pool with SQLite's own wal_autocheckpoint.
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
	// The copy waits for the test, to be seen not done when the write returns.
	hold := make(chan struct{})
	db.beforeCheckpoint = func() { <-hold }
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
	if now, err := os.Stat(path); err != nil || now.Size() != before.Size() {
		t.Fatalf("when the write returned the file had grown from %d bytes (%v): the log was copied in the commit", before.Size(), err)
	}
	close(hold)
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

// A write whose function ends its goroutine (t.Fatal in a test) rolls back and gives its connection
// back: the next write is not left waiting for it.
func TestWriteEndedByGoexit(t *testing.T) {
	ctx := context.Background()
	db, err := Open(t.TempDir()+"/goexit.db", Options{Migrations: internalTestMigrations(), Clock: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		db.Write(ctx, func(tx *Tx) error {
			if _, err := tx.Insert("parents", Values{"name": "不留"}); err != nil {
				return err
			}
			runtime.Goexit()
			return nil
		})
	}()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("a write ended by Goexit did not end")
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.Write(wctx, func(tx *Tx) error { _, err := tx.Insert("parents", Values{"name": "留"}); return err }); err != nil {
		t.Fatalf("the next write: %v", err)
	}
	var n int
	db.ro.QueryRowContext(ctx, `SELECT count(*) FROM parents WHERE name = '不留'`).Scan(&n)
	if n != 0 {
		t.Fatal("the ended write's row remained")
	}
}
