package app

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
)

func TestDBFlag(t *testing.T) {
	cases := map[string][]string{
		"":         {"-devserver", "127.0.0.1:1", "-assetdir", "dist"},
		"a.db":     {"--db", "a.db"},
		"b.db":     {"-devserver", "x", "-db", "b.db"},
		"c d.db":   {"--db=c d.db"},
		"e.db":     {"-db=e.db"},
		"(absent)": {"--db"},
	}
	for want, args := range cases {
		if want == "(absent)" {
			want = ""
		}
		if got := dbFlag(args); got != want {
			t.Errorf("dbFlag(%q) = %q, want %q", args, got, want)
		}
	}
}

func TestDataDirFollowsXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG folders are Linux's")
	}
	t.Setenv("XDG_DATA_HOME", "/srv/data")
	d, err := DataDir()
	if err != nil || d != filepath.Join("/srv/data", "xiangzhi") {
		t.Errorf("DataDir() = %q, %v", d, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/officer")
	if d, _ := DataDir(); d != "/home/officer/.local/share/xiangzhi" {
		t.Errorf("DataDir() with a relative XDG_DATA_HOME = %q", d)
	}
}

func TestFormatError(t *testing.T) {
	got := formatError(errs.Field("officeName", "单位名称不能为空")).(ErrorJSON)
	if got.Code != "invalid" || got.Message != "单位名称不能为空" || got.Field != "officeName" || got.Also != nil {
		t.Errorf("%+v", got)
	}
	var p errs.Problems
	p.Keep(errs.Field("name", "请填写姓名"))
	p.Keep(errs.Field("phone", "电话号码应为 11 位"))
	several := formatError(p.Err()).(ErrorJSON)
	if several.Field != "name" || len(several.Also) != 1 || several.Also[0] != (FieldError{Field: "phone", Message: "电话号码应为 11 位"}) {
		t.Errorf("a form's several errors became %+v", several)
	}
	plain := formatError(errString("disk on fire")).(ErrorJSON)
	if plain.Code != "internal" || !strings.Contains(plain.Message, "disk on fire") {
		t.Errorf("a plain error became %+v", plain)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestDatabaseLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	first, err := lockDatabase(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lockDatabase(db)
	if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "另一个乡治通窗口") {
		t.Fatalf("second lock: %v", err)
	}
	first.release()
	again, err := lockDatabase(db)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.release()
}
