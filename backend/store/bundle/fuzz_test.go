package bundle_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"xiangzhi/backend/store"
	"xiangzhi/backend/store/bundle"
	"xiangzhi/backend/store/storetest"
)

// FuzzOpen: whatever bytes a bundle file holds, Open either refuses it with an error or accepts a
// file whose every row and file can then be read — it never panics, and never accepts a file it
// cannot read through. The seed is a real bundle of two villages and a piece.
func FuzzOpen(f *testing.F) {
	ctx := context.Background()
	db := storetest.Open(f, store.Options{ShortName: "丹口"})
	err := db.Write(ctx, func(tx *store.Tx) error {
		v, err := tx.Insert("villages", store.Values{"name": "丹口村", "notes": "多行\n备注"})
		if err != nil {
			return err
		}
		if _, err := tx.Insert("villages", store.Values{"name": "新华村"}); err != nil {
			return err
		}
		if _, err := tx.Update("villages", v, store.Values{"kind": "community"}); err != nil {
			return err
		}
		_, err = tx.Insert("pieces", store.Values{"village_id": v, "name": "第一片"})
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	cols, err := db.SharedColumns(ctx)
	if err != nil {
		f.Fatal(err)
	}
	schema := bundle.Schema(cols)
	seed := filepath.Join(f.TempDir(), "seed.xzb")
	w, err := bundle.Create(ctx, seed, schema)
	if err != nil {
		f.Fatal(err)
	}
	snap, err := db.Snapshot(ctx)
	if err != nil {
		f.Fatal(err)
	}
	for _, t := range db.SharedTablesParentsFirst() {
		if err := snap.Changes(t, store.Vector{}, w.Add); err != nil {
			f.Fatal(err)
		}
	}
	snap.Close()
	err = w.Finish(bundle.Meta{BundleID: "0193b1c2-0000-7000-8000-000000000001", SchemaVersion: db.SchemaVersion(),
		SenderSite: db.Site().SiteID, SenderName: "丹口镇", CreatedAt: "2026-11-27T02:00:00.000Z", Full: true,
		Seen: snap.Seen.String(), Base: "{}"})
	if err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	version := db.SchemaVersion()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "b.xzb")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := bundle.Open(ctx, p, schema, version)
		if err != nil {
			return
		}
		defer r.Close()
		for name := range schema {
			if err := r.Rows(name, func(store.RowVersion) error { return nil }); err != nil {
				t.Fatalf("accepted, then %s could not be read: %v", name, err)
			}
		}
		if err := r.Files(func(string, []byte) error { return nil }); err != nil {
			t.Fatalf("accepted, then its files could not be read: %v", err)
		}
	})
}
