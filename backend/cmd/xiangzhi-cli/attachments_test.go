package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/store"
)

// Backups copy the database only. backup says so, with where the attachments are, when the database's
// folder keeps some; restore says so when the copy records attachments; with none, neither says it.
func TestBackupSaysAttachmentsAreNotInIt(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, out, _ := runCLI("init", "--db", db, "--office", "丹口镇"); code != 0 {
		t.Fatalf("init: %d %s", code, out)
	}
	code, out, _ := runCLI("backup", "--db", db, "--to", filepath.Join(dir, "plain.db"))
	if code != 0 || strings.Contains(out, "附件") {
		t.Fatalf("backup without attachments: %d %s", code, out)
	}

	d, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var village string
	ctx := context.Background()
	if err := d.Write(ctx, func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	scan := filepath.Join(t.TempDir(), "协议.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4\n%%EOF\n"), 0o644)
	if _, err := attachments.NewService(d, dir).Add(ctx, attachments.Owner{Table: "villages", ID: village}, scan, ""); err != nil {
		t.Fatal(err)
	}
	d.Close()

	backup := filepath.Join(dir, "copy.db")
	code, out, _ = runCLI("backup", "--db", db, "--to", backup)
	folder := filepath.Join(dir, "attachments")
	if code != 0 || !strings.Contains(out, "不含附件（照片和扫描件，1 个文件，共 15 字节）；附件在 "+folder) {
		t.Fatalf("backup: %d %s", code, out)
	}
	if code, out, _ = runCLI("check", "--db", db); code != 0 || !strings.Contains(out, "附件：1 个，文件 1 个（15 字节），都在 "+folder+"，与登记的校验值相符") {
		t.Errorf("check: %d %s", code, out)
	}
	restoredDir := t.TempDir()
	restored := filepath.Join(restoredDir, "restored.db")
	code, out, _ = runCLI("restore", "--from", backup, "--db", restored)
	want := "这份数据登记了 1 个附件，其中 1 个的文件不在 " + filepath.Join(restoredDir, "attachments") +
		"（备份只含数据库）；请把原数据文件夹里的 attachments 文件夹复制到 " + restoredDir
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("restore: %d %s", code, out)
	}
	// check says the same of the copy, read-only, and exits 0: the database itself is sound.
	code, out, _ = runCLI("check", "--db", restored)
	if code != 0 || !strings.Contains(out, "附件：1 个，附件文件夹 "+filepath.Join(restoredDir, "attachments")+" 中缺少 1 个的文件（协议.pdf）") {
		t.Errorf("check of the copy: %d %s", code, out)
	}
	// The folder copied beside it, all is there.
	if err := os.CopyFS(filepath.Join(restoredDir, "attachments"), os.DirFS(folder)); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI("check", "--db", restored, "--json")
	if code != 0 || !strings.Contains(out, `"attachments": {`) || !strings.Contains(out, `"missing": []`) {
		t.Errorf("check --json after copying the folder: %d %s", code, out)
	}
}
