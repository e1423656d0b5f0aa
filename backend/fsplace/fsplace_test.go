package fsplace

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSyncthingFolder(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if p := Where(filepath.Join(deep, "x.db")); p.Shared() {
		t.Fatalf("a plain temporary folder: %+v", p)
	}
	if err := os.Mkdir(filepath.Join(root, "a", ".stfolder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if p := Where(filepath.Join(deep, "x.db")); p.Syncthing != filepath.Join(root, "a") || !p.Shared() {
		t.Fatalf("under a Syncthing folder: %+v", p)
	}
}

func TestUNC(t *testing.T) {
	for path, want := range map[string]bool{
		`\\server\share\x.db`: true, `\\?\UNC\server\share\x.db`: true,
		`\\?\C:\x.db`: false, `C:\x.db`: false, `/home/x.db`: false,
	} {
		if got := isUNC(path); got != want {
			t.Errorf("isUNC(%s) = %v", path, got)
		}
	}
}
