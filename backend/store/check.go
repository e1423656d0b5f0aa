package store

import (
	"context"
	"fmt"
	"sort"
)

// TableCount is the number of rows of one table; for shared tables also the tombstoned ones.
type TableCount struct {
	Table   string `json:"table"`
	Rows    int64  `json:"rows"`
	Deleted int64  `json:"deleted,omitempty"`
}

// Report is what Check finds.
type Report struct {
	Path          string       `json:"path"`
	QuickCheck    string       `json:"quickCheck"`
	SchemaVersion int          `json:"schemaVersion"`
	SiteID        string       `json:"siteId"`
	Tables        []TableCount `json:"tables"`
}

// Check runs quick_check and counts the rows of every table.
func (db *DB) Check(ctx context.Context) (Report, error) {
	r := Report{Path: db.path, QuickCheck: "ok", SchemaVersion: db.version, SiteID: db.site.SiteID}
	if err := quickCheck(ctx, db.ro); err != nil {
		r.QuickCheck = err.Error()
	}
	rows, err := db.ro.QueryContext(ctx,
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return r, dbError(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return r, dbError(err)
		}
		names = append(names, n)
	}
	rows.Close()
	sort.Strings(names)
	for _, n := range names {
		c := TableCount{Table: n}
		q := fmt.Sprintf(`SELECT count(*), 0 FROM "%s"`, n)
		if _, shared := db.tables[n]; shared {
			q = fmt.Sprintf(`SELECT count(*), count(deleted_at) FROM "%s"`, n)
		}
		if err := db.ro.QueryRowContext(ctx, q).Scan(&c.Rows, &c.Deleted); err != nil {
			return r, dbError(err)
		}
		r.Tables = append(r.Tables, c)
	}
	return r, nil
}
