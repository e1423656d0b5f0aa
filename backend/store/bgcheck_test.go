package store_test

import (
	"bytes"
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

// storetestClock is a test clock standing at the test date, 10:00 (storetest.Start).
func storetestClock() *storetest.Clock { return storetest.NewClock(storetest.Start()) }

// With the check in the background, a sound file opens and is written as usual; a damaged one is
// never written: Checked and every Write give the damage error naming the file, and its bytes stay.
func TestCheckInBackground(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	full := filepath.Join(dir, "full.db")
	db, err := store.Open(full, store.Options{Migrations: testMigrations()})
	if err != nil {
		t.Fatal(err)
	}
	fill := func(db *store.DB) error {
		return db.Write(ctx, func(tx *store.Tx) error {
			for i := 0; i < 2000; i++ {
				if _, err := tx.Insert("parents", store.Values{"name": strings.Repeat("数据", 50), "n": i}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := fill(db); err != nil {
		t.Fatal(err)
	}
	db.Close()

	t.Run("sound", func(t *testing.T) {
		db, err := store.Open(full, store.Options{Migrations: testMigrations(), CheckInBackground: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Checked(ctx); err != nil {
			t.Fatal(err)
		}
		if err := fill(db); err != nil {
			t.Fatal(err)
		}
	})

	// Pages in the middle of the file overwritten: the header and the schema still read.
	data, _ := os.ReadFile(full)
	damaged := filepath.Join(dir, "damaged.db")
	bad := append([]byte(nil), data...)
	for i := len(bad) / 2; i < len(bad)/2+40000 && i < len(bad); i++ {
		bad[i] = 0x5A
	}
	os.WriteFile(damaged, bad, 0o644)
	t.Run("damaged", func(t *testing.T) {
		if _, err := store.Open(damaged, store.Options{Migrations: testMigrations()}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("checked before opening: %v, want it refused", err)
		}
		db, err := store.Open(damaged, store.Options{Migrations: testMigrations(), CheckInBackground: true})
		if err != nil {
			if errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("open: %v", err)
			}
			return // refused at once: also right
		}
		defer db.Close()
		e := wantCode(t, db.Checked(ctx), errs.Invalid)
		if !strings.Contains(e.Message, damaged) {
			t.Errorf("message %q does not name the file", e.Message)
		}
		wantCode(t, fill(db), errs.Invalid)
		wantCode(t, db.SetOperator(ctx, "李干事"), errs.Invalid)
		db.Close()
		after, _ := os.ReadFile(damaged)
		if !bytes.Equal(bad, after) {
			t.Error("the damaged file was changed")
		}
	})
}

// A backup killed half-way leaves a .partial as large as the database; the next backup into the
// folder removes it once it is an hour old (a younger one may be a backup still running).
func TestBackupRemovesStalePartials(t *testing.T) {
	clock := storetestClock()
	db := MustOpen(t, store.Options{Clock: clock.Now})
	dir := db.BackupDir()
	os.MkdirAll(dir, 0o755)
	old := filepath.Join(dir, "xiangzhi-20260101-100000-daily.db.partial")
	journal := old + "-journal"
	young := filepath.Join(dir, "xiangzhi-20260101-110000-daily.db.partial")
	other := filepath.Join(dir, "notes.db.partial")
	for _, f := range []string{old, journal, young, other} {
		os.WriteFile(f, []byte("half a copy"), 0o644)
	}
	os.Chtimes(old, clock.Now().Add(-2*time.Hour), clock.Now().Add(-2*time.Hour))
	os.Chtimes(journal, clock.Now().Add(-2*time.Hour), clock.Now().Add(-2*time.Hour))
	os.Chtimes(young, clock.Now().Add(-10*time.Minute), clock.Now().Add(-10*time.Minute))
	if _, err := db.BackupNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{old: false, journal: false, young: true, other: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
}
