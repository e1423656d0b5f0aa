package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestFindAudit: the log is filtered by operator, kind of record, action and time, the total counts
// what the filter picks (not the whole log), and a bad filter is refused naming its field.
func TestFindAudit(t *testing.T) {
	day := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	clock := storetest.NewClock(day)
	db := storetest.Open(t, store.Options{OfficeName: "丹口镇", Clock: clock.Now})
	ctx := context.Background()
	write := func(op string, fn func(tx *store.Tx) error) {
		t.Helper()
		if err := db.SetOperator(ctx, op); err != nil {
			t.Fatal(err)
		}
		if err := db.Write(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	var village string
	write("杨明", func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	clock.Add(24 * time.Hour)
	write("李干事", func(tx *store.Tx) error {
		_, err := tx.Update("villages", village, store.Values{"notes": "备注"})
		return err
	})
	write("李干事", func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": "桃林村"})
		return err
	})

	find := func(q store.AuditQuery) []string {
		t.Helper()
		page, err := db.FindAudit(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range page.Entries {
			got = append(got, e.Summary)
		}
		if page.Total != len(got) {
			t.Errorf("%+v: total %d for %d entries", q, page.Total, len(got))
		}
		return got
	}
	same := func(got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("got %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("got %q, want %q", got, want)
			}
		}
	}
	same(find(store.AuditQuery{Operator: "李干事", Table: "villages"}), "新增 村（社区）：桃林村", "修改 村（社区） 丹口村：备注")
	same(find(store.AuditQuery{Action: "insert", Table: "villages"}), "新增 村（社区）：桃林村", "新增 村（社区）：丹口村")
	same(find(store.AuditQuery{Table: "villages", To: day.Add(12 * time.Hour).Format(time.RFC3339)}), "新增 村（社区）：丹口村")
	same(find(store.AuditQuery{Table: "villages", From: day.Add(12 * time.Hour).Format(time.RFC3339), Action: "update"}), "修改 村（社区） 丹口村：备注")
	same(find(store.AuditQuery{Operator: "没有此人"}))
	same(find(store.AuditQuery{Table: "villages", Oldest: true}), "新增 村（社区）：丹口村", "修改 村（社区） 丹口村：备注", "新增 村（社区）：桃林村")

	all, err := db.FindAudit(ctx, store.AuditQuery{})
	if err != nil || all.Total != len(all.Entries) || all.Total < 5 {
		t.Fatalf("whole log: %d of %d, %v", len(all.Entries), all.Total, err)
	}
	_, err = db.FindAudit(ctx, store.AuditQuery{Action: "drop"})
	wantCode(t, err, errs.Invalid)
	_, err = db.FindAudit(ctx, store.AuditQuery{From: "2026-11-27"})
	wantCode(t, err, errs.Invalid)

	c, err := db.AuditChoices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{}
	for _, o := range c.Operators {
		ops[o.Value] = true
	}
	tables := map[string]string{}
	for _, tb := range c.Tables {
		tables[tb.Value] = tb.Label
	}
	if !ops["杨明"] || !ops["李干事"] || tables["villages"] != "村（社区）" || len(c.Actions) != 5 {
		t.Errorf("choices %+v", c)
	}
	// The kinds of record in pinyin order of their names, as officers look them up.
	if !slices.IsSortedFunc(c.Tables, func(a, b store.AuditChoice) int { return store.ComparePinyin(a.Label, b.Label) }) || len(c.Tables) < 2 {
		t.Errorf("the kinds of record are not in pinyin order: %+v", c.Tables)
	}
}
