package errs_test

import (
	"errors"
	"testing"

	"xiangzhi/backend/errs"
)

// Problems gives every field's first error at once, and an error that is not a field's before them.
func TestProblems(t *testing.T) {
	var p errs.Problems
	if p.Err() != nil {
		t.Fatal("nothing kept, yet an error")
	}
	p.Keep(nil)
	p.Keep(errs.Field("name", "请填写姓名"))
	p.Keep(errs.Field("name", "姓名过长")) // the field's second: dropped
	p.Keep(errs.Field("phone", "电话号码应为 11 位"))
	if !p.Has("phone") || p.Has("notes") {
		t.Error("Has")
	}
	e := errs.As(p.Err())
	if e.Field != "name" || len(e.Also) != 1 || e.Also[0].Field != "phone" {
		t.Fatalf("kept %+v", e)
	}
	if e.Messages() != "请填写姓名；电话号码应为 11 位" {
		t.Errorf("Messages %q", e.Messages())
	}

	var whole errs.Problems // a part checked by itself: all its fields are kept
	whole.Keep(errs.Field("title", "请填写标题"))
	whole.Keep(p.Err())
	if e := errs.As(whole.Err()); len(e.Also) != 2 || e.Also[0].Field != "name" || e.Also[1].Field != "phone" {
		t.Errorf("a part's errors: %+v", e)
	}

	failed := errors.New("disk I/O error")
	p.Keep(errs.New(errs.Invalid, "没有字段的错误")) // not a field's: wins like a failed read
	p.Keep(failed)
	if got := p.Err(); errs.As(got).Message != "没有字段的错误" {
		t.Errorf("an error without a field should win, got %v", got)
	}
	var q errs.Problems
	q.Keep(errs.Field("name", "请填写姓名"))
	q.Keep(failed)
	if !errors.Is(q.Err(), failed) {
		t.Errorf("a failed read should win over field errors, got %v", q.Err())
	}
}
