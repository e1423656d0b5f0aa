package grid_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// A household is added with its head, in one transaction: a head refused leaves no household behind,
// and the error names the head's field.
func TestCreateHouseholdWithHead(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	in := grid.HouseholdInput{NeighbourhoodID: tr.nb, Address: "3号"}
	bad := validID("19800101", 21)
	bad = bad[:17] + map[bool]string{true: "1", false: "0"}[bad[17] == '0']
	for _, c := range []struct {
		head         grid.ResidentInput
		field, words string
	}{
		{grid.ResidentInput{}, "headName", "户主姓名不能为空"},
		{grid.ResidentInput{Name: "刘一", IDNumber: bad}, "headIdNumber", "户主身份证号"},
		{grid.ResidentInput{Phone: "12345"}, "headName", "户主姓名不能为空"}, // and its phone, below
	} {
		_, err := s.CreateHouseholdWithHead(ctx, in, c.head)
		if e := errs.As(err); e.Code != errs.Invalid || e.Field != c.field || !strings.HasPrefix(e.Message, c.words) {
			t.Errorf("%+v: got %v (field %q), want invalid %s", c.head, err, e.Field, c.field)
		}
		if e := errs.As(err); c.head.Phone != "" && (len(e.Also) != 1 || e.Also[0].Field != "headPhone" || !strings.HasPrefix(e.Also[0].Message, "户主")) {
			t.Errorf("the head's phone too: %+v", e.Also)
		}
	}
	if hs, err := s.Households(ctx, tr.nb); err != nil || len(hs) != 0 {
		t.Fatalf("a refused head left a household: %+v %v", hs, err)
	}
	id, err := s.CreateHouseholdWithHead(ctx, in, grid.ResidentInput{Name: "刘一", Relation: "子", IDNumber: validID("19800101", 21)})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := s.Households(ctx, tr.nb)
	if err != nil || len(hs) != 1 || hs[0].ID != id || hs[0].HeadName != "刘一" || hs[0].Members != 1 {
		t.Errorf("the new household and its head: %+v %v", hs, err)
	}
}

// A household saved with several fields wrong names each of them at once.
func TestHouseholdEveryFieldAtOnce(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	_, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Address: strings.Repeat("址", 101), Phone: "12345", Notes: strings.Repeat("备", 501)})
	e := wantErr(t, err, errs.Invalid, "address")
	if len(e.Also) != 2 || e.Also[0].Field != "phone" || e.Also[1].Field != "notes" {
		t.Errorf("also %+v, want phone and notes", e.Also)
	}
	// With its head: the household's fields and the head's together.
	_, err = s.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Phone: "12345"}, grid.ResidentInput{IDNumber: "12"})
	e = wantErr(t, err, errs.Invalid, "phone")
	if len(e.Also) != 2 || e.Also[0].Field != "headName" || e.Also[1].Field != "headIdNumber" {
		t.Errorf("with its head: also %+v, want headName and headIdNumber", e.Also)
	}
	if hs, _ := s.Households(ctx, tr.nb); len(hs) != 0 {
		t.Errorf("refused households were written: %d", len(hs))
	}
}

// The audit log and the conflict list name a household by its head, then its address: an address
// alone (3号) does not say whose household changed.
func TestHouseholdNamedByItsHead(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	s := grid.NewService(db, nil)
	tr := mustTree(t, s, "丹口村")
	if _, err := s.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Address: "3号"}, grid.ResidentInput{Name: "刘一"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Address: "5号"}); err != nil {
		t.Fatal(err)
	}
	page, err := db.FindAudit(ctx, store.AuditQuery{Limit: 50, Table: "households"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range page.Entries {
		got = append(got, e.Summary)
	}
	all := strings.Join(got, " | ")
	for _, want := range []string{"刘一户（3号）", "5号"} {
		if !strings.Contains(all, want) {
			t.Errorf("the audit log does not name %s: %s", want, all)
		}
	}
}
