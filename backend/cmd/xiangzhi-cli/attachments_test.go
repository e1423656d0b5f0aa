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
	restored := filepath.Join(t.TempDir(), "restored.db")
	code, out, _ = runCLI("restore", "--from", backup, "--db", restored)
	want := "这份数据登记了 1 个附件，附件文件不在备份中；请把原数据文件夹里的 attachments 文件夹复制到 " +
		filepath.Join(filepath.Dir(restored), "attachments")
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("restore: %d %s", code, out)
	}
}
