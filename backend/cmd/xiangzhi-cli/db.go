package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/calendar"
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
	if err := notEmpty(path); err != nil {
		return nil, err
	}
	return withCalendar(store.Open(path, store.Options{Clock: clock, AppVersion: cliVersion}))
}

// notEmpty refuses a file of no bytes given as a database: SQLite would take it for a new database and
// the command would fill it with tables (a read such as office or case list too), where the officer
// named a file that is not one.
func notEmpty(path string) error {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		return errs.Field("db", "文件 %s 是空的（0 字节），不是乡治通的数据库；未改动。新建数据库请用 init", path)
	}
	return nil
}

// withCalendar makes the holidays the office entered count for every deadline the command computes
// on db (calendar.Apply); a database whose entries cannot be read is closed and the error returned.
func withCalendar(db *store.DB, err error) (*store.DB, error) {
	if err != nil {
		return nil, err
	}
	if err := calendar.Apply(context.Background(), db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openCreating opens path like openOrCreate, with opts, and returns discard: for a command that fails
// before it wrote anything worth keeping, discard closes the database and, when this call created the
// file, removes it again, so that a failed command leaves no new database behind.
func openCreating(path string, opts store.Options) (db *store.DB, discard func(), err error) {
	if err := requireDB(path); err != nil {
		return nil, nil, err
	}
	if err := notEmpty(path); err != nil {
		return nil, nil, err
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist)
	opts.Clock, opts.AppVersion = clock, cliVersion
	if db, err = withCalendar(store.Open(path, opts)); err != nil {
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
	if st, err := os.Stat(*path); err == nil && st.IsDir() {
		return errs.Field("db", "“%s”是文件夹；请给出新数据库文件的名字（如 %s）", *path, filepath.Join(*path, "xiangzhi.db"))
	} else if err == nil {
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
	att, err := verifyAttachments(*path, r)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(out, checkReport{r, att}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "数据库：%s\n完整性检查：%s\n结构版本：%d（本程序：%d）\n单位标识：%s\n",
			r.Path, r.QuickCheck, r.SchemaVersion, r.ProgramVersion, r.SiteID)
		if r.Upgrade != "" {
			fmt.Fprintf(out, "需要升级：%s（本次检查未改动文件）\n", r.Upgrade)
		}
		for _, t := range r.Tables {
			name := t.Table // (the table's own name beside its Chinese one, for whoever supports the office)
			if label, ok := store.TableLabel(t.Table); ok {
				name = label + "（" + t.Table + "）"
			}
			fmt.Fprintf(out, "  %s：%d 行", name, t.Rows)
			if t.Deleted > 0 {
				fmt.Fprintf(out, "（其中已删除 %d）", t.Deleted)
			}
			fmt.Fprintln(out)
		}
		if att != nil {
			fmt.Fprintln(out, attachmentsLine(*att))
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

// checkReport is what check --json writes: the store's report, and what the attachments' files are
// like when the database records any.
type checkReport struct {
	store.Report
	Attachments *attachments.Verification `json:"attachments,omitempty"`
}

// verifyAttachments checks the files of the live attachments a database file records, in the
// attachments folder beside it, read-only; nil when it records none.
func verifyAttachments(path string, r store.Report) (*attachments.Verification, error) {
	live := false
	for _, t := range r.Tables {
		live = live || t.Table == attachments.Table && t.Rows > t.Deleted
	}
	if !live {
		return nil, nil
	}
	var v attachments.Verification
	err := store.ReadOnly(context.Background(), path, func(q *sql.DB) (err error) {
		v, err = attachments.Verify(context.Background(), q, attachments.FolderIn(filepath.Dir(path)))
		return err
	})
	return &v, err
}

// attachmentsLine says in one line whether the attachments' files are all there and whole.
func attachmentsLine(v attachments.Verification) string {
	if v.OK() {
		return fmt.Sprintf("附件：%d 个，文件 %d 个（%s），都在 %s，与登记的校验值相符", v.Attachments, v.Files,
			attachments.HumanSize(v.Bytes), v.Folder)
	}
	line := fmt.Sprintf("附件：%d 个，附件文件夹 %s 中", v.Attachments, v.Folder)
	if len(v.Missing) > 0 {
		line += fmt.Sprintf("缺少 %d 个的文件（%s）", len(v.Missing), someNames(v.Missing))
	}
	if len(v.Damaged) > 0 {
		if len(v.Missing) > 0 {
			line += "，"
		}
		line += fmt.Sprintf("%d 个的文件已被改动或损坏（%s）", len(v.Damaged), someNames(v.Damaged))
	}
	return line + "；附件文件不在备份中，若这是备份或从别处复制来的数据库，请把原来的 attachments 文件夹复制到它旁边"
}

// someNames lists at most five names, then how many in all.
func someNames(names []string) string {
	if len(names) <= 5 {
		return strings.Join(names, "、")
	}
	return fmt.Sprintf("%s 等 %d 个", strings.Join(names[:5], "、"), len(names))
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
	if ins, err := store.Inspect(context.Background(), r.Path); err == nil {
		if v, err := verifyAttachments(r.Path, ins); err == nil && v != nil && !v.OK() {
			fmt.Fprintf(out, "注意：这份数据登记了 %d 个附件，其中 %d 个的文件不在 %s（备份只含数据库）；"+
				"请把原数据文件夹里的 attachments 文件夹复制到 %s\n",
				v.Attachments, len(v.Missing)+len(v.Damaged), v.Folder, filepath.Dir(r.Path))
		}
	}
	return nil
}

// openFlagged parses the flags of a command that takes --db and --json besides fs's own, and opens
// the database --db names; the caller closes it.
func openFlagged(fs *flag.FlagSet, args []string) (db *store.DB, asJSON bool, err error) {
	path := fs.String("db", "", "")
	js := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return nil, false, err
	}
	db, err = openExisting(*path)
	return db, *js, err
}
