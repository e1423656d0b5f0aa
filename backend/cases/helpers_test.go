package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

// open returns a case service over a fresh database of the office 丹口 on a clock set at t, and the
// clock.
func open(tb testing.TB, t time.Time) (*cases.Service, *store.DB, *storetest.Clock) {
	tb.Helper()
	clock := storetest.NewClock(t)
	db := storetest.Open(tb, store.Options{Clock: clock.Now, ShortName: "丹口"})
	return cases.NewService(db, nil), db, clock
}

func day(s string) time.Time {
	d, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return d.Add(10 * time.Hour)
}

// input is a valid case about a household's water supply.
func input() cases.Input {
	return cases.Input{Source: "走访", Category: "民生诉求", Summary: "自来水管破裂，三户停水", PersonName: "杨秀英", PersonPhone: "13907391234"}
}

func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Field != field {
		t.Fatalf("want %s error on %q, got %v", code, field, err)
	}
}

// household registers the village 桃林村 with a piece, group and neighbourhood, a household at address
// in it, and 龙大海 (苗族, born 1968-05-12, phone 13907391234) as its head. It returns the grid service
// and the ids of the village, the household and 龙大海.
func household(tb testing.TB, db *store.DB, address string) (g *grid.Service, village, hh, long string) {
	tb.Helper()
	g = grid.NewService(db, nil)
	village, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"})
	if err != nil {
		tb.Fatal(err)
	}
	parent := village
	for _, lv := range []grid.Level{grid.LevelPiece, grid.LevelGroup, grid.LevelNeighbourhood} {
		if parent, err = g.CreateNode(ctx, grid.NodeInput{Level: lv, ParentID: parent, Name: "第一" + string(lv)}); err != nil {
			tb.Fatal(err)
		}
	}
	if hh, err = g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: parent, Address: address}); err != nil {
		tb.Fatal(err)
	}
	long, err = g.AddResident(ctx, grid.ResidentInput{HouseholdID: hh, Name: "龙大海", Relation: "户主", IDNumber: validID("19680512", 31),
		Ethnicity: "苗族", Phone: "13907391234"})
	if err != nil {
		tb.Fatal(err)
	}
	return g, village, hh, long
}
