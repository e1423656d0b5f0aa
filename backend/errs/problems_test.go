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

// Also adds a field checked against other records to a form's errors, and the whole stays invalid
// input; a failed read wins; a field already named, or an error that is not a form's, is left as it
// was.
func TestAlso(t *testing.T) {
	form := errs.Field("phone", "电话号码应为 11 位")
	taken := &errs.Error{Code: errs.Conflict, Field: "idNumber", Message: "身份证号已登记"}
	e := errs.As(errs.Also(form, taken))
	if e.Code != errs.Invalid || e.Field != "phone" || len(e.Also) != 1 || e.Also[0].Field != "idNumber" || e.Also[0].Code != errs.Conflict {
		t.Fatalf("Also gave %+v", e)
	}
	if len(form.Also) != 0 {
		t.Error("Also changed the form's error it was given")
	}
	if e := errs.As(errs.Also(form, nil)); e.Field != "phone" || len(e.Also) != 0 {
		t.Errorf("nothing to add, yet %+v", e)
	}
	read := errs.New(errs.Internal, "读取居民失败")
	if errs.Also(form, read) != error(read) {
		t.Error("a failed read did not win")
	}
	if e := errs.As(errs.Also(taken, form)); e.Code != errs.Invalid || e.Field != "phone" || len(e.Also) != 1 {
		t.Errorf("a taken number before a bad phone: %+v", e.All())
	}
	if got := errs.As(errs.Also(errs.Field("idNumber", "身份证号校验位不对"), taken)); len(got.Also) != 0 {
		t.Errorf("the field already named got a second error: %+v", got)
	}
	notForm := errs.New(errs.NotFound, "所属的户不存在")
	if errs.Also(notForm, taken) != error(notForm) {
		t.Error("an error that is not a form's was changed")
	}
}
