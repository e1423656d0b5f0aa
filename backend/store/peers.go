package store

import (
	"context"
	"database/sql"

	"xiangzhi/backend/errs"
)

// Peer is an office this one exchanges bundles with.
type Peer struct {
	SiteID    string `json:"siteId"`
	Name      string `json:"name"`
	ShortName string `json:"shortName"`
	PublicKey string `json:"publicKey"` // age X25519 recipient, "" when none is known
	Seen      Vector `json:"seen"`      // what it holds, as its last bundle said
	AddedAt   string `json:"addedAt"`
	Removed   bool   `json:"removed"` // its bundles are refused
}

// Peers returns the offices this one exchanges with, removed ones included, by name.
func (db *DB) Peers(ctx context.Context) ([]Peer, error) {
	rows, err := db.ro.QueryContext(ctx, `SELECT site_id, name, short_name, public_key, seen, added_at,
		removed_at IS NOT NULL FROM exchange_peers ORDER BY name COLLATE pinyin, site_id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []Peer
	for rows.Next() {
		p, err := scanPeer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, dbError(rows.Err())
}

// Peer returns one peer by site id; ok is false when this office does not know it.
func (db *DB) Peer(ctx context.Context, siteID string) (p Peer, ok bool, err error) {
	rows, err := db.ro.QueryContext(ctx, `SELECT site_id, name, short_name, public_key, seen, added_at,
		removed_at IS NOT NULL FROM exchange_peers WHERE site_id = ?`, siteID)
	if err != nil {
		return p, false, dbError(err)
	}
	defer rows.Close()
	if !rows.Next() {
		return p, false, dbError(rows.Err())
	}
	p, err = scanPeer(rows)
	return p, err == nil, err
}

func scanPeer(rows *sql.Rows) (Peer, error) {
	var p Peer
	var seen string
	if err := rows.Scan(&p.SiteID, &p.Name, &p.ShortName, &p.PublicKey, &seen, &p.AddedAt, &p.Removed); err != nil {
		return p, dbError(err)
	}
	v, err := ParseVector(seen)
	if err != nil {
		return p, errs.Wrap(err, errs.Internal, "交换单位 %s 的版本记录已损坏", p.Name)
	}
	p.Seen = v
	return p, nil
}

// PutPeer adds a peer, or updates the name, short name and key of one already known (bringing back
// one that was removed). Its vector is left as it was.
func (tx *Tx) PutPeer(p Peer) error {
	if !siteIDPattern.MatchString(p.SiteID) {
		return errs.Field("siteId", "单位标识应是 32 位十六进制数字，不是“%s”", p.SiteID)
	}
	if p.SiteID == tx.db.site.SiteID {
		return errs.Field("siteId", "这是本单位自己的标识，不能把自己添加为交换单位")
	}
	if p.Name == "" {
		return errs.Field("name", "交换单位的名称不能为空")
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	if err := tx.exec(`INSERT INTO exchange_peers (site_id, name, short_name, public_key, added_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET name = excluded.name,
		short_name = excluded.short_name, public_key = excluded.public_key, removed_at = NULL`,
		p.SiteID, p.Name, p.ShortName, p.PublicKey, formatTime(wall)); err != nil {
		return err
	}
	return tx.audit("setting", "exchange_peers", p.SiteID, []string{"name", "short_name", "public_key"}, hlc, wall)
}

// RemovePeer stops exchanging with a peer: its bundles are refused from now on. Code not_found when
// it is not a peer.
func (tx *Tx) RemovePeer(siteID string) error {
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM exchange_peers WHERE site_id = ? AND removed_at IS NULL`, siteID).Scan(&n); err != nil {
		return dbError(err)
	}
	if n == 0 {
		return errs.New(errs.NotFound, "没有这个交换单位（%s）", siteID)
	}
	if err := tx.exec(`UPDATE exchange_peers SET removed_at = ? WHERE site_id = ?`, formatTime(wall), siteID); err != nil {
		return err
	}
	return tx.audit("setting", "exchange_peers", siteID, []string{"removed_at"}, hlc, wall)
}

// RecordPeerSeen records what a peer holds, as a bundle from it said. A bundle made after any before
// it from that peer (the peer's own clock in it is higher) says what the peer holds now, and is taken
// as it is: entries may fall, when the peer took an import back (UndoImport), and then it is sent those
// writes again. An older bundle, arriving late, only raises entries.
func (tx *Tx) RecordPeerSeen(siteID string, v Vector) error {
	var s string
	if err := tx.QueryRow(`SELECT seen FROM exchange_peers WHERE site_id = ?`, siteID).Scan(&s); err != nil {
		if isNoRows(err) {
			return errs.New(errs.NotFound, "没有这个交换单位（%s）", siteID)
		}
		return dbError(err)
	}
	cur, err := ParseVector(s)
	if err != nil {
		return err
	}
	if v[siteID] > cur[siteID] {
		cur = Vector{}
	}
	cur.Raise(v)
	return tx.exec(`UPDATE exchange_peers SET seen = ? WHERE site_id = ?`, cur.String(), siteID)
}

// BundleRecord is a bundle merged here.
type BundleRecord struct {
	BundleID   string `json:"bundleId"`
	Sender     string `json:"sender"`
	CreatedAt  string `json:"createdAt"`
	ImportedAt string `json:"importedAt"`
	Operator   string `json:"operator"`
	Rows       int    `json:"rows"`
	Changed    int    `json:"changed"`
	Conflicts  int    `json:"conflicts"`
	UndoneAt   string `json:"undoneAt"` // taken back (Tx.UndoImport), "" when not
	UndoneBy   string `json:"undoneBy"`
	Undoable   bool   `json:"undoable"` // it keeps the restore point: the latest import
}

// BundleImported reports whether the bundle with this id was merged here (and not taken back).
func (tx *Tx) BundleImported(id string) (bool, error) {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM exchange_bundles WHERE bundle_id = ? AND undone_at IS NULL`, id).Scan(&n)
	return n > 0, dbError(err)
}

// BundleImported reports whether the bundle with this id was merged here, outside a write.
func (db *DB) BundleImported(ctx context.Context, id string) (bool, error) {
	var n int
	err := db.ro.QueryRowContext(ctx, `SELECT count(*) FROM exchange_bundles WHERE bundle_id = ? AND undone_at IS NULL`, id).Scan(&n)
	return n > 0, dbError(err)
}

// RecordBundle notes a bundle as merged (again, when an import of it was taken back); ImportedAt and
// Operator are this transaction's. It closes the restore point the transaction keeps.
func (tx *Tx) RecordBundle(b BundleRecord) error {
	if err := tx.closeRestorePoint(); err != nil {
		return err
	}
	return tx.exec(`INSERT INTO exchange_bundles (bundle_id, sender, created_at, imported_at, operator, rows, changed, conflicts)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bundle_id) DO UPDATE SET imported_at = excluded.imported_at,
		operator = excluded.operator, rows = excluded.rows, changed = excluded.changed, conflicts = excluded.conflicts,
		undone_at = NULL, undone_by = ''`, b.BundleID, b.Sender, b.CreatedAt, formatTime(tx.db.clock()), tx.operator,
		b.Rows, b.Changed, b.Conflicts)
}

// Bundles returns the bundles merged here, newest first.
func (db *DB) Bundles(ctx context.Context) ([]BundleRecord, error) {
	rows, err := db.ro.QueryContext(ctx, `SELECT bundle_id, sender, created_at, imported_at, operator, rows, changed,
		conflicts, coalesce(undone_at, ''), undone_by, bundle_id IN (SELECT bundle_id FROM exchange_restore)
		FROM exchange_bundles ORDER BY imported_at DESC, rowid DESC`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []BundleRecord
	for rows.Next() {
		var b BundleRecord
		if err := rows.Scan(&b.BundleID, &b.Sender, &b.CreatedAt, &b.ImportedAt, &b.Operator, &b.Rows, &b.Changed, &b.Conflicts,
			&b.UndoneAt, &b.UndoneBy, &b.Undoable); err != nil {
			return nil, dbError(err)
		}
		out = append(out, b)
	}
	return out, dbError(rows.Err())
}
