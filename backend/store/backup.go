package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// What the backups folder keeps. Every backup is a full, verified copy of the database (a county
// office's is several hundred MB), so the folder keeps few of them, chosen to reach back a month:
//   - daily backups (made on the first start of a day, and only when something changed since the
//     newest backup): the newest KeepDaily, and besides them the newest of each of the last
//     KeepWeekly weeks (Monday to Sunday, this week included) — at most 7 copies;
//   - backups made with 立即备份 (manual): the newest KeepManual;
//   - backups made before a schema upgrade (pre-migrate): the newest KeepPreMigrate;
//   - backups made before merging a bundle from another office (pre-import): the newest KeepPreImport;
//   - the databases a restored backup replaced (pre-restore, backup_restore.go): the newest
//     KeepPreRestore;
//   - files of other names are not touched.
//
// So the folder holds at most 3 + 4 + 3 + 2 + 2 + 2 = 16 copies, usually 7 or 8.
const (
	KeepDaily      = 3
	KeepWeekly     = 4
	KeepManual     = 3
	KeepPreMigrate = 2
	KeepPreImport  = 2
)

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
	return copyTo(ctx, db.sql, dest)
}

// RestoreCopy copies a backup (or any sound 乡治通 database file) to dest, a new file, which can then
// be opened as the live database; the backup itself is only read. The backup is checked first (as
// Inspect does); code conflict when dest exists.
func RestoreCopy(ctx context.Context, backup, dest string) (BackupResult, error) {
	if _, err := Inspect(ctx, backup); err != nil {
		return BackupResult{}, err
	}
	src, err := sql.Open(driverName, fileURI(backup, probeParams(backup)))
	if err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Internal, "无法打开备份 %s", backup)
	}
	defer src.Close()
	return copyTo(ctx, src, dest)
}

// copyTo writes a consistent copy of the database src is connected to at dest (see BackupTo).
func copyTo(ctx context.Context, src *sql.DB, dest string) (BackupResult, error) {
	elapsed := Stopwatch()
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		return BackupResult{}, errs.Field("to", "“%s”是文件夹；请给出备份文件的名字（如 %s）", dest, filepath.Join(dest, "备份.db"))
	} else if err == nil {
		return BackupResult{}, errs.Field("to", "目标文件 %s 已存在，未覆盖", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return BackupResult{}, errs.Wrap(err, errs.Invalid, "无法创建备份文件夹 %s", filepath.Dir(dest))
	}
	// The copy is written as dest.partial with SQLite's dest.partial-journal beside it: both names
	// must fit.
	if n := len(filepath.Base(dest)); n+len(".partial-journal") > atomicfile.MaxNameBytes {
		return BackupResult{}, errs.Field("to", "备份文件名太长（%d 字节，最多 %d 字节）；请换一个短一些的文件名",
			n, atomicfile.MaxNameBytes-len(".partial-journal"))
	}
	tmp := dest + ".partial"
	// VACUUM INTO writes the copy with a rollback journal beside it; a failure may leave that too.
	for _, f := range []string{tmp, tmp + "-journal"} {
		os.Remove(f)
		defer os.Remove(f)
	}
	if _, err := src.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return BackupResult{}, backupError(err, dest, "备份失败")
	}
	// The copy holds residents' ID numbers: readable by this user only, as the database is (SQLite
	// makes it with the umask's mode, 644 on most systems).
	if err := os.Chmod(tmp, 0o600); err != nil {
		return BackupResult{}, backupError(err, dest, "备份失败")
	}
	if err := syncFile(tmp); err != nil {
		return BackupResult{}, backupError(err, dest, "备份写入磁盘失败")
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

// backupError wraps a failed copy's error, saying so when the disk is full.
func backupError(err error, dest, msg string) error {
	if diskFull(err) {
		return errs.Wrap(err, errs.Internal, "磁盘已满，备份 %s 未写入；请腾出磁盘空间或备份到别的磁盘", dest)
	}
	return errs.Wrap(err, errs.Internal, "%s", msg)
}

// BackupNow writes a backup into the backups folder and keeps only the newest KeepBackups there.
func (db *DB) BackupNow(ctx context.Context) (BackupResult, error) {
	return db.backupInto(ctx, db.opts.BackupDir, "manual")
}

// BackupBeforeImport writes a backup into the backups folder before a bundle from another office
// is merged, so the merge can be undone whole by restoring it.
func (db *DB) BackupBeforeImport(ctx context.Context) (BackupResult, error) {
	return db.backupInto(ctx, db.opts.BackupDir, "pre-import")
}

// BackupDaily writes a backup into the backups folder unless one was made there today (local date)
// or nothing has changed since the newest backup there; it returns nil when it had nothing to do.
func (db *DB) BackupDaily(ctx context.Context) (*BackupResult, error) {
	today := db.opts.Clock().Local().Format("20060102")
	names, err := backupFiles(db.opts.BackupDir)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if f, ok := parseBackupName(n); ok && f.kind == "daily" && f.at.Format("20060102") == today {
			return nil, nil
		}
	}
	if len(names) > 0 && db.unchangedSince(ctx, filepath.Join(db.opts.BackupDir, names[len(names)-1])) {
		return nil, nil
	}
	r, err := db.backupInto(ctx, db.opts.BackupDir, "daily")
	return &r, err
}

// unchangedSince reports whether the database holds nothing written after the backup at path was
// made: every write advances the clock (hlc_state), so an equal clock means equal data.
func (db *DB) unchangedSince(ctx context.Context, path string) bool {
	c, err := sql.Open(driverName, fileURI(path, probeParams(path)))
	if err != nil {
		return false
	}
	defer c.Close()
	var then, now int64
	if c.QueryRowContext(ctx, `SELECT last FROM hlc_state WHERE id = 1`).Scan(&then) != nil {
		return false
	}
	if db.ro.QueryRowContext(ctx, `SELECT last FROM hlc_state WHERE id = 1`).Scan(&now) != nil {
		return false
	}
	return then == now
}

// backupInto writes a backup named for the time and kind into dir, then prunes dir.
func (db *DB) backupInto(ctx context.Context, dir, kind string) (BackupResult, error) {
	removeStalePartials(dir, db.opts.Clock())
	r, err := db.BackupTo(ctx, newBackupPath(dir, kind, db.opts.Clock()))
	if err != nil {
		return r, err
	}
	return r, pruneBackups(dir, db.opts.Clock())
}

// newBackupPath is the path in dir of a new backup of kind made at now, named as parseBackupName reads
// it: xiangzhi-YYYYMMDD-HHMMSS-KIND.db, with -2, -3 … when that name is taken.
func newBackupPath(dir, kind string, now time.Time) string {
	stamp := now.Local().Format("20060102-150405")
	dest := filepath.Join(dir, fmt.Sprintf("xiangzhi-%s-%s.db", stamp, kind))
	for i := 2; fileExists(dest); i++ {
		dest = filepath.Join(dir, fmt.Sprintf("xiangzhi-%s-%s-%d.db", stamp, kind, i))
	}
	return dest
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

// backupFile is a backup named by backupInto: xiangzhi-YYYYMMDD-HHMMSS-KIND[-N].db.
type backupFile struct {
	name string
	at   time.Time // local time it was made
	kind string    // daily, manual, pre-migrate, pre-import or pre-restore
}

var backupName = regexp.MustCompile(`^xiangzhi-(\d{8}-\d{6})-(daily|manual|pre-import|pre-restore|pre-migrate-v\d+)(-\d+)?\.db$`)

// IsBackupName reports whether the file at path is named as the backups this program makes are: such
// a file is never opened as the live database (Open refuses it), only copied out by RestoreCopy.
func IsBackupName(path string) bool {
	_, ok := parseBackupName(filepath.Base(path))
	return ok
}

// RefuseBackup is Open's refusal of a file named as a backup (nil for any other name): code invalid,
// field db, offering to restore it as a copy.
func RefuseBackup(path string) error {
	if !IsBackupName(path) {
		return nil
	}
	return errs.Field("db", "“%s”是乡治通的备份，作为正在使用的数据库打开会改动它；要用它恢复，请先用“恢复为副本”"+
		"（命令行：xiangzhi-cli restore --from 该备份 --db 新文件.db）复制出一份，再打开那份副本", path)
}

// parseBackupName reads the time and kind of a backup from its name; ok is false for other names.
func parseBackupName(name string) (backupFile, bool) {
	m := backupName.FindStringSubmatch(name)
	if m == nil {
		return backupFile{}, false
	}
	at, err := time.ParseInLocation("20060102-150405", m[1], time.Local)
	if err != nil {
		return backupFile{}, false
	}
	kind := m[2]
	if strings.HasPrefix(kind, "pre-migrate") {
		kind = "pre-migrate"
	}
	return backupFile{name: name, at: at, kind: kind}, true
}

// backupsToKeep applies the rule of the KeepDaily doc comment to the backups in names (any order)
// on the date of now, and returns the names to keep, with those it does not recognize.
func backupsToKeep(names []string, now time.Time) map[string]bool {
	keep := map[string]bool{}
	byKind := map[string][]backupFile{}
	for _, n := range names {
		f, ok := parseBackupName(n)
		if !ok {
			keep[n] = true
			continue
		}
		byKind[f.kind] = append(byKind[f.kind], f)
	}
	for _, fs := range byKind { // newest first
		sort.Slice(fs, func(i, j int) bool { return fs[i].name > fs[j].name })
	}
	newest := func(kind string, n int) {
		for i, f := range byKind[kind] {
			if i < n {
				keep[f.name] = true
			}
		}
	}
	newest("daily", KeepDaily)
	newest("manual", KeepManual)
	newest("pre-migrate", KeepPreMigrate)
	newest("pre-import", KeepPreImport)
	newest("pre-restore", KeepPreRestore)
	oldestWeek := weekStart(now).AddDate(0, 0, -7*(KeepWeekly-1))
	seen := map[time.Time]bool{}
	for _, f := range byKind["daily"] {
		w := weekStart(f.at)
		if !w.Before(oldestWeek) && !seen[w] {
			seen[w] = true
			keep[f.name] = true
		}
	}
	return keep
}

// weekStart returns the Monday (local date) of the week t is in.
func weekStart(t time.Time) time.Time {
	y, m, d := t.Local().Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	return day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
}

// removeStalePartials removes what backups killed half-way (the program closed or stopped while
// copying) left in dir: their .partial files (and SQLite's -journal beside them), each as large as
// the database, which nothing else would ever remove. A partial written to in the last hour may be a
// backup still running.
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

// pruneBackups removes the backups in dir that the rule does not keep.
func pruneBackups(dir string, now time.Time) error {
	names, err := backupFiles(dir)
	if err != nil {
		return err
	}
	keep := backupsToKeep(names, now)
	for _, n := range names {
		if keep[n] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, n)); err != nil {
			return errs.Wrap(err, errs.Internal, "无法删除旧备份 %s", n)
		}
	}
	return nil
}

// BackupFile is one backup in the backups folder.
type BackupFile struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"` // daily, manual, pre-migrate, pre-import, pre-restore
	At    string `json:"at"`   // local time it was made, 2026-11-27T08:00:00
	Bytes int64  `json:"bytes"`
	// Damaged: the file is plainly not a whole database (no SQLite header, or a size no whole number
	// of its pages makes). A file that passes may still be damaged inside: restoring checks it all.
	Damaged bool `json:"damaged"`
}

// looksLikeDatabase reads the first 100 bytes of the file at path (size bytes long): an SQLite header,
// with a page size of which size is a whole number of pages.
func looksLikeDatabase(path string, size int64) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return false
	}
	page := int64(h[16])<<8 | int64(h[17])
	if page == 1 {
		page = 65536
	}
	return page >= 512 && page&(page-1) == 0 && size%page == 0 && size >= page
}

// BackupFolder is what the backups folder holds: how many backups, their total size, the newest,
// and all of them, newest first.
type BackupFolder struct {
	Dir        string       `json:"dir"`
	Count      int          `json:"count"`
	TotalBytes int64        `json:"totalBytes"`
	Newest     *BackupFile  `json:"newest"`
	Files      []BackupFile `json:"files"`
	// RestorePending: a backup is readied to replace the database when it is next opened; PendingName
	// names it (among Files, unless it was removed since), "" when that is not known.
	RestorePending bool   `json:"restorePending"`
	PendingName    string `json:"pendingName"`
}

// BackupFolder lists the backups in the backups folder (only those this program names).
func (db *DB) BackupFolder() (BackupFolder, error) {
	out := BackupFolder{Dir: db.opts.BackupDir, Files: []BackupFile{}, RestorePending: db.RestorePending(), PendingName: db.pendingFrom()}
	names, err := backupFiles(db.opts.BackupDir)
	if err != nil {
		return out, err
	}
	for i := len(names) - 1; i >= 0; i-- {
		f, ok := parseBackupName(names[i])
		if !ok {
			continue
		}
		st, err := os.Stat(filepath.Join(db.opts.BackupDir, f.name))
		if err != nil {
			continue // removed meanwhile
		}
		out.Files = append(out.Files, BackupFile{Name: f.name, Kind: f.kind, At: f.at.Format("2006-01-02T15:04:05"), Bytes: st.Size(),
			Damaged: !looksLikeDatabase(filepath.Join(db.opts.BackupDir, f.name), st.Size())})
		out.TotalBytes += st.Size()
	}
	out.Count = len(out.Files)
	if out.Count > 0 {
		out.Newest = &out.Files[0]
	}
	return out, nil
}

// verifyCopy opens a backup read-only and runs quick_check on it.
func verifyCopy(ctx context.Context, path string) error {
	c, err := sql.Open(driverName, fileURI(path, probeParams(path)))
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
