package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// Files from elsewhere that are not sound 乡治通 databases are refused by Open and by check, with a
// message saying what is wrong, and neither changes a byte of them or leaves a -wal or -shm beside.
func TestFilesFromElsewhereAreRefusedUntouched(t *testing.T) {
	sound := func(t *testing.T) string {
		db := storetest.Open(t, store.Options{})
		db.Close()
		return db.Path()
	}
	for _, c := range []struct {
		name string
		make func(t *testing.T) string
		want string
	}{
		{"empty SQLite file of another program", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "other.db")
			storetest.TamperFile(t, p, "PRAGMA application_id = 123; PRAGMA user_version = 0")
			return p
		}, "不是乡治通数据库"},
		{"user_version 0", func(t *testing.T) string {
			p := sound(t)
			storetest.TamperFile(t, p, "PRAGMA user_version = 0")
			return p
		}, "结构版本为 0"},
		{"user_version -1", func(t *testing.T) string {
			p := sound(t)
			storetest.TamperFile(t, p, "PRAGMA user_version = -1")
			return p
		}, "结构版本为 -1"},
		{"site row deleted", func(t *testing.T) string {
			p := sound(t)
			storetest.TamperFile(t, p, "DELETE FROM site")
			return p
		}, "缺少本单位的标识"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.make(t)
			for _, f := range []string{p + "-wal", p + "-shm"} {
				os.Remove(f)
			}
			before := fileSum(t, p)
			_, err := store.Inspect(context.Background(), p)
			if e := wantCode(t, err, errs.Invalid); !strings.Contains(e.Message, c.want) {
				t.Errorf("check: %s", e.Message)
			}
			_, err = store.Open(p, store.Options{})
			if e := wantCode(t, err, errs.Invalid); !strings.Contains(e.Message, c.want) {
				t.Errorf("open: %s", e.Message)
			}
			if fileSum(t, p) != before {
				t.Error("the file changed")
			}
			for _, f := range []string{p + "-wal", p + "-shm"} {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s left beside a refused file", filepath.Base(f))
				}
			}
		})
	}
}

// check on a sound file (a backup, say) leaves it byte for byte as it was, with nothing beside it.
func TestCheckWritesNothing(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	r, err := db.BackupNow(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, r.Path)
	if rep, err := store.Inspect(context.Background(), r.Path); err != nil || rep.QuickCheck != "ok" {
		t.Fatalf("check of a backup: %+v %v", rep, err)
	}
	if fileSum(t, r.Path) != before {
		t.Error("check changed the backup")
	}
	if left, _ := filepath.Glob(r.Path + "-*"); len(left) > 0 {
		t.Errorf("left beside the backup: %v", left)
	}
}

// A backup is never opened as the live database; it is copied out to a new file, which opens.
func TestBackupIsRestoredAsACopy(t *testing.T) {
	db := storetest.Open(t, store.Options{OfficeName: "丹口镇"})
	r, err := db.BackupNow(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, r.Path)
	_, err = store.Open(r.Path, store.Options{})
	if e := wantCode(t, err, errs.Invalid); !strings.Contains(e.Message, "恢复为副本") || e.Field != "db" {
		t.Errorf("opening a backup: %+v", e)
	}
	dest := filepath.Join(t.TempDir(), "恢复 的.db")
	if _, err := store.RestoreCopy(context.Background(), r.Path, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := store.RestoreCopy(context.Background(), r.Path, dest); err == nil {
		t.Error("restored over an existing file")
	}
	copy, err := store.Open(dest, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	if copy.Site() != db.Site() {
		t.Errorf("the copy is another office: %+v, %+v", copy.Site(), db.Site())
	}
	if fileSum(t, r.Path) != before {
		t.Error("restoring changed the backup")
	}
}

// Two programs creating one new file: both end up with the same database (one made it, the other
// opened it), and nothing is left beside it.
func TestCreatingIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "新 库.db")
	const n = 4
	sites := make(chan string, n)
	errc := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			db, err := store.Open(path, store.Options{})
			if err != nil {
				errc <- err
				return
			}
			sites <- db.Site().SiteID
			db.Close()
		}()
	}
	var first string
	for i := 0; i < n; i++ {
		select {
		case err := <-errc:
			t.Fatalf("open: %v", err)
		case s := <-sites:
			if first == "" {
				first = s
			} else if s != first {
				t.Fatalf("two offices made for one file: %s and %s", first, s)
			}
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.new-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// A database that cannot be created (its folder is read-only) says so and leaves nothing.
func TestCreateInReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, err := store.Open(filepath.Join(dir, "x.db"), store.Options{})
	if e := wantCode(t, err, errs.Invalid); !strings.Contains(e.Message, "只读") {
		t.Errorf("read-only folder: %s", e.Message)
	}
}

// Why a file could not be opened is said as it is: a lock, a permission, a path too long are not
// "damaged".
func TestOpenErrorsSayWhatIsTrue(t *testing.T) {
	long := filepath.Join(t.TempDir(), strings.Repeat("库", 80)+".db") // 243 bytes
	_, err := store.Open(long, store.Options{})
	if e := wantCode(t, err, errs.Invalid); !strings.Contains(e.Message, "文件名太长") || e.Field != "db" {
		t.Errorf("long name: %+v", e)
	}
	if left, _ := filepath.Glob(filepath.Dir(long) + "/*"); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	for _, c := range []struct {
		err  sqlite3.Error
		code string
		want string
	}{
		{sqlite3.Error{Code: sqlite3.ErrBusy}, errs.Conflict, "锁定"},
		{sqlite3.Error{Code: sqlite3.ErrLocked}, errs.Conflict, "锁定"},
		{sqlite3.Error{Code: sqlite3.ErrPerm}, errs.Forbidden, "没有权限"},
		{sqlite3.Error{Code: sqlite3.ErrCantOpen}, errs.Invalid, "只读、没有权限或磁盘出错"},
		{sqlite3.Error{Code: sqlite3.ErrReadonly}, errs.Forbidden, "只读"},
		{sqlite3.Error{Code: sqlite3.ErrNotADB}, errs.Invalid, "已损坏或不是乡治通数据库"},
	} {
		e := wantCode(t, store.OpenError("x.db", c.err), c.code)
		if !strings.Contains(e.Message, c.want) {
			t.Errorf("%v: %s", c.err.Code, e.Message)
		}
	}
}
