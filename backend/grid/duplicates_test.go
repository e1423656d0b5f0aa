package grid_test

import (
	"slices"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// TestPossibleDuplicates: the same 身份证号 is refused within one office, but a merge that brings the
// same person from another office is not blocked; the pair is listed for a person to settle.
func TestPossibleDuplicates(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h1 := mustHousehold(t, s, tr.nb, "1号")
	h2 := mustHousehold(t, s, tr.nb, "2号")
	id := validID("19800101", 123)
	ours, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h1, Name: "杨明", IDNumber: id})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AddResident(ctx, grid.ResidentInput{HouseholdID: h2, Name: "杨明", IDNumber: id})
	wantErr(t, err, errs.Conflict, "idNumber")

	if list, err := s.PossibleDuplicates(ctx); err != nil || len(list) != 0 {
		t.Fatalf("before the merge: %v %v", list, err)
	}
	// What a merge does: the other office's row arrives through the write path, without grid's check.
	var theirs string
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) (err error) {
		theirs, err = tx.Insert("residents", store.Values{"household_id": h2, "name": "杨明", "id_number": id})
		return err
	}); err != nil {
		t.Fatalf("a merge of the same person from another office was blocked: %v", err)
	}
	list, err := s.PossibleDuplicates(ctx)
	if err != nil || len(list) != 1 || len(list[0].Residents) != 2 || list[0].IDNumber != "430529********1234"[:6]+"********"+id[14:] {
		t.Fatalf("possible duplicates: %+v %v", list, err)
	}
	for i, o := range list[0].Origins {
		if o.ResidentID != list[0].Residents[i].ResidentID || o.RegisteredAt == "" {
			t.Errorf("origin %d: %+v", i, o)
		}
	}
	// Either record can still be edited until the pair is settled.
	if err := s.UpdateResident(ctx, ours, grid.ResidentInput{HouseholdID: h1, Name: "杨明", IDNumber: id, Phone: "13800138000"}); err != nil {
		t.Errorf("editing one of the pair: %v", err)
	}
	ids := []string{ours, theirs}
	if ids[0] > ids[1] {
		ids[0], ids[1] = ids[1], ids[0]
	}
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Insert("person_decisions", store.Values{"id_number": id, "resident_ids": ids[0] + "," + ids[1], "decision": "same", "kept_id": ours})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if list, err := s.PossibleDuplicates(ctx); err != nil || len(list) != 0 {
		t.Errorf("after the decision: %+v %v", list, err)
	}
}

// theirCopy registers, as a merge from another office would (without grid's check), the resident
// with id number in household h, and returns its id.
func theirCopy(t *testing.T, s *grid.Service, h, name, number string, extra store.Values) string {
	t.Helper()
	v := store.Values{"household_id": h, "name": name, "id_number": number}
	for k, x := range extra {
		v[k] = x
	}
	var id string
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) (err error) {
		id, err = tx.Insert("residents", v)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSettleDuplicateSame: the same person registered by two offices becomes one record; the
// leader's post that named the other record follows it, its phone fills the kept one's, and the other
// office's household, now empty, is named.
func TestSettleDuplicateSame(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h1 := mustHousehold(t, s, tr.nb, "1号")
	h2 := mustHousehold(t, s, tr.nb, "河东2号")
	number := validID("19800101", 123)
	ours, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h1, Name: "杨明", IDNumber: number})
	if err != nil {
		t.Fatal(err)
	}
	theirs := theirCopy(t, s, h2, "杨明", number, store.Values{"phone": "13800138000"})
	var post string
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) (err error) {
		post, err = tx.Insert("leaders", store.Values{"role": "group_leader", "scope_table": "groups", "scope_id": tr.group,
			"resident_id": theirs, "person_name": "杨明"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	pair := []string{ours, theirs}
	// Bad input changes nothing.
	_, err = s.SettleDuplicate(ctx, grid.DuplicateDecision{ResidentIDs: pair, Same: true, KeepID: "nobody"})
	wantErr(t, err, errs.Invalid, "keepId")
	_, err = s.SettleDuplicate(ctx, grid.DuplicateDecision{ResidentIDs: pair[:1], Same: true, KeepID: ours})
	wantErr(t, err, errs.Invalid, "residentIds")
	if list, _ := s.PossibleDuplicates(ctx); len(list) != 1 {
		t.Fatalf("a refused decision changed the list: %+v", list)
	}

	got, err := s.SettleDuplicate(ctx, grid.DuplicateDecision{ResidentIDs: pair, Same: true, KeepID: ours, Note: "县局与本乡都登记了"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Moved != 1 || !slices.Equal(got.Filled, []string{"phone"}) || !slices.Equal(got.EmptyHouseholds, []string{"河东2号"}) {
		t.Errorf("settled: %+v", got)
	}
	db := grid.DBOf(s)
	if row, err := db.Get(ctx, "leaders", post); err != nil || row["resident_id"] != ours {
		t.Errorf("the leader's post did not follow the person: %v %v", row, err)
	}
	if row, err := db.Get(ctx, "residents", ours); err != nil || row["phone"] != "13800138000" {
		t.Errorf("the kept record: %v %v", row, err)
	}
	if _, err := db.Get(ctx, "residents", theirs); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("the other record is still live: %v", err)
	}
	if list, err := s.PossibleDuplicates(ctx); err != nil || len(list) != 0 {
		t.Errorf("after the decision: %+v %v", list, err)
	}
	// Settling the same list again: the residents carrying the number have changed.
	_, err = s.SettleDuplicate(ctx, grid.DuplicateDecision{ResidentIDs: pair, Same: true, KeepID: ours})
	wantErr(t, err, errs.Conflict, "")
}

// TestSettleDuplicateDifferent: two people kept apart are not listed again, until a third record
// takes the number.
func TestSettleDuplicateDifferent(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h1 := mustHousehold(t, s, tr.nb, "1号")
	number := validID("19800101", 123)
	ours, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h1, Name: "杨明", IDNumber: number})
	if err != nil {
		t.Fatal(err)
	}
	theirs := theirCopy(t, s, h1, "杨敏", number, nil)
	if _, err := s.SettleDuplicate(ctx, grid.DuplicateDecision{ResidentIDs: []string{theirs, ours}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{ours, theirs} {
		if _, err := grid.DBOf(s).Get(ctx, "residents", id); err != nil {
			t.Errorf("a resident kept apart is gone: %v", err)
		}
	}
	if list, err := s.PossibleDuplicates(ctx); err != nil || len(list) != 0 {
		t.Errorf("kept apart, still listed: %+v %v", list, err)
	}
	theirCopy(t, s, h1, "杨梅", number, nil)
	if list, err := s.PossibleDuplicates(ctx); err != nil || len(list) != 1 || len(list[0].Residents) != 3 {
		t.Errorf("a third record with the number: %+v %v", list, err)
	}
}
