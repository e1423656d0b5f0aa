package store_test

import (
	"context"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestRestore: a deleted row comes back with its fields as they were, its deleted_at stamped later
// than the delete (so the restore wins at other offices), and the log says 恢复; a live row or an
// unknown one is refused.
func TestRestore(t *testing.T) {
	db := storetest.Open(t, store.Options{OfficeName: "丹口镇"})
	ctx := context.Background()
	var id string
	write := func(fn func(tx *store.Tx) error) error { return db.Write(ctx, fn) }
	if err := write(func(tx *store.Tx) (err error) {
		id, err = tx.Insert("villages", store.Values{"name": "丹口村", "notes": "旧备注"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, write(func(tx *store.Tx) error { return tx.Restore("villages", id) }), errs.Conflict)
	if err := write(func(tx *store.Tx) error { return tx.Delete("villages", id) }); err != nil {
		t.Fatal(err)
	}
	deleted := stampOf(t, db, id)
	if err := write(func(tx *store.Tx) error { return tx.Restore("villages", id) }); err != nil {
		t.Fatal(err)
	}
	v, err := db.Get(ctx, "villages", id)
	if err != nil || v["name"] != "丹口村" || v["notes"] != "旧备注" || v["deleted_at"] != nil {
		t.Fatalf("restored row %v, %v", v, err)
	}
	if restored := stampOf(t, db, id); restored <= deleted {
		t.Errorf("restore stamped %v, not after the delete's %v", restored, deleted)
	}
	page, _ := db.Audit(ctx, 0, 1)
	if e := page.Entries[0]; e.ActionLabel != "恢复" || e.Summary != "恢复 村（社区）：丹口村" {
		t.Errorf("audit %q %q", e.ActionLabel, e.Summary)
	}
	wantCode(t, write(func(tx *store.Tx) error { return tx.Restore("villages", "no-such-id") }), errs.NotFound)
}

// stampOf is the clock value of the deleted_at stamp of a village.
func stampOf(t *testing.T, db *store.DB, id string) store.HLC {
	t.Helper()
	fv, err := db.FieldVersions(context.Background(), "villages", id)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fv {
		if f.Field == "deleted_at" {
			return f.HLC
		}
	}
	t.Fatalf("no deleted_at stamp in %+v", fv)
	return 0
}
