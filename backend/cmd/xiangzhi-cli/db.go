package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/settings"
	"xiangzhi/backend/store"
)

// cliVersion is recorded with the migrations this tool applies.
var cliVersion = "0.1.0-dev"

// clock is the clock every database this tool opens runs on: nil, the system clock; tests pin it.
var clock func() time.Time

func requireDB(path string) error {
	if path == "" {
		return errs.Field("db", "缺少 --db 数据库路径")
	}
	return nil
}

// openExisting opens a database that must already exist.
func openExisting(path string) (*store.DB, error) {
	if err := requireDB(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, errs.New(errs.NotFound, "数据库文件 %s 不存在", path)
	}
	return store.Open(path, store.Options{Clock: clock, AppVersion: cliVersion})
}

// openCreating opens path like openOrCreate, with opts, and returns discard: for a command that fails
// before it wrote anything worth keeping, discard closes the database and, when this call created the
// file, removes it again, so that a failed command leaves no new database behind.
func openCreating(path string, opts store.Options) (db *store.DB, discard func(), err error) {
	if err := requireDB(path); err != nil {
		return nil, nil, err
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist)
	opts.Clock, opts.AppVersion = clock, cliVersion
	if db, err = store.Open(path, opts); err != nil {
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		if created {
			for _, f := range []string{path, path + "-wal", path + "-shm"} {
				os.Remove(f)
			}
		}
	}, nil
}

func cmdInit(args []string, out io.Writer) error {
	fs := newFlags("init")
	path := fs.String("db", "", "")
	office := fs.String("office", "", "")
	short := fs.String("short", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(*path); err != nil {
		return err
	}
	name := ""
	if *office != "" {
		var err error
		if name, err = settings.CleanName("office", "单位名称", *office); err != nil {
			return err
		}
	}
	if *short != "" {
		var err error
		if *short, err = store.CleanShortName(*short); err != nil {
			return err
		}
	}
	if _, err := os.Stat(*path); err == nil {
		return errs.New(errs.Conflict, "数据库文件 %s 已存在，未改动", *path)
	}
	db, err := store.Open(*path, store.Options{Clock: clock, OfficeName: name, ShortName: *short, AppVersion: cliVersion})
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(out, "已新建数据库 %s（结构版本 %d，单位标识 %s）\n", db.Path(), db.SchemaVersion(), db.Site().SiteID)
	return nil
}

// cmdCheck reports on a database without changing it: it is inspected read-only, never opened
// through store.Open, so a file written by an older version is reported (with its schema version and
// that opening it will back it up and upgrade it) and left as it is.
func cmdCheck(args []string, out io.Writer) error {
	fs := newFlags("check")
	path := fs.String("db", "", "")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(*path); err != nil {
		return err
	}
	r, err := store.Inspect(context.Background(), *path)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(out, r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "数据库：%s\n完整性检查：%s\n结构版本：%d（本程序：%d）\n单位标识：%s\n",
			r.Path, r.QuickCheck, r.SchemaVersion, r.ProgramVersion, r.SiteID)
		if r.Upgrade != "" {
			fmt.Fprintf(out, "需要升级：%s（本次检查未改动文件）\n", r.Upgrade)
		}
		for _, t := range r.Tables {
			fmt.Fprintf(out, "  %-20s %8d 行", t.Table, t.Rows)
			if t.Deleted > 0 {
				fmt.Fprintf(out, "（其中已删除 %d）", t.Deleted)
			}
			fmt.Fprintln(out)
		}
	}
	if r.QuickCheck != "ok" {
		return errs.New(errs.Invalid, "数据库 %s 完整性检查未通过：%s", r.Path, r.QuickCheck)
	}
	return nil
}

func cmdBackup(args []string, out io.Writer) error {
	fs := newFlags("backup")
	path := fs.String("db", "", "")
	to := fs.String("to", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return errs.Field("to", "缺少 --to 备份文件路径")
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.BackupTo(context.Background(), *to)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已备份到 %s（%d 字节，%d 毫秒，已校验）\n", r.Path, r.Bytes, r.Millis)
	folder := attachments.FolderIn(filepath.Dir(db.Path()))
	if n, size := attachments.Usage(folder); n > 0 {
		fmt.Fprintf(out, "注意：备份文件只含数据库，不含附件（照片和扫描件，%d 个文件，共 %s）；附件在 %s，"+
			"程序不会改动或删除它们，换电脑或恢复时请把这个文件夹一起复制到新数据库所在的文件夹\n",
			n, attachments.HumanSize(size), folder)
	}
	return nil
}

// attachmentRows counts the attachments a database file records, live or removed (0 when it cannot
// tell); read-only, like check.
func attachmentRows(path string) int64 {
	r, err := store.Inspect(context.Background(), path)
	if err != nil {
		return 0
	}
	for _, t := range r.Tables {
		if t.Table == attachments.Table {
			return t.Rows
		}
	}
	return 0
}

// cmdRestore copies a backup out to a new database file, which can then be opened; the backup itself
// is only read.
func cmdRestore(args []string, out io.Writer) error {
	fs := newFlags("restore")
	from := fs.String("from", "", "")
	path := fs.String("db", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return errs.Field("from", "缺少 --from 备份文件路径")
	}
	if err := requireDB(*path); err != nil {
		return err
	}
	r, err := store.RestoreCopy(context.Background(), *from, *path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已从备份 %s 复制出 %s（%d 字节，已校验）；可用 --db %s 打开\n", *from, r.Path, r.Bytes, r.Path)
	if rows := attachmentRows(*path); rows > 0 {
		fmt.Fprintf(out, "注意：这份数据登记了 %d 个附件，附件文件不在备份中；请把原数据文件夹里的 attachments 文件夹复制到 %s\n",
			rows, attachments.FolderIn(filepath.Dir(r.Path)))
	}
	return nil
}
