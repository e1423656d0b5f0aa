package grid_test

import (
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

func TestSearch(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h1 := mustHousehold(t, s, tr.nb, "杨家湾3号")
	h2 := mustHousehold(t, s, tr.nb, "桥头7号")
	idZ := validID("19700101", 15)
	people := []grid.ResidentInput{
		{HouseholdID: h1, Name: "张三", Relation: "户主", IDNumber: idZ, Phone: "13907391234"},
		{HouseholdID: h1, Name: "张山峰", Relation: "子"},
		{HouseholdID: h2, Name: "赵四", Relation: "户主", Phone: "0739-7325678"},
		{HouseholdID: h2, Name: "曾小明", Relation: "子"},
	}
	for _, p := range people {
		if _, err := s.AddResident(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	names := func(q string) []string {
		t.Helper()
		hits, err := s.Search(ctx, q, 0)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.Name)
		}
		return out
	}
	cases := map[string][]string{
		"zs":       {"张三", "张山峰", "赵四"}, // pinyin initials, sorted by pinyin
		"zsf":      {"张山峰"},
		"zhangsan": {"张三"},
		"zhangs":   {"张三", "张山峰"}, // zhangsan, zhangshanfeng
		"ZHANGSA":  {"张三"},
		"zxm":      {"曾小明"}, // surname reading zeng
		"张":        {"张三", "张山峰"},
		"张三":       {"张三"},
		idZ[14:]:   {"张三"}, // the last four digits of the ID
		idZ[:8]:    {"张三"},
		"1234":     {"张三"}, // phone ending
		"0739":     {"赵四"}, // landline area code
		"5678":     {"赵四"},
		"杨家湾":      {"张三", "张山峰"}, // address
		"王":        nil,
		"19700101": {"张三"}, // the birth date inside the ID
		"197001":   {"张三"},
		"张 杨家湾":    {"张三", "张山峰"}, // a second word narrows by place
		"桥头 zs":    {"赵四"},        // either word may be the name
		"张 丹口村":    {"张三", "张山峰"},
		"张 桥头":     nil,
		"张 三":      {"张三"}, // words that narrow nothing are one name
	}
	for q, want := range cases {
		got := names(q)
		if len(got) != len(want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("Search(%q) = %v, want %v", q, got, want)
			}
		}
	}
	// The same name in another village: the place tells them apart.
	other := mustTree(t, s, "桃林村")
	if _, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: mustHousehold(t, s, other.nb, "新屋1号"), Name: "张三"}); err != nil {
		t.Fatal(err)
	}
	if got := names("张三"); len(got) != 2 {
		t.Errorf("two 张三: %v", got)
	}
	if hits, err := s.Search(ctx, "张三 桃林", 0); err != nil || len(hits) != 1 || hits[0].Village != "桃林村" {
		t.Errorf("张三 桃林: %+v %v", hits, err)
	}
	hits, _ := s.Search(ctx, "张三 丹口", 0)
	if hits[0].IDNumber != "430529********"+idZ[14:] || hits[0].Phone != "139****1234" || hits[0].Village != "丹口村" {
		t.Errorf("hit not masked or placed: %+v", hits[0])
	}
	_, err := s.Search(ctx, "12", 0)
	wantErr(t, err, errs.Invalid, "query")
}
