package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"

	"xiangzhi/backend/errs"
)

// Why a row of a bundle is held back from the merge (exchange_quarantine.reason).
const (
	QuarantineAhead  = "ahead"  // a stamp of it is more than MaxClockSkew ahead of this office's clock
	QuarantineParent = "parent" // it refers to a held row this office does not have
)

// Quarantined is a row of a bundle held back from the merge (see Tx.Merge).
type Quarantined struct {
	ID         int64  `json:"id"`
	Table      string `json:"table"`
	TableLabel string `json:"tableLabel"`
	RowID      string `json:"rowId"`
	RowName    string `json:"rowName"` // from the held values, or the row here; "" when it has none
	Reason     string `json:"reason"`  // QuarantineAhead or QuarantineParent
	Stamp      Stamp  `json:"stamp"`   // its latest stamp
	StampAt    string `json:"stampAt"` // the wall time of Stamp (2006-01-02T15:04:05.000Z)
	BundleID   string `json:"bundleId"`
	FoundAt    string `json:"foundAt"`
	Ready      bool   `json:"ready"` // no stamp of it is ahead any more: the next import merges it
}

// heldRow is a row version as exchange_quarantine keeps it: JSON, each value with its SQLite type.
type heldRow struct {
	Values map[string]heldValue `json:"values"`
	Stamps map[string]Stamp     `json:"stamps"`
}

// heldValue is one value and its type: "" NULL, "s" text, "i" integer, "f" real (as text, exact), "b" blob.
type heldValue struct {
	Kind string `json:"k,omitempty"`
	S    string `json:"s,omitempty"`
	I    int64  `json:"i,omitempty"`
	B    []byte `json:"b,omitempty"`
}

func encodeHeld(in RowVersion) (string, error) {
	h := heldRow{Values: map[string]heldValue{}, Stamps: in.Stamps}
	for c, v := range in.Values {
		switch v := v.(type) {
		case nil:
			h.Values[c] = heldValue{}
		case string:
			h.Values[c] = heldValue{Kind: "s", S: v}
		case int64:
			h.Values[c] = heldValue{Kind: "i", I: v}
		case float64:
			h.Values[c] = heldValue{Kind: "f", S: strconv.FormatFloat(v, 'g', -1, 64)}
		case []byte:
			h.Values[c] = heldValue{Kind: "b", B: v}
		default:
			return "", errs.New(errs.Internal, "列 %s 的值类型 %T 无法暂存", c, v)
		}
	}
	b, err := json.Marshal(h) // map keys sorted: the same version encodes the same
	return string(b), err
}

func decodeHeld(table, id, s string) (RowVersion, error) {
	var h heldRow
	if err := json.Unmarshal([]byte(s), &h); err != nil {
		return RowVersion{}, errs.Wrap(err, errs.Internal, "暂缓合并的记录 %s 已损坏", id)
	}
	rv := RowVersion{Table: table, ID: id, Values: Values{}, Stamps: h.Stamps}
	for c, v := range h.Values {
		switch v.Kind {
		case "":
			rv.Values[c] = nil
		case "s":
			rv.Values[c] = v.S
		case "i":
			rv.Values[c] = v.I
		case "f":
			f, err := strconv.ParseFloat(v.S, 64)
			if err != nil {
				return rv, errs.Wrap(err, errs.Internal, "暂缓合并的记录 %s 已损坏", id)
			}
			rv.Values[c] = f
		case "b":
			rv.Values[c] = append([]byte{}, v.B...)
		default:
			return rv, errs.New(errs.Internal, "暂缓合并的记录 %s 已损坏", id)
		}
	}
	return rv, nil
}

// quarantineReason says why a row is held back from the merge, "" when it may be merged: one of its
// stamps is too far ahead of this office's clock (merging it would carry this clock, and every
// office's after it, into the future), or it refers to a held row that is not here (it could not be
// written).
func (tx *Tx) quarantineReason(t *table, in RowVersion) (string, error) {
	horizon := tx.db.clock().Add(MaxClockSkew)
	for _, s := range in.Stamps {
		if s.HLC.Wall().After(horizon) {
			return QuarantineAhead, nil
		}
	}
	if len(tx.merge.quarantined) == 0 {
		return "", nil
	}
	for col, parent := range t.refs {
		id, ok := in.Values[col].(string)
		if !ok || tx.merge.quarantined[parent+"/"+id] == 0 || (parent == in.Table && id == in.ID) {
			continue
		}
		_, err := tx.Get(parent, id, IncludeDeleted)
		if errs.As(err).Code == errs.NotFound {
			return QuarantineParent, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", nil
}

// quarantine holds a row back from the merge; the same version held before is held once.
func (tx *Tx) quarantine(in RowVersion, reason string, sender Vector, bundleID string) error {
	row, err := encodeHeld(in)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(in.Table + "\x00" + in.ID + "\x00" + row))
	digest := hex.EncodeToString(sum[:])
	latest := in.latest()
	var id int64
	err = tx.QueryRow(`INSERT INTO exchange_quarantine (tbl, row_id, reason, ahead_hlc, ahead_site, version, digest,
		sender_seen, bundle_id, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (digest) DO UPDATE SET reason = excluded.reason RETURNING id`,
		in.Table, in.ID, reason, int64(latest.HLC), latest.Site, row, digest, sender.String(), bundleID,
		formatTime(tx.db.clock())).Scan(&id)
	if err != nil {
		return dbError(err)
	}
	tx.merge.quarantined[in.Table+"/"+in.ID]++
	tx.merge.newlyHeld = append(tx.merge.newlyHeld, id)
	return nil
}

// quarantineCaps returns, for each office, the lowest clock value of its writes held back: this
// office holds none of its writes from there on, so its vector claims less.
func (tx *Tx) quarantineCaps() (Vector, error) {
	rows, err := tx.Query(`SELECT tbl, row_id, version FROM exchange_quarantine`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	caps := Vector{}
	for rows.Next() {
		var tbl, id, row string
		if err := rows.Scan(&tbl, &id, &row); err != nil {
			return nil, dbError(err)
		}
		rv, err := decodeHeld(tbl, id, row)
		if err != nil {
			return nil, err
		}
		for _, s := range rv.Stamps {
			if c, ok := caps[s.Site]; !ok || s.HLC < c {
				caps[s.Site] = s.HLC
			}
		}
	}
	return caps, dbError(rows.Err())
}

// noteRaise adds v to what this office may claim to hold once the rows held in this transaction
// are merged (exchange_quarantine.raise).
func (tx *Tx) noteRaise(v Vector) error {
	if tx.merge == nil {
		return nil
	}
	for _, id := range tx.merge.newlyHeld {
		var s string
		if err := tx.QueryRow(`SELECT raise_to FROM exchange_quarantine WHERE id = ?`, id).Scan(&s); err != nil {
			return dbError(err)
		}
		r, err := ParseVector(s)
		if err != nil {
			return err
		}
		r.Raise(v)
		if err := tx.exec(`UPDATE exchange_quarantine SET raise_to = ? WHERE id = ?`, r.String(), id); err != nil {
			return err
		}
	}
	tx.merge.newlyHeld = nil
	return nil
}

// ReleaseQuarantine merges the held rows that may be merged now — no stamp of theirs ahead any more,
// what they refer to here — parents first, and raises this office's vector by what their bundles
// held. It returns how many it merged.
func (tx *Tx) ReleaseQuarantine() (int, error) {
	type entry struct {
		id                int64
		tbl, rowID, row   string
		senderSeen, raise string
		bundleID          string
		order             int
	}
	rows, err := tx.Query(`SELECT id, tbl, row_id, version, sender_seen, raise_to, bundle_id FROM exchange_quarantine ORDER BY id`)
	if err != nil {
		return 0, dbError(err)
	}
	var held []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.tbl, &e.rowID, &e.row, &e.senderSeen, &e.raise, &e.bundleID); err != nil {
			rows.Close()
			return 0, dbError(err)
		}
		held = append(held, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(held) == 0 {
		return 0, dbError(err)
	}
	order := map[string]int{}
	for i, t := range tx.db.SharedTablesParentsFirst() {
		order[t] = i
	}
	sort.SliceStable(held, func(i, j int) bool { return order[held[i].tbl] < order[held[j].tbl] })
	if err := tx.beginMerge(); err != nil {
		return 0, err
	}
	if err := tx.DeferForeignKeys(); err != nil {
		return 0, err
	}
	released, raise := 0, Vector{}
	for _, e := range held {
		t, err := tx.db.sharedTable(e.tbl)
		if err != nil {
			continue // a table a later version dropped: the row stays held, and shown
		}
		rv, err := decodeHeld(e.tbl, e.rowID, e.row)
		if err != nil {
			return released, err
		}
		if reason, err := tx.quarantineReason(t, rv); err != nil || reason != "" {
			if err != nil {
				return released, err
			}
			continue
		}
		sender, err := ParseVector(e.senderSeen)
		if err != nil {
			return released, err
		}
		r, err := ParseVector(e.raise)
		if err != nil {
			return released, err
		}
		if err := tx.exec(`DELETE FROM exchange_quarantine WHERE id = ?`, e.id); err != nil {
			return released, err
		}
		tx.merge.quarantined[e.tbl+"/"+e.rowID]--
		if _, err := tx.mergeRow(t, rv, sender, e.bundleID); err != nil {
			return released, err
		}
		raise.Raise(r)
		released++
	}
	if released == 0 {
		return 0, nil
	}
	if tx.restore == nil { // outside an import: the last import's restore point no longer covers them
		if err := tx.DropRestorePoint(); err != nil {
			return released, err
		}
	}
	return released, tx.RaiseSeen(raise)
}

// Quarantined lists the rows held back from the merge, oldest first.
func (db *DB) Quarantined(ctx context.Context) ([]Quarantined, error) {
	rows, err := db.ro.QueryContext(ctx, `SELECT id, tbl, row_id, reason, ahead_hlc, ahead_site, version, bundle_id,
		found_at FROM exchange_quarantine ORDER BY id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	horizon := db.clock().Add(MaxClockSkew)
	out := []Quarantined{}
	for rows.Next() {
		var q Quarantined
		var row string
		if err := rows.Scan(&q.ID, &q.Table, &q.RowID, &q.Reason, &q.Stamp.HLC, &q.Stamp.Site, &row,
			&q.BundleID, &q.FoundAt); err != nil {
			return nil, dbError(err)
		}
		q.TableLabel, _ = TableLabel(q.Table)
		q.StampAt = formatTime(q.Stamp.HLC.Wall())
		if rv, err := decodeHeld(q.Table, q.RowID, row); err == nil {
			if l, ok := labels[q.Table]; ok && l.NameCol != "" {
				q.RowName, _ = rv.Values[l.NameCol].(string)
			}
			q.Ready = true
			for _, s := range rv.Stamps {
				q.Ready = q.Ready && !s.HLC.Wall().After(horizon)
			}
		}
		if q.RowName == "" {
			q.RowName = db.rowName(ctx, q.Table, q.RowID)
		}
		out = append(out, q)
	}
	return out, dbError(rows.Err())
}
