package exchange_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
)

// TestUndoImport: an import that inserts, edits, deletes and meets a concurrent edit is taken back:
// the office's data, stamps, counts and exchange bookkeeping are byte for byte as before it, with no
// copy of the database made. Imported again it does what it did the first time; and after an undo the
// two offices still converge, even when the undone office had already told the other what it held.
func TestUndoImport(t *testing.T) {
	a, b, v1 := twoOffices(t)
	receive(t, a, send(t, b, a))
	setNotes(t, b, v1, "乙")
	a.clock.Add(2 * time.Minute)
	setNotes(t, a, v1, "甲") // concurrent, and later: a conflict at b that b's value loses
	write(t, a, func(tx *store.Tx) error {
		_, err := placeHousehold(tx, "上湾村")
		return err
	})
	before := dump(t, b.db) + books(t, b.db)
	path := send(t, a, b)
	first := receive(t, b, path)
	if first.Conflicts != 1 || first.Inserted < 5 || first.Updated != 1 || first.Backup != "" || !first.Undoable {
		t.Fatalf("the import: %+v", first)
	}
	after := dump(t, b.db)
	if bs := bundles(t, b); len(bs) != 2 || bs[0].BundleID != first.BundleID || !bs[0].Undoable || bs[1].Undoable {
		t.Fatalf("only the latest import may be taken back: %+v", bs)
	}

	u, err := exchange.UndoImport(ctx, b.db, first.BundleID)
	if err != nil {
		t.Fatal(err)
	}
	if u.Restored != 1 || u.Removed != first.Inserted {
		t.Fatalf("undo: %+v, the import inserted %d", u, first.Inserted)
	}
	if got := dump(t, b.db) + books(t, b.db); got != before {
		t.Fatalf("after the undo b differs from before the import: %s", firstDiff(before, got))
	}
	if bs := bundles(t, b); bs[0].UndoneAt == "" || bs[0].Undoable {
		t.Fatalf("the undone import: %+v", bs[0])
	}
	if _, err := exchange.UndoImport(ctx, b.db, first.BundleID); errs.As(err).Code != errs.Conflict ||
		!strings.Contains(err.Error(), "已经撤销") {
		t.Fatalf("a second undo: %v", err)
	}

	again := receive(t, b, path)
	if again.AlreadyImported || again.Inserted != first.Inserted || again.Updated != 1 || again.Conflicts != 1 {
		t.Fatalf("imported again: %+v, the first time %+v", again, first)
	}
	if got := dump(t, b.db); got != after {
		t.Fatalf("imported again, b differs from the first import: %s", firstDiff(after, got))
	}

	// b tells a what it holds, then takes the import back: a learns from b's next bundle that b holds
	// less, and sends the writes again.
	receive(t, a, send(t, b, a))
	if _, err := exchange.UndoImport(ctx, b.db, again.BundleID); err != nil {
		t.Fatal(err)
	}
	receive(t, a, send(t, b, a))
	back := receive(t, b, send(t, a, b)) // (the conflict is a's now: it had b's 乙 before it sent)
	if back.Inserted != first.Inserted || back.Updated != 1 {
		t.Fatalf("after the undo a sent %+v", back)
	}
	receive(t, a, send(t, b, a))
	if da, db := dump(t, a.db), dump(t, b.db); da != db {
		t.Fatalf("a and b differ after the undo and the exchange: %s", firstDiff(da, db))
	}
}

// TestUndoImportRefused: an import is not taken back over what happened here since — an edit of a
// row it wrote, a row added under a row it added, a later import — and a refused undo changes nothing.
func TestUndoImportRefused(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", time.Minute)
	introduce(t, a, b)
	var village string
	write(t, a, func(tx *store.Tx) (err error) {
		village, err = placeHousehold(tx, "上湾村")
		return err
	})
	first := receive(t, b, send(t, a, b))

	refused := func(id, want string) {
		t.Helper()
		was := dump(t, b.db) + books(t, b.db)
		_, err := exchange.UndoImport(ctx, b.db, id)
		if errs.As(err).Code != errs.Conflict || !strings.Contains(err.Error(), want) {
			t.Fatalf("undo %s: %v, want a refusal saying %q", id, err, want)
		}
		if got := dump(t, b.db) + books(t, b.db); got != was {
			t.Fatalf("a refused undo changed b: %s", firstDiff(was, got))
		}
	}
	// A piece added under the village the import brought.
	var piece string
	write(t, b, func(tx *store.Tx) (err error) {
		piece, err = tx.Insert("pieces", store.Values{"village_id": village, "name": "新片", "seq": 9})
		return err
	})
	refused(first.BundleID, "在这次导入新增的村（社区）“上湾村”下又添加了片“新片”")
	write(t, b, func(tx *store.Tx) error { return tx.Delete("pieces", piece) }) // deleted, it still refers to it
	refused(first.BundleID, "不能撤销这次导入：")

	// A later import: only the latest one keeps its restore point.
	setNotes(t, a, village, "乡里改过")
	second := receive(t, b, send(t, a, b))
	refused(first.BundleID, "只能撤销最近一次导入")
	// An edit of the village the later import changed.
	setNotes(t, b, village, "县里改过")
	refused(second.BundleID, "又修改过村（社区）“上湾村”")
	if _, err := exchange.UndoImport(ctx, b.db, "没有这个包"); errs.As(err).Code != errs.NotFound {
		t.Fatalf("undo of an unknown bundle: %v", err)
	}
	// A snapshot is merged after a copy of the whole database, and keeps no restore point.
	setNotes(t, a, village, "乡里又改过")
	snap, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Full: true, Dir: a.out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	whole := receive(t, b, snap.Path)
	if whole.Backup == "" || whole.Undoable || bundles(t, b)[0].Undoable {
		t.Fatalf("the snapshot's import: %+v", whole)
	}
	refused(whole.BundleID, "导入前的数据库已备份")
	refused(second.BundleID, "只能撤销最近一次导入")
}

// placeHousehold adds a village with a piece, a group, a neighbourhood and a household in it.
func placeHousehold(tx *store.Tx, name string) (village string, err error) {
	if village, err = tx.Insert("villages", store.Values{"name": name}); err != nil {
		return "", err
	}
	piece, err := tx.Insert("pieces", store.Values{"village_id": village, "name": "一片", "seq": 1})
	if err != nil {
		return "", err
	}
	group, err := tx.Insert("groups", store.Values{"piece_id": piece, "name": "一组", "seq": 1})
	if err != nil {
		return "", err
	}
	nb, err := tx.Insert("neighbourhoods", store.Values{"group_id": group, "name": "一邻", "seq": 1})
	if err != nil {
		return "", err
	}
	_, err = tx.Insert("households", store.Values{"neighbourhood_id": nb, "village_id": village, "code": "0001", "address": "河东1号"})
	return village, err
}

// books is a canonical text of an office's exchange bookkeeping and of the counts triggers keep.
func books(t *testing.T, db *store.DB) string {
	t.Helper()
	var out strings.Builder
	for _, q := range []string{
		`SELECT site_no, hlc FROM exchange_seen ORDER BY site_no`,
		`SELECT site_id, seen, coalesce(removed_at, '') FROM exchange_peers ORDER BY site_id`,
		`SELECT id, tbl, row_id, field, kept, coalesce(settled_at, ''), choice FROM exchange_conflicts ORDER BY id`,
		`SELECT id, tbl, row_id, digest FROM exchange_quarantine ORDER BY id`,
		// a village whose households are all gone keeps a row of zeros, as a village without a row
		`SELECT * FROM village_counts WHERE households > 0 OR residents > 0 ORDER BY 1`,
		`SELECT * FROM household_cadence ORDER BY 1`,
		`SELECT * FROM cadence_buckets ORDER BY 1, 2`,
	} {
		rows, err := db.SQL().QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%s %v\n", q[:30], vals)
		}
		rows.Close()
	}
	return out.String()
}

func bundles(t *testing.T, o *office) []store.BundleRecord {
	t.Helper()
	bs, err := o.db.Bundles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// TestUndoImportReopensConflict: an import that settles an open conflict (a person at the other
// office chose) leaves it open again when it is taken back.
func TestUndoImportReopensConflict(t *testing.T) {
	a, b, village := twoOffices(t)
	setNotes(t, a, village, "甲")
	setNotes(t, b, village, "乙")
	toB, toA := send(t, a, b), send(t, b, a)
	receive(t, b, toB)
	receive(t, a, toA)
	open := func(o *office) int {
		cs, err := o.db.Conflicts(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		return len(cs)
	}
	cs, _ := a.db.Conflicts(ctx, false)
	write(t, a, func(tx *store.Tx) error { return tx.SettleConflict(cs[0].ID, "local") })
	before := dump(t, b.db) + books(t, b.db)
	r := receive(t, b, send(t, a, b))
	if open(b) != 0 {
		t.Fatalf("a's choice did not settle b's conflict: %+v", r)
	}
	if _, err := exchange.UndoImport(ctx, b.db, r.BundleID); err != nil {
		t.Fatal(err)
	}
	if open(b) != 1 {
		t.Fatal("the conflict the import settled is not open again")
	}
	if got := dump(t, b.db) + books(t, b.db); got != before {
		t.Fatalf("after the undo b differs from before the import: %s", firstDiff(before, got))
	}
}
