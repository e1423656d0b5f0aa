package store

import (
	"encoding/json"
	"slices"
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
	tbl, err := tx.number(tableNames, tableName)
	if err != nil {
		return err
	}
	row := packID(id)
	for _, f := range fields {
		tx.pending.stamps = append(tx.pending.stamps, tbl, row, f, int64(hlc), tx.db.siteNo)
	}
	return tx.flushIfFull()
}

// audit appends one entry to the audit log.
func (tx *Tx) audit(action, tableName, rowID string, fields []string, hlc HLC, wall time.Time) error {
	fieldsNo, err := tx.fieldsNumber(fields)
	if err != nil {
		return err
	}
	return tx.auditNumbered(action, tableName, rowID, fieldsNo, hlc, wall)
}

// auditInsert appends the entry of an insert into t, which lists all its fields: their number is
// looked up once a transaction, not once a row.
func (tx *Tx) auditInsert(t *table, rowID string, hlc HLC, wall time.Time) error {
	no, ok := tx.insertFieldNos[t.name]
	if !ok {
		var err error
		if no, err = tx.fieldsNumber(t.names); err != nil {
			return err
		}
		if tx.insertFieldNos == nil {
			tx.insertFieldNos = map[string]int64{}
		}
		tx.insertFieldNos[t.name] = no
	}
	return tx.auditNumbered("insert", t.name, rowID, no, hlc, wall)
}

// auditNumbered appends one entry whose list of fields has the number fieldsNo.
func (tx *Tx) auditNumbered(action, tableName, rowID string, fieldsNo int64, hlc HLC, wall time.Time) error {
	lag := int64(hlc)>>16 - wall.UnixMilli() // 0 unless the wall clock went back
	return tx.appendAudit(hlc, lag, tx.db.siteNo, tx.operator, action, tableName, rowID, fieldsNo)
}

// appendAudit appends one entry, made at site (its number) by operator, with its table and operator
// numbered.
func (tx *Tx) appendAudit(hlc HLC, lag, site int64, operator, action, tableName, rowID string, fieldsNo int64) error {
	tbl, err := tx.number(tableNames, tableName)
	if err != nil {
		return err
	}
	op, err := tx.number(operatorNames, operator)
	if err != nil {
		return err
	}
	tx.pending.audits = append(tx.pending.audits, int64(hlc), lag, site, op, action, tbl, packID(rowID), fieldsNo)
	return tx.flushIfFull()
}

// fieldsNumber returns the number of a list of field names in audit_fields, adding the list when it is
// new.
func (tx *Tx) fieldsNumber(fields []string) (int64, error) {
	b, _ := json.Marshal(fields)
	return tx.number(fieldLists, string(b))
}

// numbering is a table of the history that gives each distinct text a small number, which the audit
// log and the stamps hold instead of the text.
type numbering int

const (
	fieldLists    numbering = iota // audit_fields: lists of field names, as JSON
	tableNames                     // history_tables: the names of tables
	operatorNames                  // audit_operators: who made the changes
	numberings
)

var numberingSQL = [numberings]struct{ insert, lookUp string }{
	fieldLists: {`INSERT INTO audit_fields (fields) VALUES (?) ON CONFLICT (fields) DO NOTHING`,
		`SELECT fields_no FROM audit_fields WHERE fields = ?`},
	tableNames: {`INSERT INTO history_tables (tbl) VALUES (?) ON CONFLICT (tbl) DO NOTHING`,
		`SELECT tbl_no FROM history_tables WHERE tbl = ?`},
	operatorNames: {`INSERT INTO audit_operators (operator) VALUES (?) ON CONFLICT (operator) DO NOTHING`,
		`SELECT op_no FROM audit_operators WHERE operator = ?`},
}

// number returns the number of key in the numbering n, adding the key when it is new. It is asked
// once a row, so the transaction remembers what it has looked up; the numbers it added are remembered
// for the next transactions once it commits (keepNumbers), and not when it rolls back.
func (tx *Tx) number(n numbering, key string) (int64, error) {
	if no, ok := tx.known[n][key]; ok {
		return no, nil
	}
	tx.db.mu.RLock()
	no, ok := tx.db.numbers[n][key]
	tx.db.mu.RUnlock()
	if !ok {
		if err := tx.execNow(numberingSQL[n].insert, key); err != nil {
			return 0, err
		}
		if err := tx.sqlTx.QueryRowContext(tx.ctx, numberingSQL[n].lookUp, key).Scan(&no); err != nil {
			return 0, dbError(err)
		}
		tx.added[n] = setNumber(tx.added[n], key, no)
	}
	tx.known[n] = setNumber(tx.known[n], key, no)
	return no, nil
}

func setNumber(m map[string]int64, key string, no int64) map[string]int64 {
	if m == nil {
		m = map[string]int64{}
	}
	m[key] = no
	return m
}

// keepNumbers remembers the numbers a committed transaction added.
func (tx *Tx) keepNumbers() {
	if !slices.ContainsFunc(tx.added[:], func(m map[string]int64) bool { return len(m) > 0 }) {
		return // (most transactions: no lock taken)
	}
	tx.db.mu.Lock()
	defer tx.db.mu.Unlock()
	for n, added := range tx.added {
		for k, v := range added {
			tx.db.numbers[n] = setNumber(tx.db.numbers[n], k, v)
		}
	}
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
		if tx.held.on {
			return tx.writeInBackground()
		}
		return tx.flush()
	}
	return nil
}

// flush writes the pending stamps and audit entries, in the order they were made.
func (tx *Tx) flush() error {
	if len(tx.pending.stamps) > 0 {
		q, args := tx.sharedInsert(stampInsert, stampCols, tx.pending.stamps, stampUpsert)
		if err := tx.execNow(q, args...); err != nil {
			return err
		}
		tx.pending.stamps = tx.pending.stamps[:0]
	}
	if len(tx.pending.audits) > 0 {
		q, args := tx.sharedInsert(auditInsert, auditCols, tx.pending.audits, "")
		if err := tx.execNow(q, args...); err != nil {
			return err
		}
		tx.pending.audits = tx.pending.audits[:0]
	}
	return nil
}

const (
	stampInsert = "INSERT INTO field_versions (tbl_no, row_id, field, hlc, site_no) VALUES "
	stampUpsert = " ON CONFLICT (tbl_no, row_id, field) DO UPDATE SET hlc = excluded.hlc, site_no = excluded.site_no"
	auditInsert = "INSERT INTO audit_log (hlc, lag_ms, site_no, op_no, action, tbl_no, row_id, fields_no) VALUES "
)
