package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// A working folder left by a program killed before it wrote its mark, or whose mark nobody holds, is
// removed when the next one is made, whatever the program's clock says; a folder whose mark is held
// stays, and so does the new one until it is released.
func TestWorkDirsLeftBehindAreRemoved(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	parent := filepath.Dir(db.Path())
	unmarked := filepath.Join(parent, ".bundle-1")
	abandoned := filepath.Join(parent, ".bundle-2")
	held := filepath.Join(parent, ".bundle-3")
	for _, d := range []string{unmarked, abandoned, held} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(abandoned, ".live"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	mark, err := os.Create(filepath.Join(held, ".live"))
	if err != nil {
		t.Fatal(err)
	}
	defer mark.Close()
	if err := atomicfile.MarkLive(mark); err != nil {
		t.Fatal(err)
	}
	dir, release, err := db.WorkDir("bundle")
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{unmarked, abandoned} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s was left: %v", filepath.Base(gone), err)
		}
	}
	for _, there := range []string{held, dir} {
		if _, err := os.Stat(there); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(there), err)
		}
	}
	release()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("released but still there: %v", err)
	}
}
