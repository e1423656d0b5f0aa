package store

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// WorkDir makes a private working folder beside the database, for files too large for memory that
// must stay on this computer's own disk (a bundle being built, or a copy of one being checked); release
// removes it. The folder holds a mark its program keeps while it lives, so folders left by a program
// that was killed are removed the next time any is made, and those of a live one are left alone.
func (db *DB) WorkDir(prefix string) (dir string, release func(), err error) {
	parent := filepath.Dir(db.path)
	removeAbandonedWorkDirs(parent, prefix, db.opts.Clock())
	dir, err = os.MkdirTemp(parent, "."+prefix+"-")
	if err != nil {
		return "", nil, errs.Wrap(err, errs.Internal, "无法在 %s 建立临时文件夹", parent)
	}
	mark, err := os.Create(filepath.Join(dir, liveMark))
	if err == nil {
		err = atomicfile.MarkLive(mark)
	}
	if err != nil {
		if mark != nil {
			mark.Close()
		}
		os.RemoveAll(dir)
		return "", nil, errs.Wrap(err, errs.Internal, "无法在 %s 建立临时文件夹", parent)
	}
	return dir, func() { mark.Close(); os.RemoveAll(dir) }, nil
}

// liveMark is the file in a working folder its program holds (see atomicfile.MarkLive).
const liveMark = ".live"

// removeAbandonedWorkDirs removes the working folders of a prefix whose program is gone. On Windows
// the mark of a live program cannot be removed, so a folder goes only once its mark is gone.
func removeAbandonedWorkDirs(parent, prefix string, now time.Time) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "."+prefix+"-") {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		mark := filepath.Join(dir, liveMark)
		if _, err := os.Stat(mark); err != nil {
			// No mark: being made this instant, or left before its mark was written.
			if fi, err := e.Info(); err != nil || now.Sub(fi.ModTime()) < time.Minute {
				continue
			}
		} else if !atomicfile.Abandoned(mark) {
			continue
		}
		if err := os.Remove(mark); err != nil && !os.IsNotExist(err) {
			continue // held open by a live program (Windows)
		}
		os.RemoveAll(dir)
	}
}
