package store

import (
	"context"
)

// AuditEntry is one change recorded by the write path.
type AuditEntry struct {
	Seq      int64    `json:"seq"`
	At       string   `json:"at"` // UTC ISO time
	HLC      string   `json:"hlc"`
	SiteID   string   `json:"siteId"`
	Operator string   `json:"operator"`
	Action   string   `json:"action"` // insert, update, delete, setting
	Table    string   `json:"table"`
	RowID    string   `json:"rowId"`
	Fields   []string `json:"fields"`
}

// AuditPage is one page of the audit log, newest first, with the total number of entries.
type AuditPage struct {
	Entries []AuditEntry `json:"entries"`
	Total   int          `json:"total"`
}

// Audit returns the entries of the audit log from offset, newest first, at most limit of them.
func (db *DB) Audit(ctx context.Context, offset, limit int) (AuditPage, error) {
	page := AuditPage{Entries: []AuditEntry{}}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	if offset < 0 {
		offset = 0
	}
	if err := db.ro.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&page.Total); err != nil {
		return page, dbError(err)
	}
	rows, err := db.ro.QueryContext(ctx,
		`SELECT seq, at, hlc, site_id, operator, action, tbl, row_id, fields FROM audit_log
		 ORDER BY seq DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return page, dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		var hlc HLC
		var fields string
		if err := rows.Scan(&e.Seq, &e.At, &hlc, &e.SiteID, &e.Operator, &e.Action, &e.Table, &e.RowID, &fields); err != nil {
			return page, dbError(err)
		}
		e.HLC = hlc.String()
		e.Fields = decodeFields(fields)
		page.Entries = append(page.Entries, e)
	}
	return page, dbError(rows.Err())
}
