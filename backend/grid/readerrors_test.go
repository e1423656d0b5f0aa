package grid_test

import (
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store/storetest"
)

// A read that fails inside a change must stop the change with the error, never be taken for "no such
// row" (which would let a duplicate through or merge across villages). Each case damages the database
// on purpose, around the write path.
func TestReadErrorsReachTheCaller(t *testing.T) {
	count := func(t *testing.T, s *grid.Service, q string, args ...any) int {
		t.Helper()
		var n int
		if err := grid.DBOf(s).SQL().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	t.Run("MergeNeighbourhoodsVillageOf", func(t *testing.T) {
		s := MustService(t)
		tr := mustTree(t, s, "丹口村")
		other, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: "第2邻"})
		if err != nil {
			t.Fatal(err)
		}
		mustHousehold(t, s, other, "1号")
		storetest.Tamper(t, grid.DBOf(s), `ALTER TABLE pieces RENAME TO pieces_gone`)
		_, err = s.MergeNeighbourhoods(ctx, tr.nb, other)
		if errs.CodeOf(err) != errs.Internal {
			t.Fatalf("merge with the village unreadable: %v", err)
		}
		if n := count(t, s, `SELECT count(*) FROM households WHERE neighbourhood_id = ?`, other); n != 1 {
			t.Errorf("the household moved though the merge failed")
		}
	})
	t.Run("EndCurrentTerms", func(t *testing.T) {
		s := MustService(t)
		tr := mustTree(t, s, "丹口村")
		storetest.Tamper(t, grid.DBOf(s), `INSERT INTO leaders (id, role, scope_table, scope_id, person_name, created_at, updated_at, site_id)
			VALUES (NULL, 'neighbourhood_leader', 'neighbourhoods', '`+tr.nb+`', '杨明', '2026-01-01', '2026-01-01', 'x')`)
		_, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: tr.nb, PersonName: "李华", TermStart: "2026-01-01"})
		if e := errs.As(err); e.Code != errs.Internal || e.Message != "读取失败" {
			t.Fatalf("appointment with the current holders unreadable: %v", err)
		}
	})
	t.Run("Members", func(t *testing.T) {
		s := MustService(t)
		tr := mustTree(t, s, "丹口村")
		h := mustHousehold(t, s, tr.nb, "1号")
		storetest.Tamper(t, grid.DBOf(s), `INSERT INTO residents (id, household_id, name, created_at, updated_at, site_id)
			VALUES (NULL, '`+h+`', '杨明', '2026-01-01', '2026-01-01', 'x')`)
		if _, err := s.Members(ctx, h); errs.CodeOf(err) != errs.Internal {
			t.Fatalf("members with a damaged row: %v", err)
		}
	})
	t.Run("CheckUniqueID", func(t *testing.T) {
		s := MustService(t)
		tr := mustTree(t, s, "丹口村")
		h := mustHousehold(t, s, tr.nb, "1号")
		id := validID("19800101", 123)
		if _, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", IDNumber: id}); err != nil {
			t.Fatal(err)
		}
		// The person is found, but where they live cannot be read: still no second registration.
		storetest.Tamper(t, grid.DBOf(s), `ALTER TABLE villages RENAME TO villages_gone`)
		_, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", IDNumber: id})
		if errs.CodeOf(err) != errs.Internal {
			t.Fatalf("a second registration with the duplicate check unreadable: %v", err)
		}
		if n := count(t, s, `SELECT count(*) FROM residents`); n != 1 {
			t.Errorf("%d residents, want 1", n)
		}
	})
}
