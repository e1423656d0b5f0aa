//go:build !windows

package store

import (
	"os"
	"path/filepath"
	"testing"

	"xiangzhi/backend/atomicfile"
)

// A temporary file that a program creating the database left when it was killed is removed by the next
// create; one that a live program is still building is not.
func TestCreateRemovesAbandonedFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "乡治通.db")
	dead := path + newSuffix + "111"
	for _, f := range []string{dead, dead + "-wal", dead + "-shm"} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	live := path + newSuffix + "222"
	f, err := os.Create(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := atomicfile.MarkLive(f); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "别的.db"+newSuffix+"333") // another database's
	os.WriteFile(other, nil, 0o644)

	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, f := range []string{dead, dead + "-wal", dead + "-shm"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s is still there", filepath.Base(f))
		}
	}
	for _, f := range []string{live, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed", filepath.Base(f))
		}
	}
}
