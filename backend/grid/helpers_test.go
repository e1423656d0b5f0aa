package grid_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
)

var ctx = context.Background()

// today is the date the tests live on.
var today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.Local)

// MustService opens a fresh database in tb.TempDir() and returns a grid service over it.
func MustService(tb testing.TB) *grid.Service {
	tb.Helper()
	db, err := store.Open(filepath.Join(tb.TempDir(), "grid.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s := grid.NewService(db, nil)
	s.Now = func() time.Time { return today.Add(10 * time.Hour) }
	return s
}

// validID builds a valid ID number in 城步 (430529) for a birth date and serial.
func validID(birth string, serial int) string {
	first17 := fmt.Sprintf("430529%s%03d", birth, serial)
	return first17 + string(idcard.CheckDigit(first17))
}

// tree is a village with one piece, group and neighbourhood.
type tree struct{ village, piece, group, nb string }

func mustTree(t testing.TB, s *grid.Service, village string) tree {
	t.Helper()
	var tr tree
	var err error
	must := func(id string, e error) string {
		t.Helper()
		if e != nil {
			t.Fatal(e)
		}
		return id
	}
	tr.village = must(s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: village}))
	tr.piece = must(s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: tr.village, Name: "第一片"}))
	tr.group = must(s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: tr.piece, Name: "第三组"}))
	tr.nb, err = s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: "第1邻"})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func mustHousehold(t testing.TB, s *grid.Service, nb, address string, tags ...string) string {
	t.Helper()
	id, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Address: address, Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func wantErr(t *testing.T, err error, code, field string) *errs.Error {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Field != field {
		t.Fatalf("want %s error on %q, got %v", code, field, err)
	}
	return e
}
