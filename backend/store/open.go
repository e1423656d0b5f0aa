// Package store is the SQLite storage of 乡治通: opening a database with the right pragmas,
// migrations, the office identity, the hybrid logical clock, the versioned write path that every
// change to a shared table goes through, the audit log, backups and checks.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/fsplace"
)

// applicationID marks a SQLite file as a 乡治通 database ("XiZT").
const applicationID = 0x58695a54

// Options adjusts how Open works; the zero value is right for the app.
type Options struct {
	Migrations []Migration      // the schema; nil means Migrations()
	Clock      func() time.Time // the one clock of the backend (clock.go); nil means the system clock
	OfficeName string           // the office's name, set when a new database is created
	ShortName  string           // the office's short name (单位简称), set when a new database is created
	AppVersion string           // the program's version, recorded with each migration
	BackupDir  string           // where backups go; "" means a backups folder beside the file
	// CheckInBackground runs the quick_check of an existing file that needs no migration after
	// Open returns, in the background, instead of before (it reads the whole file: seconds for a
	// county's 700 MB). It starts with StartCheck, Checked or the first Write. Every Write waits
	// for it and is refused, writing nothing, when it fails; Checked waits for it and says how it
	// went. A file to be migrated is always checked first.
	CheckInBackground bool
	// Upgrading is called, when the file was written by an older version, before it is checked, backed
	// up and upgraded to schema version to: for a county's file that takes most of a minute, which
	// the window says rather than stay blank.
	Upgrading func(from, to int)
}

// DB is an open 乡治通 database.
type DB struct {
	path    string
	sql     *sql.DB // read-write: migrations, the write path and backups; never handed out
	ro      *sql.DB // query_only connections on the same file: reads, and what SQL() hands out
	opts    Options
	site    Site
	siteNo  int64 // the site's number in the sites table, stored in the history tables
	version int
	tables  map[string]*table

	mu       sync.RWMutex
	operator string
	numbers  [numberings]map[string]int64 // the numbers of field lists, tables and operators seen (number)

	startCheck func()        // starts the quick_check in the background, once
	checked    chan struct{} // closed when the quick_check of the file is done
	checkErr   error         // its result, set before checked is closed
	stopCheck  context.CancelFunc
	checkAbort error // why the check did not finish (Close), set before checked is closed

	unprotect []func() // lifts the protection of the file and its companions from outputs (atomicfile)

	background       sync.WaitGroup // copies of the log into the file after large writes (checkpoint.go)
	bgMu             sync.Mutex     // guards closing, and background's Add against Close's Wait
	closing          bool
	beforeCheckpoint func() // tests: runs before each copy after a large write
}

// Open opens (creating it if needed) the database at path, checks it, backs it up and migrates it.
// A damaged file, another program's file or one written by a newer version is refused untouched
// with an error of code invalid or conflict that names the file.
func Open(path string, opts Options) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, errs.Field("db", "数据库路径不能为空")
	}
	if opts.Migrations == nil {
		opts.Migrations = Migrations()
	}
	if opts.Clock == nil {
		opts.Clock = systemClock
	}
	if opts.BackupDir == "" {
		opts.BackupDir = filepath.Join(filepath.Dir(path), "backups")
	}
	if err := RefuseBackup(path); err != nil {
		return nil, err
	}
	if err := RefuseShared(path); err != nil {
		return nil, err
	}
	if _, err := applyPendingRestore(path, opts.BackupDir, opts.Clock()); err != nil {
		return nil, err
	}
	ctx := context.Background()
	from, err := probe(ctx, path, opts.Migrations)
	if err != nil {
		return nil, err
	}
	if from == 0 {
		// A new file is made as NAME.new-<number> with its -wal beside: both names must fit.
		if n := len(filepath.Base(path)); n+len(".new-0123456789-wal") > atomicfile.MaxNameBytes {
			return nil, errs.Field("db", "数据库文件名太长（%d 字节，最多 %d 字节）；请换一个短一些的文件名",
				n, atomicfile.MaxNameBytes-len(".new-0123456789-wal"))
		}
		if err := create(path, opts); err != nil {
			return nil, err
		}
		if from, err = probe(ctx, path, opts.Migrations); err != nil {
			return nil, err
		}
	}
	return openFile(path, opts, from)
}

// RefuseShared refuses a path on a network share, on removable media or in a folder Syncthing keeps
// in step as the live database (code invalid, field db), saying why and what to do instead: SQLite's
// locks do not hold across a share, a stick pulled out mid-write corrupts the file, and a sync engine
// copying it while it is written spreads a corrupt copy.
func RefuseShared(path string) error {
	p := fsplace.Where(path)
	var where string
	switch {
	case p.Network:
		where = "在网络共享文件夹里"
	case p.Removable:
		where = "在U盘、存储卡等移动存储上"
	case p.Syncthing != "":
		where = "在 Syncthing 同步的文件夹（" + p.Syncthing + "）里"
	default:
		return nil
	}
	return errs.Field("db", "数据库“%s”%s，不能作为正在使用的数据库打开：多台电脑同时使用或同步复制会损坏它。"+
		"请把数据库放在本机磁盘上；要取用这个文件里的数据，请在“数据交换”中用“打开他处数据库”导入"+
		"（命令行：xiangzhi-cli bundle import --db 本机数据库 该文件）", path, where)
}

// openFile opens the database at path, at schema version from (0: a new file, being made by create),
// and migrates it.
func openFile(path string, opts Options, from int) (*DB, error) {
	ctx := context.Background()
	// A file that is migrated is written at once: it is checked first. So is every file unless the
	// caller asked for the check in the background.
	background := opts.CheckInBackground && from == len(opts.Migrations)
	if from > 0 && from < len(opts.Migrations) && opts.Upgrading != nil {
		opts.Upgrading(from, len(opts.Migrations))
	}
	if from > 0 && !background {
		if err := checkFile(ctx, path); err != nil {
			return nil, err
		}
	}
	sqldb, err := sql.Open(writerDriverName, fileURI(path, liveParams()))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法打开数据库 %s", path)
	}
	// The read pool connects lazily: its first connection is made after init has put the file in
	// WAL mode and migrated it.
	ro, err := sql.Open(driverName, fileURI(path, readParams()))
	if err != nil {
		sqldb.Close()
		return nil, errs.Wrap(err, errs.Internal, "无法打开数据库 %s", path)
	}
	// Readers may run side by side (the visit tracker reads on three connections at once); idle
	// connections are kept, with their page caches, rather than closed and opened cold again.
	ro.SetMaxIdleConns(4)
	db := &DB{path: path, sql: sqldb, ro: ro, opts: opts, checked: make(chan struct{})}
	if background {
		checkCtx, stop := context.WithCancel(context.Background())
		db.stopCheck = stop
		db.startCheck = sync.OnceFunc(func() {
			go func() {
				err := checkFile(checkCtx, path)
				if checkCtx.Err() != nil {
					db.checkAbort = errs.New(errs.Internal, "数据库 %s 已关闭，检查未完成", path)
				} else {
					db.checkErr = err
				}
				close(db.checked)
			}()
		})
	} else {
		db.startCheck = func() {}
		close(db.checked)
	}
	if err := db.init(ctx, from); err != nil {
		db.Close()
		return nil, err
	}
	db.protect()
	return db, nil
}

// protect keeps every output of this process (atomicfile.Write: exports, PDFs, reports) off the file,
// its companions and its backups folder while it is open.
func (db *DB) protect() {
	const live = "正在使用的数据库"
	db.unprotect = []func(){
		atomicfile.Protect(db.path, live),
		atomicfile.Protect(db.path+"-wal", live+"的日志文件"),
		atomicfile.Protect(db.path+"-shm", live+"的共享内存文件"),
		atomicfile.Protect(db.path+".lock", live+"的锁文件"),
		atomicfile.ProtectDir(db.opts.BackupDir, "数据库的备份文件夹"),
	}
}

// create makes a new database at path whole or not at all: it is built (schema, office identity)
// in a file of its own beside path, closed, and then linked into place, which fails if path exists
// by then — another program created it first, and that one is opened. A file that holds nothing
// (0 bytes, or SQLite's header alone) is replaced. Nothing is left at path when creating fails, and
// a program stopped halfway leaves only its own temporary file, which the next create at path removes.
func create(path string, opts Options) error {
	// One create at a time in this program: another's removeAbandoned could otherwise take this
	// one's temporary file for abandoned between its creation and its mark (atomicfile.MarkLive).
	creating.Lock()
	defer creating.Unlock()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return errs.Wrap(err, errs.Invalid, "无法创建数据库所在文件夹 %s", filepath.Dir(path))
	}
	removeAbandoned(path)
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+newSuffix+"*")
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "无法在文件夹 %s 里新建数据库（文件夹只读或没有权限）", filepath.Dir(path))
	}
	tmpPath := tmp.Name()
	defer func() {
		tmp.Close()
		for _, f := range []string{tmpPath, tmpPath + "-wal", tmpPath + "-shm"} {
			os.Remove(f)
		}
	}()
	if err := atomicfile.MarkLive(tmp); err != nil {
		return errs.Wrap(err, errs.Internal, "新建数据库 %s 失败", path)
	}
	opts.CheckInBackground = false
	db, err := openFile(tmpPath, opts, 0)
	if err != nil {
		return err
	}
	// The log is folded into the file before it is closed, so that a failure says so: the close would
	// do it too, but on a full disk it cannot, leaves the log (which is not linked into place with the
	// file) and says nothing, and the new database would lack what the log held.
	var busy, logged, moved int
	if err := db.sql.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &moved); err != nil || busy != 0 {
		db.Close()
		switch {
		case err == nil:
			return errs.New(errs.Internal, "新建数据库 %s 失败：日志未能写入数据库文件", path)
		case diskFull(err):
			return errs.Wrap(err, errs.Internal, "磁盘已满，无法新建数据库 %s；请腾出磁盘空间或换一个位置", path)
		}
		return dbError(err)
	}
	if err := db.Close(); err != nil {
		return errs.Wrap(err, errs.Internal, "新建数据库 %s 失败", path)
	}
	if runtime.GOOS == "windows" { // Windows renames no file held open; elsewhere the mark stays until the file is in place
		tmp.Close()
	}
	if err := os.Link(tmpPath, path); err == nil || !errors.Is(err, os.ErrExist) {
		if err != nil { // no hard links here (some network and USB file systems): rename instead
			if _, statErr := os.Stat(path); statErr == nil {
				return nil // created meanwhile by another program: open that
			}
			if err := os.Rename(tmpPath, path); err != nil {
				return errs.Wrap(err, errs.Invalid, "无法新建数据库 %s", path)
			}
		}
		syncDir(filepath.Dir(path))
		return nil
	}
	// path exists: another program made it meanwhile, or it is an empty file to replace.
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		if err := os.Rename(tmpPath, path); err != nil {
			return errs.Wrap(err, errs.Invalid, "无法新建数据库 %s", path)
		}
		syncDir(filepath.Dir(path))
	}
	return nil
}

// creating serialises create within this program.
var creating sync.Mutex

// newSuffix marks the temporary files create builds new databases in: "<name>.new-<random>".
const newSuffix = ".new-"

// removeAbandoned removes the temporary files (and SQLite's files beside them) that programs creating
// a database at path left when they were killed halfway; a live program's are left alone.
func removeAbandoned(path string) {
	dir, prefix := filepath.Dir(path), filepath.Base(path)+newSuffix
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || strings.HasSuffix(n, "-wal") || strings.HasSuffix(n, "-shm") ||
			strings.HasSuffix(n, "-journal") || !atomicfile.Abandoned(filepath.Join(dir, n)) {
			continue
		}
		if t := filepath.Join(dir, n); os.Remove(t) == nil {
			for _, f := range []string{t + "-wal", t + "-shm", t + "-journal"} {
				os.Remove(f)
			}
		}
	}
}

// checkFile runs quick_check on the file through a read-only connection of its own; code invalid,
// naming the file, when it finds damage.
func checkFile(ctx context.Context, path string) error {
	pdb, err := sql.Open(driverName, fileURI(path, probeParams(path)))
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法打开数据库 %s", path)
	}
	defer pdb.Close()
	if err := quickCheck(ctx, pdb); err != nil {
		return openError(path, err)
	}
	return nil
}

// StartCheck starts the quick_check of the file in the background (see Options.CheckInBackground)
// if it has not started: the app starts it once its first screen shows, so that the check does not
// compete with it. Checked and Write start it too.
func (db *DB) StartCheck() { db.startCheck() }

// Checked starts the quick_check of the file if need be, waits for it and returns nil when it found
// the file sound, the error that refuses writes when not.
func (db *DB) Checked(ctx context.Context) error {
	db.startCheck()
	select {
	case <-db.checked:
		if db.checkAbort != nil {
			return db.checkAbort
		}
		return db.checkErr
	case <-ctx.Done():
		return errs.Wrap(ctx.Err(), errs.Conflict, "已取消")
	}
}

func (db *DB) init(ctx context.Context, from int) error {
	var mode string
	if err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return openError(db.path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return errs.New(errs.Invalid, "数据库 %s 无法使用 WAL 日志模式（当前为 %s）；请把数据库放在本机磁盘上", db.path, mode)
	}
	if from > 0 && from < len(db.opts.Migrations) {
		name := fmt.Sprintf("pre-migrate-v%d", len(db.opts.Migrations))
		if _, err := db.backupInto(ctx, db.opts.BackupDir, name); err != nil {
			return errs.Wrap(err, errs.Internal, "升级数据库结构前的备份失败，数据库未改动")
		}
	}
	if err := migrate(ctx, db.sql, db.opts.Migrations, from, db.opts.AppVersion, db.clock()); err != nil {
		return errs.Wrap(err, errs.Internal, "升级数据库 %s 的结构失败，已保留升级前的备份", db.path)
	}
	if from > 0 && from < len(db.opts.Migrations) {
		if err := db.compactAfterUpgrade(ctx); err != nil {
			return err
		}
	}
	db.version = len(db.opts.Migrations)
	if err := db.reindexPinyin(ctx); err != nil {
		return err
	}
	if err := db.loadTables(ctx); err != nil {
		return err
	}
	if err := db.ensureSite(ctx); err != nil {
		return err
	}
	op, err := db.LocalSetting(ctx, "operator")
	if err != nil {
		return err
	}
	db.operator = op
	return nil
}

// compactAfterUpgrade gives the space back that an upgrade freed: a migration that rebuilds a table
// (0006 rebuilt the audit log and the field stamps in a fraction of their size) leaves the old pages
// free inside the file, which SQLite reuses but never returns. When more than a quarter of the file is
// free it is rewritten once (VACUUM; the pre-upgrade backup was made just before).
func (db *DB) compactAfterUpgrade(ctx context.Context) error {
	var pages, free int64
	if err := db.sql.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return dbError(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA freelist_count").Scan(&free); err != nil {
		return dbError(err)
	}
	if free*4 <= pages {
		return nil
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM"); err != nil {
		return errs.Wrap(err, errs.Internal, "升级后整理数据库 %s 失败（数据已升级，完好）", db.path)
	}
	return nil
}

// probe looks at an existing file read-only and returns its schema version. It refuses a file whose
// header is damaged, that is not a 乡治通 database, or was written by a newer version, without
// changing a byte of it, and one whose schema is not what this program's migrations made (checkSchema).
// (The quick_check of the whole file is checkFile, run by Open.)
func probe(ctx context.Context, path string, ms []Migration) (int, error) {
	known := len(ms)
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && st.Size() == 0) {
		return 0, nil
	}
	if err != nil {
		return 0, errs.Wrap(err, errs.Invalid, "无法读取数据库文件 %s", path)
	}
	if st.IsDir() {
		return 0, errs.Field("db", "%s 是文件夹，不是数据库文件", path)
	}
	pdb, err := sql.Open(driverName, fileURI(path, probeParams(path)))
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "无法打开数据库 %s", path)
	}
	defer pdb.Close()
	damaged := func(err error) error {
		return openError(path, err)
	}
	var appID, version, tables int
	if err := pdb.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, damaged(err)
	}
	if err := pdb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, damaged(err)
	}
	if err := pdb.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return 0, damaged(err)
	}
	if appID != applicationID && (tables > 0 || appID != 0) {
		return 0, errs.New(errs.Invalid, "文件 %s 不是乡治通数据库，未打开也未改动", path)
	}
	if tables == 0 {
		return 0, nil // an empty SQLite file: made into a new database
	}
	if version <= 0 {
		return 0, errs.New(errs.Invalid,
			"数据库文件 %s 已有数据表，但记录的结构版本为 %d：版本号被改动过或文件已损坏；未打开也未改动", path, version)
	}
	if version > known {
		writer := "未知版本"
		_ = pdb.QueryRowContext(ctx, `SELECT app_version FROM schema_migrations ORDER BY version DESC LIMIT 1`).Scan(&writer)
		return 0, errs.New(errs.Conflict,
			"数据库 %s 的结构版本为 %d（由乡治通 %s 写入），本程序只认识到版本 %d；请升级乡治通后再打开，文件未改动",
			path, version, writer, known)
	}
	if err := checkSchema(ctx, pdb, path, ms, version); err != nil {
		return 0, err
	}
	// The office's identity is made with the file and never again: a file without it would take a
	// new one and pass for another office in every exchange.
	var sites int
	if err := pdb.QueryRowContext(ctx, `SELECT count(*) FROM site`).Scan(&sites); err != nil {
		return 0, damaged(err)
	}
	if sites != 1 {
		return 0, errs.New(errs.Invalid, "数据库文件 %s 缺少本单位的标识（site 表为空），文件可能被改动过；未打开也未改动", path)
	}
	return version, nil
}

// quickCheck runs PRAGMA quick_check and turns anything but "ok" into an error.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" && len(problems) < 5 {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("quick_check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Close closes the database, stopping a quick_check still running.
func (db *DB) Close() error {
	for _, release := range db.unprotect {
		release()
	}
	if db.stopCheck != nil {
		db.stopCheck()
		db.startCheck() // if it never started, it starts, sees it is stopped and ends
		<-db.checked
	}
	db.bgMu.Lock()
	db.closing = true
	db.bgMu.Unlock()
	db.background.Wait()
	err := db.ro.Close()
	if err2 := db.sql.Close(); err == nil {
		err = err2
	}
	return err
}

// WarmReaders makes n connections of the read pool ahead of the reads that will need them, each with
// the schema read, and leaves them idle in the pool (which keeps up to 4). The window's first screen
// reads on two connections at once; a connection made then would cost it the reading of the whole
// schema, several milliseconds on this one. The app calls it on its own goroutine while the window is
// being made. An error is left to the read that meets it.
func (db *DB) WarmReaders(ctx context.Context, n int) {
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close() // back to the pool, idle
		}
	}()
	for range n {
		c, err := db.ro.Conn(ctx)
		if err != nil {
			return
		}
		conns = append(conns, c)
		var objects int // (naming a table makes SQLite read the schema)
		if err := c.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&objects); err != nil {
			return
		}
	}
}

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the number of the last migration applied.
func (db *DB) SchemaVersion() int { return db.version }

// SQL returns a pool of read-only connections (PRAGMA query_only on each): other packages read with
// it, and every write goes through Write, which stamps and audits it. A write attempted through it
// fails with SQLITE_READONLY ("attempt to write a readonly database").
func (db *DB) SQL() *sql.DB { return db.ro }

// Site returns this office's identity.
func (db *DB) Site() Site { return db.site }

// BackupDir returns the folder backups are written to.
func (db *DB) BackupDir() string { return db.opts.BackupDir }

func (db *DB) clock() time.Time { return db.opts.Clock().UTC() }

// formatTime is the one text form of times stored in the database: UTC ISO 8601 with milliseconds.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// ParseTime reads a time stored by the database.
func ParseTime(s string) (time.Time, error) { return time.Parse("2006-01-02T15:04:05.000Z", s) }
