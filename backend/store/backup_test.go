package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

	t.Run("DailyOncePerDayAndOnlyAfterChanges", func(t *testing.T) {
		first, err := db.BackupDaily(ctx)
		if err != nil || first != nil {
			t.Fatalf("daily backup with nothing changed since the manual one: %v, %v", first, err)
		}
		touch(t, db)
		first, err = db.BackupDaily(ctx)
		if err != nil || first == nil {
			t.Fatalf("first daily backup: %v, %v", first, err)
		}
		clock.Set(clock.Now().Add(3 * time.Hour))
		touch(t, db)
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

	t.Run("KeepsTheNewestThreeManual", func(t *testing.T) {
		var made []string
		for i := 0; i < 6; i++ {
			clock.Set(clock.Now().Add(time.Hour))
			r, err := db.BackupNow(ctx)
			if err != nil {
				t.Fatal(err)
			}
			made = append(made, filepath.Base(r.Path))
		}
		folder, err := db.BackupFolder()
		if err != nil {
			t.Fatal(err)
		}
		var manual []string
		for _, f := range folder.Files {
			if f.Kind == "manual" {
				manual = append(manual, f.Name)
			}
		}
		if want := []string{made[5], made[4], made[3]}; !slices.Equal(manual, want) {
			t.Errorf("manual backups kept %v, want %v", manual, want)
		}
		if folder.Count != len(folder.Files) || folder.Newest == nil || folder.Newest.Name != made[5] {
			t.Errorf("folder %+v", folder)
		}
		var total int64
		entries, _ := os.ReadDir(db.BackupDir())
		for _, e := range entries {
			info, _ := e.Info()
			total += info.Size()
		}
		if len(entries) != folder.Count || total != folder.TotalBytes {
			t.Errorf("%d files, %d bytes in the folder; reported %d, %d", len(entries), total, folder.Count, folder.TotalBytes)
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

// touch makes a change, so that a daily backup has something new to keep.
func touch(t *testing.T, db *store.DB) {
	t.Helper()
	if err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Insert("parents", store.Values{"name": "变化"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestBackupRetention runs a database for ten weeks on a pinned clock, a change and a start of the app
// every day, and checks each day what the backups folder keeps: the newest three daily backups, and
// the newest of each of the last four weeks — never more than seven, always reaching back three
// weeks; pre-upgrade backups apart, the newest two.
func TestBackupRetention(t *testing.T) {
	start := time.Date(2026, 11, 2, 8, 30, 0, 0, time.Local) // a Monday
	clock := storetest.NewClock(start)
	db := MustOpen(t, store.Options{Clock: clock.Now})
	ctx := context.Background()
	for day := 0; day < 70; day++ {
		clock.Set(start.AddDate(0, 0, day))
		touch(t, db)
		if r, err := db.BackupDaily(ctx); err != nil || r == nil {
			t.Fatalf("day %d: %v %v", day, r, err)
		}
		folder, err := db.BackupFolder()
		if err != nil {
			t.Fatal(err)
		}
		var days []time.Time
		for _, f := range folder.Files {
			at, _ := time.ParseInLocation("2006-01-02T15:04:05", f.At, time.Local)
			days = append(days, at)
		}
		today := clock.Now()
		monday := func(t time.Time) time.Time {
			d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
			return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
		}
		// The newest three days, each day present.
		for back := 0; back < 3 && back <= day; back++ {
			want := today.AddDate(0, 0, -back)
			if !slices.ContainsFunc(days, func(d time.Time) bool { return d.Equal(want) }) {
				t.Errorf("day %d: no backup of %s; have %v", day, want.Format("01-02"), days)
			}
		}
		// One per week for the last four weeks (the newest of the week), nothing older.
		weeks := map[time.Time]int{}
		for _, d := range days {
			weeks[monday(d)]++
			if monday(d).Before(monday(today).AddDate(0, 0, -21)) && d.Before(today.AddDate(0, 0, -2)) {
				t.Errorf("day %d: backup of %s kept, older than four weeks", day, d.Format("01-02"))
			}
		}
		for w := 0; w < 4 && day >= 7*w; w++ {
			if weeks[monday(today).AddDate(0, 0, -7*w)] == 0 {
				t.Errorf("day %d: no backup of the week of %s", day, monday(today).AddDate(0, 0, -7*w).Format("01-02"))
			}
		}
		if len(days) > KeepTotalDaily {
			t.Errorf("day %d: %d daily backups kept", day, len(days))
		}
		if day == 69 && len(days) < 6 {
			t.Errorf("after ten weeks only %d backups: %v", len(days), days)
		}
	}
	// Backups made before upgrades are kept apart: the newest two.
	for i := 0; i < 4; i++ {
		clock.Add(time.Minute)
		if _, err := db.BackupKind(ctx, fmt.Sprintf("pre-migrate-v%d", 5+i)); err != nil {
			t.Fatal(err)
		}
	}
	folder, _ := db.BackupFolder()
	var pre, daily []string
	for _, f := range folder.Files {
		switch f.Kind {
		case "pre-migrate":
			pre = append(pre, f.Name)
		case "daily":
			daily = append(daily, f.Name)
		}
	}
	if len(pre) != 2 || !strings.Contains(pre[0], "pre-migrate-v8") || !strings.Contains(pre[1], "pre-migrate-v7") {
		t.Errorf("pre-upgrade backups kept %v", pre)
	}
	if len(daily) < 6 {
		t.Errorf("pre-upgrade backups pushed out daily ones: %v", daily)
	}
}

// KeepTotalDaily is the most daily backups the rule keeps.
const KeepTotalDaily = store.KeepDaily + store.KeepWeekly

// A backup whose name leaves no room for SQLite's journal beside the copy is refused with a message,
// and a backup that fails leaves nothing beside its destination.
func TestBackupLeavesNothingWhenItFails(t *testing.T) {
	db := MustOpen(t, store.Options{})
	ctx := context.Background()
	dir := t.TempDir()
	long := filepath.Join(dir, strings.Repeat("备", 80)+".db") // 243 bytes: the copy fits, its journal not
	_, err := db.BackupTo(ctx, long)
	var e *errs.Error
	if !errors.As(err, &e) || e.Field != "to" || !strings.Contains(e.Message, "文件名太长") {
		t.Fatalf("long name: %v", err)
	}
	// A folder where the copy would go: VACUUM INTO fails after SQLite has begun.
	blocked := filepath.Join(dir, "copy.db")
	if err := os.Mkdir(blocked+".partial", 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(blocked+".partial", "keep"), nil, 0o644) // not empty: not removed
	if _, err := db.BackupTo(ctx, blocked); err == nil {
		t.Fatal("a backup onto a folder succeeded")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range left {
		if strings.HasSuffix(f, "-journal") || f == blocked {
			t.Errorf("left behind: %s", f)
		}
	}
}
