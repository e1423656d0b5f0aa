package store

import (
	"context"
	"fmt"
	"time"

	"xiangzhi/backend/errs"
)

// Conflict is a field two offices wrote without either seeing the other's write (see Tx.Merge).
type Conflict struct {
	ID            int64  `json:"id"`
	Table         string `json:"table"`
	TableLabel    string `json:"tableLabel"`
	RowID         string `json:"rowId"`
	RowName       string `json:"rowName"` // the row's name (a household's head, a village's name), "" when it has none
	Field         string `json:"field"`
	FieldLabel    string `json:"fieldLabel"`
	Kept          string `json:"kept"` // local or incoming: whose value the merge kept
	Local         any    `json:"local"`
	LocalStamp    Stamp  `json:"localStamp"`
	Incoming      any    `json:"incoming"`
	IncomingStamp Stamp  `json:"incomingStamp"`
	// When each side was written (UTC, RFC 3339, from its stamp), and the name of the office that
	// wrote the incoming value ("" when it is not known here).
	LocalAt        string `json:"localAt"`
	IncomingAt     string `json:"incomingAt"`
	IncomingOffice string `json:"incomingOffice"`
	BundleID       string `json:"bundleId"`
	FoundAt        string `json:"foundAt"`
	SettledAt      string `json:"settledAt"`
	SettledBy      string `json:"settledBy"`
	Choice         string `json:"choice"` // local or incoming, once settled
}

// Conflicts returns the conflicts, the open ones only unless all, oldest first.
func (db *DB) Conflicts(ctx context.Context, all bool) ([]Conflict, error) {
	// The incoming office is named as this office knows it: a peer's name, else the office the
	// shared offices table has for that site.
	q := `SELECT c.id, c.tbl, c.row_id, c.field, c.kept, c.local_value, c.local_hlc, c.local_site, c.incoming_value,
		c.incoming_hlc, c.incoming_site, coalesce((SELECT p.name FROM exchange_peers p WHERE p.site_id = c.incoming_site),
		(SELECT o.name FROM offices o WHERE o.office_site = c.incoming_site AND o.deleted_at IS NULL LIMIT 1), ''),
		c.bundle_id, c.found_at, coalesce(c.settled_at, ''), c.settled_by, c.choice FROM exchange_conflicts c`
	if !all {
		q += ` WHERE c.settled_at IS NULL`
	}
	rows, err := db.ro.QueryContext(ctx, q+` ORDER BY c.id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var c Conflict
		if err := rows.Scan(&c.ID, &c.Table, &c.RowID, &c.Field, &c.Kept, &c.Local, &c.LocalStamp.HLC, &c.LocalStamp.Site,
			&c.Incoming, &c.IncomingStamp.HLC, &c.IncomingStamp.Site, &c.IncomingOffice, &c.BundleID, &c.FoundAt,
			&c.SettledAt, &c.SettledBy, &c.Choice); err != nil {
			return nil, dbError(err)
		}
		c.LocalAt, c.IncomingAt = HLC(c.LocalStamp.HLC).Wall().Format(time.RFC3339), HLC(c.IncomingStamp.HLC).Wall().Format(time.RFC3339)
		c.TableLabel, _ = TableLabel(c.Table)
		c.RowName = db.rowName(ctx, c.Table, c.RowID)
		c.FieldLabel, _ = ColumnLabel(c.Table, c.Field)
		out = append(out, c)
	}
	return out, dbError(rows.Err())
}

// SettleConflict settles an open conflict with the value of one side (local or incoming). The chosen
// value is written as a new edit, stamped now, even when it is the value the row already has: the
// edit reaches every office, where it is later than both sides and so settles the same conflict
// there too. Code not_found for no such open conflict, invalid for another choice.
func (tx *Tx) SettleConflict(id int64, choice string) error {
	if choice != "local" && choice != "incoming" {
		return errs.Field("choice", "请选择保留本单位的值（local）或对方的值（incoming），不是“%s”", choice)
	}
	var tbl, rowID, field string
	var local, incoming any
	err := tx.QueryRow(`SELECT tbl, row_id, field, local_value, incoming_value FROM exchange_conflicts
		WHERE id = ? AND settled_at IS NULL`, id).Scan(&tbl, &rowID, &field, &local, &incoming)
	if isNoRows(err) {
		return errs.New(errs.NotFound, "没有待处理的第 %d 号冲突", id)
	}
	if err != nil {
		return dbError(err)
	}
	value := local
	if choice == "incoming" {
		value = incoming
	}
	if err := tx.rewrite(tbl, rowID, field, value); err != nil {
		return err
	}
	return tx.exec(`UPDATE exchange_conflicts SET settled_at = ?, settled_by = ?, choice = ? WHERE id = ?`,
		formatTime(tx.db.clock()), tx.operator, choice, id)
}

// Decide writes fields of a row as a person's decision after a merge (where a forked case stands):
// each is written and stamped even when its value does not change — the write is later than every
// side, so it settles the same question at every office it reaches — and this office's open
// conflicts on those fields are settled with it.
func (tx *Tx) Decide(tableName, id string, v Values) error {
	for _, f := range sortedKeys(v) {
		if err := tx.rewrite(tableName, id, f, v[f]); err != nil {
			return err
		}
		if err := tx.exec(`UPDATE exchange_conflicts SET settled_at = ?, settled_by = ?,
			choice = CASE WHEN incoming_value IS ? THEN 'incoming' WHEN local_value IS ? THEN 'local' ELSE '' END
			WHERE tbl = ? AND row_id = ? AND field = ? AND settled_at IS NULL`,
			formatTime(tx.db.clock()), tx.operator, v[f], v[f], tableName, id, f); err != nil {
			return err
		}
	}
	return nil
}

// rewrite writes one field of a row (deleted_at included) and stamps it, whether or not the value
// changes.
func (tx *Tx) rewrite(tableName, id, field string, value any) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	if !t.columns[field] && field != "deleted_at" {
		return errs.New(errs.Internal, "表 %s 没有可写的列 %s", t.name, field)
	}
	if _, err := tx.Get(tableName, id, IncludeDeleted); err != nil {
		return err
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	q := fmt.Sprintf("UPDATE %s SET %s = ?, updated_at = ?, site_id = ?, operator = ? WHERE id = ?", t.name, field)
	if err := tx.exec(q, value, formatTime(wall), tx.db.site.SiteID, tx.operator, id); err != nil {
		return err
	}
	if err := tx.stamp(t.name, id, []string{field}, hlc); err != nil {
		return err
	}
	return tx.audit("update", t.name, id, []string{field}, hlc, wall)
}

// settleByLaterWrite marks settled the open conflicts on a field that a write later than both of
// their sides has overwritten with value (a person at another office settled it, or edited it again).
// A restore point notes which.
func (tx *Tx) settleByLaterWrite(tableName, id, field string, s Stamp, value any, operator string) error {
	rows, err := tx.Query(`UPDATE exchange_conflicts SET settled_at = ?, settled_by = ?,
		choice = CASE WHEN incoming_value IS ? THEN 'incoming' WHEN local_value IS ? THEN 'local' ELSE '' END
		WHERE tbl = ? AND row_id = ? AND field = ? AND settled_at IS NULL
		AND (local_hlc < ? OR (local_hlc = ? AND local_site < ?))
		AND (incoming_hlc < ? OR (incoming_hlc = ? AND incoming_site < ?)) RETURNING id`,
		formatTime(tx.db.clock()), elsewhere(operator), value, value, tableName, id, field,
		int64(s.HLC), int64(s.HLC), s.Site, int64(s.HLC), int64(s.HLC), s.Site)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var settled int64
		if err := rows.Scan(&settled); err != nil {
			return dbError(err)
		}
		if tx.restore != nil {
			tx.restore.settled = append(tx.restore.settled, settled)
		}
	}
	return dbError(rows.Err())
}

// elsewhere names who settled a conflict at another office.
func elsewhere(operator string) string {
	if operator == "" {
		return "他处"
	}
	return operator + "（他处）"
}
