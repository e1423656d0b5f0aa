package docs_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
)

// A draft is issued once: the second 发文存档 of the same draft (a double click) is refused with the
// number it got, and writes nothing; another draft is issued as before.
func TestIssueDraftOnce(t *testing.T) {
	a := MustArchive(t)
	first, _, err := a.IssueDraft(ctx, "notice", example(t, "notice"), "", "draft-1")
	if err != nil || first.DraftID != "draft-1" {
		t.Fatalf("first issue: %+v %v", first, err)
	}
	audit := countRows(t, a, `SELECT count(*) FROM audit_log`)
	_, _, err = a.IssueDraft(ctx, "notice", example(t, "notice"), "", "draft-1")
	if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), first.Number) || !strings.Contains(err.Error(), "2026年11月27日 10:04") {
		t.Fatalf("second issue of the draft: %v", err)
	}
	if n := countRows(t, a, `SELECT count(*) FROM documents`); n != 1 {
		t.Errorf("%d documents after a refused second issue", n)
	}
	if n := countRows(t, a, `SELECT count(*) FROM audit_log`); n != audit {
		t.Errorf("audit %d → %d", audit, n)
	}
	if second, _, err := a.IssueDraft(ctx, "notice", numbered(t, "notice", 13), "", "draft-2"); err != nil || second.Number == first.Number {
		t.Errorf("another draft: %+v %v", second, err)
	}
	// Without a draft (the command line, a domain's own documents) nothing is checked.
	for i := 0; i < 2; i++ {
		if _, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 14+i), ""); err != nil {
			t.Fatal(err)
		}
	}
}

// A voided document stays in the archive with its reason, time and operator; the list counts it
// apart; it cannot be voided twice or corrected; its PDF is still there, unchanged.
func TestVoid(t *testing.T) {
	a := MustArchive(t)
	doc, _, err := a.Issue(ctx, "notice", example(t, "notice"), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 13), ""); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "  \u200b", strings.Repeat("错", 201)} {
		if _, err := a.Void(ctx, doc.ID, bad); errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "reason" {
			t.Errorf("reason %q: %v", bad, err)
		}
	}
	if _, err := a.Void(ctx, "no-such-id", "发错了"); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("voiding a missing document: %v", err)
	}
	v, err := a.Void(ctx, doc.ID, "  时间写错，已重新发文  ")
	if err != nil || v.VoidReason != "时间写错，已重新发文" || v.VoidedBy != "王丽" || v.VoidedAt != "2026-11-27T10:04:05" {
		t.Fatalf("void: %+v %v", v, err)
	}
	if _, err := a.Void(ctx, doc.ID, "再作废一次"); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("voiding twice: %v", err)
	}
	if _, _, err := a.Issue(ctx, "notice", example(t, "notice"), doc.ID); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("correcting a voided document: %v", err)
	}
	p, err := a.List(ctx, "", "", 10, 0)
	if err != nil || p.Total != 2 || p.Voided != 1 {
		t.Errorf("list: total %d voided %d %v", p.Total, p.Voided, err)
	}
	if rec, pdf, err := a.PDF(ctx, doc.ID); err != nil || len(pdf) == 0 || rec.VoidReason == "" {
		t.Errorf("the voided document's PDF: %v", err)
	}
	// The change is in the audit log like any other.
	if n := countRows(t, a, `SELECT count(*) FROM audit_log WHERE action = 'update' AND tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'documents')`); n != 1 {
		t.Errorf("%d audit entries for the void", n)
	}
}

// The archive finds a document by its 文号 (the number villages see), not only by its 存档号 or title.
func TestListFindsTheDocNumber(t *testing.T) {
	a := MustArchive(t)
	doc, _, err := a.Issue(ctx, "notice", example(t, "notice"), "")
	if err != nil || doc.DocNumber == "" {
		t.Fatalf("%+v %v", doc, err)
	}
	part := []rune(doc.DocNumber)[:3] // e.g. 丹政发
	p, err := a.List(ctx, "", string(part), 10, 0)
	if err != nil || p.Total != 1 || p.Items[0].DocNumber != doc.DocNumber {
		t.Errorf("search %q: %+v %v", string(part), p, err)
	}
}
