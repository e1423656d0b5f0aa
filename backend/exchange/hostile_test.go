package exchange_test

import (
	"bytes"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	_ "github.com/mattn/go-sqlite3"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
)

// TestHostileBundles: every kind of bad file is refused with a message saying what is wrong, and the
// receiving database is left byte for byte as it was.
func TestHostileBundles(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", 0)
	introduce(t, a, b)
	write(t, a, func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": "丹口村", "notes": "原样"})
		return err
	})
	good := send(t, a, b)
	plain, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Full: true, Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	withSQL := func(stmt string) func(string) error {
		return func(p string) error {
			db, err := sql.Open("sqlite3", p)
			if err != nil {
				return err
			}
			defer db.Close()
			_, err = db.Exec(stmt)
			return err
		}
	}
	cases := []struct {
		name, want string
		from       string               // the bundle to start from
		spoil      func(p string) error // nil: the file is written by data
		data       []byte
		passphrase string
	}{
		{name: "garbage", data: []byte("这不是数据包"), want: "不是本程序导出的数据包，或文件已损坏"},
		{name: "empty", data: []byte{}, want: "缺少表"},
		{name: "truncated", from: plain.Path, spoil: func(p string) error { return truncate(p, 3000) }, want: "数据包"},
		{name: "truncated zstd", from: plain.Path, spoil: func(p string) error { return truncate(p, 3000) }, want: "不完整"},
		{name: "trigger", from: plain.Path, want: "触发器",
			spoil: withSQL(`CREATE TRIGGER evil AFTER INSERT ON stamps BEGIN SELECT 1; END`)},
		{name: "view", from: plain.Path, want: "视图", spoil: withSQL(`CREATE VIEW v AS SELECT 1`)},
		{name: "extra table", from: plain.Path, want: "多出", spoil: withSQL(`CREATE TABLE extra (x)`)},
		{name: "wrong schema", from: plain.Path, want: "与本程序的不同",
			spoil: withSQL(`DROP TABLE rows_villages; CREATE TABLE rows_villages (id, name)`)},
		{name: "oversized value", from: plain.Path, want: "过长",
			spoil: withSQL(`UPDATE rows_villages SET notes = hex(zeroblob(600000))`)},
		{name: "wrong type", from: plain.Path, want: "值类型不对", spoil: withSQL(`UPDATE rows_villages SET name = 42`)},
		{name: "breaks a check", from: plain.Path, want: "写不进", spoil: withSQL(`UPDATE rows_villages SET kind = 'city'`)},
		{name: "stray stamp", from: plain.Path, want: "不属于",
			spoil: withSQL(`INSERT INTO stamps VALUES ('villages', 'x', 'name', 1, '` + strings.Repeat("a", 32) + `')`)},
		// (Rows stamped ahead in a bundle made at a sane time are held back: TestQuarantine.)
		{name: "from the future", from: plain.Path, want: "超前一天以上",
			spoil: withSQL(`UPDATE meta SET value = '2099-01-01T00:00:00.000Z' WHERE key = 'created_at'`)},
		{name: "unknown field", from: plain.Path, want: "没有的字段",
			spoil: withSQL(`INSERT INTO stamps SELECT tbl, row_id, 'password', hlc, site FROM stamps WHERE tbl = 'villages'`)},
		{name: "other schema version", from: plain.Path, want: "第 1 版",
			spoil: withSQL(`UPDATE meta SET value = '1' WHERE key = 'schema_version'`)},
		{name: "flipped byte", from: good, want: "校验文件不符", spoil: func(p string) error { return flip(p, 200) }},
		{name: "wrong passphrase", passphrase: "不是这个密码啊", want: "密码不对"},
	}
	before := fileBytes(t, b.db.Path())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "坏"+exchange.Extension)
			switch {
			case c.passphrase != "":
				r, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Full: true, Dir: t.TempDir(), Passphrase: "正确的密码正确的密码"}, nil)
				if err != nil {
					t.Fatal(err)
				}
				p = r.Path
			case c.from == good:
				copyFile(t, good, p)
				copyFile(t, good+exchange.ManifestExtension, p+exchange.ManifestExtension)
				if err := c.spoil(p); err != nil {
					t.Fatal(err)
				}
			case c.from == plain.Path && c.name == "truncated zstd":
				copyFile(t, c.from, p)
				if err := c.spoil(p); err != nil {
					t.Fatal(err)
				}
			case c.from != "":
				unzstd(t, c.from, p) // the SQLite file inside, which a reader takes as it is
				if err := c.spoil(p); err != nil {
					t.Fatal(err)
				}
			default:
				if err := os.WriteFile(p, c.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := exchange.Import(ctx, b.db, p, exchange.ImportOptions{Passphrase: c.passphrase, Accept: true}, nil)
			if err == nil || !strings.Contains(errs.As(err).Message, c.want) {
				t.Fatalf("got %v, want a message with %q", err, c.want)
			}
			if !bytes.Equal(fileBytes(t, b.db.Path()), before) {
				t.Fatal("the database changed")
			}
		})
	}
	// And the good bundle, after all that, goes in.
	if r := receive(t, b, good); r.Inserted != 2 {
		t.Fatalf("the good bundle: %+v", r)
	}
}

// TestBundleRouting: a bundle from this office, for another office, or from a removed peer is refused;
// one from an unknown office needs a person's yes.
func TestBundleRouting(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", 0)
	c := newOffice(t, "新华镇", "新华", 0)
	introduce(t, a, b)
	own, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Full: true, Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Import(ctx, a.db, own.Path, exchange.ImportOptions{}, nil); err == nil ||
		!strings.Contains(err.Error(), "本单位自己导出") {
		t.Fatalf("own bundle: %v", err)
	}
	card, _ := exchange.OwnCard(ctx, c.db)
	if err := exchange.AddPeer(ctx, a.db, card); err != nil {
		t.Fatal(err)
	}
	forC := send(t, a, c)
	// Sealed with a passphrase b knows, so b can open it and see it is not for b.
	pass, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Peer: "新华", Dir: t.TempDir(), Passphrase: "大家都知道的密码"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Import(ctx, b.db, pass.Path, exchange.ImportOptions{Passphrase: "大家都知道的密码"}, nil); err == nil ||
		!strings.Contains(err.Error(), "不是发给本单位") {
		t.Fatalf("someone else's bundle: %v", err)
	}
	if _, err := exchange.Import(ctx, c.db, forC, exchange.ImportOptions{}, nil); errs.As(err).Code != errs.Conflict {
		t.Fatalf("from an unknown office without a yes: %v", err)
	}
	if r, err := exchange.Import(ctx, c.db, forC, exchange.ImportOptions{Accept: true}, nil); err != nil || !r.NewPeer {
		t.Fatalf("with a yes: %+v %v", r, err)
	}
	write(t, b, func(tx *store.Tx) error { return tx.RemovePeer(a.db.Site().SiteID) })
	if _, err := exchange.Import(ctx, b.db, send(t, a, b), exchange.ImportOptions{}, nil); err == nil ||
		!strings.Contains(err.Error(), "已被移除") {
		t.Fatalf("a removed peer's bundle: %v", err)
	}
}

// TestPreviewChangesNothing: a preview counts what a merge would do and leaves the file as it was.
func TestPreviewChangesNothing(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", time.Hour)
	introduce(t, a, b)
	write(t, a, func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	p := send(t, a, b)
	before := fileBytes(t, b.db.Path())
	r, err := exchange.Import(ctx, b.db, p, exchange.ImportOptions{Preview: true}, nil)
	// The village and the office it came from.
	if err != nil || r.Inserted != 2 || len(r.Tables) != 2 || r.Tables[0].Label != "村（社区）" || r.Backup != "" {
		t.Fatalf("preview: %+v %v", r, err)
	}
	if !bytes.Equal(fileBytes(t, b.db.Path()), before) {
		t.Fatal("the preview changed the database")
	}
}

// fileBytes reads a database file and its WAL, as they are on disk.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	main, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(path + "-wal")
	return append(main, wal...)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// unzstd writes the SQLite file inside a published (compressed, unencrypted) bundle.
func unzstd(t *testing.T, from, to string) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := zstd.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, z); err != nil {
		t.Fatal(err)
	}
}

func truncate(p string, n int64) error { return os.Truncate(p, n) }

func flip(p string, at int64) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	b[at] ^= 0xff
	return os.WriteFile(p, b, 0o644)
}
