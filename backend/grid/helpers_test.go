package grid_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

// today is the date the tests live on (storetest.Start: moved by XIANGZHI_TEST_DATE).
var today = storetest.Start().Truncate(24 * time.Hour)

// MustService opens a fresh database in tb.TempDir() on the test clock and returns a grid service
// over it.
func MustService(tb testing.TB) *grid.Service {
	tb.Helper()
	return grid.NewService(storetest.Open(tb, store.Options{}), nil)
}

// MustServiceAt is MustService on a clock that stands still at t.
func MustServiceAt(tb testing.TB, t time.Time) *grid.Service {
	tb.Helper()
	return grid.NewService(storetest.OpenAt(tb, t), nil)
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
