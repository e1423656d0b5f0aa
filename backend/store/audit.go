package store

import (
	"context"
	"slices"
	"strings"
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

// AuditQuery picks entries of the audit log: a page (Offset, Limit) of those by one operator, on one
// kind of record (a table), of one action, and at or after From and before To (UTC ISO instants, as
// the window computes them from the officer's local dates); an empty field picks all.
type AuditQuery struct {
	Offset   int    `json:"offset"`
	Limit    int    `json:"limit"`
	Operator string `json:"operator"`
	Table    string `json:"table"`
	Action   string `json:"action"`
	From     string `json:"from"`
	To       string `json:"to"`
	// Oldest lists the oldest entries first instead of the newest.
	Oldest bool `json:"oldest"`
}

// AuditChoice is one value the log can be filtered by, with its Chinese label.
type AuditChoice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// AuditChoices are the operators, kinds of record and actions found in the log.
type AuditChoices struct {
	Operators []AuditChoice `json:"operators"`
	Tables    []AuditChoice `json:"tables"`
	Actions   []AuditChoice `json:"actions"`
}

// Audit returns the entries of the audit log from offset, newest first, at most limit of them.
func (db *DB) Audit(ctx context.Context, offset, limit int) (AuditPage, error) {
	return db.FindAudit(ctx, AuditQuery{Offset: offset, Limit: limit})
}

// FindAudit returns the entries q picks, newest first (oldest first with Oldest), with how many it picks in all. Code invalid,
// naming the field, for an action it does not know or a bound that is not a time.
func (db *DB) FindAudit(ctx context.Context, q AuditQuery) (AuditPage, error) {
	page := AuditPage{Entries: []AuditEntry{}}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	where, args, err := auditWhere(q)
	if err != nil {
		return page, err
	}
	if where == "" {
		// Entries are only ever appended (seq is the rowid, never reused, never deleted), so the
		// total is the highest seq less the lowest plus one: two look-ups at the ends of the table
		// instead of counting a county's million entries on every start. (Each in its own subquery:
		// SQLite reads only the end of the table for a lone min() or max(), and scans the whole of it
		// for both in one SELECT.)
		err = db.ro.QueryRowContext(ctx, `SELECT coalesce((SELECT max(seq) FROM audit_log) - (SELECT min(seq) FROM audit_log) + 1, 0)`).Scan(&page.Total)
	} else {
		err = db.ro.QueryRowContext(ctx, `SELECT count(*) FROM audit_log a WHERE `+where, args...).Scan(&page.Total)
	}
	if err != nil {
		return page, dbError(err)
	}
	if where == "" {
		where = "1"
	}
	order := "DESC"
	if q.Oldest {
		order = "ASC"
	}
	rows, err := db.ro.QueryContext(ctx,
		`SELECT a.seq, a.hlc, a.lag_ms, coalesce(s.site_id, ''), coalesce(o.operator, ''), a.action, coalesce(t.tbl, ''),
		        a.row_id, coalesce(f.fields, '[]')
		 FROM audit_log a LEFT JOIN sites s ON s.site_no = a.site_no LEFT JOIN audit_fields f ON f.fields_no = a.fields_no
		      LEFT JOIN history_tables t ON t.tbl_no = a.tbl_no LEFT JOIN audit_operators o ON o.op_no = a.op_no
		 WHERE `+where+` ORDER BY a.seq `+order+` LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
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

// auditWhere is the condition on audit_log a (and its arguments) that q's filters make; "" for none.
func auditWhere(q AuditQuery) (string, []any, error) {
	var conds []string
	var args []any
	if q.Operator != "" {
		conds, args = append(conds, "a.op_no = (SELECT op_no FROM audit_operators WHERE operator = ?)"), append(args, q.Operator)
	}
	if q.Table != "" {
		conds, args = append(conds, "a.tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = ?)"), append(args, q.Table)
	}
	if q.Action != "" {
		if _, ok := actionLabels[q.Action]; !ok {
			return "", nil, errs.Field("action", "「操作」只能是新增、修改、删除、设置或查看（现为 %s）", q.Action)
		}
		conds, args = append(conds, "a.action = ?"), append(args, q.Action)
	}
	// The time of an entry is its clock value less the lag recorded with it (the At shown).
	for _, b := range []struct{ field, label, value, op string }{
		{"from", "起始时间", q.From, ">="}, {"to", "截止时间", q.To, "<"},
	} {
		if b.value == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, b.value)
		if err != nil {
			return "", nil, errs.Field(b.field, "「%s」不是有效的时间（现为 %s）", b.label, b.value)
		}
		conds, args = append(conds, "(a.hlc >> 16) - a.lag_ms "+b.op+" ?"), append(args, t.UnixMilli())
	}
	return strings.Join(conds, " AND "), args, nil
}

// AuditChoices returns what the log can be filtered by: the operators and kinds of record it holds,
// and the actions, each with its Chinese label.
func (db *DB) AuditChoices(ctx context.Context) (AuditChoices, error) {
	c := AuditChoices{Operators: []AuditChoice{}, Tables: []AuditChoice{}, Actions: []AuditChoice{}}
	for _, a := range []string{"insert", "update", "delete", "view", "setting"} {
		c.Actions = append(c.Actions, AuditChoice{Value: a, Label: actionLabels[a]})
	}
	// The operators and tables are those the history has a number for: each was numbered by its first
	// entry or stamp.
	for col, q := range map[string]string{
		"operator": `SELECT operator FROM audit_operators ORDER BY 1 LIMIT 500`,
		"tbl":      `SELECT tbl FROM history_tables ORDER BY 1 LIMIT 500`,
	} {
		rows, err := db.ro.QueryContext(ctx, q)
		if err != nil {
			return c, dbError(err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return c, dbError(err)
			}
			if col == "operator" {
				c.Operators = append(c.Operators, AuditChoice{Value: v, Label: v})
			} else {
				label, _ := TableLabel(v)
				c.Tables = append(c.Tables, AuditChoice{Value: v, Label: label})
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return c, dbError(err)
		}
	}
	// The tables by their Chinese names, in pinyin order as officers look them up.
	slices.SortStableFunc(c.Tables, func(a, b AuditChoice) int { return ComparePinyin(a.Label, b.Label) })
	return c, nil
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
