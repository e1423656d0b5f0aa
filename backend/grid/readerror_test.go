package grid_test

import (
	"database/sql"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// corrupt runs statements on the database file through a connection of its own, outside the write
// path, to damage data the way another program could.
func corrupt(t *testing.T, s *grid.Service, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+grid.DBOf(s).Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// A visit without a named visitor goes to the neighbourhood's leader; when the leader cannot be read
// the error says so, instead of "this neighbourhood has no leader".
func TestRecordVisitLeaderReadFails(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "1号")
	res, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", Relation: "户主"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: tr.nb, ResidentID: res,
		TermStart: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	// The leader's id made NULL: the row is there, reading it fails.
	corrupt(t, s, `UPDATE leaders SET id = NULL WHERE role = 'neighbourhood_leader'`)
	_, err = s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况"})
	if e := errs.As(err); e.Code != errs.Internal || e.Field != "leaderId" {
		t.Fatalf("got %v (%s), want an internal error on leaderId", err, errs.CodeOf(err))
	}
	var n int
	grid.DBOf(s).SQL().QueryRow(`SELECT count(*) FROM visits`).Scan(&n)
	if n != 0 {
		t.Errorf("%d visits written", n)
	}
}

// The lookups other domains use return "" for nothing found and an error for a failed read.
func TestLookups(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0007", Address: "7号"})
	if err != nil {
		t.Fatal(err)
	}
	err = grid.DBOf(s).Write(ctx, func(tx *store.Tx) error {
		for _, c := range []struct {
			what      string
			got, want string
			err       error
		}{
			{"village", must2(grid.FindNode(tx, grid.LevelVillage, "", "丹口村")), tr.village, nil},
			{"piece", must2(grid.FindNode(tx, grid.LevelPiece, tr.village, "第一片")), tr.piece, nil},
			{"group", must2(grid.FindGroupInVillage(tx, tr.village, "第三组")), tr.group, nil},
			{"no group", must2(grid.FindGroupInVillage(tx, tr.village, "第九组")), "", nil},
			{"code", must2(codeIn(tx, tr.village, "0007")), h, nil},
			{"no code", must2(codeIn(tx, tr.village, "0008")), "", nil},
			{"address", must2(grid.HouseholdByAddress(tx, tr.nb, "7号")), h, nil},
			{"no address", must2(grid.HouseholdByAddress(tx, tr.nb, "8号")), "", nil},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	corrupt(t, s, `UPDATE households SET id = NULL WHERE code = '0007'`, `UPDATE groups SET id = NULL WHERE name = '第三组'`)
	err = grid.DBOf(s).Write(ctx, func(tx *store.Tx) error {
		if _, err := grid.HouseholdCodes(tx, tr.village); errs.CodeOf(err) != errs.Internal {
			t.Errorf("household by code on a damaged row: %v", err)
		}
		if _, err := grid.FindGroupInVillage(tx, tr.village, "第三组"); errs.CodeOf(err) != errs.Internal {
			t.Errorf("group on a damaged row: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// codeIn returns the household with a code in a village, as an import finds it.
func codeIn(tx *store.Tx, village, code string) (string, error) {
	codes, err := grid.HouseholdCodes(tx, village)
	return codes[code], err
}

func must2(id string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return id
}
