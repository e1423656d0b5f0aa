package grid_test

import (
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestHouseholdCodesOfAnotherOfficesVillage: the office that registered a village numbers its
// households 0001, 0002…; another office numbering households in it puts its short name in front, so
// the two offices' codes never meet when their data is merged.
func TestHouseholdCodesOfAnotherOfficesVillage(t *testing.T) {
	s := grid.NewService(storetest.Open(t, store.Options{ShortName: "县"}), nil)
	tr := mustTree(t, s, "丹口村")
	code := func(id string) string {
		t.Helper()
		h, err := s.GetHousehold(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return h.Code
	}
	if c := code(mustHousehold(t, s, tr.nb, "1号")); c != "0001" {
		t.Errorf("our own village: %s", c)
	}
	// The village arrives from a township: its row stamp carries that office's site id.
	storetest.Tamper(t, grid.DBOf(s), `INSERT INTO sites (site_id) VALUES ('00000000000000000000000000000abc')`)
	storetest.Tamper(t, grid.DBOf(s), `UPDATE field_versions SET site_no = (SELECT site_no FROM sites WHERE site_id = '00000000000000000000000000000abc')
		WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'villages')`)
	if c := code(mustHousehold(t, s, tr.nb, "2号")); c != "县-0001" {
		t.Errorf("another office's village, first: %s", c)
	}
	if c := code(mustHousehold(t, s, tr.nb, "3号")); c != "县-0002" {
		t.Errorf("another office's village, second: %s", c)
	}
}
