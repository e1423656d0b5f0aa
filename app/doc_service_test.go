package app

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

func TestDocService(t *testing.T) {
	db := storetest.Open(t, store.Options{ShortName: "丹口"})
	s := NewDocService(openedOn(db), &windowEvents{})
	kinds := s.Kinds()
	if len(kinds) != 16 || kinds[11].Name != "agreement" || kinds[15].Name != "statreport" {
		t.Fatalf("%d kinds", len(kinds))
	}
	fontsInUse, err := s.Fonts()
	if err != nil || len(fontsInUse) != 4 {
		t.Fatalf("fonts: %v %v", fontsInUse, err)
	}

	draft, err := s.Preview("notice", kinds[0].Example, "")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := base64.StdEncoding.DecodeString(draft.PDF)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") || draft.Pages != docs.Pages(pdf) || draft.Issued.ID != "" {
		t.Errorf("preview: %d pages, %v, %q", draft.Pages, err, draft.Issued.ID)
	}
	if list, _ := s.List("", "", "", false, 10, 0); list.Total != 0 {
		t.Error("a preview was archived")
	}

	_, err = s.Preview("notice", `{"title":"","body":"x","issuer":"镇政府","date":"2026-11-27"}`, "")
	if e, ok := formatError(err).(ErrorJSON); !ok || e.Code != errs.Invalid || e.Field != "title" || !strings.Contains(e.Message, "「标题」不能为空") {
		t.Errorf("bad input: %+v", formatError(err))
	}

	if _, err := s.Issue("notice", kinds[0].Example, "", ""); errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "操作员") {
		t.Errorf("issue with no operator: %v", err)
	}
	if err := db.SetOperator(context.Background(), "王丽"); err != nil {
		t.Fatal(err)
	}
	issued, err := s.Issue("notice", kinds[0].Example, "", "")
	if err != nil || !strings.HasSuffix(issued.Issued.Number, "-通知-0001") {
		t.Fatalf("issue: %+v %v", issued.Issued, err)
	}
	again, err := s.Open(issued.Issued.ID)
	if err != nil || again.PDF != issued.PDF {
		t.Errorf("reopened file differs: %v", err)
	}
	fix, err := s.Preview("notice", kinds[0].Example, issued.Issued.ID)
	if err != nil || fix.Pages < 1 {
		t.Errorf("preview of a correction: %v", err)
	} else if b, _ := base64.StdEncoding.DecodeString(fix.PDF); len(b) <= len(pdf) {
		t.Error("the correction's preview is not longer than the plain draft (no 更正说明)")
	}
	if list, err := s.List("notice", "", "", false, 10, 0); err != nil || list.Total != 1 || list.Items[0].ID != issued.Issued.ID {
		t.Errorf("list: %+v %v", list, err)
	}

	if _, err := s.ChooseFont("song"); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("unknown role: %v", err)
	}
	if _, err := s.ChooseFont("fang"); err == nil || !strings.Contains(err.Error(), "窗口尚未就绪") {
		t.Errorf("without a window: %v", err)
	}
	if use, err := s.ResetFont("kai"); err != nil || len(use) != 4 {
		t.Errorf("reset: %v %v", use, err)
	}
	if len(s.FontLicenses()) != 3 {
		t.Error("font licences missing")
	}

	closed := NewDocService(notOpened(errs.New(errs.Internal, "数据库未打开：测试")), &windowEvents{})
	if _, err := closed.Preview("notice", kinds[0].Example, ""); err == nil || !strings.Contains(err.Error(), "测试") {
		t.Errorf("no database: %v", err)
	}
}
