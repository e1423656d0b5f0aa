package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
	"xiangzhi/backend/errs"
)

// driverName is the SQLite driver every connection of the store uses: mattn's, with
// trusted_schema off on each connection, so that a function in a trigger or view of a file from
// elsewhere cannot reach beyond its table (the schema itself is compared with the expected one too).
const driverName = "sqlite3-xiangzhi"

// writerDriverName is driverName for the one read-write connection, which also keeps its temporary
// structures in memory: a statement whose triggers upsert (a household's cadence bucket) otherwise
// opens a temporary file each time it runs, and a 25,000-household import spent 2 of its 3 seconds
// of household inserts there. Readers keep temporary files, so a large sort cannot grow the memory.
const writerDriverName = "sqlite3-xiangzhi-writer"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if _, err := c.Exec("PRAGMA trusted_schema = OFF", nil); err != nil {
			return err
		}
		return RegisterPinyin(c)
	}})
	sql.Register(writerDriverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if _, err := c.Exec("PRAGMA trusted_schema = OFF; PRAGMA temp_store = MEMORY", nil); err != nil {
			return err
		}
		return RegisterPinyin(c)
	}})
}

// schemaObject is one row of sqlite_schema.
type schemaObject struct{ kind, name, table, sql string }

func (o schemaObject) label() string {
	kinds := map[string]string{"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
	k := kinds[o.kind]
	if k == "" {
		k = o.kind
	}
	return k + " " + o.name
}

// readSchema returns the objects of a database, by name. The statistics tables SQLite may add
// (sqlite_stat1, sqlite_stat4) are left out: they hold no code.
func readSchema(ctx context.Context, db *sql.DB) (map[string]schemaObject, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite\_stat%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		out[o.name] = o
	}
	return out, rows.Err()
}

var (
	expectedMu sync.Mutex
	expected   = map[[32]byte]map[string]schemaObject{} // by the migrations applied
)

// expectedSchema is the schema that migrations ms make, once per process: the snapshot's when it was
// made of these migrations (schema_snapshot.go), else built in memory.
func expectedSchema(ctx context.Context, ms []Migration) (map[string]schemaObject, error) {
	key := migrationsKey(ms)
	expectedMu.Lock()
	defer expectedMu.Unlock()
	if s, ok := expected[key]; ok {
		return s, nil
	}
	if s := snapshotSchema(key); s != nil {
		expected[key] = s
		return s, nil
	}
	s, err := buildSchema(ctx, ms)
	if err != nil {
		return nil, err
	}
	expected[key] = s
	return s, nil
}

// migrationsKey is the sum of migrations ms: their versions, names and SQL.
func migrationsKey(ms []Migration) [32]byte {
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00", m.Version, m.Name, m.SQL)
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

// buildSchema makes the schema of migrations ms in an in-memory database and reads it.
func buildSchema(ctx context.Context, ms []Migration) (map[string]schemaObject, error) {
	mem, err := sql.Open(driverName, "file::memory:?_foreign_keys=on")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1) // one in-memory database
	if err := migrate(ctx, mem, ms, 0, "", time.Time{}); err != nil {
		return nil, err
	}
	return readSchema(ctx, mem)
}

// checkSchema compares the schema of a file at version with what this program's migrations make up
// to that version: a trigger, view, table or index added, missing or changed (a planted trigger, a
// table replaced by a view) makes the file another program's, refused untouched. It says what differs.
func checkSchema(ctx context.Context, pdb *sql.DB, path string, ms []Migration, version int) error {
	if version > len(ms) {
		return nil // refused elsewhere as newer
	}
	want, err := expectedSchema(ctx, ms[:version])
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法建立第 %d 版的数据库结构以作比较", version)
	}
	got, err := readSchema(ctx, pdb)
	if err != nil {
		return openError(path, err)
	}
	// What was changed or added says most; what is missing follows from it (a dropped table takes
	// its indexes and triggers along).
	var changed, added, missing []string
	for name, o := range got {
		w, ok := want[name]
		switch {
		case !ok:
			added = append(added, "多出"+o.label())
		case w.kind != o.kind:
			changed = append(changed, w.label()+" 被换成了"+strings.Fields(o.label())[0])
		case w.table != o.table || w.sql != o.sql:
			changed = append(changed, w.label()+" 的定义不同")
		}
	}
	for name, w := range want {
		if _, ok := got[name]; !ok {
			missing = append(missing, "缺少"+w.label())
		}
	}
	var diffs []string
	for _, d := range [][]string{changed, added, missing} {
		sort.Strings(d)
		diffs = append(diffs, d...)
	}
	if len(diffs) == 0 {
		return nil
	}
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("共 %d 处", len(diffs)))
	}
	return errs.New(errs.Invalid, "数据库文件 %s 的结构与乡治通第 %d 版不符（%s），可能被其他程序改动过；未打开也未改动",
		path, version, strings.Join(diffs, "、"))
}
