package store

import (
	"database/sql"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strings"

	"xiangzhi/backend/errs"
)

// An import's restore point (migration 0026): what its merge changed, as it was before, kept in the
// merge's own transaction. It costs in proportion to what the bundle changes, where a copy of the
// whole database costs seconds on a county's file before every bundle. Only the latest import keeps
// one. Taking an import back (UndoImport) rewinds this office to where it stood before it: the rows
// as they were, with their stamps, and this office's vector lowered again, so that the sender offers
// those writes again — as when a backup is restored, and unlike an edit, nothing of it travels.

// restoreState is what a transaction keeping a restore point gathers as it merges.
type restoreState struct {
	rows    []any   // exchange_restore_rows not yet written: tbl, row_id, before
	settled []int64 // open conflicts the merge settled
}

// restoreRowCols is the number of arguments per exchange_restore_rows row.
const restoreRowCols = 3

// KeepRestorePoint makes this transaction's merges (Merge, ReleaseQuarantine) keep a restore point
// for the import of bundleID from sender, in place of the last import's: this office's vector, the
// sender's peer record, the rows held back and where the conflicts end are noted now, each row as
// it was before the merge first writes it, and RecordBundle closes the point.
func (tx *Tx) KeepRestorePoint(bundleID, sender string) error {
	if err := tx.DropRestorePoint(); err != nil {
		return err
	}
	err := tx.exec(`INSERT INTO exchange_restore (bundle_id, sender, seen, peer_seen, held, conflicts_above)
		SELECT ?, ?,
			(SELECT json_group_array(json_array(site_no, hlc)) FROM exchange_seen),
			(SELECT seen FROM exchange_peers WHERE site_id = ?),
			(SELECT json_group_array(json_object('id', id, 'tbl', tbl, 'row_id', row_id, 'reason', reason,
				'ahead_hlc', ahead_hlc, 'ahead_site', ahead_site, 'version', version, 'digest', digest,
				'sender_seen', sender_seen, 'raise_to', raise_to, 'bundle_id', bundle_id, 'found_at', found_at))
				FROM exchange_quarantine),
			(SELECT coalesce(max(id), 0) FROM exchange_conflicts)`, bundleID, sender, sender)
	if err != nil {
		return err
	}
	tx.restore = &restoreState{}
	return nil
}

// DropRestorePoint forgets the last import's restore point: it can no longer be taken back (an
// import that keeps none, having had the database copied, supersedes it).
func (tx *Tx) DropRestorePoint() error {
	if err := tx.exec(`DELETE FROM exchange_restore`); err != nil {
		return err
	}
	return tx.exec(`DELETE FROM exchange_restore_rows`)
}

// keepBefore notes a row as it was before the merge writes it (nil: the merge inserts it), when the
// transaction keeps a restore point; the first note of a row is the one kept.
func (tx *Tx) keepBefore(tableName, id string, before *RowVersion) error {
	if tx.restore == nil {
		return nil
	}
	var enc any
	if before != nil {
		s, err := encodeHeld(*before)
		if err != nil {
			return err
		}
		enc = s
	}
	tx.restore.rows = append(tx.restore.rows, tableName, packID(id), enc)
	if len(tx.restore.rows) >= flushEvery*restoreRowCols {
		return tx.flushRestore()
	}
	return nil
}

// flushRestore writes the rows keepBefore noted.
func (tx *Tx) flushRestore() error {
	n := len(tx.restore.rows) / restoreRowCols
	if n == 0 {
		return nil
	}
	q := multiInsert("INSERT INTO exchange_restore_rows (tbl, row_id, before) VALUES ", restoreRowCols, n,
		" ON CONFLICT (tbl, row_id) DO NOTHING")
	if err := tx.exec(q, tx.restore.rows...); err != nil {
		return err
	}
	tx.restore.rows = tx.restore.rows[:0]
	return nil
}

// closeRestorePoint writes what is left of the restore point and this office's clock after the
// merge: a write of its own to a merged row since is stamped later.
func (tx *Tx) closeRestorePoint() error {
	if tx.restore == nil {
		return nil
	}
	if err := tx.flushRestore(); err != nil {
		return err
	}
	mark, err := tx.Clock()
	if err != nil {
		return err
	}
	settled, _ := json.Marshal(append([]int64{}, tx.restore.settled...))
	return tx.exec(`UPDATE exchange_restore SET mark = ?, settled = ?`, int64(mark), string(settled))
}

// UndoResult says what taking an import back did.
type UndoResult struct {
	BundleID string `json:"bundleId"`
	Restored int    `json:"restored"` // rows put back as they were before it
	Removed  int    `json:"removed"`  // rows it had added, removed
}

// UndoImport takes back the latest import, of bundleID, from its restore point: every row it wrote is
// put back as it was, stamps included, the rows it added are removed, and this office's vector, the
// sender's peer record, the rows held back and the conflicts are as before it. The import stays
// listed, marked undone, and its bundle may be imported again; the sender offers its writes again.
// Refused (code conflict, nothing changed) when a row it wrote was written again here since, or a
// row added here since refers to a row it added; code not_found when it keeps no restore point.
func (tx *Tx) UndoImport(bundleID string) (UndoResult, error) {
	res := UndoResult{BundleID: bundleID}
	var sender, seen, held, settled string
	var peerSeen sql.NullString
	var mark, above int64
	err := tx.QueryRow(`SELECT sender, mark, seen, peer_seen, held, conflicts_above, settled FROM exchange_restore
		WHERE bundle_id = ?`, bundleID).Scan(&sender, &mark, &seen, &peerSeen, &held, &above, &settled)
	if isNoRows(err) {
		return res, tx.noRestorePoint(bundleID)
	}
	if err != nil {
		return res, dbError(err)
	}
	if err := tx.editedSince(HLC(mark)); err != nil {
		return res, err
	}
	type kept struct {
		tbl, id, before string
		inserted        bool
	}
	rows, err := tx.Query(`SELECT tbl, row_id, before FROM exchange_restore_rows`)
	if err != nil {
		return res, dbError(err)
	}
	var all []kept
	for rows.Next() {
		var k kept
		var id any
		var before sql.NullString
		if err := rows.Scan(&k.tbl, &id, &before); err != nil {
			rows.Close()
			return res, dbError(err)
		}
		k.id, k.before, k.inserted = unpackID(id), before.String, !before.Valid
		all = append(all, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, dbError(err)
	}
	// Rows it changed first; then the rows it added, children before their parents.
	order := map[string]int{}
	for i, t := range tx.db.SharedTablesParentsFirst() {
		order[t] = i
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.inserted != b.inserted {
			return !a.inserted
		}
		return a.inserted && order[a.tbl] > order[b.tbl]
	})
	if err := tx.DeferForeignKeys(); err != nil {
		return res, err
	}
	removed := map[string][]string{} // table -> ids removed
	for _, k := range all {
		if k.inserted {
			if err := tx.removeMerged(k.tbl, k.id); err != nil {
				return res, err
			}
			removed[k.tbl] = append(removed[k.tbl], k.id)
			res.Removed++
			continue
		}
		pre, err := decodeHeld(k.tbl, k.id, k.before)
		if err != nil {
			return res, err
		}
		if err := tx.putBack(pre); err != nil {
			return res, err
		}
		res.Restored++
	}
	if err := tx.referredSince(removed); err != nil {
		return res, err
	}
	if err := tx.restoreBookkeeping(sender, seen, peerSeen, held, above, settled); err != nil {
		return res, err
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return res, err
	}
	if err := tx.exec(`UPDATE exchange_bundles SET undone_at = ?, undone_by = ? WHERE bundle_id = ?`,
		formatTime(wall), tx.operator, bundleID); err != nil {
		return res, err
	}
	if err := tx.audit("setting", "exchange_bundles", bundleID, []string{"undone_at"}, hlc, wall); err != nil {
		return res, err
	}
	return res, tx.DropRestorePoint()
}

// noRestorePoint says why an import cannot be taken back.
func (tx *Tx) noRestorePoint(bundleID string) error {
	var undone sql.NullString
	err := tx.QueryRow(`SELECT undone_at FROM exchange_bundles WHERE bundle_id = ?`, bundleID).Scan(&undone)
	switch {
	case isNoRows(err):
		return errs.New(errs.NotFound, "没有导入过数据包 %s", bundleID)
	case err != nil:
		return dbError(err)
	case undone.Valid:
		return errs.New(errs.Conflict, "这次导入已经撤销过了")
	}
	var latest string
	if err := tx.QueryRow(`SELECT bundle_id FROM exchange_bundles WHERE undone_at IS NULL
		ORDER BY imported_at DESC, rowid DESC LIMIT 1`).Scan(&latest); err != nil {
		return dbError(err)
	}
	if latest == bundleID {
		return errs.New(errs.Conflict, "这次导入的数据量大（或是全部数据），没有保留撤销用的记录；导入前的数据库已备份在备份文件夹中，需要时请从那份备份恢复")
	}
	return errs.New(errs.Conflict, "只能撤销最近一次导入：这个数据包之后又导入过其他数据包（或合并过暂缓的记录）")
}

// editedSince refuses when a row the import wrote has been written here since (stamped after mark,
// by this office: a later import would have replaced the restore point), naming the first.
func (tx *Tx) editedSince(mark HLC) error {
	var tbl string
	var id any
	err := tx.QueryRow(`SELECT r.tbl, r.row_id FROM exchange_restore_rows r
		JOIN history_tables t ON t.tbl = r.tbl
		JOIN field_versions f ON f.tbl_no = t.tbl_no AND f.row_id = r.row_id
		WHERE f.site_no = ? AND f.hlc > ? LIMIT 1`, tx.db.siteNo, int64(mark)).Scan(&tbl, &id)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return dbError(err)
	}
	return errs.New(errs.Conflict, "导入后，本单位又修改过%s，不能撤销这次导入；要改回，请直接修改这条记录",
		tx.rowTitle(tbl, unpackID(id)))
}

// rowTitle names a row for a sentence: its table and its name, else its id.
func (tx *Tx) rowTitle(tableName, id string) string {
	name := tx.db.rowName(tx.ctx, tableName, id)
	if name == "" {
		name = id
	}
	l, _ := TableLabel(tableName)
	return l + "“" + name + "”"
}

// putBack writes a row back as it was (the fields that differ, and all its stamps) and logs it as
// this office's edit.
func (tx *Tx) putBack(pre RowVersion) error {
	t, err := tx.db.sharedTable(pre.Table)
	if err != nil {
		return err
	}
	cur, err := tx.Get(pre.Table, pre.ID, IncludeDeleted)
	if err != nil {
		return err
	}
	var cols, fields []string
	var args []any
	for _, c := range sortedKeys(pre.Values) {
		if sameValue(cur[c], pre.Values[c]) {
			continue
		}
		cols = append(cols, c+" = ?")
		args = append(args, pre.Values[c])
		if t.columns[c] || c == "deleted_at" {
			fields = append(fields, c)
		}
	}
	if len(cols) > 0 {
		if err := tx.exec("UPDATE "+t.name+" SET "+strings.Join(cols, ", ")+" WHERE id = ?", append(args, pre.ID)...); err != nil {
			return err
		}
	}
	if err := tx.replaceStamps(pre.Table, pre.ID, pre.Stamps); err != nil {
		return err
	}
	if len(fields) == 0 {
		return nil
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	return tx.audit("update", t.name, pre.ID, fields, hlc, wall)
}

// removeMerged removes a row a merge inserted, with its stamps, and logs it as this office's delete.
func (tx *Tx) removeMerged(tableName, id string) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	if err := tx.exec("DELETE FROM "+t.name+" WHERE id = ?", id); err != nil {
		return err
	}
	if err := tx.replaceStamps(tableName, id, nil); err != nil {
		return err
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	return tx.audit("delete", t.name, id, t.names, hlc, wall)
}

// replaceStamps makes stamps the whole of a row's stamps.
func (tx *Tx) replaceStamps(tableName, id string, stamps map[string]Stamp) error {
	if err := tx.flush(); err != nil { // the stamps pending for it go first
		return err
	}
	if err := tx.exec(`DELETE FROM field_versions
		WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = ?) AND row_id = ?`, tableName, packID(id)); err != nil {
		return err
	}
	for _, f := range slices.Sorted(maps.Keys(stamps)) {
		if err := tx.stampAs(tableName, id, f, stamps[f]); err != nil {
			return err
		}
	}
	return nil
}

// referredSince refuses when a live row still refers to one the undo removed: it was added here
// after the import (the import's own rows are removed with their parents). The query matches the
// partial indexes on live rows; a deleted row that refers to one fails the foreign keys at commit.
func (tx *Tx) referredSince(removed map[string][]string) error {
	if len(removed) == 0 {
		return nil
	}
	for _, child := range tx.db.SharedTables() {
		t, _ := tx.db.sharedTable(child)
		for _, col := range slices.Sorted(maps.Keys(t.refs)) {
			ids := removed[t.refs[col]]
			for _, id := range ids {
				var other string
				err := tx.QueryRow("SELECT id FROM "+t.name+" WHERE "+col+" = ? AND deleted_at IS NULL LIMIT 1", id).Scan(&other)
				if isNoRows(err) {
					continue
				}
				if err != nil {
					return dbError(err)
				}
				return errs.New(errs.Conflict, "导入后，本单位在这次导入新增的%s下又添加了%s，不能撤销这次导入",
					tx.rowTitle(t.refs[col], id), tx.rowTitle(child, other))
			}
		}
	}
	return nil
}

// restoreBookkeeping puts back what the import changed of this office's bookkeeping: its vector,
// the sender's peer record (removed when the import made it a peer), the rows held back, and the
// conflicts (those it recorded removed, those it settled open again).
func (tx *Tx) restoreBookkeeping(sender, seen string, peerSeen sql.NullString, held string, above int64, settled string) error {
	type step struct {
		q    string
		args []any
	}
	steps := []step{
		{`DELETE FROM exchange_seen`, nil},
		{`INSERT INTO exchange_seen (site_no, hlc) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')
			FROM json_each(?)`, []any{seen}},
		{`DELETE FROM exchange_quarantine`, nil},
		{`INSERT INTO exchange_quarantine (id, tbl, row_id, reason, ahead_hlc, ahead_site, version, digest,
			sender_seen, raise_to, bundle_id, found_at)
			SELECT json_extract(value, '$.id'), json_extract(value, '$.tbl'), json_extract(value, '$.row_id'),
				json_extract(value, '$.reason'), json_extract(value, '$.ahead_hlc'), json_extract(value, '$.ahead_site'),
				json_extract(value, '$.version'), json_extract(value, '$.digest'), json_extract(value, '$.sender_seen'),
				json_extract(value, '$.raise_to'), json_extract(value, '$.bundle_id'), json_extract(value, '$.found_at')
			FROM json_each(?)`, []any{held}},
		{`DELETE FROM exchange_conflicts WHERE id > ?`, []any{above}},
		{`UPDATE exchange_conflicts SET settled_at = NULL, settled_by = '', choice = ''
			WHERE id IN (SELECT value FROM json_each(?))`, []any{settled}},
	}
	if peerSeen.Valid {
		steps = append(steps, step{`UPDATE exchange_peers SET seen = ? WHERE site_id = ?`, []any{peerSeen.String, sender}})
	} else {
		steps = append(steps, step{`DELETE FROM exchange_peers WHERE site_id = ?`, []any{sender}})
	}
	for _, s := range steps {
		if err := tx.exec(s.q, s.args...); err != nil {
			return err
		}
	}
	return nil
}
