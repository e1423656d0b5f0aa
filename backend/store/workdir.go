package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// WorkDir makes a private working folder beside the database, for files too large for memory that
// must stay on this computer's own disk (a bundle being built, or a copy of one being checked); release
// removes it. The folder holds a mark its program keeps while it lives, so folders left by a program
// that was killed are removed the next time any is made, and those of a live one are left alone.
func (db *DB) WorkDir(prefix string) (dir string, release func(), err error) {
	parent := filepath.Dir(db.path)
	for attempt := 1; ; attempt++ {
		var mark *os.File
		dir, mark, err = makeWorkDir(parent, prefix)
		if err == nil {
			removeAbandonedWorkDirs(parent, prefix, filepath.Base(dir))
			return dir, func() { mark.Close(); os.RemoveAll(dir) }, nil
		}
		if !errors.Is(err, fs.ErrNotExist) || attempt == 3 {
			return "", nil, errs.Wrap(err, errs.Internal, "无法在 %s 建立临时文件夹", parent)
		}
		// Another program took the folder for abandoned in the instant between its making and its mark
		// (below): make another.
	}
}

// makeWorkDir makes a working folder with its mark held. The folder exists for an instant without
// its mark; a program cleaning up then removes it, and the error says so (not exist).
func makeWorkDir(parent, prefix string) (string, *os.File, error) {
	dir, err := os.MkdirTemp(parent, "."+prefix+"-")
	if err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, liveMark)
	mark, err := os.Create(path)
	if err == nil {
		err = atomicfile.MarkLive(mark)
	}
	if err == nil {
		_, err = os.Stat(path) // still there once held: not taken for abandoned meanwhile
	}
	if err != nil {
		if mark != nil {
			mark.Close()
		}
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, mark, nil
}

// liveMark is the file in a working folder its program holds (see atomicfile.MarkLive).
const liveMark = ".live"

// removeAbandonedWorkDirs removes the working folders of a prefix whose program is gone, all but own:
// those whose mark is not held, and those without one (left by a program killed before it wrote it; a
// program making one this instant makes another, see WorkDir). On Windows the mark of a live program
// cannot be removed, so a folder goes only once its mark is gone.
func removeAbandonedWorkDirs(parent, prefix, own string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "."+prefix+"-") || e.Name() == own {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		mark := filepath.Join(dir, liveMark)
		if _, err := os.Stat(mark); err == nil && !atomicfile.Abandoned(mark) {
			continue
		}
		if err := os.Remove(mark); err != nil && !os.IsNotExist(err) {
			continue // held open by a live program (Windows)
		}
		os.RemoveAll(dir)
	}
}
