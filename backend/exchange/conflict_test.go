package exchange_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
)

// TestConcurrentEditIsAConflict: two offices edit the same field of a village without seeing each
// other's edit. Both keep the later write; each records the conflict; settling it at one office with
// the earlier value writes a new edit that reaches the other and settles its record too.
func TestConcurrentEditIsAConflict(t *testing.T) {
	a, b, village := twoOffices(t)
	setNotes(t, a, village, "甲")
	a.clock.Add(2 * time.Minute)
	setNotes(t, b, village, "乙")
	// b's edit is the later one (its clock is ahead): both keep 乙.
	toB, toA := send(t, a, b), send(t, b, a)
	if r := receive(t, b, toB); r.Conflicts != 1 || r.Updated != 0 {
		t.Fatalf("b: %+v", r)
	}
	if r := receive(t, a, toA); r.Conflicts != 1 || r.Updated != 1 {
		t.Fatalf("a: %+v", r)
	}
	for _, o := range []*office{a, b} {
		if v := notes(t, o, village); v != "乙" {
			t.Fatalf("%s keeps %q, want the later write 乙", o.name, v)
		}
	}
	cs, err := a.db.Conflicts(ctx, false)
	if err != nil || len(cs) != 1 || cs[0].Local != "甲" || cs[0].Incoming != "乙" || cs[0].Kept != "incoming" ||
		cs[0].FieldLabel != "备注" || cs[0].TableLabel != "村（社区）" {
		t.Fatalf("a's conflicts: %+v %v", cs, err)
	}
	// Each side says when it was written, and the other side which office wrote it.
	localAt, err1 := time.Parse(time.RFC3339, cs[0].LocalAt)
	incomingAt, err2 := time.Parse(time.RFC3339, cs[0].IncomingAt)
	if err1 != nil || err2 != nil || !incomingAt.After(localAt) || cs[0].IncomingOffice != "县民政局" {
		t.Errorf("a's conflict: written %s and %s (%v %v), incoming office %q", cs[0].LocalAt, cs[0].IncomingAt, err1, err2, cs[0].IncomingOffice)
	}
	// A person at a chooses its own value.
	write(t, a, func(tx *store.Tx) error { return tx.SettleConflict(cs[0].ID, "local") })
	if v := notes(t, a, village); v != "甲" {
		t.Fatalf("after settling a has %q", v)
	}
	if r := receive(t, b, send(t, a, b)); r.Conflicts != 0 || r.Updated != 1 {
		t.Fatalf("b after the settlement: %+v", r)
	}
	if v := notes(t, b, village); v != "甲" {
		t.Fatalf("b has %q after a's settlement", v)
	}
	open, err := b.db.Conflicts(ctx, false)
	if err != nil || len(open) != 0 {
		t.Fatalf("b's conflict stays open: %+v %v", open, err)
	}
	all, _ := b.db.Conflicts(ctx, true)
	if len(all) != 1 || all[0].Choice != "incoming" || all[0].SettledBy != "他处" { // 甲 was b's incoming value
		t.Fatalf("b's settled conflict: %+v", all)
	}
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("a and b differ after the settlement")
	}
}

// TestDeleteAndEditConcurrently: one office deletes a village while another edits it; the tombstone is
// a field like the others, so the edit survives in the row and the later of the two wins deleted_at.
// Each office is shown the conflict (the import said 更新 1 行，冲突 0 处 and the row was gone); keeping
// the row at one office brings it back at both.
func TestDeleteAndEditConcurrently(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", 0)
	introduce(t, a, b)
	var village string
	write(t, a, func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	receive(t, b, send(t, a, b))
	write(t, a, func(tx *store.Tx) error { return tx.Delete("villages", village) })
	b.clock.Add(time.Second)
	setNotes(t, b, village, "改")
	receive(t, b, send(t, a, b))
	receive(t, a, send(t, b, a))
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("a and b differ")
	}
	if v := notes(t, a, village); v != "改" {
		t.Fatalf("the edit was lost: %q", v)
	}
	row, _ := a.db.Get(ctx, "villages", village, store.IncludeDeleted)
	if row["deleted_at"] == nil {
		t.Fatal("the delete was lost")
	}
	// b, which edited the row not knowing a had deleted it, is asked; a, whose deletion b had seen by the
	// time it sent its edit, is not.
	cs, err := b.db.Conflicts(ctx, false)
	if err != nil || len(cs) != 1 || cs[0].Field != "deleted_at" || cs[0].RowID != village || cs[0].Local != nil ||
		cs[0].Incoming != row["deleted_at"] || cs[0].Kept != "incoming" {
		t.Fatalf("b's conflicts: %+v %v", cs, err)
	}
	if cs, err := a.db.Conflicts(ctx, true); err != nil || len(cs) != 0 {
		t.Fatalf("a's conflicts: %+v %v", cs, err)
	}
	// b keeps the row it edited: the row comes back at both.
	write(t, b, func(tx *store.Tx) error { return tx.SettleConflict(cs[0].ID, "local") })
	if r := receive(t, a, send(t, b, a)); r.Conflicts != 0 {
		t.Fatalf("a after b's settlement: %+v", r)
	}
	for _, o := range []*office{a, b} {
		if row, _ := o.db.Get(ctx, "villages", village, store.IncludeDeleted); row["deleted_at"] != nil || row["notes"] != "改" {
			t.Fatalf("%s after the settlement: %v", o.name, row)
		}
		if open, err := o.db.Conflicts(ctx, false); err != nil || len(open) != 0 {
			t.Fatalf("%s's conflict stays open: %+v %v", o.name, open, err)
		}
	}
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("a and b differ after the settlement")
	}
}

// The case an officer met: the other office deletes a village, this one edits it a little later, and
// the other's bundle arrives. The deletion wins deleted_at, as the later write would anywhere, but the
// import counts a conflict and this office is asked; keeping the row brings it back at both.
func TestEditAfterAnUnseenDeleteIsAConflict(t *testing.T) {
	a, b, village := twoOffices(t)
	write(t, b, func(tx *store.Tx) error { return tx.Delete("villages", village) })
	a.clock.Add(5 * time.Second)
	setNotes(t, a, village, "新")
	if r := receive(t, a, send(t, b, a)); r.Conflicts != 1 {
		t.Fatalf("a: %+v", r)
	}
	cs, err := a.db.Conflicts(ctx, false)
	if err != nil || len(cs) != 1 || cs[0].Field != "deleted_at" || cs[0].Local != nil || cs[0].Incoming == nil || cs[0].Kept != "incoming" {
		t.Fatalf("a's conflicts: %+v %v", cs, err)
	}
	write(t, a, func(tx *store.Tx) error { return tx.SettleConflict(cs[0].ID, "local") })
	receive(t, b, send(t, a, b))
	for _, o := range []*office{a, b} {
		if row, _ := o.db.Get(ctx, "villages", village, store.IncludeDeleted); row["deleted_at"] != nil || row["notes"] != "新" {
			t.Fatalf("%s after the settlement: %v", o.name, row)
		}
	}
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("a and b differ after the settlement")
	}
}

func write(t *testing.T, o *office, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := o.db.Write(ctx, fn); err != nil {
		t.Fatalf("%s: %v", o.name, err)
	}
}

// setNotes edits a village's 备注 at an office.
func setNotes(t *testing.T, o *office, id, v string) {
	t.Helper()
	write(t, o, func(tx *store.Tx) error {
		_, err := tx.Update("villages", id, store.Values{"notes": v})
		return err
	})
}

func notes(t *testing.T, o *office, id string) string {
	t.Helper()
	row, err := o.db.Get(ctx, "villages", id, store.IncludeDeleted)
	if err != nil {
		t.Fatal(err)
	}
	return row["notes"].(string)
}

// A file taken for a bundle by mistake is refused by what it is, naming the file: this office's own
// bundle for another office (it said only that it was not encrypted for this office), and an office's
// card.
func TestImportRefusesWhatIsNoBundleForUs(t *testing.T) {
	a, b, _ := twoOffices(t)
	own := send(t, a, b)
	_, err := exchange.Import(ctx, a.db, own, exchange.ImportOptions{}, nil)
	if e := errs.As(err); e == nil || !errors.Is(err, exchange.ErrNotForUs) || !strings.Contains(e.Message, "是本单位发给县局的数据包，应由对方导入") {
		t.Errorf("a imports its own bundle for b: %v", err)
	}
	card := filepath.Join(t.TempDir(), "县局"+exchange.CardExtension)
	if err := os.WriteFile(card, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = exchange.Import(ctx, a.db, card, exchange.ImportOptions{}, nil)
	if e := errs.As(err); e == nil || e.Field != "file" || !strings.Contains(e.Message, "是单位名片，不是数据包") {
		t.Errorf("a imports a card: %v", err)
	}
}
