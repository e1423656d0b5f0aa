package store_test

import (
	"slices"
	"testing"

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
