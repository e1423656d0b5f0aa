package store_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// officeName reads this office's name.
func officeName(t *testing.T, db *store.DB) string {
	t.Helper()
	var n string
	if err := db.SQL().QueryRow(`SELECT name FROM offices WHERE id = ?`, db.Site().OfficeID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// renameOffice changes this office's name.
func renameOffice(t *testing.T, db *store.DB, name string) {
	t.Helper()
	if err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Update("offices", db.Site().OfficeID, store.Values{"name": name})
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// A backup of the backups folder is restored in place of the database: chosen, a checked copy waits
// beside the database, and the next opening swaps it in, the database as it stood moved into the
// backups folder as a pre-restore backup. A wrong or damaged choice is refused on its field and
// changes nothing; a choice can be taken back; a process stopped between the two renames leaves a
// state the next opening completes.
func TestRestoreBackupInPlace(t *testing.T) {
	ctx := context.Background()
	clock := storetest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local))
	path := filepath.Join(t.TempDir(), "xiangzhi.db")
	opts := store.Options{Clock: clock.Now, OfficeName: "丹口镇人民政府"}
	db, err := store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	backup, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(backup.Path)
	renameOffice(t, db, "西岩镇人民政府")

	// Refused on its field, nothing waiting: a name outside the folder, a file gone, a damaged backup.
	damaged := "xiangzhi-20261201-080000-daily.db"
	if err := os.WriteFile(filepath.Join(db.BackupDir(), damaged), []byte(strings.Repeat("坏", 3000)), 0o600); err != nil {
		t.Fatal(err)
	}
	// The list says which file is plainly no database; the others are whole copies, this user's only.
	folder, err := db.BackupFolder()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folder.Files {
		if f.Damaged != (f.Name == damaged) {
			t.Errorf("%s listed as damaged: %v", f.Name, f.Damaged)
		}
	}
	if st, err := os.Stat(backup.Path); err != nil || runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("the backup's mode: %v %v, want 0600", st.Mode(), err)
	}
	for _, bad := range []string{"../xiangzhi.db", "notes.txt", "xiangzhi-20261130-080000-manual.db", damaged} {
		_, err := db.PrepareRestore(ctx, bad)
		if e := wantCode(t, err, errs.Invalid); e.Field != "name" {
			t.Errorf("%s: field %q (%s)", bad, e.Field, e.Message)
		}
		if db.RestorePending() {
			t.Errorf("%s: a copy waits after a refusal", bad)
		}
	}
	os.Remove(filepath.Join(db.BackupDir(), damaged))

	// Chosen, then taken back: nothing happens at the next opening.
	if _, err := db.PrepareRestore(ctx, name); err != nil {
		t.Fatal(err)
	}
	if !db.RestorePending() {
		t.Fatal("no copy waits after the choice")
	}
	if err := db.CancelRestore(); err != nil || db.RestorePending() {
		t.Fatalf("cancel: %v, pending %v", err, db.RestorePending())
	}
	f, err := db.PrepareRestore(ctx, name)
	if err != nil || f.Name != name || f.Kind != "manual" {
		t.Fatalf("prepare: %+v, %v", f, err)
	}
	if folder, err := db.BackupFolder(); err != nil || !folder.RestorePending || folder.PendingName != name {
		t.Errorf("the folder does not say which backup waits: %v %q, %v", folder.RestorePending, folder.PendingName, err)
	}
	db.Close()

	clock.Set(clock.Now().Add(time.Hour))
	db, err = store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := officeName(t, db); n != "丹口镇人民政府" {
		t.Errorf("office %s after restoring the backup", n)
	}
	if db.RestorePending() {
		t.Error("the copy still waits after the opening that restored it")
	}
	folder, err = db.BackupFolder()
	if err != nil {
		t.Fatal(err)
	}
	var replaced string
	for _, b := range folder.Files {
		if b.Kind == "pre-restore" {
			replaced = filepath.Join(folder.Dir, b.Name)
		}
	}
	if replaced == "" {
		t.Fatalf("no pre-restore backup in %+v", folder.Files)
	}
	checkBackupHolds(t, replaced, db.SchemaVersion(), "西岩镇人民政府")
	if st, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("the restored database's mode: %v %v, want 0600", st.Mode(), err)
	}
	db.Close()
	// Another opening restores nothing more.
	db, err = store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := officeName(t, db); n != "丹口镇人民政府" {
		t.Errorf("office %s at the next opening", n)
	}
	db.Close()

	// Stopped after the database was moved away, before the copy took its name: the next opening
	// finishes the swap.
	if err := os.Rename(path, filepath.Join(t.TempDir(), "gone.db")); err != nil {
		t.Fatal(err)
	}
	if _, err := store.RestoreCopy(ctx, backup.Path, store.PendingRestore(path)); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := officeName(t, db); n != "丹口镇人民政府" || db.RestorePending() {
		t.Errorf("after a stop half-way: office %s, pending %v", n, db.RestorePending())
	}
}

// A database a crash left with its write-ahead log is restored over with its log folded in first: the
// pre-restore backup holds what the log held, and no log of the old file stays beside the new one.
func TestRestoreOverADatabaseWithItsLog(t *testing.T) {
	ctx := context.Background()
	clock := storetest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local))
	dir, crashed := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "xiangzhi.db")
	db, err := store.Open(path, store.Options{Clock: clock.Now, OfficeName: "丹口镇人民政府"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	backup, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PrepareRestore(ctx, filepath.Base(backup.Path)); err != nil {
		t.Fatal(err)
	}
	renameOffice(t, db, "西岩镇人民政府")
	// The files as a crash would leave them: the database, its log with the rename, the waiting copy.
	for _, f := range []string{"xiangzhi.db", "xiangzhi.db-wal", "xiangzhi.db.restore"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "xiangzhi.db-wal" && len(b) == 0 {
			t.Skip("the log was empty: nothing to fold")
		}
		if err := os.WriteFile(filepath.Join(crashed, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(crashed, "xiangzhi.db")
	restored, err := store.Open(other, store.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if n := officeName(t, restored); n != "丹口镇人民政府" {
		t.Errorf("office %s after the restore", n)
	}
	folder, err := restored.BackupFolder()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folder.Files {
		if f.Kind == "pre-restore" {
			checkBackupHolds(t, filepath.Join(folder.Dir, f.Name), restored.SchemaVersion(), "西岩镇人民政府")
			return
		}
	}
	t.Errorf("no pre-restore backup in %+v", folder.Files)
}
