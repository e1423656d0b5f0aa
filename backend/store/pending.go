package store

import (
	"encoding/json"
	"strings"
	"sync"
	"time"
)

// pending holds the field stamps and audit entries of a transaction's writes until they are written
// together in multi-row INSERTs: the same rows as one statement per write, with far fewer statements.
// They are written before any read in the transaction and before it commits.
type pending struct {
	stamps, audits []any // the arguments, five per stamp and eight per entry
}

const (
	stampCols  = 5
	auditCols  = 8
	flushEvery = 400 // stamps or entries; well under SQLite's limit of 32,766 arguments
)

// stamp records (hlc, site) as the version of each field.
func (tx *Tx) stamp(tableName, id string, fields []string, hlc HLC) error {
	for _, f := range fields {
		tx.pending.stamps = append(tx.pending.stamps, tableName, id, f, int64(hlc), tx.db.site.SiteID)
	}
	return tx.flushIfFull()
}

// audit appends one entry to the audit log.
func (tx *Tx) audit(action, tableName, rowID string, fields []string, hlc HLC, wall time.Time) error {
	names, _ := json.Marshal(fields)
	tx.pending.audits = append(tx.pending.audits,
		formatTime(wall), int64(hlc), tx.db.site.SiteID, tx.operator, action, tableName, rowID, string(names))
	return tx.flushIfFull()
}

// flushFor writes the pending stamps and audit entries before a read that could see them. Rows are
// written at once; only field_versions and audit_log have writes held back, so a read of other tables
// (the lookups of an import, row after row) leaves them pending and they still go in large INSERTs.
func (tx *Tx) flushFor(query string) error {
	if len(tx.pending.stamps) == 0 && len(tx.pending.audits) == 0 {
		return nil
	}
	if readsPending(query) {
		return tx.flush()
	}
	return nil
}

var pendingReaders sync.Map // query -> whether it names field_versions or audit_log

// readsPending says whether a query names a table whose writes are held back (names are
// case-insensitive in SQL).
func readsPending(query string) bool {
	if r, ok := pendingReaders.Load(query); ok {
		return r.(bool)
	}
	q := strings.ToLower(query)
	r := strings.Contains(q, "field_versions") || strings.Contains(q, "audit_log")
	pendingReaders.Store(query, r)
	return r
}

func (tx *Tx) flushIfFull() error {
	if len(tx.pending.stamps) >= flushEvery*stampCols || len(tx.pending.audits) >= flushEvery*auditCols {
		return tx.flush()
	}
	return nil
}

// flush writes the pending stamps and audit entries, in the order they were made.
func (tx *Tx) flush() error {
	if n := len(tx.pending.stamps) / stampCols; n > 0 {
		if err := tx.exec(multiInsert(stampInsert, stampCols, n, stampUpsert), tx.pending.stamps...); err != nil {
			return err
		}
		tx.pending.stamps = tx.pending.stamps[:0]
	}
	if n := len(tx.pending.audits) / auditCols; n > 0 {
		if err := tx.exec(multiInsert(auditInsert, auditCols, n, ""), tx.pending.audits...); err != nil {
			return err
		}
		tx.pending.audits = tx.pending.audits[:0]
	}
	return nil
}

const (
	stampInsert = "INSERT INTO field_versions (tbl, row_id, field, hlc, site_id) VALUES "
	stampUpsert = " ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc, site_id = excluded.site_id"
	auditInsert = "INSERT INTO audit_log (at, hlc, site_id, operator, action, tbl, row_id, fields) VALUES "
)

var multiInserts sync.Map // prefix, columns, rows -> query

type multiKey struct {
	prefix     string
	cols, rows int
}

// multiInsert returns prefix followed by rows groups of cols placeholders and suffix.
func multiInsert(prefix string, cols, rows int, suffix string) string {
	k := multiKey{prefix, cols, rows}
	if q, ok := multiInserts.Load(k); ok {
		return q.(string)
	}
	group := "(" + placeholders(cols) + ")"
	q := prefix + strings.TrimSuffix(strings.Repeat(group+", ", rows), ", ") + suffix
	multiInserts.Store(k, q)
	return q
}
