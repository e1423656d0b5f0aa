package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"xiangzhi/backend/errs"
)

// ReadOption changes what a read returns.
type ReadOption int

// IncludeDeleted makes a read return tombstoned rows too.
const IncludeDeleted ReadOption = 1

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Get returns the row of a shared table with all its columns. Tombstoned rows are hidden unless
// IncludeDeleted is given. Code not_found when there is no such row.
func (tx *Tx) Get(tableName, id string, opts ...ReadOption) (Values, error) {
	return getRow(tx.ctx, txQuerier{tx}, tx.db, tableName, id, opts)
}

// txQuerier runs a transaction's reads through its prepared statements.
type txQuerier struct{ tx *Tx }

func (q txQuerier) QueryContext(_ context.Context, query string, args ...any) (*sql.Rows, error) {
	return q.tx.Query(query, args...)
}

// Get reads one row of a shared table outside a write; see Tx.Get.
func (db *DB) Get(ctx context.Context, tableName, id string, opts ...ReadOption) (Values, error) {
	return getRow(ctx, db.ro, db, tableName, id, opts)
}

func getRow(ctx context.Context, q querier, db *DB, tableName, id string, opts []ReadOption) (Values, error) {
	t, err := db.sharedTable(tableName)
	if err != nil {
		return nil, err
	}
	query := fmt.Sprintf("SELECT * FROM %s WHERE id = ?", t.name)
	if !hasOption(opts, IncludeDeleted) {
		query += " AND deleted_at IS NULL"
	}
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, dbError(err)
		}
		return nil, errs.New(errs.NotFound, "没有找到这条记录（%s %s）", t.name, id)
	}
	return scanValues(rows)
}

// scanValues reads the current row of rows, every column, by name.
func scanValues(rows *sql.Rows) (Values, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, dbError(err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, dbError(err)
	}
	row := Values{}
	for i, c := range cols {
		row[c] = vals[i]
	}
	return row, nil
}

func hasOption(opts []ReadOption, o ReadOption) bool {
	for _, x := range opts {
		if x == o {
			return true
		}
	}
	return false
}

// FieldVersion is the stamp of one field of one row: which clock value and office last set it.
type FieldVersion struct {
	Field  string
	HLC    HLC
	SiteID string
}

// RowStamp is the field name of the stamp an insert leaves: it stamps every field of the row.
const RowStamp = "*"

// FieldVersions returns the version of every data field of a row, sorted by field name, with the
// insert's row stamp applied to the fields that have no later stamp of their own. deleted_at appears
// once the row has been tombstoned. Code not_found when the row was never written.
func (db *DB) FieldVersions(ctx context.Context, tableName, id string) ([]FieldVersion, error) {
	t, err := db.sharedTable(tableName)
	if err != nil {
		return nil, err
	}
	own, err := db.stamps(ctx, tableName, id)
	if err != nil {
		return nil, err
	}
	row, ok := own[RowStamp]
	if !ok {
		return nil, errs.New(errs.NotFound, "没有这条记录的版本（%s %s）", tableName, id)
	}
	var out []FieldVersion
	for _, f := range append(append([]string{}, t.names...), "deleted_at") {
		v, has := own[f]
		switch {
		case has && v.HLC > row.HLC:
		case f == "deleted_at":
			continue
		default:
			v = row
		}
		v.Field = f
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out, nil
}

// stamps returns the stamps stored for a row, by field, the row stamp included.
func (db *DB) stamps(ctx context.Context, tableName, id string) (map[string]FieldVersion, error) {
	rows, err := db.ro.QueryContext(ctx,
		`SELECT f.field, f.hlc, coalesce(s.site_id, '') FROM field_versions f LEFT JOIN sites s ON s.site_no = f.site_no
		 WHERE f.tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = ?) AND f.row_id = ?`, tableName, packID(id))
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := map[string]FieldVersion{}
	for rows.Next() {
		var fv FieldVersion
		if err := rows.Scan(&fv.Field, &fv.HLC, &fv.SiteID); err != nil {
			return nil, dbError(err)
		}
		out[fv.Field] = fv
	}
	return out, dbError(rows.Err())
}

// InsertedHere reports whether a row of a shared table was inserted by this office (its row stamp
// carries this office's site id) rather than received from another. Code not_found when the row was
// never written.
func (tx *Tx) InsertedHere(tableName, id string) (bool, error) {
	if _, err := tx.db.sharedTable(tableName); err != nil {
		return false, err
	}
	var site int64
	err := tx.QueryRow(`SELECT site_no FROM field_versions
		WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = ?) AND row_id = ? AND field = ?`,
		tableName, packID(id), RowStamp).Scan(&site)
	if isNoRows(err) {
		return false, errs.New(errs.NotFound, "没有这条记录的版本（%s %s）", tableName, id)
	}
	if err != nil {
		return false, dbError(err)
	}
	return site == tx.db.siteNo, nil
}

// isNoRows reports whether err says a query found no row.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Read runs fn in a read-only transaction on the reading pool: a consistent view for functions
// written for a *Tx (a domain's ...In reads) without taking the write lock or waiting for the
// background check. Any write fn tries fails; nothing is committed.
func (db *DB) Read(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.ro.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return dbError(err)
	}
	tx := &Tx{db: db, sqlTx: sqlTx, ctx: ctx, operator: db.Operator(), stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, s := range tx.stmts {
			s.Close()
		}
		sqlTx.Rollback()
		if r := recover(); r != nil {
			err = errs.New(errs.Internal, "读取时发生内部错误：%v", r)
		}
	}()
	return fn(tx)
}
