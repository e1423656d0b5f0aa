package store

import (
	"errors"
	"path/filepath"

	"github.com/mattn/go-sqlite3"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// dbError turns a SQLite error into a backend error with a code; it keeps an *errs.Error as it is.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return errs.Wrap(err, errs.Conflict, "已有相同的记录")
		case sqlite3.ErrConstraintForeignKey:
			return errs.Wrap(err, errs.Invalid, "引用的记录不存在或仍被引用")
		case sqlite3.ErrConstraintCheck, sqlite3.ErrConstraintNotNull:
			return errs.Wrap(err, errs.Invalid, "数据不符合要求")
		}
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return errs.Wrap(err, errs.Conflict, "数据库正忙，请稍后再试")
		case sqlite3.ErrFull:
			return errs.Wrap(err, errs.Internal, "磁盘已满，数据未写入")
		case sqlite3.ErrReadonly:
			return errs.Wrap(err, errs.Forbidden, "数据库文件只读，数据未写入")
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return errs.Wrap(err, errs.Internal, "数据库文件已损坏")
		}
	}
	return errs.Wrap(err, errs.Internal, "数据库错误")
}

// openError says why a file could not be read when it was opened or looked at: damaged or not a
// 乡治通 database only when SQLite says so; a lock held by another program, a folder without
// permission or a path too long are named as what they are. The file is unchanged in every case.
func openError(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return errs.Wrap(err, errs.Conflict, "数据库 %s 正被另一个程序锁定（可能是另一个乡治通窗口或数据库工具），请关闭它后再试；文件未改动", path)
		case sqlite3.ErrPerm, sqlite3.ErrAuth:
			return errs.Wrap(err, errs.Forbidden, "没有权限读取数据库 %s；文件未改动", path)
		case sqlite3.ErrCantOpen, sqlite3.ErrIoErr:
			if len(filepath.Base(path))+len("-wal") > 255 {
				return errs.Wrap(err, errs.Invalid, "无法打开数据库 %s：路径太长；请把它放在路径短一些的文件夹里", path)
			}
			return errs.Wrap(err, errs.Invalid, "无法打开数据库 %s（所在文件夹只读、没有权限或磁盘出错）；文件未改动", path)
		case sqlite3.ErrReadonly:
			return errs.Wrap(err, errs.Forbidden, "数据库 %s 所在的文件夹或文件只读；文件未改动", path)
		}
	}
	return errs.Wrap(err, errs.Invalid, "数据库文件 %s 已损坏或不是乡治通数据库", path)
}

// diskFull reports whether err says the disk is full, as SQLite says it or as the system does.
func diskFull(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrFull || atomicfile.DiskFull(err)
}
