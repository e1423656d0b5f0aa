package store

import "database/sql"

// WritableSQL hands the store's own read-write pool to this package's tests, for the benchmark that
// compares the write path with plain INSERTs. Only tests can reach it.
func (db *DB) WritableSQL() *sql.DB { return db.sql }
