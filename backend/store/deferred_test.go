package store_test

import (
	"context"
	"fmt"
	"testing"

	"xiangzhi/backend/store"
)

// count returns the rows a query counts, read outside any write.
func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Held rows are written before any read of the transaction and at commit, parents before the rows
// that refer to them whatever the order they were inserted in, each with its stamp and audit entry.
func TestDeferredInserts(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, store.Options{})
	var p0 string
	if err := db.Write(ctx, func(tx *store.Tx) (err error) {
		p0, err = tx.Insert("parents", store.Values{"name": "旧"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	audits := count(t, db, `SELECT count(*) FROM audit_log`)
	err := db.Write(ctx, func(tx *store.Tx) error {
		tx.DeferInserts()
		// A child of a parent made earlier comes first, so the children's rows are held before any
		// parent's: a parent made below must still be written before them.
		if _, err := tx.Insert("children", store.Values{"parent_id": p0, "label": "c0"}); err != nil {
			return err
		}
		p1, err := tx.Insert("parents", store.Values{"name": "新1"})
		if err != nil {
			return err
		}
		if _, err := tx.Insert("children", store.Values{"parent_id": p1, "label": "c1"}); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM children WHERE label IN ('c0', 'c1')`).Scan(&n); err != nil || n != 2 {
			return fmt.Errorf("a read in the transaction sees %d held children (%v), want 2", n, err)
		}
		for i := 0; i < 1000; i++ { // more than are held at once
			p, err := tx.Insert("parents", store.Values{"name": fmt.Sprintf("批%d", i), "n": i})
			if err != nil {
				return err
			}
			if _, err := tx.Insert("children", store.Values{"parent_id": p, "label": fmt.Sprintf("批%d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM parents`); n != 1002 {
		t.Errorf("parents: %d, want 1002", n)
	}
	if n := count(t, db, `SELECT count(*) FROM children c JOIN parents p ON p.id = c.parent_id`); n != 1002 {
		t.Errorf("children with their parent: %d, want 1002", n)
	}
	if n := count(t, db, `SELECT count(*) FROM audit_log`) - audits; n != 2003 {
		t.Errorf("audit entries of the deferred write: %d, want 2003", n)
	}
	if n := count(t, db, `SELECT count(*) FROM field_versions WHERE tbl_no IN (SELECT tbl_no FROM history_tables WHERE tbl IN ('parents', 'children'))`); n != 2004 {
		t.Errorf("row stamps: %d, want 2004", n)
	}
}

// A held row that breaks a constraint when it is written fails the transaction even when the call
// that wrote it did not look at its error: nothing of the transaction remains.
func TestDeferredInsertFaultEndsTransaction(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, store.Options{})
	err := db.Write(ctx, func(tx *store.Tx) error {
		tx.DeferInserts()
		if _, err := tx.Insert("parents", store.Values{"name": "留不下"}); err != nil {
			return err
		}
		if _, err := tx.Insert("children", store.Values{"parent_id": "没有这个", "label": "x"}); err != nil {
			return err // held: no error yet
		}
		var n int
		_ = tx.QueryRow(`SELECT count(*) FROM parents`).Scan(&n) // writes the held rows, and fails
		return nil
	})
	if err == nil {
		t.Fatal("a transaction whose held row broke a foreign key committed")
	}
	if n := count(t, db, `SELECT count(*) FROM parents`); n != 0 {
		t.Errorf("parents after the failed transaction: %d, want 0", n)
	}
	// Held to the commit, the fault comes back from Write too.
	err = db.Write(ctx, func(tx *store.Tx) error {
		tx.DeferInserts()
		_, err := tx.Insert("children", store.Values{"parent_id": "没有这个", "label": "x"})
		return err
	})
	if err == nil {
		t.Fatal("a held row that broke a foreign key was committed")
	}
	if n := count(t, db, `SELECT count(*) FROM children`); n != 0 {
		t.Errorf("children: %d, want 0", n)
	}
}

// A held row that fails in a batch written in the background (more rows than are held at once)
// ends the transaction: the caller's next statement or the commit reports it, the rows after it
// are refused, and nothing remains.
func TestDeferredInsertFaultInBackground(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, store.Options{})
	audits := count(t, db, `SELECT count(*) FROM audit_log`)
	inserted := 0
	err := db.Write(ctx, func(tx *store.Tx) error {
		tx.DeferInserts()
		if _, err := tx.Insert("children", store.Values{"parent_id": "没有这个", "label": "坏"}); err != nil {
			return err
		}
		for i := 0; i < 5000; i++ { // the bad row goes out in the first batch; the caller goes on
			if _, err := tx.Insert("parents", store.Values{"name": fmt.Sprintf("后%d", i)}); err != nil {
				return nil // refused after the fault; Write must still not commit
			}
			inserted++
		}
		return nil
	})
	if err == nil {
		t.Fatal("a transaction whose held row failed in the background committed")
	}
	if inserted == 5000 {
		t.Error("every insert after a failed background batch was accepted")
	}
	if n := count(t, db, `SELECT count(*) FROM parents`) + count(t, db, `SELECT count(*) FROM children`); n != 0 {
		t.Errorf("rows after the failed transaction: %d, want 0", n)
	}
	if n := count(t, db, `SELECT count(*) FROM audit_log`) - audits; n != 0 {
		t.Errorf("audit entries of the failed transaction: %d, want 0", n)
	}
}
