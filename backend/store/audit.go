package store

import (
	"context"
	"time"

	"xiangzhi/backend/errs"
)

// AuditEntry is one change (or view of personal data) recorded by the write path, with its Chinese
// labels and a one-line summary (新增 居民：张三) for the screens.
type AuditEntry struct {
	Seq      int64    `json:"seq"`
	At       string   `json:"at"` // UTC ISO time
	HLC      string   `json:"hlc"`
	SiteID   string   `json:"siteId"`
	Operator string   `json:"operator"`
	Action   string   `json:"action"` // insert, update, delete, setting, view
	Table    string   `json:"table"`
	RowID    string   `json:"rowId"`
	Fields   []string `json:"fields"`

	ActionLabel string   `json:"actionLabel"` // 新增, 修改, 删除, 设置, 查看
	TableLabel  string   `json:"tableLabel"`  // 居民
	FieldLabels []string `json:"fieldLabels"` // 姓名, 电话
	Summary     string   `json:"summary"`     // 修改 居民 张三：电话
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
	// Entries are only ever appended (seq is the rowid, never reused, never deleted), so the total is
	// the highest seq less the lowest plus one: two look-ups at the ends of the table instead of
	// counting a county's million entries on every start. (Each in its own subquery: SQLite reads
	// only the end of the table for a lone min() or max(), and scans the whole of it for both in one
	// SELECT.)
	if err := db.ro.QueryRowContext(ctx, `SELECT coalesce((SELECT max(seq) FROM audit_log) - (SELECT min(seq) FROM audit_log) + 1, 0)`).Scan(&page.Total); err != nil {
		return page, dbError(err)
	}
	rows, err := db.ro.QueryContext(ctx,
		`SELECT a.seq, a.hlc, a.lag_ms, coalesce(s.site_id, ''), a.operator, a.action, a.tbl, a.row_id,
		        coalesce(f.fields, '[]')
		 FROM audit_log a LEFT JOIN sites s ON s.site_no = a.site_no LEFT JOIN audit_fields f ON f.fields_no = a.fields_no
		 ORDER BY a.seq DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return page, dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		var hlc HLC
		var lag int64
		var rowID any
		var fields string
		if err := rows.Scan(&e.Seq, &hlc, &lag, &e.SiteID, &e.Operator, &e.Action, &e.Table, &rowID, &fields); err != nil {
			return page, dbError(err)
		}
		e.HLC, e.RowID = hlc.String(), unpackID(rowID)
		e.At = formatTime(time.UnixMilli(int64(hlc)>>16 - lag))
		e.Fields = decodeFields(fields)
		page.Entries = append(page.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return page, dbError(err)
	}
	rows.Close()
	for i := range page.Entries {
		e := &page.Entries[i]
		describe(e, db.rowName(ctx, e.Table, e.RowID))
	}
	return page, nil
}

// RecordView writes to the audit log that the operator saw the given fields of a row in full (a
// resident's ID number and phone in the detail view): action view, with the operator, the table, the
// row and the fields. The row and its stamps do not change. Code internal for a table that is not
// shared or a field it does not have.
func (tx *Tx) RecordView(tableName, id string, fields []string) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	for _, f := range fields {
		if !t.columns[f] {
			return errs.New(errs.Internal, "表 %s 没有列 %s", t.name, f)
		}
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	return tx.audit("view", t.name, id, fields, hlc, wall)
}
