package store

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"xiangzhi/backend/errs"
)

// Stamp is the version of a field: the clock value and the office (32-hex site id) of the write that
// set it.
type Stamp struct {
	HLC  HLC    `json:"hlc"`
	Site string `json:"site"`
}

// After reports whether a is the later write: the higher clock value, ties broken by the higher site
// id. Every office orders two writes the same way, so every office keeps the same one.
func (a Stamp) After(b Stamp) bool { return a.HLC > b.HLC || (a.HLC == b.HLC && a.Site > b.Site) }

// Vector is an office's version vector: for each office (site id), the highest clock value of that
// office's writes it holds all of. An office's own writes are numbered by its clock, which never goes
// back, and a bundle carries every write above the vector its receiver gave, so what an office holds
// of another is always everything up to some clock value.
type Vector map[string]HLC

// Covers reports whether the write of stamp s is among those v holds.
func (v Vector) Covers(s Stamp) bool { return s.HLC <= v[s.Site] }

// Raise sets each entry of v to the higher of it and the entry of w.
func (v Vector) Raise(w Vector) {
	for site, h := range w {
		if h > v[site] {
			v[site] = h
		}
	}
}

// Holds reports whether v holds everything w does.
func (v Vector) Holds(w Vector) bool {
	for site, h := range w {
		if v[site] < h {
			return false
		}
	}
	return true
}

// ParseVector reads a vector written as JSON ({"<site id>": clock value, …}) and checks its site ids.
func ParseVector(s string) (Vector, error) {
	v := Vector{}
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, errs.New(errs.Invalid, "版本记录格式不对：%v", err)
	}
	for site, h := range v {
		if !siteIDPattern.MatchString(site) || h < 0 {
			return nil, errs.New(errs.Invalid, "版本记录里的单位标识“%s”或时间戳 %d 不对", site, h)
		}
	}
	return v, nil
}

// String writes v as JSON, sites in order.
func (v Vector) String() string {
	b, _ := json.Marshal(map[string]HLC(v)) // map keys are sorted
	return string(b)
}

var siteIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// RowVersion is one shared row as an office holds it: every column, the system ones included, and
// the stamps of its fields by name (RowStamp, the insert's, stands for every field without its own).
type RowVersion struct {
	Table  string
	ID     string
	Values Values
	Stamps map[string]Stamp
}

// Stamp returns the version of one field: its own stamp when it is later than the insert's, else
// the insert's.
func (r RowVersion) Stamp(field string) Stamp {
	row := r.Stamps[RowStamp]
	if s, ok := r.Stamps[field]; ok && s.After(row) {
		return s
	}
	return row
}

// latest returns the stamp of the row's last write.
func (r RowVersion) latest() Stamp {
	var max Stamp
	for _, s := range r.Stamps {
		if s.After(max) {
			max = s
		}
	}
	return max
}

// MergeResult says what merging one row did.
type MergeResult struct {
	Inserted  bool     // the row was new here
	Changed   []string // the fields the incoming row changed here (all of them when inserted)
	Conflicts int      // fields written at both offices without either seeing the other's write
	// Quarantined: the row was held back, not merged (exchange_quarantine): a stamp of it is more than
	// MaxClockSkew ahead of this office's clock, or it refers to a held row this office does not have.
	Quarantined bool
}

// mergeState is what the merges of one transaction share: this office's vector before the first
// of them, which tells a concurrent write from one already seen.
type mergeState struct {
	seen          Vector
	openConflicts bool           // exchange_conflicts has an open conflict
	quarantined   map[string]int // "table/id" -> how many versions of the row are held back (exchange_quarantine)
	newlyHeld     []int64        // exchange_quarantine ids held in this transaction, for noteRaise
}

// Merge brings one row received from another office into this database, field by field: the later
// write (Stamp.After) wins, a tombstone (deleted_at) being a field like the others. sender is the
// vector of the office that sent it. A field where this office holds a write the sender had not seen,
// and the sender a write this office had not seen, with different values, is a conflict: the later
// write is kept, as everywhere, and the other recorded in exchange_conflicts for a person to settle.
// The row's stamps travel with it unchanged; the audit log records the change under the office and
// operator who made it. Code invalid when the row does not fit the table or a stamp is out of place.
//
// A row with a stamp more than MaxClockSkew ahead of this office's clock is not merged but held back
// (exchange_quarantine, MergeResult.Quarantined), as is a row that refers to a held row not here; it
// is merged by ReleaseQuarantine once the clock has caught up, and until then RaiseSeen claims none of
// its writes.
func (tx *Tx) Merge(in RowVersion, sender Vector, bundleID string) (MergeResult, error) {
	var res MergeResult
	t, err := tx.db.sharedTable(in.Table)
	if err != nil {
		return res, errs.New(errs.Invalid, "数据包里的表 %s 不是本程序的共享数据表", in.Table)
	}
	if err := tx.checkIncoming(t, in); err != nil {
		return res, err
	}
	if err := tx.beginMerge(); err != nil {
		return res, err
	}
	reason, err := tx.quarantineReason(t, in)
	if err != nil || reason != "" {
		res.Quarantined = reason != ""
		if err != nil {
			return res, err
		}
		return res, tx.quarantine(in, reason, sender, bundleID)
	}
	return tx.mergeRow(t, in, sender, bundleID)
}

// beginMerge reads, at the first merge of the transaction, what the merges share.
func (tx *Tx) beginMerge() error {
	if tx.merge != nil {
		return nil
	}
	seen, err := tx.Seen()
	if err != nil {
		return err
	}
	var open int
	if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM exchange_conflicts WHERE settled_at IS NULL)`).Scan(&open); err != nil {
		return dbError(err)
	}
	held, err := tx.Query(`SELECT tbl || '/' || row_id FROM exchange_quarantine`)
	if err != nil {
		return dbError(err)
	}
	defer held.Close()
	quarantined := map[string]int{}
	for held.Next() {
		var key string
		if err := held.Scan(&key); err != nil {
			return dbError(err)
		}
		quarantined[key]++
	}
	if err := held.Err(); err != nil {
		return dbError(err)
	}
	tx.merge = &mergeState{seen: seen, openConflicts: open == 1, quarantined: quarantined}
	return nil
}

// mergeRow merges a checked row that is not held back.
func (tx *Tx) mergeRow(t *table, in RowVersion, sender Vector, bundleID string) (MergeResult, error) {
	var res MergeResult
	for _, s := range in.Stamps {
		if err := tx.Observe(s.HLC); err != nil {
			return res, err
		}
	}
	cur, err := tx.Get(in.Table, in.ID, IncludeDeleted)
	if errs.As(err).Code == errs.NotFound {
		res.Inserted = true
		if err := tx.keepBefore(in.Table, in.ID, nil); err != nil {
			return res, err
		}
		return res, tx.mergeInsert(t, in)
	}
	if err != nil {
		return res, err
	}
	local, err := tx.rowStamps(in.Table, in.ID)
	if err != nil {
		return res, err
	}
	here := RowVersion{Table: in.Table, ID: in.ID, Values: cur, Stamps: local}
	if err := tx.deleteVersusEdit(here, in, sender, bundleID, &res); err != nil {
		return res, err
	}
	sets := map[string]any{}
	var stamps []string
	for _, f := range append(append([]string{}, t.names...), "deleted_at") {
		ls, is := here.Stamp(f), in.Stamp(f)
		if ls == is {
			continue
		}
		differ := !sameValue(cur[f], in.Values[f])
		if differ && !sender.Covers(ls) && !tx.merge.seen.Covers(is) {
			if err := tx.recordConflict(in, f, cur[f], ls, is, bundleID); err != nil {
				return res, err
			}
			res.Conflicts++
			tx.merge.openConflicts = true
		}
		if !is.After(ls) {
			continue
		}
		stamps = append(stamps, f)
		if differ {
			sets[f] = in.Values[f]
			res.Changed = append(res.Changed, f)
		}
	}
	// Who changed the row last, and when, is the office and operator of its latest write, wherever
	// that was made (the insert's created_at is the same everywhere).
	last := in.latest()
	if last.After(here.latest()) {
		for _, c := range []string{"updated_at", "site_id", "operator"} {
			if !sameValue(cur[c], in.Values[c]) {
				sets[c] = in.Values[c]
			}
		}
	}
	if len(sets) > 0 || len(stamps) > 0 {
		if err := tx.keepBefore(in.Table, in.ID, &here); err != nil {
			return res, err
		}
	}
	if len(sets) > 0 {
		cols := sortedKeys(Values(sets))
		args := make([]any, 0, len(cols)+1)
		for i, c := range cols {
			args = append(args, sets[c])
			cols[i] = c + " = ?"
		}
		q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", t.name, strings.Join(cols, ", "))
		if err := tx.exec(q, append(args, in.ID)...); err != nil {
			return res, mergeError(in, err)
		}
	}
	operator, _ := in.Values["operator"].(string)
	for _, f := range stamps {
		if err := tx.stampAs(in.Table, in.ID, f, in.Stamp(f)); err != nil {
			return res, err
		}
		if tx.merge.openConflicts {
			if err := tx.settleByLaterWrite(in.Table, in.ID, f, in.Stamp(f), in.Values[f], operator); err != nil {
				return res, err
			}
		}
	}
	if len(res.Changed) > 0 {
		if err := tx.auditAs("update", t.name, in.ID, res.Changed, last, operator); err != nil {
			return res, err
		}
	}
	return res, nil
}

// deleteVersusEdit records a conflict on deleted_at when one office deleted the row and the other
// edited it, neither having seen the other's write. Merged field by field, the row stays deleted with
// the edit on it, or stays deleted while the other office goes on editing it, and nobody is asked.
// The merge itself is unchanged (the later stamp of deleted_at wins, as everywhere); the conflict
// shows the deletion against the latest edit the deleting office had not seen, and settling it writes
// deleted_at again, which reaches every office.
func (tx *Tx) deleteVersusEdit(here, in RowVersion, sender Vector, bundleID string, res *MergeResult) error {
	localDeleted, inDeleted := here.Values["deleted_at"] != nil, in.Values["deleted_at"] != nil
	if localDeleted == inDeleted {
		return nil
	}
	ls, is := here.Stamp("deleted_at"), in.Stamp("deleted_at")
	if !sender.Covers(ls) && !tx.merge.seen.Covers(is) {
		return nil // both wrote deleted_at: the field's own conflict, recorded with the others
	}
	kept := keptSide(ls, is)
	if inDeleted {
		if tx.merge.seen.Covers(is) {
			return nil // a deletion seen here before: not news
		}
		ls = latestUnseen(here, sender)
	} else {
		if sender.Covers(ls) {
			return nil // the sender knew of this office's deletion
		}
		is = latestUnseen(in, tx.merge.seen)
	}
	if ls.HLC == 0 || is.HLC == 0 {
		return nil // no edit the deleting side had not seen
	}
	res.Conflicts++
	tx.merge.openConflicts = true
	return tx.insertConflict(in, "deleted_at", kept, here.Values["deleted_at"], ls, is, bundleID)
}

// latestUnseen is the stamp of the latest write to r's fields (deleted_at aside) that the vector
// seen does not cover; zero when it covers them all.
func latestUnseen(r RowVersion, seen Vector) Stamp {
	var out Stamp
	for f, s := range r.Stamps {
		if f != "deleted_at" && f != RowStamp && !seen.Covers(s) && s.After(out) {
			out = s
		}
	}
	return out
}

// mergeInsert writes a row that is new here as it came, with its stamps.
func (tx *Tx) mergeInsert(t *table, in RowVersion) error {
	cols := sortedKeys(in.Values)
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = in.Values[c]
	}
	if err := tx.exec(multiInsert(insertPrefix(t.name, cols), len(cols), 1, ""), args...); err != nil {
		return mergeError(in, err)
	}
	fields := make([]string, 0, len(in.Stamps))
	for f := range in.Stamps {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		if err := tx.stampAs(in.Table, in.ID, f, in.Stamps[f]); err != nil {
			return err
		}
	}
	operator, _ := in.Values["operator"].(string)
	return tx.auditAs("insert", t.name, in.ID, t.names, in.latest(), operator)
}

// checkIncoming refuses a row that does not have exactly the table's columns, whose id is not a
// canonical UUID, or whose stamps name a field the table does not have or are not well formed.
func (tx *Tx) checkIncoming(t *table, in RowVersion) error {
	bad := func(format string, args ...any) error {
		return errs.New(errs.Invalid, "数据包里%s的记录 %s 不对："+format,
			append([]any{tableLabel(t.name), in.ID}, args...)...)
	}
	if s, ok := packID(in.ID).([]byte); !ok || len(s) != 16 {
		return bad("编号不是标准格式")
	}
	if id, _ := in.Values["id"].(string); id != in.ID {
		return bad("编号与内容不符")
	}
	want := len(t.columns) + len(systemColumns)
	for c := range in.Values {
		if !t.columns[c] && !isSystemColumn(c) {
			return bad("多出列 %s", c)
		}
	}
	if len(in.Values) != want {
		return bad("缺少列（应有 %d 列，只有 %d 列）", want, len(in.Values))
	}
	for c, v := range in.Values {
		if !fitsType(t.types[c], v) {
			return bad("列 %s 的值类型不对（应为 %s）", c, t.types[c])
		}
	}
	if _, ok := in.Stamps[RowStamp]; !ok {
		return bad("缺少新增时的版本")
	}
	for f, s := range in.Stamps {
		if f != RowStamp && f != "deleted_at" && !t.columns[f] {
			return bad("版本记录里有表中没有的字段 %s", f)
		}
		if !siteIDPattern.MatchString(s.Site) || s.HLC <= 0 {
			return bad("字段 %s 的版本（%s %d）格式不对", f, s.Site, s.HLC)
		}
	}
	return nil
}

// fitsType reports whether a value is of the kind a column of the declared type holds: text for
// TEXT, a whole number for INTEGER, a number for REAL, bytes for BLOB; NULL for any (NOT NULL is the
// table's own check).
func fitsType(declared string, v any) bool {
	switch v.(type) {
	case nil:
		return true
	case string:
		return declared == "TEXT" || declared == "ANY" || declared == ""
	case int64:
		return declared == "INTEGER" || declared == "REAL" || declared == "ANY" || declared == ""
	case float64:
		return declared == "REAL" || declared == "ANY" || declared == ""
	case []byte:
		return declared == "BLOB" || declared == "ANY" || declared == ""
	}
	return false
}

func isSystemColumn(c string) bool {
	for _, s := range systemColumns {
		if s == c {
			return true
		}
	}
	return false
}

// mergeError says which row a merge could not write (a check of the table refused its values).
func mergeError(in RowVersion, err error) error {
	e := errs.As(err)
	return &errs.Error{Code: errs.Invalid, Message: fmt.Sprintf("数据包里%s的记录 %s 写不进本数据库：%s",
		tableLabel(in.Table), in.ID, e.Message), Err: err}
}

// tableLabel is the Chinese name of a table in quotes, for a sentence.
func tableLabel(name string) string {
	l, _ := TableLabel(name)
	return "“" + l + "”"
}

// rowStamps returns the stamps stored for a row in this transaction, by field.
func (tx *Tx) rowStamps(tableName, id string) (map[string]Stamp, error) {
	rows, err := tx.Query(`SELECT f.field, f.hlc, coalesce(s.site_id, '') FROM field_versions f
		LEFT JOIN sites s ON s.site_no = f.site_no
		WHERE f.tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = ?) AND f.row_id = ?`, tableName, packID(id))
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	out := map[string]Stamp{}
	for rows.Next() {
		var f string
		var s Stamp
		if err := rows.Scan(&f, &s.HLC, &s.Site); err != nil {
			return nil, dbError(err)
		}
		out[f] = s
	}
	return out, dbError(rows.Err())
}

// stampAs records s, another office's write, as the version of one field.
func (tx *Tx) stampAs(tableName, id, field string, s Stamp) error {
	no, err := tx.siteNo(s.Site)
	if err != nil {
		return err
	}
	tbl, err := tx.number(tableNames, tableName)
	if err != nil {
		return err
	}
	tx.pending.stamps = append(tx.pending.stamps, tbl, packID(id), field, int64(s.HLC), no)
	return tx.flushIfFull()
}

// auditAs appends the audit entry of a write another office made, under that office and operator.
func (tx *Tx) auditAs(action, tableName, rowID string, fields []string, s Stamp, operator string) error {
	no, err := tx.siteNo(s.Site)
	if err != nil {
		return err
	}
	fieldsNo, err := tx.fieldsNumber(fields)
	if err != nil {
		return err
	}
	return tx.appendAudit(s.HLC, 0, no, operator, action, tableName, rowID, fieldsNo)
}

// siteNo returns the local number of a site id, numbering it when it is new; remembered for the
// transaction.
func (tx *Tx) siteNo(site string) (int64, error) {
	if site == tx.db.site.SiteID {
		return tx.db.siteNo, nil
	}
	if no, ok := tx.siteNos[site]; ok {
		return no, nil
	}
	if err := tx.flush(); err != nil {
		return 0, err
	}
	no, err := tx.siteNumber(site)
	if err != nil {
		return 0, err
	}
	if tx.siteNos == nil {
		tx.siteNos = map[string]int64{}
	}
	tx.siteNos[site] = no
	return no, nil
}

// recordConflict keeps the losing side of a concurrent write for a person to settle.
func (tx *Tx) recordConflict(in RowVersion, field string, localValue any, ls, is Stamp, bundleID string) error {
	return tx.insertConflict(in, field, keptSide(ls, is), localValue, ls, is, bundleID)
}

// keptSide is the side whose write the merge keeps: local or incoming, the later.
func keptSide(ls, is Stamp) string {
	if is.After(ls) {
		return "incoming"
	}
	return "local"
}

// insertConflict writes a conflict on field of in: the value kept (local or incoming), this office's
// value and stamp, the incoming value and stamp.
func (tx *Tx) insertConflict(in RowVersion, field, kept string, localValue any, ls, is Stamp, bundleID string) error {
	return tx.exec(`INSERT INTO exchange_conflicts (tbl, row_id, field, kept, local_value, local_hlc, local_site,
		incoming_value, incoming_hlc, incoming_site, bundle_id, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.Table, in.ID, field, kept, localValue, int64(ls.HLC), ls.Site, in.Values[field], int64(is.HLC), is.Site,
		bundleID, formatTime(tx.db.clock()))
}
