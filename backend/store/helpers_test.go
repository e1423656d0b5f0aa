package store_test

import (
	"errors"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// testSchema adds two shared tables with a foreign key between them, for tests of the write path.
const testSchema = `
CREATE TABLE parents (
    id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', n INTEGER, note TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE TABLE children (
    id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parents (id), label TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);`

// testMigrations are the program's migrations plus the test tables.
func testMigrations() []store.Migration {
	ms := store.Migrations()
	return append(ms, store.Migration{Version: len(ms) + 1, Name: "test_tables", SQL: testSchema})
}

// MustOpen opens a new database with the test tables in tb.TempDir() (storetest.Open).
func MustOpen(tb testing.TB, opts store.Options) *store.DB {
	tb.Helper()
	if opts.Migrations == nil {
		opts.Migrations = testMigrations()
	}
	return storetest.Open(tb, opts)
}

// wantCode fails the test unless err carries the given code.
func wantCode(t *testing.T, err error, code string) *errs.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("want error with code %s, got nil", code)
	}
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("want code %s, got %v (%s)", code, err, errs.CodeOf(err))
	}
	return e
}
