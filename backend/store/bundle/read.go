package bundle

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Reader reads a bundle that Open has checked.
type Reader struct {
	ctx    context.Context
	db     *sql.DB
	schema Schema
	Meta   Meta
	Seen   store.Vector // Meta.Seen, parsed
	Base   store.Vector // Meta.Base, parsed

	stampsRead int // stamps Rows has read
}

var (
	hexSite   = regexp.MustCompile(`^[0-9a-f]{32}$`)
	hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)
	uuidText  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// Open opens the bundle at path (a copy on local disk) for a database of the given schema and
// version, and checks it whole before anything is read from it: a file that is not a sound SQLite
// database, whose schema differs from what this program writes for these tables, whose metadata is
// not this format and version, or any of whose values is out of place is refused with a message
// saying what is wrong (code invalid).
func Open(ctx context.Context, path string, schema Schema, version int) (*Reader, error) {
	name := filepath.Base(path)
	bad := func(format string, args ...any) error {
		return errs.New(errs.Invalid, "数据包 %s 不能导入："+format, append([]any{name}, args...)...)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, errs.Wrap(err, errs.NotFound, "找不到数据包 %s", path)
	}
	if fi.Size() > MaxBytes {
		return nil, bad("文件有 %d MB，超过了 %d MB 的上限", fi.Size()>>20, MaxBytes>>20)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, bad("%v", err)
	}
	u := url.URL{Scheme: "file", Opaque: filepath.ToSlash(abs), RawQuery: "mode=ro&immutable=1"}
	if !strings.HasPrefix(u.Opaque, "/") {
		u.Opaque = "/" + u.Opaque // a Windows path: file:/C:/…
	}
	db, err := sql.Open(driverName, u.String())
	if err != nil {
		return nil, bad("%v", err)
	}
	r := &Reader{ctx: ctx, db: db, schema: schema}
	if err := r.check(version, bad); err != nil {
		db.Close()
		return nil, err
	}
	return r, nil
}

// Close closes the bundle.
func (r *Reader) Close() error { return r.db.Close() }

func (r *Reader) check(version int, bad func(string, ...any) error) error {
	var ok string
	if err := r.db.QueryRowContext(r.ctx, `PRAGMA quick_check`).Scan(&ok); err != nil {
		return bad("不是本程序导出的数据包，或文件已损坏")
	}
	if ok != "ok" {
		return bad("文件已损坏（%s）", ok)
	}
	if err := r.checkSchema(bad); err != nil {
		return err
	}
	if err := r.readMeta(version, bad); err != nil {
		return err
	}
	return r.checkValues(bad)
}

// checkSchema compares the file's schema, object by object, with what Create makes for r.schema.
func (r *Reader) checkSchema(bad func(string, ...any) error) error {
	rows, err := r.db.QueryContext(r.ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return bad("不是本程序导出的数据包，或文件已损坏")
	}
	defer rows.Close()
	want := map[string]string{}
	for _, s := range r.schema.statements() {
		want[objectName(s)] = s
	}
	got := map[string]bool{}
	for rows.Next() {
		var kind, name, text string
		if err := rows.Scan(&kind, &name, &text); err != nil {
			return bad("%v", err)
		}
		got[name] = true
		if kind == "index" && strings.HasPrefix(name, "sqlite_autoindex_") && text == "" {
			continue // the index of a primary key
		}
		w, ok := want[name]
		switch {
		case !ok:
			return bad("文件里多出本程序不会写的%s %s", kindLabel(kind), name)
		case kind != "table" || text != w:
			return bad("文件里的表 %s 与本程序的不同（对方的程序版本不同，或文件被改动过）", name)
		}
	}
	if err := rows.Err(); err != nil {
		return bad("%v", err)
	}
	var missing []string
	for name := range want {
		if !got[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return bad("文件里缺少表 %s（对方的程序版本不同，或文件不完整）", strings.Join(missing, "、"))
	}
	return nil
}

func kindLabel(kind string) string {
	switch kind {
	case "table":
		return "表"
	case "index":
		return "索引"
	case "trigger":
		return "触发器"
	case "view":
		return "视图"
	}
	return kind
}

// objectName is the name a CREATE TABLE statement gives.
func objectName(stmt string) string {
	rest := strings.TrimPrefix(stmt, "CREATE TABLE ")
	name := rest[:strings.IndexAny(rest, " (")]
	return strings.ReplaceAll(strings.Trim(name, `"`), `""`, `"`)
}

func (r *Reader) readMeta(version int, bad func(string, ...any) error) error {
	rows, err := r.db.QueryContext(r.ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return bad("%v", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return bad("说明部分格式不对（%v）", err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return bad("%v", err)
	}
	if len(m) != len(metaKeys) {
		return bad("说明部分应有 %d 项，有 %d 项", len(metaKeys), len(m))
	}
	for _, k := range metaKeys {
		if _, ok := m[k]; !ok {
			return bad("说明部分缺少 %s", k)
		}
	}
	mt := Meta{Format: m["format"], BundleID: m["bundle_id"], SenderSite: m["sender_site"], SenderName: m["sender_name"],
		SenderShort: m["sender_short"], SenderKey: m["sender_key"], To: m["to"], CreatedAt: m["created_at"],
		Full: m["full"] == "1", Seen: m["seen"], Base: m["base"]}
	if mt.Format != Format {
		return bad("格式是“%s”，本程序只认“%s”", mt.Format, Format)
	}
	if mt.SchemaVersion, err = strconv.Atoi(m["schema_version"]); err != nil || mt.SchemaVersion != version {
		return bad("它由数据库结构第 %s 版的程序生成，本程序是第 %d 版；请两边都升级到同一版本后再交换", m["schema_version"], version)
	}
	if !uuidText.MatchString(mt.BundleID) {
		return bad("编号“%s”格式不对", mt.BundleID)
	}
	if !hexSite.MatchString(mt.SenderSite) || (mt.To != "" && !hexSite.MatchString(mt.To)) {
		return bad("发送或接收单位的标识格式不对")
	}
	if mt.SenderName == "" || len(mt.SenderName) > 200 || len(mt.SenderShort) > 60 || len(mt.SenderKey) > 200 {
		return bad("发送单位的名称、简称或公钥格式不对")
	}
	if _, err := store.ParseTime(mt.CreatedAt); err != nil {
		return bad("生成时间“%s”格式不对", mt.CreatedAt)
	}
	if m["full"] != "0" && m["full"] != "1" {
		return bad("full 一项应为 0 或 1")
	}
	if r.Seen, err = store.ParseVector(mt.Seen); err != nil {
		return bad("发送单位的版本记录不对（%s）", errs.As(err).Message)
	}
	if r.Base, err = store.ParseVector(mt.Base); err != nil {
		return bad("起点版本记录不对（%s）", errs.As(err).Message)
	}
	if err := json.Unmarshal([]byte(m["counts"]), &mt.Counts); err != nil {
		return bad("记录数一项格式不对")
	}
	if mt.Files, err = strconv.Atoi(m["files"]); err != nil || mt.Files < 0 {
		return bad("文件数一项格式不对")
	}
	r.Meta = mt
	return nil
}

// checkValues reads every value once: stamps well formed and each naming a row of the bundle, every
// row with its insert's stamp, ids canonical UUIDs, texts valid UTF-8 within MaxText, blobs within
// MaxBlob, counts as the metadata says, files named by the SHA-256 of their content.
func (r *Reader) checkValues(bad func(string, ...any) error) error {
	for _, t := range r.schema.tables() {
		n, err := r.scanRows(t, bad)
		if err != nil {
			return err
		}
		if n != r.Meta.Counts[t] {
			return bad("表 %s 有 %d 行，说明部分却说有 %d 行", t, n, r.Meta.Counts[t])
		}
	}
	for t := range r.Meta.Counts {
		if _, ok := r.schema[t]; !ok {
			return bad("说明部分提到本程序没有的表 %s", t)
		}
	}
	var all int
	if err := r.db.QueryRowContext(r.ctx, `SELECT count(*) FROM stamps`).Scan(&all); err != nil {
		return bad("%v", err)
	}
	if all != r.stampsRead {
		return bad("有 %d 条版本记录不属于包里的任何一行", all-r.stampsRead)
	}
	return r.checkFiles(bad)
}

// scanRows checks the values and stamps of one table's rows and counts them.
func (r *Reader) scanRows(t string, bad func(string, ...any) error) (int, error) {
	n := 0
	last := ""
	err := r.Rows(t, func(rv store.RowVersion) error {
		n++
		if !uuidText.MatchString(rv.ID) {
			return bad("表 %s 里的编号“%.40s”格式不对", t, rv.ID)
		}
		if rv.ID == last {
			return bad("表 %s 里的记录 %s 出现了两次", t, rv.ID)
		}
		last = rv.ID
		if _, ok := rv.Stamps[store.RowStamp]; !ok {
			return bad("表 %s 的记录 %s 没有新增时的版本", t, rv.ID)
		}
		for c, v := range rv.Values {
			switch x := v.(type) {
			case nil, int64, float64:
			case string:
				if len(x) > MaxText || !utf8.ValidString(x) {
					return bad("表 %s 的记录 %s 的 %s 过长或不是有效的文字", t, rv.ID, c)
				}
			case []byte:
				if len(x) > MaxBlob {
					return bad("表 %s 的记录 %s 的 %s 超过 %d MB", t, rv.ID, c, MaxBlob>>20)
				}
			default:
				return bad("表 %s 的记录 %s 的 %s 类型不对", t, rv.ID, c)
			}
		}
		for f, s := range rv.Stamps {
			if s.HLC <= 0 || !hexSite.MatchString(s.Site) || len(f) > 64 {
				return bad("表 %s 的记录 %s 的字段 %.64s 的版本格式不对", t, rv.ID, f)
			}
		}
		return nil
	})
	return n, err
}

// Rows calls fn with every row of a shared table in the bundle, with its stamps, in the order of
// their ids.
func (r *Reader) Rows(t string, fn func(store.RowVersion) error) error {
	cols, ok := r.schema[t]
	if !ok {
		return errs.New(errs.Internal, "数据包没有表 %s", t)
	}
	stamps, err := r.db.PrepareContext(r.ctx, `SELECT field, hlc, site FROM stamps WHERE tbl = ? AND row_id = ?`)
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "读数据包失败")
	}
	defer stamps.Close()
	rows, err := r.db.QueryContext(r.ctx, fmt.Sprintf("SELECT * FROM %s ORDER BY id", quote(rowTable(t))))
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "读数据包失败")
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return errs.Wrap(err, errs.Invalid, "读数据包失败")
		}
		rv := store.RowVersion{Table: t, Values: store.Values{}, Stamps: map[string]store.Stamp{}}
		for i, c := range cols {
			rv.Values[c] = vals[i]
		}
		rv.ID, _ = rv.Values["id"].(string)
		if err := r.readStamps(stamps, &rv); err != nil {
			return err
		}
		if err := fn(rv); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, errs.Invalid, "读数据包失败")
	}
	return nil
}

func (r *Reader) readStamps(st *sql.Stmt, rv *store.RowVersion) error {
	rows, err := st.QueryContext(r.ctx, rv.Table, rv.ID)
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "读数据包失败")
	}
	defer rows.Close()
	for rows.Next() {
		var f string
		var s store.Stamp
		var site any
		if err := rows.Scan(&f, &s.HLC, &site); err != nil {
			return errs.Wrap(err, errs.Invalid, "数据包里的版本记录格式不对")
		}
		s.Site, _ = site.(string)
		rv.Stamps[f] = s
		r.stampsRead++
	}
	return rows.Err()
}

// Files calls fn with every attached file of the bundle.
func (r *Reader) Files(fn func(sha256 string, data []byte) error) error {
	rows, err := r.db.QueryContext(r.ctx, `SELECT sha256, data FROM files ORDER BY sha256`)
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "读数据包失败")
	}
	defer rows.Close()
	for rows.Next() {
		var sha string
		var data []byte
		if err := rows.Scan(&sha, &data); err != nil {
			return errs.Wrap(err, errs.Invalid, "数据包里的附件格式不对")
		}
		if err := fn(sha, data); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (r *Reader) checkFiles(bad func(string, ...any) error) error {
	n := 0
	err := r.Files(func(sha string, data []byte) error {
		n++
		if !hexSHA256.MatchString(sha) || len(data) > MaxFile || sha256Hex(data) != sha {
			return bad("附件 %.64s 的内容与名称不符或超过 %d MB", sha, MaxFile>>20)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n != r.Meta.Files {
		return bad("有 %d 个附件，说明部分却说有 %d 个", n, r.Meta.Files)
	}
	return nil
}
