package store_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestOneClock fails when non-test code in backend/ reads the wall clock anywhere but in the store's
// clock.go: every "now" comes from the clock injected when the database is opened.
func TestOneClock(t *testing.T) {
	wall := regexp.MustCompile(`\btime\.(Now|Since|Until)\b`)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	allowed := filepath.Join(root, "store", "clock.go")
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		checked++
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(body), "\n") {
			if wall.MatchString(line) && path != allowed {
				rel, _ := filepath.Rel(root, path)
				t.Errorf("backend/%s:%d reads the wall clock: %s (use DB.Now / DB.Today, or store.Stopwatch for a duration)",
					filepath.ToSlash(rel), i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked under %s", checked, root)
	}
}

// TestOnDay: inside OnDay the write reads the day given as today, and only there; the stamps keep
// the clock's time; a day to come is refused.
func TestOnDay(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 11, 27, 15, 4, 0, 0, time.Local))
	db := MustOpen(t, store.Options{Clock: clock.Now, OfficeName: "丹口镇"})
	past := time.Date(2025, 3, 8, 17, 30, 0, 0, time.Local)
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		if err := tx.OnDay(past, func() error {
			if got := tx.Today().Format("2006-01-02"); got != "2025-03-08" {
				t.Errorf("inside OnDay today = %s, want 2025-03-08", got)
			}
			if got := tx.Now().Format("2006-01-02 15:04"); got != "2026-11-27 15:04" {
				t.Errorf("inside OnDay now = %s, want the clock's 2026-11-27 15:04", got)
			}
			return nil
		}); err != nil {
			return err
		}
		if got := tx.Today().Format("2006-01-02"); got != "2026-11-27" {
			t.Errorf("after OnDay today = %s, want the clock's 2026-11-27", got)
		}
		called := false
		err := tx.OnDay(time.Date(2026, 11, 28, 0, 0, 0, 0, time.Local), func() error { called = true; return nil })
		wantCode(t, err, errs.Invalid)
		if called {
			t.Error("a day to come ran the work")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
