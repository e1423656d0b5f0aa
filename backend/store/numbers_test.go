package store_test

import (
	"context"
	"slices"

	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

func TestNextNumber(t *testing.T) {
	db := MustOpen(t, store.Options{})
	next := func(prefix string) string {
		t.Helper()
		var n string
		if err := db.Write(ctx, func(tx *store.Tx) (err error) {
			n, err = tx.NextNumber("parents", "name", prefix, 4)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	insert := func(name string) string {
		t.Helper()
		var id string
		if err := db.Write(ctx, func(tx *store.Tx) (err error) {
			id, err = tx.Insert("parents", store.Values{"name": name})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	if got := next("丹口-2026-通知-"); got != "丹口-2026-通知-0001" {
		t.Errorf("first number %s", got)
	}
	insert("丹口-2026-通知-0001")
	insert("丹口-2026-通知-0007")         // a gap: the next follows the highest
	insert("丹口-2026-通知-0003-附件")      // another series under the prefix
	insert("西岩-2026-通知-0042")         // another office's
	insert("2026-通知-0099")            // a number from before short names
	gone := insert("丹口-2026-通知-0008") // tombstoned: never given again
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("parents", gone) }); err != nil {
		t.Fatal(err)
	}
	if got := next("丹口-2026-通知-"); got != "丹口-2026-通知-0009" {
		t.Errorf("after 0001, 0007 and the deleted 0008: %s", got)
	}
	if got := next("丹口-2027-通知-"); got != "丹口-2027-通知-0001" {
		t.Errorf("a new year: %s", got)
	}
	insert("丹口-2026-公示-9999")
	if got := next("丹口-2026-公示-"); got != "丹口-2026-公示-10000" {
		t.Errorf("past the width: %s", got)
	}
	// Many in one transaction: the series is read once, and the rows written after that — allocated
	// or written as given, higher or lower, in another series — keep it right.
	if err := db.Write(ctx, func(tx *store.Tx) error {
		want := []string{"丹口-2026-通知-0009", "丹口-2026-通知-0010", "丹口-2026-通知-0031", "丹口-2026-通知-0031", "丹口-2026-通知-0031"}
		var got []string
		for i, write := range []string{"", "丹口-2026-通知-0030", "丹口-2026-通知-0005", "", ""} {
			n, err := tx.NextNumber("parents", "name", "丹口-2026-通知-", 4)
			if err != nil {
				return err
			}
			got = append(got, n)
			switch {
			case write != "":
				_, err = tx.Insert("parents", store.Values{"name": write})
			case i == 3: // allocated and not used: given again
			case i == 0:
				var id string
				if id, err = tx.Insert("parents", store.Values{"name": "另一个"}); err == nil {
					_, err = tx.Update("parents", id, store.Values{"name": n}) // written by an update
				}
			default:
				_, err = tx.Insert("parents", store.Values{"name": n})
			}
			if err != nil {
				return err
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("in one transaction %v, want %v", got, want)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := next("丹口-2026-通知-"); got != "丹口-2026-通知-0032" {
		t.Errorf("after the transaction: %s", got)
	}
	t.Run("ErrUnknownColumn", func(t *testing.T) {
		err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.NextNumber("parents", "nope", "x", 4); return err })
		wantCode(t, err, errs.Internal)
	})
}

func TestShortName(t *testing.T) {
	db := MustOpen(t, store.Options{})
	err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.ShortName(); return err })
	if e := wantCode(t, err, errs.Invalid); e.Field != "shortName" {
		t.Errorf("field %q", e.Field)
	}
	named := storetest.Open(t, store.Options{Migrations: testMigrations(), ShortName: "丹口"})
	if err := named.Write(ctx, func(tx *store.Tx) error {
		s, err := tx.ShortName()
		if err == nil && s != "丹口" {
			t.Errorf("short name %q", s)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "  ", "城步苗族自治县丹口镇", "丹 口", "丹-口", "丹/口"} {
		if _, err := store.CleanShortName(bad); errs.As(err).Field != "shortName" {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if s, err := store.CleanShortName(" 丹口 "); err != nil || s != "丹口" {
		t.Errorf("%q %v", s, err)
	}
}

// TestNoUniqueConstraintAMergeCouldBreak walks the whole schema: apart from primary keys, no index or
// constraint may be UNIQUE, since merging another office's rows could violate it.
func TestNoUniqueConstraintAMergeCouldBreak(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	rows, err := db.SQL().QueryContext(ctx, `SELECT m.name, i.name, i.origin FROM sqlite_master m, pragma_index_list(m.name) i
		WHERE m.type = 'table' AND i."unique" = 1 AND i.origin <> 'pk'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, index, origin string
		if err := rows.Scan(&table, &index, &origin); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(db.SharedTables(), table) {
			continue // a local table (sites, audit_fields, settings): never merged
		}
		t.Errorf("table %s has a UNIQUE index %s (%s) that merging offices could violate", table, index, origin)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
