package store_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// ORDER BY … COLLATE pinyin gives the order of a Chinese list: digits, Latin, then by pinyin.
func TestPinyinCollation(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	rows, err := db.SQL().Query(`WITH t(v) AS (VALUES ('赵六'), ('张喆'), ('阿强'), ('王五'), ('关于冬季防火的通知'), ('李四'), ('2026年通知'), ('Abc'))
		SELECT v FROM t ORDER BY v COLLATE ` + store.Pinyin)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	want := []string{"2026年通知", "Abc", "阿强", "关于冬季防火的通知", "李四", "王五", "张喆", "赵六"}
	if !slices.Equal(got, want) {
		t.Fatalf("pinyin order %v, want %v", got, want)
	}
}

// The index in pinyin (cases_by_summary) is rebuilt when the collation's order changes: cases written
// while "pinyin" ordered otherwise (a different golang.org/x/text) leave it out of step, which
// integrity_check finds; opening the file again after the fingerprint changed rebuilds it, and the
// new fingerprint is recorded. A file whose fingerprint is the program's is left as it is.
func TestPinyinIndexRebuiltWhenTheCollationChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db := storetest.OpenFile(t, path, store.Options{})
	fingerprint, err := db.LocalSetting(ctx, "pinyin_collation")
	if err != nil || len(fingerprint) != 24 {
		t.Fatalf("fingerprint %q %v", fingerprint, err)
	}
	db.Close()
	// Another order: the reverse of code points.
	sql.Register("sqlite3-other-pinyin", &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		return c.RegisterCollation(store.Pinyin, func(a, b string) int { return strings.Compare(b, a) })
	}})
	other, err := sql.Open("sqlite3-other-pinyin", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range []string{"自来水管破裂", "宅基地纠纷", "安全隐患", "Abc", "2号路灯", "耕地撂荒", "低保复核"} {
		if _, err := other.Exec(`INSERT INTO cases (id, number, source, category, summary, state, level, registered_on,
			limit_days, deadline, created_at, updated_at, site_id) VALUES (?, ?, '走访', '民生诉求', ?, '登记', '村',
			'2026-11-02', 7, '2026-11-11', '2026-11-02', '2026-11-02', 'x')`, fmt.Sprintf("c%d", i), fmt.Sprintf("丹口-2026-%04d", i+1), s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.Exec(`UPDATE local_settings SET value = 'an older order' WHERE key = 'pinyin_collation'`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	integrity := func(db *store.DB) string {
		var out string
		if err := db.SQL().QueryRow(`PRAGMA integrity_check`).Scan(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// Out of step, as long as the file is opened on its old fingerprint's word (set back by hand).
	storetest.TamperFile(t, path, `UPDATE local_settings SET value = ? WHERE key = 'pinyin_collation'`, fingerprint)
	db = storetest.OpenFile(t, path, store.Options{})
	if got := integrity(db); got == "ok" {
		t.Fatal("the index written in another order passed integrity_check: the test shows nothing")
	}
	db.Close()
	storetest.TamperFile(t, path, `UPDATE local_settings SET value = 'an older order' WHERE key = 'pinyin_collation'`)
	db = storetest.OpenFile(t, path, store.Options{})
	if got := integrity(db); got != "ok" {
		t.Fatalf("after the collation changed: %s", got)
	}
	if got, _ := db.LocalSetting(ctx, "pinyin_collation"); got != fingerprint {
		t.Fatalf("fingerprint %q after the rebuild, want %q", got, fingerprint)
	}
}
