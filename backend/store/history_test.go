package store_test

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// v4Dump is testdata/v4.json: what the public API of the store of schema version 4 (commit 143fa4f)
// returned about testdata/v4.db, which that store wrote.
type v4Dump struct {
	Site  store.Site
	Audit []map[string]any
	Rows  []struct {
		Table, ID string
		Row       map[string]any
		Versions  []map[string]any
	}
}

// asJSON gives v as the generic JSON values the dump was read into, so the two can be compared.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUpgradeKeepsHistory: a database written before the history was compacted (schema version 4)
// upgrades with every row, every field stamp (one from another office among them) and every audit
// entry as the public API gave them before, and the space the old tables took is given back.
func TestUpgradeKeepsHistory(t *testing.T) {
	var want v4Dump
	raw, err := os.ReadFile("testdata/v4.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	db := storetest.OpenFile(t, copyFixture(t, "v4.db"), store.Options{})
	ctx := context.Background()
	if db.Site() != want.Site {
		t.Errorf("site %+v, want %+v", db.Site(), want.Site)
	}
	page, err := db.Audit(ctx, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Entries) != len(want.Audit) || len(want.Audit) < 50 {
		t.Fatalf("%d audit entries, want %d", len(page.Entries), len(want.Audit))
	}
	for i, e := range page.Entries {
		got := asJSON(t, e).(map[string]any)
		for k, v := range want.Audit[i] {
			if !reflect.DeepEqual(got[k], v) {
				t.Errorf("audit entry %d: %s = %v, want %v", i, k, got[k], v)
			}
		}
	}
	foreign := 0
	for _, r := range want.Rows {
		row, err := db.Get(ctx, r.Table, r.ID, store.IncludeDeleted)
		if err != nil {
			t.Fatal(err)
		}
		// Columns added by later migrations hold their empty defaults; the others are unchanged.
		got := asJSON(t, row).(map[string]any)
		for k, v := range got {
			if want, old := r.Row[k]; old && !reflect.DeepEqual(v, want) || !old && v != "" && v != nil {
				t.Errorf("%s %s: %s = %v, want %v", r.Table, r.ID, k, v, want)
			}
		}
		if len(got) < len(r.Row) {
			t.Errorf("%s %s: row %v, want %v", r.Table, r.ID, got, r.Row)
		}
		fv, err := db.FieldVersions(ctx, r.Table, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kept []store.FieldVersion
		for _, v := range fv {
			if _, old := r.Row[v.Field]; old || v.Field == "deleted_at" {
				kept = append(kept, v)
			}
		}
		if got := asJSON(t, kept); !reflect.DeepEqual(got, asJSON(t, r.Versions)) {
			t.Errorf("%s %s: versions %v, want %v", r.Table, r.ID, got, r.Versions)
		}
		for _, v := range r.Versions {
			if v["SiteID"] != want.Site.SiteID {
				foreign++
			}
		}
	}
	if foreign != 1 {
		t.Errorf("%d stamps from another office in the fixture, want 1", foreign)
	}
	var pages, free int
	db.SQL().QueryRow("PRAGMA page_count").Scan(&pages)
	db.SQL().QueryRow("PRAGMA freelist_count").Scan(&free)
	if free*4 > pages {
		t.Errorf("%d of %d pages free after the upgrade", free, pages)
	}
	// And the upgraded database goes on writing history that reads back the same way.
	if err := db.SetOperator(ctx, "新操作员"); err != nil {
		t.Fatal(err)
	}
	page, _ = db.Audit(ctx, 0, 1)
	if e := page.Entries[0]; e.Operator != "新操作员" || e.SiteID != want.Site.SiteID || e.Seq != int64(len(want.Audit))+1 {
		t.Errorf("entry after the upgrade %+v", e)
	}
}
