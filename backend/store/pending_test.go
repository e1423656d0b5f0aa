package store_test

import (
	"context"
	"testing"

	"xiangzhi/backend/store"
)

// A read inside a write transaction sees the stamps and audit entries of the writes before it, however
// the query spells the table's name; reads of other tables leave them pending (and still see the
// rows themselves).
func TestReadsInsideWriteSeeEarlierWrites(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	err := db.Write(ctx, func(tx *store.Tx) error {
		for i := 0; i < 3; i++ {
			id, err := tx.Insert("parents", store.Values{"name": "户", "n": i})
			if err != nil {
				return err
			}
			var rows int
			if err := tx.QueryRow(`SELECT count(*) FROM parents WHERE id = ?`, id).Scan(&rows); err != nil || rows != 1 {
				t.Errorf("row %d: the row read back %d times (%v)", i, rows, err)
			}
			// (row ids are stored packed in the history: the queries count the table's entries)
			for _, q := range []string{
				`SELECT count(*) FROM field_versions WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'parents')`,
				`SELECT count(*) FROM "FIELD_VERSIONS" WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'parents')`,
				`SELECT count(*) FROM Audit_Log WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'parents')`,
			} {
				var n int
				if err := tx.QueryRow(q).Scan(&n); err != nil || n != i+1 {
					t.Errorf("row %d: %s gives %d (%v), want %d", i, q, n, err, i+1)
				}
			}
			rs, err := tx.Query(`SELECT row_id FROM audit_log WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'parents')`)
			if err != nil {
				return err
			}
			n := 0
			for rs.Next() {
				n++
			}
			rs.Close()
			if n != i+1 {
				t.Errorf("row %d: Query of audit_log gives %d rows, want %d", i, n, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
