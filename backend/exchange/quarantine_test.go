package exchange_test

import (
	"testing"
	"time"

	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestQuarantine: an office whose clock ran three days ahead wrote; another office holds those rows
// back (and a row under one of them that is not here), merges the rest, claims none of the held
// writes in its vector, holds a version offered twice once, and merges them all when its clock has
// caught up — after which every office holds the same.
func TestQuarantine(t *testing.T) {
	c := newOffice(t, "丹口镇", "丹口", 0)
	x := newOffice(t, "新华镇", "新华", 72*time.Hour) // its clock is three days ahead
	b := newOffice(t, "县民政局", "县局", 0)
	d := newOffice(t, "城关镇", "城关", 0)
	introduce(t, c, x, b, d)
	var v, u, w, p string
	write(t, c, func(tx *store.Tx) (err error) {
		if v, err = tx.Insert("villages", store.Values{"name": "丹口村"}); err != nil {
			return err
		}
		p, err = tx.Insert("pieces", store.Values{"village_id": v, "name": "东片"})
		return err
	})
	receive(t, x, send(t, c, x))
	write(t, c, func(tx *store.Tx) (err error) {
		u, err = tx.Insert("villages", store.Values{"name": "上湾村"})
		return err
	})
	receive(t, x, send(t, c, x))
	write(t, x, func(tx *store.Tx) (err error) {
		if _, err = tx.Update("villages", v, store.Values{"notes": "新华改"}); err != nil {
			return err
		}
		w, err = tx.Insert("villages", store.Values{"name": "新华村"})
		return err
	})
	// Someone at x sets its clock right: its bundles are dated rightly from now on, but its clock
	// values stay ahead (a clock never goes back) until the day catches up with them.
	x.clock.Add(-72 * time.Hour)

	// b takes x's bundle: 丹口村 (edited ahead), 新华村 and x's own office row (made ahead) are held,
	// and 东片 with 丹口村 (it is not here to be under); 上湾村 and c's office row are merged.
	r := receive(t, b, send(t, x, b))
	if r.Quarantined != 4 || r.Inserted != 2 {
		t.Fatalf("b's import: %+v", r)
	}
	if _, err := b.db.Get(ctx, "villages", u); err != nil {
		t.Fatalf("上湾村 not merged: %v", err)
	}
	for _, id := range []string{v, w} {
		if _, err := b.db.Get(ctx, "villages", id, store.IncludeDeleted); err == nil {
			t.Fatalf("village %s merged though held", id)
		}
	}
	held, err := b.db.Quarantined(ctx)
	if err != nil || len(held) != 4 {
		t.Fatalf("held: %+v %v", held, err)
	}
	reasons := map[string]string{}
	for _, h := range held {
		reasons[h.RowName] = h.Reason
		if (h.Reason == store.QuarantineAhead && h.Ready) || h.TableLabel == "" {
			t.Errorf("held %+v", h)
		}
	}
	if reasons["丹口村"] != store.QuarantineAhead || reasons["新华村"] != store.QuarantineAhead ||
		reasons["新华镇"] != store.QuarantineAhead || reasons["东片"] != store.QuarantineParent {
		t.Fatalf("reasons %v", reasons)
	}
	// b claims none of the held writes: c's insert of 丹口村 and x's writes are offered again.
	seen := vector(t, b)
	fv, err := c.db.FieldVersions(ctx, "villages", v)
	if err != nil {
		t.Fatal(err)
	}
	if seen[x.db.Site().SiteID] >= store.HLCAt(storetest.Start().Add(72*time.Hour)) || seen[c.db.Site().SiteID] >= fv[0].HLC {
		t.Fatalf("b's vector %v claims held writes", seen)
	}
	// d, taking b's bundle, gets 上湾村 only; x's next bundle for b carries the held rows again, and
	// a new one: each version is held once.
	receive(t, d, send(t, b, d))
	if _, err := d.db.Get(ctx, "villages", v, store.IncludeDeleted); err == nil {
		t.Fatal("d got a held row from b")
	}
	receive(t, x, send(t, b, x))
	write(t, x, func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": "又一村"})
		return err
	})
	if r := receive(t, b, send(t, x, b)); r.Quarantined != 5 {
		t.Fatalf("b's second import from x: %+v", r)
	}
	if held, _ := b.db.Quarantined(ctx); len(held) != 5 {
		t.Fatalf("held after the second import: %d rows", len(held))
	}
	before := dump(t, b.db)
	if n, err := exchange.ReleaseQuarantine(ctx, b.db); err != nil || n != 0 {
		t.Fatalf("release before the clock caught up: %d %v", n, err)
	}
	if dump(t, b.db) != before {
		t.Fatal("a release that merged nothing changed the database")
	}

	// Three days on, b's clock has caught up: a person's release merges all five, parents first.
	for _, o := range []*office{c, x, b, d} {
		o.clock.Add(72 * time.Hour)
	}
	if held, _ := b.db.Quarantined(ctx); len(held) != 5 || !held[0].Ready {
		t.Fatalf("held once the clock caught up: %+v", held)
	}
	if n, err := exchange.ReleaseQuarantine(ctx, b.db); err != nil || n != 5 {
		t.Fatalf("release: %d %v", n, err)
	}
	if notes(t, b, v) != "新华改" {
		t.Fatalf("丹口村 at b: %q", notes(t, b, v))
	}
	if _, err := b.db.Get(ctx, "pieces", p); err != nil {
		t.Fatalf("东片 at b: %v", err)
	}
	if seen := vector(t, b); seen[x.db.Site().SiteID] == 0 {
		t.Fatalf("b's vector after the release: %v", seen)
	}
	everyoneExchanges(t, c, x, b, d)
	want := dump(t, c.db)
	for _, o := range []*office{x, b, d} {
		if got := dump(t, o.db); got != want {
			t.Fatalf("%s differs from %s: %s", o.name, c.name, firstDiff(want, got))
		}
		if held, _ := o.db.Quarantined(ctx); len(held) != 0 {
			t.Fatalf("%s still holds %d rows", o.name, len(held))
		}
	}
}

// everyoneExchanges has every office send a bundle to every other, twice round, so what one learned
// from another reaches all.
func everyoneExchanges(t *testing.T, offices ...*office) {
	t.Helper()
	for round := 0; round < 2; round++ {
		for _, a := range offices {
			for _, b := range offices {
				if a != b {
					receive(t, b, send(t, a, b))
				}
			}
		}
	}
}

// vector returns an office's version vector.
func vector(t *testing.T, o *office) store.Vector {
	t.Helper()
	s, err := o.db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return s.Seen
}
