package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
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
