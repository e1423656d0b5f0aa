package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	p, err := db.Audit(context.Background(), 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

func TestWritePathStampsAndAudit(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	db := MustOpen(t, store.Options{Clock: clock.Now})
	ctx := context.Background()
	if err := db.SetOperator(ctx, "李干事"); err != nil {
		t.Fatal(err)
	}
	site := db.Site().SiteID
	base := auditCount(t, db)

	var id string
	err := db.Write(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.Insert("parents", store.Values{"name": "杨家", "n": 3})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fv, _ := db.FieldVersions(ctx, "parents", id)
	if names := fieldNames(fv); !slices.Equal(names, []string{"n", "name", "note"}) {
		t.Errorf("insert stamped %v, want every data column", names)
	}
	insertHLC := fv[0].HLC
	var raw int
	db.SQL().QueryRow(`SELECT count(*) FROM field_versions WHERE row_id = unhex(replace(?, '-', '')) AND field = '*'`, id).Scan(&raw)
	if raw != 1 {
		t.Errorf("insert left %d row stamps, want 1", raw)
	}
	for _, f := range fv {
		if f.HLC != insertHLC || f.SiteID != site {
			t.Errorf("stamp %+v, want hlc %v site %s", f, insertHLC, site)
		}
	}
	if insertHLC.Wall() != clock.Now() {
		t.Errorf("stamp wall time %v, want %v", insertHLC.Wall(), clock.Now())
	}
	page, _ := db.Audit(ctx, 0, 10)
	if page.Total != base+1 {
		t.Fatalf("audit entries %d, want %d", page.Total, base+1)
	}
	e := page.Entries[0]
	if e.Action != "insert" || e.Table != "parents" || e.RowID != id || e.Operator != "李干事" ||
		!slices.Equal(e.Fields, []string{"n", "name", "note"}) || e.At != "2026-11-27T09:00:00.000Z" {
		t.Errorf("insert audit entry %+v", e)
	}
	row, _ := db.Get(ctx, "parents", id)
	if row["operator"] != "李干事" || row["site_id"] != site || row["created_at"] != "2026-11-27T09:00:00.000Z" {
		t.Errorf("row system columns %v", row)
	}

	t.Run("UpdateStampsOnlyChangedFields", func(t *testing.T) {
		clock.Set(clock.Now().Add(time.Minute))
		var changed []string
		err := db.Write(ctx, func(tx *store.Tx) (err error) {
			changed, err = tx.Update("parents", id, store.Values{"name": "杨家", "n": 4})
			return err
		})
		if err != nil || !slices.Equal(changed, []string{"n"}) {
			t.Fatalf("changed %v, %v", changed, err)
		}
		fv, _ := db.FieldVersions(ctx, "parents", id)
		if names := fieldNames(fv); !slices.Equal(names, []string{"n", "name", "note"}) {
			t.Errorf("fields after update %v", names)
		}
		for _, f := range fv {
			if want := f.Field == "n"; (f.HLC > insertHLC) != want {
				t.Errorf("field %s stamp %v (insert %v): restamped=%v, want %v", f.Field, f.HLC, insertHLC, !want, want)
			}
		}
		page, _ := db.Audit(ctx, 0, 1)
		if e := page.Entries[0]; e.Action != "update" || !slices.Equal(e.Fields, []string{"n"}) || page.Total != base+2 {
			t.Errorf("update audit %+v total %d", e, page.Total)
		}
		row, _ := db.Get(ctx, "parents", id)
		if row["n"] != int64(4) || row["updated_at"] != "2026-11-27T09:01:00.000Z" || row["created_at"] != "2026-11-27T09:00:00.000Z" {
			t.Errorf("row after update %v", row)
		}
	})

	t.Run("UpdateWithNoChangeWritesNothing", func(t *testing.T) {
		before := auditCount(t, db)
		fvBefore, _ := db.FieldVersions(ctx, "parents", id)
		err := db.Write(ctx, func(tx *store.Tx) error {
			changed, err := tx.Update("parents", id, store.Values{"name": "杨家", "n": 4})
			if len(changed) != 0 {
				t.Errorf("changed %v", changed)
			}
			return err
		})
		fvAfter, _ := db.FieldVersions(ctx, "parents", id)
		if err != nil || auditCount(t, db) != before || !slices.Equal(fvBefore, fvAfter) {
			t.Errorf("a no-op update wrote: %v", err)
		}
	})

	t.Run("TombstoneHidesRow", func(t *testing.T) {
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("parents", id) })
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Get(ctx, "parents", id)
		wantCode(t, err, errs.NotFound)
		row, err := db.Get(ctx, "parents", id, store.IncludeDeleted)
		if err != nil || row["deleted_at"] == nil {
			t.Errorf("tombstoned row %v, %v", row, err)
		}
		page, _ := db.Audit(ctx, 0, 1)
		if e := page.Entries[0]; e.Action != "delete" || !slices.Equal(e.Fields, []string{"deleted_at"}) {
			t.Errorf("delete audit %+v", e)
		}
		fv, _ := db.FieldVersions(ctx, "parents", id)
		if !slices.Contains(fieldNames(fv), "deleted_at") {
			t.Errorf("no deleted_at stamp: %v", fv)
		}
		err = db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Update("parents", id, store.Values{"name": "复活"})
			return err
		})
		wantCode(t, err, errs.NotFound)
		err = db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("parents", id) })
		wantCode(t, err, errs.NotFound)
	})
}

func fieldNames(fv []store.FieldVersion) []string {
	var out []string
	for _, f := range fv {
		out = append(out, f.Field)
	}
	return out
}

func TestWritePathRefusesUnknownColumns(t *testing.T) {
	db := MustOpen(t, store.Options{})
	for _, v := range []store.Values{{"nosuch": 1}, {"id": "x"}, {"site_id": "x"}, {"deleted_at": "x"}} {
		err := db.Write(context.Background(), func(tx *store.Tx) error {
			_, err := tx.Insert("parents", v)
			return err
		})
		wantCode(t, err, errs.Internal)
	}
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Insert("site", store.Values{})
		return err
	})
	wantCode(t, err, errs.Internal)
}

func TestWriteFailingHalfWayLeavesNothing(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	count := func() (n [4]int) {
		for i, q := range []string{"SELECT count(*) FROM parents", "SELECT count(*) FROM field_versions",
			"SELECT count(*) FROM audit_log", "SELECT last FROM hlc_state"} {
			db.SQL().QueryRow(q).Scan(&n[i])
		}
		return n
	}
	before := count()
	cases := map[string]func(tx *store.Tx) error{
		"ErrorAfterInserts": func(tx *store.Tx) error {
			for i := 0; i < 5; i++ {
				if _, err := tx.Insert("parents", store.Values{"name": "甲", "n": i}); err != nil {
					return err
				}
			}
			_, err := tx.Insert("children", store.Values{"parent_id": "missing"})
			return err
		},
		"Panic": func(tx *store.Tx) error {
			tx.Insert("parents", store.Values{"name": "乙"})
			var m map[string]int
			m["boom"]++
			return nil
		},
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) {
			err := db.Write(ctx, fn)
			if err == nil {
				t.Fatal("no error")
			}
			if after := count(); after != before {
				t.Errorf("counts (rows, stamps, audit, clock) %v, want %v", after, before)
			}
		})
	}
}

func TestHLC(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	db := MustOpen(t, store.Options{Clock: clock.Now})
	ctx := context.Background()
	var stamps []store.HLC
	write := func() {
		t.Helper()
		var id string
		err := db.Write(ctx, func(tx *store.Tx) (err error) {
			id, err = tx.Insert("parents", store.Values{"name": "x"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		fv, _ := db.FieldVersions(ctx, "parents", id)
		stamps = append(stamps, fv[0].HLC)
	}
	write()
	write()                                    // same millisecond: the counter moves
	clock.Set(clock.Now().Add(-3 * time.Hour)) // the wall clock jumps back
	write()
	write()
	clock.Set(clock.Now().Add(5 * time.Hour)) // and forward past where it was
	write()
	for i := 1; i < len(stamps); i++ {
		if stamps[i] <= stamps[i-1] {
			t.Errorf("stamp %d (%v) not after stamp %d (%v)", i, stamps[i], i-1, stamps[i-1])
		}
	}
	if stamps[1] != stamps[0]+1 || stamps[2] != stamps[1]+1 || stamps[2].Wall() != stamps[0].Wall() {
		t.Errorf("stamps %v", stamps)
	}
	if stamps[4].Wall() != clock.Now() || stamps[4].Counter() != 0 {
		t.Errorf("after the clock caught up the stamp is %v, want %v/0", stamps[4], clock.Now())
	}

	outer := t
	t.Run("PersistsAcrossReopen", func(t *testing.T) {
		path := db.Path()
		db.Close()
		clock.Set(clock.Now().Add(-24 * time.Hour))
		db2, err := store.Open(path, store.Options{Clock: clock.Now, Migrations: testMigrations()})
		if err != nil {
			t.Fatal(err)
		}
		db = db2
		outer.Cleanup(func() { db2.Close() })
		write()
		if last := stamps[len(stamps)-1]; last <= stamps[len(stamps)-2] {
			t.Errorf("after reopen with the clock a day back: %v, before %v", last, stamps[len(stamps)-2])
		}
	})

	t.Run("RefusesFarFuture", func(t *testing.T) {
		now := clock.Now()
		far := store.HLCAt(now.Add(25 * time.Hour))
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.Observe(far) })
		e := wantCode(t, err, errs.Invalid)
		if !strings.Contains(e.Message, "超前") {
			t.Errorf("message %q", e.Message)
		}
		near := store.HLCAt(now.Add(23 * time.Hour))
		err = db.Write(ctx, func(tx *store.Tx) error { return tx.Observe(near) })
		if err != nil {
			t.Fatal(err)
		}
		write()
		if last := stamps[len(stamps)-1]; last <= near {
			t.Errorf("a write after observing %v was stamped %v", near, last)
		}
	})
}

func TestOperatorAndLocalSettings(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	wantCode(t, db.SetOperator(ctx, ""), errs.Invalid)
	if err := db.SetOperator(ctx, "王五"); err != nil {
		t.Fatal(err)
	}
	page, _ := db.Audit(ctx, 0, 1)
	if e := page.Entries[0]; e.Action != "setting" || e.RowID != "operator" || e.Operator != "王五" {
		t.Errorf("audit %+v", e)
	}
	path := db.Path()
	db.Close()
	db2, err := store.Open(path, store.Options{Migrations: testMigrations()})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if db2.Operator() != "王五" {
		t.Errorf("operator after reopen %q", db2.Operator())
	}
}

func TestAuditPaging(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	base := auditCount(t, db)
	db.Write(ctx, func(tx *store.Tx) error {
		for i := 0; i < 25; i++ {
			tx.Insert("parents", store.Values{"n": i})
		}
		return nil
	})
	p1, _ := db.Audit(ctx, 0, 10)
	p3, _ := db.Audit(ctx, 20, 10)
	if p1.Total != base+25 || len(p1.Entries) != 10 || len(p3.Entries) != base+5 {
		t.Errorf("pages: total %d, %d and %d entries", p1.Total, len(p1.Entries), len(p3.Entries))
	}
	if p1.Entries[0].HLC <= p1.Entries[9].HLC {
		t.Error("audit not newest first")
	}
}

// The history names tables (history_tables) and operators (audit_operators) by numbers, each given by
// the first write that needs it. When that write is rolled back, so is the number, and the next write
// numbers the table anew: here the other way round (children before parents), so a number remembered
// from the rolled-back write would file each table's history under the other's name.
func TestTableNumbersOfARolledBackWrite(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	if err := db.SetOperator(ctx, "王五"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := db.Write(ctx, func(tx *store.Tx) error {
		p, err := tx.Insert("parents", store.Values{"name": "甲"})
		if err != nil {
			return err
		}
		if _, err := tx.Insert("children", store.Values{"parent_id": p, "label": "乙"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("the write that fails: %v", err)
	}
	var parent string
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.RecordView("children", "no-such-child", []string{"label"}); err != nil {
			return err
		}
		parent, err = tx.Insert("parents", store.Values{"name": "丙"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fv, err := db.FieldVersions(ctx, "parents", parent)
	if err != nil || len(fv) == 0 {
		t.Errorf("the stamps of the parent: %v %v", fv, err)
	}
	for _, c := range []struct{ table, action, row string }{{"parents", "insert", parent}, {"children", "view", "no-such-child"}} {
		page, err := db.FindAudit(ctx, store.AuditQuery{Table: c.table, Operator: "王五"})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Entries) != 1 || page.Entries[0].Action != c.action || page.Entries[0].RowID != c.row ||
			page.Entries[0].Table != c.table || page.Entries[0].Operator != "王五" {
			t.Errorf("the audit of %s: %+v", c.table, page.Entries)
		}
	}
	choices, err := db.AuditChoices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for _, c := range choices.Tables {
		tables = append(tables, c.Value)
	}
	slices.Sort(tables) // (offered in pinyin order of their labels: TestFindAudit)
	if want := []string{"children", "local_settings", "offices", "parents"}; !slices.Equal(tables, want) {
		t.Errorf("the tables to filter the log by: %v, want %v", tables, want)
	}
	var operators []string
	for _, c := range choices.Operators {
		operators = append(operators, c.Value)
	}
	if want := []string{"王五", "系统"}; !slices.Equal(operators, want) {
		t.Errorf("the operators to filter the log by: %v, want %v", operators, want)
	}
}
