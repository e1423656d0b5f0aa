package atomicfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// refused writes path and wants it refused with a message holding want, and nothing at path or
// beside it changed.
func refused(t *testing.T, path, want string) {
	t.Helper()
	before, _ := os.ReadFile(path)
	err := atomicfile.WriteBytes(path, []byte("导出的内容"))
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid || !strings.Contains(e.Message, want) {
		t.Fatalf("writing %s: want an invalid error saying %q, got %v", path, want, err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatalf("%s changed although the write was refused", path)
	}
	if _, err := os.Stat(path + ".partial"); err == nil {
		t.Fatalf("%s.partial left behind", path)
	}
}

func TestWriteRefusesWhatMustBeKept(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "xiangzhi.db")
	if err := os.WriteFile(db, []byte("SQLite format 3\x00 and the office's data"), 0o644); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	os.Mkdir(backups, 0o755)
	os.WriteFile(filepath.Join(backups, "xiangzhi-daily.db"), []byte("a backup"), 0o644)
	input := filepath.Join(dir, "正文.json")
	os.WriteFile(input, []byte(`{"title":"通知"}`), 0o644)

	release := []func(){
		atomicfile.Protect(db, "正在使用的数据库"),
		atomicfile.Protect(db+"-wal", "正在使用的数据库的日志文件"),
		atomicfile.ProtectDir(backups, "数据库的备份文件夹"),
		atomicfile.Protect(input, "本命令读取的文件"),
	}
	refused(t, db, "正在使用的数据库")
	refused(t, filepath.Join(dir, ".", "sub", "..", "xiangzhi.db"), "正在使用的数据库") // another spelling
	refused(t, db+"-wal", "日志文件")                                               // not there yet: refused all the same
	refused(t, filepath.Join(backups, "xiangzhi-daily.db"), "备份文件夹")
	refused(t, filepath.Join(backups, "新文件.xlsx"), "备份文件夹")
	refused(t, input, "本命令读取的文件")
	refused(t, dir, "文件夹")
	if _, err := os.Stat("/dev/null"); err == nil {
		refused(t, "/dev/null", "不是普通文件")
	}
	link := filepath.Join(dir, "link.pdf")
	if os.Symlink(db, link) == nil {
		refused(t, link, "正在使用的数据库") // a link to it
	}
	hard := filepath.Join(dir, "hard.pdf")
	if os.Link(input, hard) == nil {
		refused(t, hard, "本命令读取的文件") // another name of the same file
	}
	long := filepath.Join(dir, strings.Repeat("名", 83)+".pdf") // 249 + 4 bytes: no room for .partial
	refused(t, long, "文件名太长")

	for _, r := range release {
		r()
	}
	// Released, the input may be written; the database file never is, open here or not.
	if err := atomicfile.WriteBytes(input, []byte("{}")); err != nil {
		t.Fatalf("after release: %v", err)
	}
	refused(t, db, "数据库文件")
	if err := atomicfile.WriteBytes(filepath.Join(dir, "导出.xlsx"), []byte("x")); err != nil {
		t.Fatalf("an ordinary new file: %v", err)
	}
}

// Protecting twice needs two releases; each release works once.
func TestProtectCounts(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.db")
	r1 := atomicfile.Protect(p, "甲")
	r2 := atomicfile.Protect(p, "甲")
	r1()
	r1()
	if atomicfile.Check(p) == nil {
		t.Fatal("still protected once: refused")
	}
	r2()
	if err := atomicfile.Check(p); err != nil {
		t.Fatalf("released: %v", err)
	}
}
