package grid_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
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
	} {
		_, err := s.CreateHouseholdWithHead(ctx, in, c.head)
		if e := errs.As(err); e.Code != errs.Invalid || e.Field != c.field || !strings.HasPrefix(e.Message, c.words) {
			t.Errorf("%+v: got %v (field %q), want invalid %s", c.head, err, e.Field, c.field)
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
