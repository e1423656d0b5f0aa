package bundle

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Writer builds a bundle file. Nothing it writes is final until Finish returns: the caller writes to
// a temporary name, syncs and renames (exchange does).
type Writer struct {
	ctx    context.Context
	db     *sql.DB
	tx     *sql.Tx
	schema Schema
	rows   map[string]*sql.Stmt
	stamps *sql.Stmt
	files  *sql.Stmt
	counts map[string]int
	nfiles int
}

// Create starts a bundle at path, which must not exist.
func Create(ctx context.Context, path string, schema Schema) (*Writer, error) {
	if _, err := os.Lstat(path); err == nil {
		return nil, errs.New(errs.Conflict, "文件 %s 已经存在", path)
	}
	db, err := sql.Open(driverName, "file:"+path+"?_journal_mode=OFF&_synchronous=OFF&_txlock=exclusive")
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法建立数据包 %s", path)
	}
	db.SetMaxOpenConns(1)
	w := &Writer{ctx: ctx, db: db, schema: schema, rows: map[string]*sql.Stmt{}, counts: map[string]int{}}
	if err := w.start(); err != nil {
		db.Close()
		os.Remove(path)
		return nil, errs.Wrap(err, errs.Internal, "无法建立数据包 %s", path)
	}
	return w, nil
}

func (w *Writer) start() error {
	var err error
	if w.tx, err = w.db.BeginTx(w.ctx, nil); err != nil {
		return err
	}
	for _, s := range w.schema.statements() {
		if _, err := w.tx.ExecContext(w.ctx, s); err != nil {
			return err
		}
	}
	for _, t := range w.schema.tables() {
		cols := w.schema[t]
		q := fmt.Sprintf("INSERT INTO %s VALUES (%s)", quote(rowTable(t)), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "))
		if w.rows[t], err = w.tx.PrepareContext(w.ctx, q); err != nil {
			return err
		}
	}
	if w.stamps, err = w.tx.PrepareContext(w.ctx, `INSERT INTO stamps (tbl, row_id, field, hlc, site) VALUES (?, ?, ?, ?, ?)`); err != nil {
		return err
	}
	w.files, err = w.tx.PrepareContext(w.ctx, `INSERT INTO files (sha256, data) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING`)
	return err
}

// Add writes one row and its stamps.
func (w *Writer) Add(r store.RowVersion) error {
	st, ok := w.rows[r.Table]
	if !ok {
		return errs.New(errs.Internal, "数据包没有表 %s", r.Table)
	}
	cols := w.schema[r.Table]
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = r.Values[c]
	}
	if _, err := st.ExecContext(w.ctx, args...); err != nil {
		return w.fail(err)
	}
	fields := make([]string, 0, len(r.Stamps))
	for f := range r.Stamps {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		s := r.Stamps[f]
		if _, err := w.stamps.ExecContext(w.ctx, r.Table, r.ID, f, int64(s.HLC), s.Site); err != nil {
			return w.fail(err)
		}
	}
	w.counts[r.Table]++
	return nil
}

// AddFile writes an attached file, named by the hex SHA-256 of its content.
func (w *Writer) AddFile(sha256 string, data []byte) error {
	res, err := w.files.ExecContext(w.ctx, sha256, data)
	if err != nil {
		return w.fail(err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		w.nfiles++
	}
	return nil
}

// Counts returns the rows written so far, by table.
func (w *Writer) Counts() map[string]int { return w.counts }

// Files returns how many attached files were written so far.
func (w *Writer) Files() int { return w.nfiles }

// Finish writes the metadata (its counts are the writer's) and closes the file.
func (w *Writer) Finish(m Meta) error {
	m.Format, m.Counts, m.Files = Format, w.counts, w.nfiles
	counts, _ := json.Marshal(m.Counts)
	full := "0"
	if m.Full {
		full = "1"
	}
	values := map[string]string{"format": m.Format, "bundle_id": m.BundleID, "schema_version": itoa(m.SchemaVersion),
		"sender_site": m.SenderSite, "sender_name": m.SenderName, "sender_short": m.SenderShort, "sender_key": m.SenderKey,
		"to": m.To, "created_at": m.CreatedAt, "full": full, "seen": m.Seen, "base": m.Base, "counts": string(counts),
		"files": itoa(m.Files)}
	for _, k := range metaKeys {
		if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO meta (key, value) VALUES (?, ?)`, k, values[k]); err != nil {
			return w.fail(err)
		}
	}
	if err := w.tx.Commit(); err != nil {
		return w.fail(err)
	}
	return w.db.Close()
}

// Abort closes the writer without finishing; the caller removes the file.
func (w *Writer) Abort() {
	if w.tx != nil {
		w.tx.Rollback()
	}
	w.db.Close()
}

func (w *Writer) fail(err error) error {
	if w.ctx.Err() != nil {
		return errs.Wrap(w.ctx.Err(), errs.Conflict, "已取消")
	}
	return errs.Wrap(err, errs.Internal, "写数据包失败")
}
