package store

import (
	"context"
	"database/sql"
	"sort"

	"xiangzhi/backend/errs"
)

// The columns every shared table has, set by the write path only.
var systemColumns = []string{"id", "created_at", "updated_at", "deleted_at", "site_id", "operator"}

// table describes a shared table: one that has all the system columns.
type table struct {
	name    string
	columns map[string]bool   // the data columns, those a caller may set
	names   []string          // the data columns, sorted
	parents []string          // the tables its foreign keys refer to, itself aside
	refs    map[string]string // foreign-key column -> the table it refers to (itself included)
	types   map[string]string // every column's declared type, upper case (TEXT, INTEGER, …)
}

// loadTables finds the shared tables in the schema, so the write path can check every table and
// column name it is given before it builds SQL from them.
func (db *DB) loadTables(ctx context.Context) error {
	tables, err := readTables(ctx, db.ro)
	if err != nil {
		return err
	}
	db.tables = tables
	return nil
}

// readTables reads the shared tables of a schema: those with every system column.
func readTables(ctx context.Context, q *sql.DB) (map[string]*table, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT m.name, p.name, upper(p.type) FROM sqlite_master m, pragma_table_info(m.name) p
		 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	cols := map[string][]string{}
	types := map[string]map[string]string{}
	for rows.Next() {
		var t, c, typ string
		if err := rows.Scan(&t, &c, &typ); err != nil {
			return nil, dbError(err)
		}
		cols[t] = append(cols[t], c)
		if types[t] == nil {
			types[t] = map[string]string{}
		}
		types[t][c] = typ
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	tables := map[string]*table{}
	for name, cs := range cols {
		set := map[string]bool{}
		for _, c := range cs {
			set[c] = true
		}
		shared := true
		for _, c := range systemColumns {
			shared = shared && set[c]
			delete(set, c)
		}
		if !shared {
			continue
		}
		t := &table{name: name, columns: set, types: types[name]}
		for c := range set {
			t.names = append(t.names, c)
		}
		sort.Strings(t.names)
		tables[name] = t
	}
	return tables, readParents(ctx, q, tables)
}

// readParents notes in each shared table its foreign-key columns and the other tables they refer to.
func readParents(ctx context.Context, q *sql.DB, tables map[string]*table) error {
	rows, err := q.QueryContext(ctx,
		`SELECT m.name, p."from", p."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) p
		 WHERE m.type = 'table' ORDER BY m.name, p."table", p."from"`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var child, column, parent string
		if err := rows.Scan(&child, &column, &parent); err != nil {
			return dbError(err)
		}
		t := tables[child]
		if t == nil {
			continue
		}
		if t.refs == nil {
			t.refs = map[string]string{}
		}
		t.refs[column] = parent
		if parent != child && (len(t.parents) == 0 || t.parents[len(t.parents)-1] != parent) {
			t.parents = append(t.parents, parent)
		}
	}
	return dbError(rows.Err())
}

// SharedTables returns the names of the shared tables, sorted.
func (db *DB) SharedTables() []string {
	var names []string
	for n := range db.tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (db *DB) sharedTable(name string) (*table, error) {
	t, ok := db.tables[name]
	if !ok {
		return nil, errs.New(errs.Internal, "表 %s 不是共享数据表", name)
	}
	return t, nil
}

// checkColumns refuses a column that the table does not have or that only the write path may set.
func (t *table) checkColumns(v Values) error {
	for c := range v {
		if !t.columns[c] {
			return errs.New(errs.Internal, "表 %s 没有可写的列 %s", t.name, c)
		}
	}
	return nil
}
