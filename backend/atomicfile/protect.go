package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"xiangzhi/backend/errs"
)

// MaxNameBytes is the longest file name the file systems the app meets take (NTFS, ext4: 255).
// Write needs room for ".partial" after the name.
const MaxNameBytes = 255

// The files and folders no output may be written over in this process: the live database and its
// companions, the backups folder, a command's own input. Whoever opens them protects them.
var (
	mu        sync.Mutex
	protected = map[string]guard{} // by cleaned absolute path
)

type guard struct {
	what  string // names it in the refusal: 正在使用的数据库, 备份文件夹, 本命令读取的文件
	dir   bool   // the folder and everything in it
	count int
}

// Protect keeps Write from writing path (a file, which may not exist yet) until release is called;
// what names it in the refusal. Protecting a path twice needs two releases.
func Protect(path, what string) (release func()) { return protect(path, what, false) }

// ProtectDir keeps Write from writing anything inside dir until release is called.
func ProtectDir(dir, what string) (release func()) { return protect(dir, what, true) }

func protect(path, what string, dir bool) func() {
	key := resolve(path)
	mu.Lock()
	g := protected[key]
	g.what, g.dir, g.count = what, dir, g.count+1
	protected[key] = g
	mu.Unlock()
	return sync.OnceFunc(func() {
		mu.Lock()
		defer mu.Unlock()
		if g := protected[key]; g.count > 1 {
			g.count--
			protected[key] = g
		} else {
			delete(protected, key)
		}
	})
}

// Check says whether Write may write path, before anything is made: not a folder, a device or
// anything but a regular file; not the live database, its companions, a file in its backups folder
// or the command's own input; a name with room for ".partial". Code invalid, with a message naming
// what would have been destroyed.
func Check(path string) error {
	if strings.TrimSpace(path) == "" {
		return errs.New(errs.Invalid, "没有给出要写入的文件")
	}
	if err := CheckName(path); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		switch {
		case st.IsDir():
			return errs.New(errs.Invalid, "“%s”是一个文件夹，不能写成文件；请另选文件名", path)
		case !st.Mode().IsRegular():
			return errs.New(errs.Invalid, "“%s”不是普通文件（是设备、管道或其他特殊文件），不能写入；请另选文件名", path)
		}
	}
	key := resolve(path)
	mu.Lock()
	for p, g := range protected {
		switch {
		case g.dir && within(key, p):
			mu.Unlock()
			return errs.New(errs.Invalid, "“%s”在%s里，写入会毁掉其中的文件；请另选位置", path, g.what)
		case !g.dir && (samePath(key, p) || sameFile(path, p)):
			mu.Unlock()
			return errs.New(errs.Invalid, "“%s”是%s，写入会毁掉它；请另选文件名", path, g.what)
		}
	}
	mu.Unlock()
	if isDatabase(path) {
		return errs.New(errs.Invalid, "“%s”是一个数据库文件，写入会毁掉其中的数据；请另选文件名", path)
	}
	return nil
}

// CheckName refuses a file name too long to be written beside as name.partial.
func CheckName(path string) error {
	if n := len(filepath.Base(path)); n+len(".partial") > MaxNameBytes {
		return errs.New(errs.Invalid, "文件名太长（%d 字节，最多 %d 字节）；请换一个短一些的文件名", n, MaxNameBytes-len(".partial"))
	}
	return nil
}

// resolve is path made absolute and clean, with the symbolic links of its folder followed (the file
// itself may not exist yet).
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return abs
}

// samePath compares resolved paths as the file system does (without case on Windows).
func samePath(a, b string) bool {
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// within reports whether path is inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		rel, err = filepath.Rel(strings.ToLower(dir), strings.ToLower(path))
		if err != nil {
			return false
		}
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// sameFile reports whether two paths name one existing file (hard links, other spellings).
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// isDatabase reports whether the file begins as every SQLite database does: no export, PDF or report
// is ever written over one, open here or not (another office's copy, a backup moved elsewhere).
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	return n == 16 && string(head) == "SQLite format 3\x00"
}
