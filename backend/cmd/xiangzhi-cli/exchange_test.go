package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// Two offices exchange through a folder from the command line: cards, an encrypted bundle for a peer,
// a preview, the import, a second import that changes nothing, a passphrase-sealed snapshot, and the
// listings as JSON. Bad command lines are refused with the usage.
func TestExchangeCommands(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	share := filepath.Join(dir, "交换 文件夹")
	if err := os.Mkdir(share, 0o755); err != nil {
		t.Fatal(err)
	}
	must := mustRun(t)
	must("init", "--db", a, "--office", "丹口镇", "--short", "丹口")
	must("init", "--db", b, "--office", "县民政局", "--short", "县局")
	must("demo", "--db", a, "--scale", "township")
	card := filepath.Join(dir, "县局"+exchange.CardExtension)
	must("peer", "card", "--db", b, card)
	must("peer", "add", "--db", a, card)
	var peers []store.Peer
	if err := json.Unmarshal([]byte(must("peer", "list", "--db", a, "--json")), &peers); err != nil || len(peers) != 1 ||
		peers[0].Name != "县民政局" {
		t.Fatalf("peers: %+v %v", peers, err)
	}
	out := must("bundle", "export", "--db", a, "--peer", "县局", "--to", share)
	if !strings.Contains(out, "已用对方的密钥加密") {
		t.Fatalf("export: %s", out)
	}
	files, _ := filepath.Glob(filepath.Join(share, "*"+exchange.AgeExtension))
	if len(files) != 1 {
		t.Fatalf("bundles in the folder: %v", files)
	}
	if out := must("bundle", "import", "--db", b, files[0], "--preview"); !strings.Contains(out, "预览（未改动数据库）") ||
		!strings.Contains(out, "居民：") || !strings.Contains(out, "导入前会先备份整个数据库") {
		t.Fatalf("preview: %s", out)
	}
	var res exchange.ImportResult
	if err := json.Unmarshal([]byte(must("bundle", "import", "--db", b, files[0], "--json")), &res); err != nil ||
		res.Inserted == 0 || !res.NewPeer || !res.Manifest || !res.Sealed || res.Backup == "" {
		t.Fatalf("import: %+v %v", res, err) // the demo's 30,000 rows: too many for a restore point, a copy is made
	}
	if code, _, errOut := runCLI("bundle", "undo", "--db", b, res.BundleID); code != 1 || !strings.Contains(errOut, "导入前的数据库已备份") {
		t.Fatalf("undo of the large import: %d %s", code, errOut)
	}
	if out := must("bundle", "import", "--db", b, files[0]); !strings.Contains(out, "已经导入过") {
		t.Fatalf("second import: %s", out)
	}
	if out := must("conflicts", "list", "--db", b); !strings.Contains(out, "没有待处理的冲突") {
		t.Fatalf("conflicts: %s", out)
	}
	if out := must("conflicts", "list", "--db", b, "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("conflicts --json: %s", out)
	}
	if out := must("conflicts", "orphans", "--db", b); !strings.Contains(out, "没有上级已被删除的记录") {
		t.Fatalf("orphans: %s", out)
	}
	if out := must("conflicts", "orphans", "--db", b, "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("orphans --json: %s", out)
	}
	pass := filepath.Join(dir, "pass.txt")
	os.WriteFile(pass, []byte("一个足够长的密码\n"), 0o600)
	snap := t.TempDir()
	must("bundle", "export", "--db", a, "--full", "--to", snap, "--passphrase-file", pass)
	sealed, _ := filepath.Glob(filepath.Join(snap, "*"+exchange.AgeExtension))
	c := filepath.Join(dir, "c.db")
	must("init", "--db", c, "--office", "新华镇", "--short", "新华")
	if code, _, errOut := runCLI("bundle", "import", "--db", c, sealed[0]); code != 1 || !strings.Contains(errOut, "请输入密码") {
		t.Fatalf("without the passphrase: %d %s", code, errOut)
	}
	must("bundle", "import", "--db", c, sealed[0], "--passphrase-file", pass)
	for _, args := range [][]string{
		{"bundle"}, {"bundle", "send"}, {"bundle", "export", "--db", a, "--to", share},
		{"bundle", "import", "--db", b}, {"peer", "list", "--db", a, "--bogus"}, {"conflicts", "settle", "--db", b, "x", "local"},
	} {
		if code, _, errOut := runCLI(args...); code != 1 || !strings.Contains(errOut, "错误") {
			t.Fatalf("%v: %d %s", args, code, errOut)
		}
	}
}

// A bundle dated rightly whose rows carry clock values days ahead (the sender's clock ran ahead and
// was set right): the import holds those rows back and says so, and conflicts held lists them.
func TestHeldCommands(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	must := mustRun(t)
	must("init", "--db", a, "--office", "丹口镇", "--short", "丹口")
	must("init", "--db", b, "--office", "县民政局", "--short", "县局")
	addVillage(t, a, "超前村", clock().Add(72*time.Hour))
	must("bundle", "export", "--db", a, "--full", "--to", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*"+exchange.Extension))
	if len(files) != 1 {
		t.Fatalf("bundles: %v", files)
	}
	if out := must("bundle", "import", "--db", b, files[0]); !strings.Contains(out, "暂缓合并 1 行") ||
		!strings.Contains(out, "conflicts held") {
		t.Fatalf("import: %s", out)
	}
	if out := must("conflicts", "held", "--db", b, "--release"); !strings.Contains(out, "已合并 0 行") ||
		!strings.Contains(out, "村（社区）“超前村”") || !strings.Contains(out, "比本机时钟超前一天以上") {
		t.Fatalf("held: %s", out)
	}
	var held []store.Quarantined
	if err := json.Unmarshal([]byte(must("conflicts", "held", "--db", b, "--json")), &held); err != nil || len(held) != 1 || held[0].Ready {
		t.Fatalf("held --json: %+v %v", held, err)
	}
}

// A small import is listed as one that can be taken back, is taken back, is listed as such, and may
// then be made again (TestExchangeCommands: a larger one has a copy of the database made instead).
func TestUndoCommands(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	must := mustRun(t)
	must("init", "--db", a, "--office", "丹口镇", "--short", "丹口")
	must("init", "--db", b, "--office", "县民政局", "--short", "县局")
	addVillage(t, a, "丹口村", clock())
	card := filepath.Join(dir, "县局"+exchange.CardExtension)
	must("peer", "card", "--db", b, card)
	must("peer", "add", "--db", a, card)
	must("bundle", "export", "--db", a, "--peer", "县局", "--to", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*"+exchange.AgeExtension))
	var res exchange.ImportResult
	if err := json.Unmarshal([]byte(must("bundle", "import", "--db", b, files[0], "--json")), &res); err != nil ||
		res.Inserted == 0 || res.Backup != "" {
		t.Fatalf("import: %+v %v", res, err)
	}
	// The import is taken back, listed as such, and may then be made again.
	if out := must("bundle", "list", "--db", b); !strings.Contains(out, res.BundleID) || !strings.Contains(out, "（可撤销）") ||
		!strings.Contains(out, "丹口镇 的数据包") {
		t.Fatalf("bundle list: %s", out)
	}
	if code, _, errOut := runCLI("bundle", "undo", "--db", b); code == 0 || !strings.Contains(errOut, "数据包编号") {
		t.Fatalf("undo without an id: %d %s", code, errOut)
	}
	if out := must("bundle", "undo", "--db", b, res.BundleID); !strings.Contains(out, "已撤销这次导入") ||
		!strings.Contains(out, "删除导入新增的") {
		t.Fatalf("bundle undo: %s", out)
	}
	if out := must("bundle", "list", "--db", b); !strings.Contains(out, "撤销）") || strings.Contains(out, "可撤销") {
		t.Fatalf("bundle list after the undo: %s", out)
	}
	if code, _, errOut := runCLI("bundle", "undo", "--db", b, res.BundleID); code != 1 || !strings.Contains(errOut, "已经撤销过") {
		t.Fatalf("a second undo: %d %s", code, errOut)
	}
	var again exchange.ImportResult
	if err := json.Unmarshal([]byte(must("bundle", "import", "--db", b, files[0], "--json")), &again); err != nil ||
		again.Inserted != res.Inserted || again.AlreadyImported || !again.NewPeer || again.Backup != "" {
		t.Fatalf("imported again after the undo: %+v %v", again, err)
	}
	if out := must("bundle", "undo", "--db", b, res.BundleID); !strings.Contains(out, "已撤销这次导入") {
		t.Fatalf("undo after the second import: %s", out)
	}
}

// addVillage registers a village in the database file at path, with its clock at at.
func addVillage(t *testing.T, path, name string, at time.Time) {
	t.Helper()
	d, err := store.Open(path, store.Options{Clock: storetest.NewClock(at).Now})
	if err != nil {
		t.Fatal(err)
	}
	err = d.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": name})
		return err
	})
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
}

// conflicts list names the row by its name and says of a settled conflict which side was chosen, not
// which side the merge had kept before (it printed 现保留本单位的值 for one settled with 对方的值).
func TestConflictsListSaysWhatWasChosen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	must := mustRun(t)
	must("init", "--db", db, "--office", "丹口镇", "--short", "丹口")
	d, err := store.Open(db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	var village string
	if err := d.Write(context.Background(), func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "桃林村"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, settled := range []string{`NULL, '', ''`, `'2026-11-27T08:00:00Z', '王丽', 'incoming'`} {
		storetest.Tamper(t, d, `INSERT INTO exchange_conflicts (tbl, row_id, field, kept, local_value, local_hlc, local_site,
			incoming_value, incoming_hlc, incoming_site, bundle_id, found_at, settled_at, settled_by, choice)
			VALUES ('villages', ?, 'notes', 'local', '甲', 1, 's1', '乙', 2, 's2', 'b1', '2026-11-26T08:00:00Z', `+settled+`)`, village)
	}
	d.Close()
	out := must("conflicts", "list", "--db", db, "--all")
	for _, want := range []string{"1. 村（社区）“桃林村”的“备注”：本单位 “甲”，对方 “乙”；现保留本单位的值，待处理", "2. 村（社区）“桃林村”的“备注”：本单位 “甲”，对方 “乙”；已由 王丽 选定对方的值"} {
		if !strings.Contains(out, want) {
			t.Errorf("conflicts list --all lacks %q:\n%s", want, out)
		}
	}
}
