// Package atomicfile writes a file so that it is either complete or not
// there: the content goes to "<path>.partial", is synced, then renamed.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"xiangzhi/backend/errs"
)

// Write writes path with write; on any error nothing is left at path or
// beside it. It first refuses, changing nothing, what Check refuses (the
// live database, a folder, a device, the command's input...). Errors:
// invalid when the path is refused or the file cannot be created (a folder
// that does not exist or is read-only), internal otherwise.
func Write(path string, write func(w io.Writer) error) error {
	if err := Check(path); err != nil {
		return err
	}
	tmp := path + ".partial"
	out, err := os.Create(tmp)
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "无法写入文件“%s”", path)
	}
	_ = MarkLive(out) // a lock is a courtesy to RemoveAbandoned; where there is none, nothing is lost
	err = write(out)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		if DiskFull(err) {
			return errs.Wrap(err, errs.Internal, "磁盘已满，文件“%s”未保存；请腾出磁盘空间或换一个位置", path)
		}
		return errs.Wrap(err, errs.Internal, "保存文件“%s”失败", path)
	}
	return nil
}

// WriteBytes writes data to path like Write.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// RemoveAbandoned removes the files "<name>.partial" in dir, with name beginning with prefix, that a
// killed program left: those no live program is writing (see MarkLive). Where a folder's system
// cannot tell (a lock not seen across a share), a file being written may go; its writer then fails
// to rename it and says so, and nothing half-written is ever taken for whole.
func RemoveAbandoned(dir, prefix string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".partial") &&
			Abandoned(filepath.Join(dir, n)) {
			_ = os.Remove(filepath.Join(dir, n))
		}
	}
}
