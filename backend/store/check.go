package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sort"

	"xiangzhi/backend/errs"
)

// TableCount is the number of rows of one table; for shared tables also the tombstoned ones.
type TableCount struct {
	Table   string `json:"table"`
	Rows    int64  `json:"rows"`
	Deleted int64  `json:"deleted,omitempty"`
}

// Report is what Check and Inspect find.
type Report struct {
	Path           string       `json:"path"`
	QuickCheck     string       `json:"quickCheck"`
	SchemaVersion  int          `json:"schemaVersion"`  // the file's
	ProgramVersion int          `json:"programVersion"` // the newest this program knows
	Upgrade        string       `json:"upgrade,omitempty"`
	SiteID         string       `json:"siteId"`
	Tables         []TableCount `json:"tables"`
}

// UpgradeNote is what a report says of a file written by an older version.
const UpgradeNote = "打开时将先备份再升级"

// Check runs quick_check and counts the rows of every table.
func (db *DB) Check(ctx context.Context) (Report, error) {
	r := Report{Path: db.path, QuickCheck: "ok", SchemaVersion: db.version, ProgramVersion: len(db.opts.Migrations),
		SiteID: db.site.SiteID}
	if err := quickCheck(ctx, db.ro); err != nil {
		r.QuickCheck = err.Error()
	}
	var err error
	r.Tables, err = countRows(ctx, db.ro, db.tables)
	return r, err
}

// Inspect reports on the database file at path without opening it for writing: its schema version
// beside the program's (and, when it is older, that opening it will back it up first and upgrade
// it), its site id and the rows of every table. It changes no byte of the file. Codes: not_found
// when there is no file; invalid for a damaged file or another program's; conflict for a file
// written by a newer version.
func Inspect(ctx context.Context, path string) (Report, error) {
	ms := Migrations()
	known := len(ms)
	r := Report{Path: path, ProgramVersion: known}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		return r, errs.New(errs.NotFound, "数据库文件 %s 不存在或是空文件", path)
	}
	version, err := probe(ctx, path, ms) // application id, version, schema
	if err != nil {
		return r, err
	}
	if err := checkFile(ctx, path); err != nil { // quick_check of the whole file
		return r, err
	}
	r.QuickCheck, r.SchemaVersion = "ok", version
	if version < known {
		r.Upgrade = fmt.Sprintf("数据库结构版本为 %d，本程序为 %d；%s", version, known, UpgradeNote)
	}
	pdb, err := sql.Open(driverName, fileURI(path, probeParams(path)))
	if err != nil {
		return r, errs.Wrap(err, errs.Internal, "无法打开数据库 %s", path)
	}
	defer pdb.Close()
	if err := pdb.QueryRowContext(ctx, `SELECT site_id FROM site WHERE id = 1`).Scan(&r.SiteID); err != nil && !isNoRows(err) {
		return r, dbError(err)
	}
	tables, err := readTables(ctx, pdb)
	if err != nil {
		return r, err
	}
	r.Tables, err = countRows(ctx, pdb, tables)
	return r, err
}

// countRows counts the rows of every table, and the tombstoned rows of the shared ones.
func countRows(ctx context.Context, q *sql.DB, shared map[string]*table) ([]TableCount, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, dbError(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, dbError(err)
		}
		names = append(names, n)
	}
	rows.Close()
	sort.Strings(names)
	var out []TableCount
	for _, n := range names {
		c := TableCount{Table: n}
		query := fmt.Sprintf(`SELECT count(*), 0 FROM "%s"`, n)
		if _, ok := shared[n]; ok {
			query = fmt.Sprintf(`SELECT count(*), count(deleted_at) FROM "%s"`, n)
		}
		if err := q.QueryRowContext(ctx, query).Scan(&c.Rows, &c.Deleted); err != nil {
			return out, dbError(err)
		}
		out = append(out, c)
	}
	return out, nil
}

// ReadOnly runs fn with a read-only connection to the database file at path, opened as Inspect
// opens it (a file no program has open is read immutable): for reports on a file that is not the live
// database, such as check's look at the attachments a file records. Nothing fn runs can write. Call
// it on a file Inspect has accepted.
func ReadOnly(ctx context.Context, path string, fn func(q *sql.DB) error) error {
	q, err := sql.Open(driverName, fileURI(path, probeParams(path)))
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法打开数据库 %s", path)
	}
	defer q.Close()
	if err := q.PingContext(ctx); err != nil {
		return dbError(err)
	}
	return fn(q)
}
