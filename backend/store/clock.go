package store

import (
	"time"

	"xiangzhi/backend/errs"
)

// The store's clock is the one source of "now" in backend/: Options.Clock, injected when the
// database is opened, read by every domain through DB.Now and DB.Today, and by the write path for its
// stamps. Nothing else in backend/ reads the wall clock (clock_test.go checks the source); tests pin
// the clock with storetest.

// systemClock is the machine's wall clock, used when Options.Clock is nil.
func systemClock() time.Time { return time.Now() }

// Now returns the current time on the database's clock, in the local zone.
func (db *DB) Now() time.Time { return db.opts.Clock() }

// Today returns the current civil date on the database's clock, at midnight in the local zone.
func (db *DB) Today() time.Time {
	y, m, d := db.opts.Clock().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// Stopwatch starts measuring an elapsed duration (for logs, progress and figures; never a date) and
// returns the function that reads it.
func Stopwatch() func() time.Duration {
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}

// Today returns the current civil date on the database's clock (see DB.Today), or the day OnDay
// gives while it runs.
func (tx *Tx) Today() time.Time {
	if !tx.day.IsZero() {
		return tx.day
	}
	return tx.db.Today()
}

// OnDay runs fn with Today reading day: work written after the fact on the day it was done (the
// demo's history: last year's campaign went through its phases on their own days). The stamps,
// the audit and Now keep the clock's time; only the civil date the domains read changes. A day
// after the clock's today is refused.
func (tx *Tx) OnDay(day time.Time, fn func() error) error {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.Local)
	if d.After(tx.db.Today()) {
		return errs.New(errs.Invalid, "%s还没有到，不能记作当天的工作", d.Format("2006年1月2日"))
	}
	saved := tx.day
	tx.day = d
	defer func() { tx.day = saved }()
	return fn()
}

// Now returns the current time on the database's clock (see DB.Now).
func (tx *Tx) Now() time.Time { return tx.db.Now() }
