package demo_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

// now is the moment the tests live in (storetest.Start: moved by XIANGZHI_TEST_DATE).
var now = storetest.Start()

// openService opens a new database file in dir on the test clock and returns a grid service over it.
func openService(tb testing.TB, dir string) *grid.Service {
	tb.Helper()
	db := storetest.OpenFile(tb, filepath.Join(dir, "demo.db"), store.Options{ShortName: "演示"})
	s := grid.NewService(db, nil)
	dbs.Store(s, db)
	return s
}

// dbs keeps the database under each test's grid service, which keeps it to itself.
var dbs sync.Map

// dbOf returns the database under a grid service made by openService, to look at its tables.
func dbOf(s *grid.Service) *store.DB {
	db, _ := dbs.Load(s)
	return db.(*store.DB)
}

// generate writes the township scale with a seed into a new file and returns the service over it.
func generate(t testing.TB, seed int64) (*grid.Service, demo.Stats, time.Duration) {
	t.Helper()
	s := openService(t, t.TempDir())
	start := time.Now()
	stats, err := demo.Generate(ctx, s, demo.Township, seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, stats, time.Since(start)
}

// query returns the rows of a query as strings.
func query(t *testing.T, s *grid.Service, q string, args ...any) [][]string {
	t.Helper()
	rows, err := dbOf(s).SQL().QueryContext(ctx, q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t *testing.T, s *grid.Service, q string, args ...any) int {
	t.Helper()
	var n int
	if err := dbOf(s).SQL().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
