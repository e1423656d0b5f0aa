package grid_test

import (
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
