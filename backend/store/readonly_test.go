package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"xiangzhi/backend/store"
)

// TestSQLIsReadOnly: the pool SQL() hands out refuses every write on every connection, so other
// packages can only change data through Write (which stamps and audits it); it still reads.
func TestSQLIsReadOnly(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	var id string
	err := db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = tx.Insert("parents", store.Values{"name": "原名"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	conns := make([]*sql.Conn, n)
	for i := range conns { // hold n connections at once so the pool must open n
		c, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	writes := []string{
		`INSERT INTO parents (id, name, created_at, updated_at, site_id) VALUES ('x', 'y', '', '', '')`,
		`UPDATE parents SET name = '改名' WHERE id = '` + id + `'`,
		`DELETE FROM parents`,
		`REPLACE INTO local_settings (key, value) VALUES ('operator', '冒名')`,
		`CREATE TABLE sneaky (x)`,
		`DROP TABLE children`,
		`ALTER TABLE parents ADD COLUMN extra TEXT`,
	}
	for i, c := range conns {
		var qo int
		if err := c.QueryRowContext(ctx, "PRAGMA query_only").Scan(&qo); err != nil || qo != 1 {
			t.Errorf("conn %d: query_only=%d, %v", i, qo, err)
		}
		for _, w := range writes {
			_, err := c.ExecContext(ctx, w)
			if err == nil || !strings.Contains(err.Error(), "readonly") {
				t.Errorf("conn %d: %s: %v, want a read-only refusal", i, w, err)
			}
		}
		var name string
		if err := c.QueryRowContext(ctx, `SELECT name FROM parents WHERE id = ?`, id).Scan(&name); err != nil || name != "原名" {
			t.Errorf("conn %d reads %q, %v", i, name, err)
		}
	}
	// A transaction begun on the pool is a reader too: it neither writes nor blocks the write path.
	rtx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rtx.ExecContext(ctx, `UPDATE parents SET name = '改名'`); err == nil {
		t.Error("an UPDATE in a transaction on SQL() was accepted")
	}
	if err := db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Update("parents", id, store.Values{"name": "新名"})
		return err
	}); err != nil {
		t.Errorf("the write path is blocked by a reader's transaction: %v", err)
	}
	rtx.Rollback()
	row, err := db.Get(ctx, "parents", id)
	if err != nil || row["name"] != "新名" {
		t.Errorf("row %v, %v", row, err)
	}
}
