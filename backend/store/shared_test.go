package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// A database in a folder Syncthing keeps in step (it holds .stfolder, here or above) is refused as the
// live database, with a message offering the import instead, and nothing is created there.
func TestLiveDatabaseNotInASyncedFolder(t *testing.T) {
	synced := t.TempDir()
	if err := os.Mkdir(filepath.Join(synced, ".stfolder"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(synced, "乡镇")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(sub, "xiangzhi.db")
	_, err := store.Open(path, store.Options{})
	e := errs.As(err)
	if e.Code != errs.Invalid || e.Field != "db" || !strings.Contains(e.Message, "Syncthing") ||
		!strings.Contains(e.Message, "打开他处数据库") {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(sub); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
