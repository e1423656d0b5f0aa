// Package storetest opens databases for the tests of every package: a fresh file in the test's
// temporary folder, on a clock the test controls. It is the only reader of XIANGZHI_TEST_DATE, which
// moves the date tests start on, so the whole suite can be run on another day (make test does it on
// a day a year ahead and on a Sunday that is a make-up working day) to prove no test depends on the
// date it happens to run.
package storetest

import (
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"xiangzhi/backend/store"
)

// Driver is SQLite with the pinyin collation and nothing else of the store's connections: for a test
// that changes a file behind the store's back (Tamper) or copies it as it stands.
const Driver = "sqlite3-tamper"

func init() {
	sql.Register(Driver, &sqlite3.SQLiteDriver{ConnectHook: store.RegisterPinyin})
}

// EnvDate names the environment variable holding the start date of test clocks (YYYY-MM-DD).
const EnvDate = "XIANGZHI_TEST_DATE"

// DefaultDate is the date tests start on when EnvDate is not set: a Friday.
const DefaultDate = "2026-11-27"

// Start returns 10:00 local time on the test date (EnvDate, else DefaultDate). It panics on a badly
// written EnvDate, so a mistyped run fails loudly instead of testing the default.
func Start() time.Time {
	s := os.Getenv(EnvDate)
	if s == "" {
		s = DefaultDate
	}
	d, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic("storetest: " + EnvDate + " must be YYYY-MM-DD, not " + s)
	}
	return d.Add(10 * time.Hour)
}

// Clock is a clock a test sets and moves, backwards too. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Open opens a new database in tb.TempDir() and closes it at cleanup. When opts.Clock is nil the
// database runs on a Clock standing at Start().
func Open(tb testing.TB, opts store.Options) *store.DB {
	tb.Helper()
	return OpenFile(tb, filepath.Join(tb.TempDir(), "xiangzhi.db"), opts)
}

// OpenAt opens a new database in tb.TempDir() whose clock stands still at t.
func OpenAt(tb testing.TB, t time.Time) *store.DB {
	tb.Helper()
	return Open(tb, store.Options{Clock: NewClock(t).Now})
}

// OpenFile opens (creating it if needed) the database at path and closes it at cleanup; a nil
// opts.Clock runs it on a Clock standing at Start().
func OpenFile(tb testing.TB, path string, opts store.Options) *store.DB {
	tb.Helper()
	if opts.Clock == nil {
		opts.Clock = NewClock(Start()).Now
	}
	db, err := store.Open(path, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Tamper runs a statement on the database's file through a connection of its own, outside the write
// path (no stamp, no audit entry): for tests that damage data on purpose, since db.SQL() only reads.
func Tamper(tb testing.TB, db *store.DB, query string, args ...any) {
	tb.Helper()
	TamperFile(tb, db.Path(), query, args...)
}

// TamperFile is Tamper on a database file that is not open (or not a database yet): what another
// program could do to it. That program has the pinyin collation, which one index of the file is
// ordered by (store/collate.go): without it, SQLite refuses writes to the cases and any change of
// the schema.
func TamperFile(tb testing.TB, path, query string, args ...any) {
	tb.Helper()
	c, err := sql.Open(Driver, "file:"+filepath.ToSlash(path)+"?_busy_timeout=10000")
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(query, args...); err != nil {
		tb.Fatalf("tamper: %v", err)
	}
}

// Schema lists the objects of a kind (index, trigger) in db, of table unless it is "", each as
// "name: the statement that made it", by name.
func Schema(tb testing.TB, db *store.DB, kind, table string) []string {
	tb.Helper()
	rows, err := db.SQL().Query(`SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema
		WHERE type = ? AND (? = '' OR tbl_name = ?) ORDER BY name`, kind, table, table)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			tb.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
