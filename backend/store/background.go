package store

import (
	"context"
	"database/sql"
)

// After DeferInserts, the rows a transaction holds back, and its stamps and audit entries, are
// written on another goroutine while the caller goes on preparing the next ones: SQLite's work and
// the caller's overlap on two cores (a 100,000-row import writes in about half the time). One batch
// is written at a time, in the order they were handed over; every other use of the connection (a
// statement, a read, the commit) waits for it first, so it sees what was handed over. A batch that
// fails ends the transaction, as a failed held row always did.

// write is one statement of a batch written in the background.
type write struct {
	st   *sql.Stmt
	args []any
}

// writeInBackground writes the held rows, then the pending stamps and audit entries, on another
// goroutine, after the batch before it. The caller's slices are handed over, not copied: it starts
// new ones.
func (tx *Tx) writeInBackground() error {
	err := tx.handOver()
	if err != nil && tx.failed == nil {
		tx.failed = err // rows handed over were lost
	}
	return err
}

func (tx *Tx) handOver() error {
	var batch []write
	add := func(query string, args []any) error {
		st, err := tx.stmt(query)
		if err != nil {
			return err
		}
		batch = append(batch, write{st, args})
		return nil
	}
	if err := tx.heldStatements(add); err != nil {
		return err
	}
	if len(tx.pending.stamps) > 0 {
		if err := add(tx.sharedInsert(stampInsert, stampCols, tx.pending.stamps, stampUpsert)); err != nil {
			return err
		}
		tx.pending.stamps = nil
	}
	if len(tx.pending.audits) > 0 {
		if err := add(tx.sharedInsert(auditInsert, auditCols, tx.pending.audits, "")); err != nil {
			return err
		}
		tx.pending.audits = nil
	}
	if err := tx.waitWrites(); err != nil {
		return err
	}
	done := make(chan error, 1)
	tx.writing = done
	ctx := tx.ctx
	go func() {
		for _, w := range batch {
			if err := ctx.Err(); err != nil {
				done <- dbError(err)
				return
			}
			if _, err := w.st.ExecContext(context.WithoutCancel(ctx), w.args...); err != nil { // (see execNow)
				done <- dbError(err)
				return
			}
		}
		done <- nil
	}()
	return nil
}

// waitWrites waits for the batch being written in the background, if any, and returns its error,
// which also ends the transaction.
func (tx *Tx) waitWrites() error {
	if tx.writing == nil {
		return nil
	}
	err := <-tx.writing

	tx.writing = nil
	if err != nil && tx.failed == nil {
		tx.failed = err
	}
	return err
}
