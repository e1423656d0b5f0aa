package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"xiangzhi/backend/errs"
)

// Restoring a backup of the backups folder in place of the database. The database cannot be replaced
// while it is open, so choosing a backup (PrepareRestore) writes a checked copy of it beside the
// database (PendingRestore: NAME.restore), and the next opening of the database (Open) swaps it in:
// the database as it stood is moved into the backups folder as a pre-restore backup (moved, not
// copied: at once on a county's file, and kept even when it is damaged, which may be why it is being
// replaced), then the copy takes its name. Each step is a rename, so a process stopped between them
// leaves either the database as it was with the copy still waiting beside it, or the restored one.

// KeepPreRestore is how many pre-restore backups the backups folder keeps.
const KeepPreRestore = 2

// PendingRestore is the path of the copy of a backup waiting to replace the database at path; beside
// it, PendingRestore + ".from" names the backup it is a copy of.
func PendingRestore(path string) string { return path + ".restore" }

// PrepareRestore checks the backup name in the backups folder and copies it beside the database
// (PendingRestore), in place of one chosen before; the next opening of the database restores it. Code
// invalid (field name) when name is not a backup there or the backup is damaged.
func (db *DB) PrepareRestore(ctx context.Context, name string) (BackupFile, error) {
	f, ok := parseBackupName(name)
	if !ok || filepath.Base(name) != name {
		return BackupFile{}, errs.Field("name", "“%s”不是备份文件夹中的备份", name)
	}
	src := filepath.Join(db.opts.BackupDir, name)
	st, err := os.Stat(src)
	if err != nil {
		return BackupFile{}, errs.Field("name", "备份 %s 已不在备份文件夹 %s 中", name, db.opts.BackupDir)
	}
	pending := PendingRestore(db.path)
	for _, p := range []string{pending, pending + ".from", pending + ".partial", pending + ".partial-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return BackupFile{}, errs.Wrap(err, errs.Internal, "无法删除先前选定的恢复副本 %s", p)
		}
	}
	if _, err := RestoreCopy(ctx, src, pending); err != nil {
		e := errs.As(err)
		if e.Code == errs.Invalid || e.Code == errs.Conflict {
			return BackupFile{}, &errs.Error{Code: errs.Invalid, Field: "name", Message: fmt.Sprintf("备份 %s：%s", name, e.Message), Err: err}
		}
		return BackupFile{}, err
	}
	// (which backup waits is for the window to say; without this note it says only that one does)
	os.WriteFile(pending+".from", []byte(name), 0o600)
	return BackupFile{Name: name, Kind: f.kind, At: f.at.Format("2006-01-02T15:04:05"), Bytes: st.Size()}, nil
}

// CancelRestore removes the copy of a backup waiting to replace the database, if there is one.
func (db *DB) CancelRestore() error {
	if err := os.Remove(PendingRestore(db.path)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return errs.Wrap(err, errs.Internal, "无法删除待恢复的副本")
	}
	os.Remove(PendingRestore(db.path) + ".from")
	return nil
}

// RestorePending reports whether a backup waits to replace the database at its next opening.
func (db *DB) RestorePending() bool { return fileExists(PendingRestore(db.path)) }

// pendingFrom names the backup a waiting copy was made from, "" when none waits or it is not known.
func (db *DB) pendingFrom() string {
	if !db.RestorePending() {
		return ""
	}
	b, err := os.ReadFile(PendingRestore(db.path) + ".from")
	if err != nil {
		return ""
	}
	if _, ok := parseBackupName(string(b)); !ok {
		return ""
	}
	return string(b)
}

// applyPendingRestore swaps the copy waiting beside path (PendingRestore) in for the database, moving
// the database as it stood into backupDir as a pre-restore backup; it reports whether it did.
func applyPendingRestore(path, backupDir string, now time.Time) (bool, error) {
	pending := PendingRestore(path)
	if !fileExists(pending) {
		return false, nil
	}
	if fileExists(path) {
		if err := os.MkdirAll(backupDir, 0o755); err != nil {
			return false, errs.Wrap(err, errs.Internal, "无法创建备份文件夹 %s", backupDir)
		}
		dest := newBackupPath(backupDir, "pre-restore", now)
		// A log a crash left is folded into its database first; one that cannot be (a damaged file) goes
		// with it, and comes back if the database cannot follow: it must never stay beside the copy.
		if fileExists(path + "-wal") {
			foldLog(path)
		}
		wal := fileExists(path + "-wal")
		if wal {
			if err := moveFile(path+"-wal", dest+"-wal"); err != nil {
				return false, errs.Wrap(err, errs.Internal, "恢复备份前无法移走数据库的日志文件 %s-wal", path)
			}
		}
		if err := moveFile(path, dest); err != nil {
			if wal {
				moveFile(dest+"-wal", path+"-wal")
			}
			return false, errs.Wrap(err, errs.Internal, "恢复备份前无法把现有数据库移到备份文件夹 %s", backupDir)
		}
		os.Remove(path + "-shm")
		syncDir(backupDir)
	}
	if err := os.Rename(pending, path); err != nil {
		return false, errs.Wrap(err, errs.Internal, "无法用备份的副本 %s 替换数据库", pending)
	}
	os.Remove(pending + ".from")
	syncDir(filepath.Dir(path))
	return true, pruneBackups(backupDir, now)
}

// foldLog opens the database at path and closes it again, which copies its write-ahead log into it
// and removes the log; a failure leaves both as they were.
func foldLog(path string) {
	c, err := sql.Open(driverName, fileURI(path, nil))
	if err != nil {
		return
	}
	defer c.Close()
	c.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
}

// moveFile renames from to, copying it (and then removing it) when the two are on different disks.
func moveFile(from, to string) error {
	if err := os.Rename(from, to); err == nil {
		return nil
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to+".partial", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(to+".partial", to)
	}
	if err != nil {
		os.Remove(to + ".partial")
		return err
	}
	in.Close()
	return os.Remove(from)
}
