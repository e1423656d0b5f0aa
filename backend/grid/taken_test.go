package grid_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// also returns the field problem of e named field, or nil.
func also(e *errs.Error, field string) *errs.Error {
	for _, f := range e.Also {
		if f.Field == field {
			return f
		}
	}
	return nil
}

// An ID number already registered is named with the form's other problems, not only once they are
// mended; so is a 户编号 already used in the village. Nothing is written.
func TestTakenNamedWithTheOtherProblems(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h1 := mustHousehold(t, s, tr.nb, "1号")
	id := validID("19800101", 123)
	yang, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h1, Name: "杨明", IDNumber: id})
	if err != nil {
		t.Fatal(err)
	}

	// A new person with a bad phone and a registered number: both at once.
	e := wantErr(t, errAdd(s, grid.ResidentInput{HouseholdID: h1, Name: "杨明明", IDNumber: id, Phone: "123"}), errs.Invalid, "phone")
	taken := also(e, "idNumber")
	if taken == nil || taken.Code != errs.Conflict || !strings.Contains(taken.Message, "已登记为 杨明") {
		t.Fatalf("the registered number was not named with the bad phone: %+v", e.All())
	}
	// A number that is wrong by itself is named as wrong, not looked up.
	e = wantErr(t, errAdd(s, grid.ResidentInput{HouseholdID: h1, Name: "杨明明", IDNumber: id[:17] + "0", Phone: "123"}), errs.Invalid, "idNumber")
	if f := also(e, "idNumber"); f != nil {
		t.Errorf("a wrong number was named twice: %+v", e.All())
	}

	// Editing someone else to that number, with a bad phone: both. Editing the holder: the phone only.
	other, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h1, Name: "杨光"})
	if err != nil {
		t.Fatal(err)
	}
	e = wantErr(t, s.UpdateResident(ctx, other, grid.ResidentInput{HouseholdID: h1, Name: "杨光", IDNumber: id, Phone: "123"}), errs.Invalid, "phone")
	if f := also(e, "idNumber"); f == nil || f.Code != errs.Conflict {
		t.Errorf("editing to a registered number: %+v", e.All())
	}
	e = wantErr(t, s.UpdateResident(ctx, yang, grid.ResidentInput{HouseholdID: h1, Name: "杨明", IDNumber: id, Phone: "123"}), errs.Invalid, "phone")
	if len(e.Also) != 0 {
		t.Errorf("the holder's own number was called taken: %+v", e.All())
	}

	// A household: a code used in the village and a bad phone.
	if _, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0100", Address: "2号"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: " 0100 ", Address: "3号", Phone: "123"})
	e = wantErr(t, err, errs.Invalid, "phone")
	if f := also(e, "code"); f == nil || f.Code != errs.Conflict || !strings.Contains(f.Message, "0100") {
		t.Errorf("the used code was not named with the bad phone: %+v", e.All())
	}
	e = wantErr(t, s.UpdateHousehold(ctx, h1, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0100", Address: "1号", Phone: "123"}), errs.Invalid, "phone")
	if f := also(e, "code"); f == nil || f.Code != errs.Conflict {
		t.Errorf("editing to a used code: %+v", e.All())
	}

	// A household with its head (the form of 新建户): every problem of both at once.
	_, err = s.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0100", Address: "4号", Phone: "123"},
		grid.ResidentInput{Name: "杨明明", IDNumber: id, Phone: "456"})
	e = wantErr(t, err, errs.Invalid, "phone")
	fields := map[string]string{}
	for _, f := range e.All() {
		fields[f.Field] = f.Code
	}
	want := map[string]string{"phone": errs.Invalid, "code": errs.Conflict, "headPhone": errs.Invalid, "headIdNumber": errs.Conflict}
	if len(fields) != len(want) {
		t.Errorf("new household with its head: %v, want %v", fields, want)
	}
	for f, code := range want {
		if fields[f] != code {
			t.Errorf("new household with its head: %s is %q, want %q (%v)", f, fields[f], code, e.Messages())
		}
	}
	// A free code but a registered head: the head's number alone, as before.
	_, err = s.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Address: "4号"}, grid.ResidentInput{Name: "杨明明", IDNumber: id})
	if e := wantErr(t, err, errs.Conflict, "headIdNumber"); !strings.HasPrefix(e.Message, "户主身份证号") {
		t.Errorf("the head's message: %q", e.Message)
	}
	if list, err := s.Households(ctx, tr.nb); err != nil || len(list) != 2 {
		t.Fatalf("households after the refusals: %d %v", len(list), err)
	}

	// Nothing of the refused forms was written.
	members, err := s.Members(ctx, h1)
	if err != nil || len(members) != 2 || members[0].Phone+members[1].Phone != "" {
		t.Fatalf("residents after the refusals: %+v %v", members, err)
	}
	if hh, err := s.GetHousehold(ctx, h1); err != nil || hh.Code == "0100" || hh.Phone != "" {
		t.Fatalf("the household after the refusal: %+v %v", hh, err)
	}
}

func errAdd(s *grid.Service, in grid.ResidentInput) error {
	_, err := s.AddResident(ctx, in)
	return err
}
