package store

import (
	"errors"

	"github.com/mattn/go-sqlite3"
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
