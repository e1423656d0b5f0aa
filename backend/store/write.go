package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"
	"xiangzhi/backend/errs"
)

// Values are the data fields of a row, by column name. Allowed value types: nil, string, int,
// int64, float64, bool and []byte.
type Values map[string]any

// Tx is a write transaction. Its Insert, Update and Delete are the only way to change a shared table:
// each writes the row, stamps every changed field with (HLC, site id) and appends an audit entry, all
// in the same SQLite transaction.
type Tx struct {
	db       *DB
	sqlTx    *sql.Tx
	ctx      context.Context
	operator string
	stmts    map[string]*sql.Stmt
	day      time.Time // the day Today reads inside OnDay; zero outside it

	hlcLoaded, hlcDirty bool
	hlcLast             HLC

	pending         pending                      // stamps and audit entries not yet written
	known, added    [numberings]map[string]int64 // the numbers of field lists, tables and operators this transaction used, and added (number)
	failed          error                        // a write that failed where it could not be returned
	numbers         map[numberSeries]int         // the highest number of each series NextNumber has read, kept by Insert and Update
	held            heldRows                     // rows Insert holds back (DeferInserts)
	writing         chan error                   // the end of the batch being written in the background, if any
	insertFieldNos  map[string]int64             // table -> the number of its field list, for the audit of inserts
	shared          map[multiKey]uint64          // statement shape -> the columns its rows bind once (sharedInsert)
	siteNos         map[string]int64             // site id -> local number, for the stamps of merged rows
	merge           *mergeState                  // set by the first Merge
	restore         *restoreState                // set by KeepRestorePoint
	suspended       []suspended                  // indexes and triggers to make again before the commit (SuspendIndexes)
	refill          bool                         // fill the derived tables afresh before the commit (SuspendDerived)
	checkpointLater bool                         // the log is copied into the file after the commit (deferCheckpoint)
}

// Write runs fn in one immediate transaction and commits it when fn returns nil. When fn fails or
// panics nothing it did remains; a panic comes back as an error of code internal.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if err := db.Checked(ctx); err != nil {
		return err // a damaged file is never written
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return dbError(err)
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return dbError(err)
	}
	tx := &Tx{db: db, sqlTx: sqlTx, ctx: ctx, operator: db.Operator(), stmts: map[string]*sql.Stmt{}}
	committed := false
	defer func() {
		tx.waitWrites()
		for _, s := range tx.stmts {
			s.Close()
		}
		if r := recover(); r != nil {
			err = errs.New(errs.Internal, "写入时发生内部错误，数据未改动：%v", r)
		}
		if !committed {
			// After a panic, or fn ending its goroutine (a test's t.Fatal): the connection cannot be
			// given back while its transaction is open (a second rollback does nothing).
			sqlTx.Rollback()
		}
		db.releaseConn(conn, tx.checkpointLater, committed)
	}()
	err = fn(tx)
	tx.waitWrites() // sets tx.failed on a fault
	if err != nil {
		sqlTx.Rollback()
		if tx.failed != nil {
			return tx.failed // the cause (a full disk), not what it led to further on
		}
		return err
	}
	if tx.failed != nil {
		sqlTx.Rollback()
		return tx.failed
	}
	if err := tx.writeHeld(); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := tx.flush(); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := tx.remake(); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := tx.saveHLC(); err != nil {
		sqlTx.Rollback()
		return err
	}
	if tx.held.on { // a large transaction: the log is copied into the file after it (checkpoint.go)
		if err := tx.deferCheckpoint(); err != nil {
			sqlTx.Rollback()
			return err
		}
	}
	if err := sqlTx.Commit(); err != nil {
		sqlTx.Rollback()
		return dbError(err)
	}
	committed = true
	tx.keepNumbers()
	return nil
}

// Operator returns the name recorded as who made this transaction's changes.
func (tx *Tx) Operator() string { return tx.operator }

// ActAs records the changes this transaction makes from now on as name's, in place of the operator
// of this install: for the demo's generator, whose records stand for those of the villages' own
// officers. Changes made before keep the name they were made with.
func (tx *Tx) ActAs(name string) { tx.operator = name }

// NeedOperator is code invalid on field operator when no operator is recorded for this transaction:
// a record that names its 经办人 (what says what, doing, e.g. "记分") cannot be made anonymously.
func (tx *Tx) NeedOperator(doing string) error {
	if strings.TrimSpace(tx.operator) != "" {
		return nil
	}
	return errs.Field("operator", "还没有填写操作员：%s要记下经办人，请先在「设置」中填写操作员姓名", doing)
}

// stmt returns the statement for query, prepared once per transaction.
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	st, ok := tx.stmts[query]
	if !ok {
		if err := tx.waitWrites(); err != nil {
			return nil, err
		}
		var err error
		if st, err = tx.sqlTx.PrepareContext(tx.ctx, query); err != nil {
			return nil, dbError(err)
		}
		tx.stmts[query] = st
	}
	return st, nil
}

// exec runs a statement after the rows Insert holds back (see execNow).
func (tx *Tx) exec(query string, args ...any) error {
	if err := tx.writeHeld(); err != nil {
		return err
	}
	return tx.execNow(query, args...)
}

// execNow runs a statement, prepared once per transaction. A cancelled context ends the transaction
// before its next statement, not inside one: every statement run here touches a few rows, and a
// context the driver can cancel costs it a goroutine and a thread hand-off per statement (a fifth
// of the write time of a 100,000-row import).
func (tx *Tx) execNow(query string, args ...any) error {
	tx.waitWrites()
	if tx.failed != nil {
		return tx.failed
	}
	if err := tx.ctx.Err(); err != nil {
		tx.failed = dbError(err)
		return tx.failed
	}
	st, err := tx.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(context.WithoutCancel(tx.ctx), args...)
	if err != nil && endsTransaction(err) {
		// SQLite has rolled the whole transaction back and runs what follows on its own: nothing more
		// may run in it, or each later statement would commit alone (a disk full halfway through an
		// import left an audit entry for a resident that was never written).
		tx.failed = dbError(err)
	}
	return dbError(err)
}

// endsTransaction reports the errors after which SQLite rolls the transaction back by itself.
func endsTransaction(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrFull, sqlite3.ErrIoErr, sqlite3.ErrBusy, sqlite3.ErrNomem, sqlite3.ErrCorrupt, sqlite3.ErrNotADB, sqlite3.ErrInterrupt:
		return true
	}
	return false
}

// Query runs a read query inside the transaction; it sees every write made before it.
func (tx *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	if err := tx.writeHeld(); err != nil { // after the batch being written, if any
		return nil, err
	}
	if err := tx.flushFor(query); err != nil {
		return nil, err
	}
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(tx.ctx, args...)
}

// QueryRow runs a read query that returns at most one row inside the transaction.
func (tx *Tx) QueryRow(query string, args ...any) *sql.Row {
	tx.writeHeld() // after the batch being written, if any; a failure is kept in tx.failed
	if err := tx.flushFor(query); err != nil && tx.failed == nil {
		tx.failed = err // the transaction will not commit
	}
	if st, err := tx.stmt(query); err == nil && tx.ctx.Err() == nil {
		return st.QueryRowContext(context.WithoutCancel(tx.ctx), args...) // (see exec)
	}
	return tx.sqlTx.QueryRowContext(tx.ctx, query, args...) // gives the preparation error to Scan
}

// Insert adds a row to a shared table and returns its new UUIDv7 id. Every data column is stamped,
// with one row stamp (field RowStamp) that stands for all of them.
func (tx *Tx) Insert(tableName string, v Values) (string, error) {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return "", err
	}
	if err := t.checkColumns(v); err != nil {
		return "", err
	}
	uid, err := uuid.NewV7()
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法生成编号")
	}
	id := uid.String()
	hlc, wall, err := tx.tick()
	if err != nil {
		return "", err
	}
	now := formatTime(wall)
	cols := []string{"id", "created_at", "updated_at", "site_id", "operator"}
	args := []any{id, now, now, tx.db.site.SiteID, tx.operator}
	for _, c := range sortedKeys(v) {
		val, err := normalize(c, v[c])
		if err != nil {
			return "", err
		}
		cols = append(cols, c)
		args = append(args, val)
	}
	if tx.held.on {
		err = tx.hold(t, cols, args)
	} else {
		err = tx.exec(multiInsert(insertPrefix(t.name, cols), len(cols), 1, ""), args...)
	}
	if err != nil {
		return "", err
	}
	if err := tx.stamp(t.name, id, []string{RowStamp}, hlc); err != nil {
		return "", err
	}
	tx.noteNumbers(t.name, v)
	return id, tx.auditInsert(t, id, hlc, wall)
}

// Update changes the given fields of a live row and returns the names of those that really changed;
// only they are stamped and audited. When nothing changes nothing is written. Code not_found when the
// row does not exist or is tombstoned.
func (tx *Tx) Update(tableName, id string, v Values) ([]string, error) {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return nil, err
	}
	if err := t.checkColumns(v); err != nil {
		return nil, err
	}
	cur, err := tx.Get(tableName, id)
	if err != nil {
		return nil, err
	}
	var changed []string
	var args []any
	for _, c := range sortedKeys(v) {
		val, err := normalize(c, v[c])
		if err != nil {
			return nil, err
		}
		if !sameValue(cur[c], val) {
			changed = append(changed, c)
			args = append(args, val)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return nil, err
	}
	sets := make([]string, 0, len(changed)+3)
	for _, c := range changed {
		sets = append(sets, c+" = ?")
	}
	sets = append(sets, "updated_at = ?", "site_id = ?", "operator = ?")
	args = append(args, formatTime(wall), tx.db.site.SiteID, tx.operator, id)
	q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", t.name, strings.Join(sets, ", "))
	if err := tx.exec(q, args...); err != nil {
		return nil, err
	}
	if err := tx.stamp(t.name, id, changed, hlc); err != nil {
		return nil, err
	}
	tx.noteNumbers(t.name, v)
	return changed, tx.audit("update", t.name, id, changed, hlc, wall)
}

// Delete tombstones a live row: it stays in the table with deleted_at set, hidden from reads.
// Code not_found when the row does not exist or is already tombstoned.
func (tx *Tx) Delete(tableName, id string) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	if _, err := tx.Get(tableName, id); err != nil {
		return err
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	now := formatTime(wall)
	q := fmt.Sprintf("UPDATE %s SET deleted_at = ?, updated_at = ?, site_id = ?, operator = ? WHERE id = ?", t.name)
	if err := tx.exec(q, now, now, tx.db.site.SiteID, tx.operator, id); err != nil {
		return err
	}
	fields := []string{"deleted_at"}
	if err := tx.stamp(t.name, id, fields, hlc); err != nil {
		return err
	}
	return tx.audit("delete", t.name, id, fields, hlc, wall)
}

// Restore brings a tombstoned row back (the undo of Delete): deleted_at is cleared and stamped, so
// the row comes back at other offices too, as a later write of that field; the audit log says 恢复.
// Code not_found when the row does not exist, conflict when it is not deleted.
func (tx *Tx) Restore(tableName, id string) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	row, err := tx.Get(tableName, id, IncludeDeleted)
	if err != nil {
		return err
	}
	if row["deleted_at"] == nil {
		return errs.New(errs.Conflict, "这条记录没有被删除，无需恢复")
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	now := formatTime(wall)
	q := fmt.Sprintf("UPDATE %s SET deleted_at = NULL, updated_at = ?, site_id = ?, operator = ? WHERE id = ?", t.name)
	if err := tx.exec(q, now, tx.db.site.SiteID, tx.operator, id); err != nil {
		return err
	}
	fields := []string{"deleted_at"}
	if err := tx.stamp(t.name, id, fields, hlc); err != nil {
		return err
	}
	return tx.audit("update", t.name, id, fields, hlc, wall)
}

// normalize converts a value to the type SQLite gives back, so a change can be detected.
func normalize(col string, v any) (any, error) {
	switch x := v.(type) {
	case nil, string, int64, float64, []byte:
		return x, nil
	case int:
		return int64(x), nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	default:
		return nil, errs.New(errs.Internal, "列 %s 的值类型 %T 不能写入", col, v)
	}
}

func sameValue(a, b any) bool {
	if ab, ok := a.([]byte); ok {
		bb, ok := b.([]byte)
		return ok && bytes.Equal(ab, bb)
	}
	return a == b
}

func sortedKeys(v Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
