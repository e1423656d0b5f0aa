package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"xiangzhi/backend/errs"
)

// KeepBackups is how many backups the backups folder keeps; older ones are removed.
const KeepBackups = 14

// BackupResult says where a backup went and what it holds.
type BackupResult struct {
	Path     string `json:"path"`
	Bytes    int64  `json:"bytes"`
	Millis   int64  `json:"millis"`
	Verified bool   `json:"verified"` // the copy opened and passed quick_check
}

// BackupTo writes a consistent copy of the live database to dest while it stays in use (VACUUM INTO
// a temporary file, synced, checked, then renamed). Code conflict when dest already exists.
func (db *DB) BackupTo(ctx context.Context, dest string) (BackupResult, error) {
	elapsed := Stopwatch()
	if _, err := os.Stat(dest); err == nil {
		return BackupResult{}, errs.Field("to", "目标文件 %s 已存在，未覆盖", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Invalid, "无法创建备份文件夹 %s", filepath.Dir(dest))
	}
	tmp := dest + ".partial"
	os.Remove(tmp)
	defer os.Remove(tmp)
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Internal, "备份失败")
	}
	if err := syncFile(tmp); err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Internal, "备份写入磁盘失败")
	}
	if err := verifyCopy(ctx, tmp); err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Internal, "备份文件校验失败")
	}
	if err := os.Rename(tmp, dest); err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Internal, "备份文件改名失败")
	}
	syncDir(filepath.Dir(dest))
	st, err := os.Stat(dest)
	if err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Internal, "备份失败")
	}
	return BackupResult{Path: dest, Bytes: st.Size(), Millis: elapsed().Milliseconds(), Verified: true}, nil
}

// BackupNow writes a backup into the backups folder and keeps only the newest KeepBackups there.
func (db *DB) BackupNow(ctx context.Context) (BackupResult, error) {
	return db.backupInto(ctx, db.opts.BackupDir, "manual")
}

// BackupDaily writes a backup into the backups folder unless one was made there today (local date);
// it returns nil when it had nothing to do.
func (db *DB) BackupDaily(ctx context.Context) (*BackupResult, error) {
	today := db.opts.Clock().Local().Format("20060102")
	names, err := backupFiles(db.opts.BackupDir)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if strings.HasPrefix(n, "xiangzhi-"+today+"-") && strings.HasSuffix(n, "-daily.db") {
			return nil, nil
		}
	}
	r, err := db.backupInto(ctx, db.opts.BackupDir, "daily")
	return &r, err
}

// backupInto writes a backup named for the time and kind into dir, then prunes dir.
func (db *DB) backupInto(ctx context.Context, dir, kind string) (BackupResult, error) {
	removeStalePartials(dir, db.opts.Clock())
	stamp := db.opts.Clock().Local().Format("20060102-150405")
	dest := filepath.Join(dir, fmt.Sprintf("xiangzhi-%s-%s.db", stamp, kind))
	for i := 2; fileExists(dest); i++ {
		dest = filepath.Join(dir, fmt.Sprintf("xiangzhi-%s-%s-%d.db", stamp, kind, i))
	}
	r, err := db.BackupTo(ctx, dest)
	if err != nil {
		return r, err
	}
	return r, pruneBackups(dir, KeepBackups)
}

// Backups lists the backup files in the backups folder, newest first.
func (db *DB) Backups() ([]string, error) {
	names, err := backupFiles(db.opts.BackupDir)
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return names, err
}

// backupFiles returns the names of the backups in dir, oldest first (their names sort by time).
func backupFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取备份文件夹 %s", dir)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && strings.HasPrefix(n, "xiangzhi-") && strings.HasSuffix(n, ".db") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// removeStalePartials removes what backups killed half-way (the program closed or stopped while
// copying) left in dir: their .partial files (and SQLite's -journal beside them), each as large as the database each, which nothing
// else would ever remove. A partial written to in the last hour may be a backup still running.
func removeStalePartials(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, "xiangzhi-") || !strings.Contains(n, ".db.partial") { // and its -journal
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

func pruneBackups(dir string, keep int) error {
	names, err := backupFiles(dir)
	if err != nil {
		return err
	}
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return errs.Wrap(err, errs.Internal, "无法删除旧备份 %s", names[0])
		}
		names = names[1:]
	}
	return nil
}

// verifyCopy opens a backup read-only and runs quick_check on it.
func verifyCopy(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite3", fileURI(path, probeParams()))
	if err != nil {
		return err
	}
	defer c.Close()
	return quickCheck(ctx, c)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename durable where the system allows it (not on Windows, where it is not needed).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
