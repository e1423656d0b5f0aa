package docs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

// issuedAt is when the archive tests issue their documents: numbers and times depend on it.
var issuedAt = time.Date(2026, 11, 27, 10, 4, 5, 0, time.Local)

// MustArchive opens a fresh database in tb.TempDir() with an operator, on a clock standing at
// issuedAt, and returns an archive over it.
func MustArchive(tb testing.TB) *docs.Archive {
	tb.Helper()
	db := storetest.Open(tb, store.Options{Clock: storetest.NewClock(issuedAt).Now, ShortName: "丹口"})
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		tb.Fatal(err)
	}
	return &docs.Archive{DB: db, Fonts: mustFonts(tb)}
}

func example(tb testing.TB, kind string) []byte {
	k, err := docs.Lookup(kind)
	if err != nil {
		tb.Fatal(err)
	}
	return []byte(k.Example)
}

// numbered is the example of kind with the 文号 丹政发〔2026〕n号 instead of its own: one 文号 names
// one paper, so a test that issues a kind's example twice numbers them apart.
func numbered(tb testing.TB, kind string, n int) []byte {
	tb.Helper()
	var in map[string]any
	if err := json.Unmarshal(example(tb, kind), &in); err != nil {
		tb.Fatal(err)
	}
	in["number"] = fmt.Sprintf("丹政发〔2026〕%d号", n)
	b, err := json.Marshal(in)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func countRows(tb testing.TB, a *docs.Archive, q string) int {
	var n int
	if err := a.DB.SQL().QueryRow(q).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestIssueAndReprint(t *testing.T) {
	a := MustArchive(t)
	rec, pdf, err := a.Issue(ctx, "notice", example(t, "notice"), "")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Number != "丹口-2026-通知-0001" || rec.Kind != "notice" || rec.KindLabel != "通知" || rec.Issuer != "王丽" ||
		rec.IssuedAt != "2026-11-27T10:04:05" || rec.DocDate != "2026-11-27" || rec.Pages != docs.Pages(pdf) || rec.Pages < 1 {
		t.Errorf("record %+v", rec)
	}
	second, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 13), "")
	if err != nil || second.Number != "丹口-2026-通知-0002" {
		t.Fatalf("second number %q, %v", second.Number, err)
	}
	if other, _, err := a.Issue(ctx, "gongshi", example(t, "gongshi"), ""); err != nil || other.Number != "丹口-2026-公示-0001" {
		t.Fatalf("gongshi number %q, %v", other.Number, err)
	}

	t.Run("ReprintIsIdentical", func(t *testing.T) {
		got, again, err := a.PDF(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(pdf) || got.SHA256 != rec.SHA256 {
			t.Error("the reprint differs from the issued file")
		}
		// the stored input renders to the same bytes again
		redo, _, err := docs.Render(a.Fonts, got.Kind, []byte(got.Input))
		if err != nil || string(redo) != string(pdf) {
			t.Errorf("re-rendering the archived input gives other bytes (%v)", err)
		}
		byNo, err := a.ByNumber(ctx, "丹口-2026-通知-0001")
		if err != nil || byNo.ID != rec.ID {
			t.Errorf("ByNumber: %+v, %v", byNo, err)
		}
	})

	t.Run("TamperedFileIsRefused", func(t *testing.T) {
		storetest.Tamper(t, a.DB, `UPDATE documents SET pdf = x'00' WHERE id = ?`, second.ID)
		if _, _, err := a.PDF(ctx, second.ID); err == nil || !strings.Contains(err.Error(), "校验值不符") {
			t.Errorf("tampered file: %v", err)
		}
	})

	t.Run("Correction", func(t *testing.T) {
		var in docs.Notice
		if err := json.Unmarshal(example(t, "notice"), &in); err != nil {
			t.Fatal(err)
		}
		in.Body = strings.Replace(in.Body, "12月10日", "12月15日", 1)
		b, _ := json.Marshal(in)
		fix, fixPDF, err := a.Issue(ctx, "notice", b, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if fix.Number != "丹口-2026-通知-0003" || fix.Replaces != rec.ID || fix.ReplacesNumber != rec.Number {
			t.Errorf("correction %+v", fix)
		}
		text := squash(pdfText(t, fixPDF))
		// It names the 文号 the villages saw, and the 存档号.
		if !strings.Contains(text, "本件更正并替代"+squash(in.Number)+"《") || !strings.Contains(strings.ReplaceAll(text, "-", ""), "（存档号丹口2026通知0001）") || // (a line may break at a -)
			!strings.Contains(text, "12月15日") {
			t.Errorf("the correction does not say what it replaces:\n%s", text)
		}
		old, err := a.Get(ctx, rec.ID)
		if err != nil || old.ReplacedBy != fix.Number {
			t.Errorf("original not marked as corrected: %+v %v", old, err)
		}
		if _, _, err := a.Issue(ctx, "notice", b, rec.ID); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("correcting a corrected document again: %v", err)
		}
		if _, _, err := a.Issue(ctx, "gongshi", example(t, "gongshi"), fix.ID); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("correcting with another kind: %v", err)
		}
		if _, _, err := a.Issue(ctx, "notice", b, "no-such-id"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("correcting a missing document: %v", err)
		}
	})

	t.Run("List", func(t *testing.T) {
		p, err := a.List(ctx, "notice", "", 10, 0)
		if err != nil || p.Total != 3 || p.Voided != 0 || len(p.Items) != 3 || p.Items[0].Number != "丹口-2026-通知-0003" {
			t.Errorf("list notices: %+v %v", p, err)
		}
		p, _ = a.List(ctx, "", "公示", 10, 0)
		if p.Total != 1 || p.Items[0].Kind != "gongshi" {
			t.Errorf("search 公示: %+v", p)
		}
		p, _ = a.List(ctx, "", "", 1, 1)
		if len(p.Items) != 1 {
			t.Errorf("paging: %+v", p)
		}
		// In the order of a column: the numbers oldest first, then newest first.
		p, err = a.ListSorted(ctx, "notice", "", "number", false, 10, 0)
		if err != nil || len(p.Items) != 3 || p.Items[0].Number != "丹口-2026-通知-0001" || p.Items[2].Number != "丹口-2026-通知-0003" {
			t.Errorf("by number: %+v %v", p.Items, err)
		}
		p, _ = a.ListSorted(ctx, "notice", "", "number", true, 10, 0)
		if p.Items[0].Number != "丹口-2026-通知-0003" {
			t.Errorf("by number, descending: %+v", p.Items)
		}
		if _, err := a.ListSorted(ctx, "", "", "title; DROP TABLE documents", false, 10, 0); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("an unknown order: %v", err)
		}
	})
}

// Sorted by title, the archive lists in pinyin order (as the window sorts a list), not in the order
// of the characters' codes: 张 (U+5F20) comes before 阿 (U+963F) by code, after it by pinyin.
func TestListSortsTitlesInPinyin(t *testing.T) {
	a := MustArchive(t)
	titles := []string{"张家村修路的通知", "阿拉村停水的通知", "白毛坪村防火的通知", "关于冬季防火的通知", "2027年春节值班的通知"}
	for i, title := range titles {
		var in map[string]any
		if err := json.Unmarshal(numbered(t, "notice", 20+i), &in); err != nil {
			t.Fatal(err)
		}
		in["title"] = title
		b, _ := json.Marshal(in)
		if _, _, err := a.Issue(ctx, "notice", b, ""); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"2027年春节值班的通知", "阿拉村停水的通知", "白毛坪村防火的通知", "关于冬季防火的通知", "张家村修路的通知"}
	for _, desc := range []bool{false, true} {
		p, err := a.ListSorted(ctx, "", "", "title", desc, 50, 0)
		got := []string{}
		for _, d := range p.Items {
			got = append(got, d.Title)
		}
		if desc {
			slices.Reverse(got)
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("by title (descending %v): %q, want %q (%v)", desc, got, want, err)
		}
	}
}

func TestIssueBadInputWritesNothing(t *testing.T) {
	a := MustArchive(t)
	audit := countRows(t, a, `SELECT count(*) FROM audit_log`)
	for _, c := range []struct {
		kind, input, field string
	}{
		{"notice", `{"title":"","body":"x","issuer":"镇政府","date":"2026-11-27"}`, "title"},
		{"notice", `{"title":"通知","body":"x","issuer":"镇政府","date":"2026-13-45"}`, "date"},
		{"notice", `{"title":"通知","body":"x","issuer":"镇政府","date":"2026-11-27","colour":"red"}`, "colour"},
		{"notice", `{"title":"通知","body":"含𠮷字","issuer":"镇政府","date":"2026-11-27"}`, "body"},
		{"gongshi", strings.Replace(string(example(t, "gongshi")), "蓝卫东", "蓝𠮷东", 1), "people.1.name"},
		{"certificate", strings.Replace(string(example(t, "certificate")), "刘春花家庭", "刘䶵花家庭", 1), "recipients.2.name"},
		{"ledger", strings.Replace(string(example(t, "ledger")), "路灯损坏8盏", `路灯损坏\u0007盏`, 1), "rows.1.3"},
		{"notice", `{"title":1}`, "title"},
		{"gongshi", strings.Replace(string(example(t, "gongshi")), "430529195803121221", "430529195803121222", 1), "people.0.id"},
		{"review", strings.Replace(string(example(t, "review")), `"risk": "中"`, `"risk": "很高"`, 1), "problems.1.risk"},
		{"nonsense", `{}`, "kind"},
	} {
		_, pdf, err := a.Issue(ctx, c.kind, []byte(c.input), "")
		e := errs.As(err)
		if err == nil || e.Code != errs.Invalid || e.Field != c.field || pdf != nil {
			t.Errorf("%s %s: got %v (field %q), want invalid on %q", c.kind, c.input, err, e.Field, c.field)
		}
		if !containsHan(e.Message) {
			t.Errorf("message is not Chinese: %q", e.Message)
		}
	}
	if n := countRows(t, a, `SELECT count(*) FROM documents`); n != 0 {
		t.Errorf("%d documents archived from bad input", n)
	}
	if n := countRows(t, a, `SELECT count(*) FROM audit_log`); n != audit {
		t.Errorf("audit grew from %d to %d", audit, n)
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// pdfText extracts the text of a PDF with pdftotext.
func pdfText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		tb.Fatal(err)
	}
	return string(out)
}

func TestIssueNeedsAnIssuer(t *testing.T) {
	a := &docs.Archive{DB: storetest.Open(t, store.Options{ShortName: "丹口"}), Fonts: mustFonts(t)}
	_, pdf, err := a.Issue(ctx, "notice", example(t, "notice"), "")
	if e := errs.As(err); e.Code != errs.Invalid || e.Field != "operator" || pdf != nil {
		t.Errorf("no operator: %v", err)
	}
	if n := countRows(t, a, `SELECT count(*) FROM documents`); n != 0 {
		t.Errorf("%d documents archived without an issuer", n)
	}
	a.Issuer = "演示数据"
	if rec, _, err := a.Issue(ctx, "notice", example(t, "notice"), ""); err != nil || rec.Issuer != "演示数据" {
		t.Errorf("with an issuer: %+v %v", rec, err)
	}
}

// TestConcurrentCorrections: of two corrections of one document issued at
// the same time, one is archived and the other refused.
func TestConcurrentCorrections(t *testing.T) {
	a := MustArchive(t)
	orig, _, err := a.Issue(ctx, "notice", example(t, "notice"), "")
	if err != nil {
		t.Fatal(err)
	}
	results := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() {
			_, _, err := a.Issue(ctx, "notice", example(t, "notice"), orig.ID)
			results <- err
		}()
	}
	var ok, conflicts int
	for i := 0; i < 2; i++ {
		switch err := <-results; errs.CodeOf(err) {
		case errs.Conflict:
			conflicts++
		default:
			if err == nil {
				ok++
			} else {
				t.Errorf("correction: %v", err)
			}
		}
	}
	if ok != 1 || conflicts != 1 {
		t.Errorf("%d corrections archived, %d refused; want 1 and 1", ok, conflicts)
	}
}

// One 文号 names one paper: a second document with a 文号 the archive holds is refused (naming the
// field and the paper that has it) and writes nothing, in the same kind or another; a voided paper's
// 文号 stays taken; a correction may keep the 文号 of the paper it replaces, and a correction of that
// correction too; papers without a 文号, and numbers that are not 文号, are never compared.
func TestDocNumberNamesOnePaper(t *testing.T) {
	a := MustArchive(t)
	first, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 12), "")
	if err != nil {
		t.Fatal(err)
	}
	docs0, audit0 := countRows(t, a, `SELECT count(*) FROM documents`), countRows(t, a, `SELECT count(*) FROM audit_log`)
	refused := func(what string, kind string, input []byte, replaces string) {
		t.Helper()
		_, pdf, err := a.Issue(ctx, kind, input, replaces)
		e := errs.As(err)
		if e.Code != errs.Invalid || e.Field != "number" || pdf != nil ||
			!strings.Contains(e.Message, "文号“丹政发〔2026〕12号”已用于存档号 "+first.Number) {
			t.Errorf("%s: %v", what, err)
		}
		if d, n := countRows(t, a, `SELECT count(*) FROM documents`), countRows(t, a, `SELECT count(*) FROM audit_log`); d != docs0 || n != audit0 {
			t.Errorf("%s wrote: documents %d → %d, audit %d → %d", what, docs0, d, audit0, n)
		}
	}
	refused("the same 文号 again", "notice", numbered(t, "notice", 12), "")
	var letter map[string]any
	if err := json.Unmarshal(example(t, "letter"), &letter); err != nil {
		t.Fatal(err)
	}
	letter["number"] = "丹政发〔2026〕12号"
	b, _ := json.Marshal(letter)
	refused("the same 文号 on a letter", "letter", b, "")

	fix, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 12), first.ID)
	if err != nil {
		t.Fatalf("a correction keeping its 文号: %v", err)
	}
	if _, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 12), fix.ID); err != nil {
		t.Fatalf("a correction of the correction keeping its 文号: %v", err)
	}
	other, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 30), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Void(ctx, other.ID, "发错了"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 30), ""); errs.As(err).Field != "number" {
		t.Errorf("the 文号 of a voided paper: %v", err)
	}
	// A number that is no 文号 may repeat: a case handed down twice gets two 交办单 of its number.
	for i := 0; i < 2; i++ {
		if _, _, err := a.Issue(ctx, "slip", example(t, "slip"), ""); err != nil {
			t.Errorf("a second 交办单 of one case: %v", err)
		}
	}
	for i := 0; i < 2; i++ { // a 公示 of the example has no 文号
		var g map[string]any
		if err := json.Unmarshal(example(t, "gongshi"), &g); err != nil {
			t.Fatal(err)
		}
		g["number"] = ""
		b, _ := json.Marshal(g)
		if _, _, err := a.Issue(ctx, "gongshi", b, ""); err != nil {
			t.Errorf("a paper without a 文号: %v", err)
		}
	}
}
