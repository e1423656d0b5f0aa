package store

import (
	"context"
	"database/sql"
)

// WritableSQL hands the store's own read-write pool to this package's tests, for the benchmark that
// compares the write path with plain INSERTs. Only tests can reach it.
func (db *DB) WritableSQL() *sql.DB { return db.sql }

// BackupKind makes a backup of the given kind into the backups folder, as Open does before an upgrade.
func (db *DB) BackupKind(ctx context.Context, kind string) (BackupResult, error) {
	return db.backupInto(ctx, db.opts.BackupDir, kind)
}

// OpenError gives the tests the classification of why a file could not be opened.
var OpenError = openError
