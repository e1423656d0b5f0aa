package exchange_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

// office is one office of a test: its database, clock and a folder its bundles are published in.
type office struct {
	name  string
	db    *store.DB
	clock *storetest.Clock
	out   string
}

func newOffice(t testing.TB, name, short string, skew time.Duration) *office {
	t.Helper()
	c := storetest.NewClock(storetest.Start().Add(skew))
	dir := t.TempDir()
	db := storetest.OpenFile(t, filepath.Join(dir, "xiangzhi.db"), store.Options{Clock: c.Now, OfficeName: name, ShortName: short})
	return &office{name: name, db: db, clock: c, out: t.TempDir()}
}

// introduce makes every office a peer of every other, from their cards.
func introduce(t testing.TB, offices ...*office) {
	t.Helper()
	for _, a := range offices {
		card, err := exchange.OwnCard(ctx, a.db)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range offices {
			if a != b {
				if err := exchange.AddPeer(ctx, b.db, card); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// send exports a bundle from a for b and returns its path.
func send(t testing.TB, a, b *office) string {
	t.Helper()
	r, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Peer: b.db.Site().SiteID, Dir: a.out}, nil)
	if err != nil {
		t.Fatalf("%s → %s: %v", a.name, b.name, err)
	}
	return r.Path
}

// receive imports a bundle into b.
func receive(t testing.TB, b *office, path string) exchange.ImportResult {
	t.Helper()
	r, err := exchange.Import(ctx, b.db, path, exchange.ImportOptions{}, nil)
	if err != nil {
		t.Fatalf("%s imports %s: %v", b.name, filepath.Base(path), err)
	}
	return r
}

// dump is a canonical text of every shared row of db: its columns and the stamp of each field, in
// the order of tables and ids. Offices that hold the same data have the same dump.
func dump(t testing.TB, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range db.SharedTables() {
		rows, err := db.SQL().QueryContext(ctx, "SELECT id FROM "+table+" ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		for _, id := range ids {
			v, err := db.Get(ctx, table, id, store.IncludeDeleted)
			if err != nil {
				t.Fatal(err)
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			fmt.Fprintf(&b, "%s %s\n", table, id)
			for _, k := range keys {
				fmt.Fprintf(&b, "  %s=%#v\n", k, v[k])
			}
			fvs, err := db.FieldVersions(ctx, table, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, fv := range fvs {
				fmt.Fprintf(&b, "  @%s=%d/%s\n", fv.Field, fv.HLC, fv.SiteID)
			}
		}
	}
	return b.String()
}

// firstDiff returns the first line where two dumps differ, with a little context.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// twoOffices makes two offices that exchange, b's clock a minute ahead, holding one village a
// registered and sent to b.
func twoOffices(t *testing.T) (a, b *office, village string) {
	t.Helper()
	a = newOffice(t, "丹口镇", "丹口", 0)
	b = newOffice(t, "县民政局", "县局", time.Minute)
	introduce(t, a, b)
	write(t, a, func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	receive(t, b, send(t, a, b))
	return a, b, village
}
