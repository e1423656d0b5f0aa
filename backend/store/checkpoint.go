package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

// SQLite copies the log (WAL) into the database file when a commit leaves it longer than 1,000
// pages, in the commit, before the writer gets its answer: after a 100,000-person roster, 100 MB
// and 0.2 s of the officer's wait. A large transaction (one that deferred its inserts) turns that
// off on its connection for its commit and has the log copied after, on another goroutine, on the
// same connection, which then goes back to the pool as it was. What the commit wrote is in the log,
// synced, whether or not the copy is done; readers and the next write go on beside it, and Close
// waits for it.

// deferCheckpoint turns the copy at commit off for the transaction's connection.
func (tx *Tx) deferCheckpoint() error {
	if _, err := tx.sqlTx.ExecContext(tx.ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return dbError(err)
	}
	tx.checkpointLater = true
	return nil
}

// releaseConn gives a write's connection back to the pool. After a commit whose copy was deferred,
// the copy is made first, on another goroutine; after any other end, the setting is put back at once.
func (db *DB) releaseConn(conn *sql.Conn, deferred, committed bool) {
	if !deferred {
		conn.Close()
		return
	}
	restore := func() {
		ctx := context.Background()
		if db.beforeCheckpoint != nil {
			db.beforeCheckpoint()
		}
		if committed {
			conn.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`) // what it cannot copy now, the next commit does
		}
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 1000`); err != nil { // SQLite's own
			conn.Raw(func(any) error { return driver.ErrBadConn }) // not back to the pool without it
		}
		conn.Close()
	}
	db.bgMu.Lock()
	defer db.bgMu.Unlock()
	if !committed || db.closing { // (Close is waiting for the copies: this one is made now)
		restore()
		return
	}
	db.background.Add(1)
	go func() {
		defer db.background.Done()
		restore()
	}()
}
