package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

func TestBackups(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 11, 27, 8, 0, 0, 0, time.Local))
	db := MustOpen(t, store.Options{Clock: clock.Now, OfficeName: "西岩镇"})
	ctx := context.Background()

	r, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || r.Bytes == 0 || !strings.HasPrefix(r.Path, db.BackupDir()) {
		t.Errorf("result %+v", r)
	}
	checkBackupHolds(t, r.Path, db.SchemaVersion(), "西岩镇")

	t.Run("DailyOncePerDay", func(t *testing.T) {
		first, err := db.BackupDaily(ctx)
		if err != nil || first == nil {
			t.Fatalf("first daily backup: %v, %v", first, err)
		}
		clock.Set(clock.Now().Add(3 * time.Hour))
		second, err := db.BackupDaily(ctx)
		if err != nil || second != nil {
			t.Errorf("second daily backup on the same day: %v, %v", second, err)
		}
		clock.Set(clock.Now().Add(24 * time.Hour))
		third, err := db.BackupDaily(ctx)
		if err != nil || third == nil {
			t.Errorf("daily backup on the next day: %v, %v", third, err)
		}
	})

	t.Run("KeepsTheLast14", func(t *testing.T) {
		var last string
		for i := 0; i < 20; i++ {
			clock.Set(clock.Now().Add(time.Hour))
			r, err := db.BackupNow(ctx)
			if err != nil {
				t.Fatal(err)
			}
			last = r.Path
		}
		names, _ := db.Backups()
		if len(names) != store.KeepBackups || filepath.Join(db.BackupDir(), names[0]) != last {
			t.Errorf("%d backups kept, newest %s; want %d, newest %s", len(names), names[0], store.KeepBackups, last)
		}
		entries, _ := os.ReadDir(db.BackupDir())
		if len(entries) != store.KeepBackups {
			t.Errorf("%d files in the backups folder", len(entries))
		}
	})

	t.Run("SameSecondGetsANewName", func(t *testing.T) {
		a, err1 := db.BackupNow(ctx)
		b, err2 := db.BackupNow(ctx)
		if err1 != nil || err2 != nil || a.Path == b.Path {
			t.Errorf("%s %s %v %v", a.Path, b.Path, err1, err2)
		}
	})

	t.Run("RefusesToOverwrite", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "copy.db")
		os.WriteFile(dest, []byte("keep me"), 0o644)
		_, err := db.BackupTo(ctx, dest)
		wantCode(t, err, errs.Invalid)
		if b, _ := os.ReadFile(dest); string(b) != "keep me" {
			t.Error("existing file overwritten")
		}
	})
}
