package docs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
)

// Attachments print as pages of the document (issue 12 §3, GB/T 9704 §8): each from a new page,
// 「附件1」 at the top left, its title on the third line, its text and table (with blank rows to
// fill in by hand) — after the text and before the 版记; the 附件说明 lists them in the same words.
func TestAnnexPages(t *testing.T) {
	input, _ := json.Marshal(map[string]any{"title": "关于报送材料的通知", "body": "请各村按时报送。", "issuer": "镇人民政府", "date": "2026-11-27",
		"annexes": []map[string]any{
			{"title": "推荐表", "columns": "序号、姓名、事迹", "rows": "1\t杨秀英\t孝老爱亲", "blank": 5},
			{"title": "填表说明", "body": "一、请用黑色签字笔填写。\n二、事迹不超过100字。"},
		}})
	pdf, _, err := docs.Render(mustFonts(t), "notice", input)
	if err != nil {
		t.Fatal(err)
	}
	pages := pageLines(t, write(t, outDir(t, "annex"), "annexes", pdf))
	if len(pages) != 4 {
		t.Fatalf("%d pages: %q", len(pages), pages)
	}
	if text := strings.Join(pages[0], "\n"); !strings.Contains(text, "附件：1.推荐表") || !strings.Contains(text, "2.填表说明") {
		t.Errorf("the 附件说明 does not list the attachments: %q", pages[0])
	}
	for i, want := range [][]string{{"附件1", "推荐表"}, {"附件2", "填表说明", "一、请用黑色签字笔填写。"}} {
		p := pages[i+1]
		if len(p) < len(want) || p[0] != want[0] || p[1] != want[1] || len(want) > 2 && p[2] != want[2] {
			t.Errorf("attachment page %d begins %q, want %q", i+1, p[:min(3, len(p))], want)
		}
	}
	if !strings.Contains(strings.Join(pages[1], "\n"), "杨秀英") {
		t.Errorf("the table is missing from %q", pages[1])
	}
	if last := strings.Join(pages[3], "\n"); strings.Contains(last, "附件") || !strings.Contains(last, "印发") {
		t.Errorf("the last page is not the 版记 alone: %q", pages[3])
	}

	for _, c := range []struct {
		in    map[string]any
		field string
	}{
		{map[string]any{"attachments": []string{"汇总表"}, "annexes": []map[string]any{{"title": "推荐表"}}}, "annexes.0.title"},
		{map[string]any{"annexes": []map[string]any{{"title": "推荐表", "columns": "序号、姓名", "rows": "1|杨秀英|多一格"}}}, "annexes.0.rows"},
		{map[string]any{"annexes": []map[string]any{{"title": "推荐表", "blank": 5}}}, "annexes.0.columns"},
	} {
		in := map[string]any{"title": "通知", "body": "正文。", "issuer": "镇人民政府", "date": "2026-11-27"}
		for k, v := range c.in {
			in[k] = v
		}
		input, _ := json.Marshal(in)
		if _, _, err := docs.Render(mustFonts(t), "notice", input); errs.As(err) == nil || errs.As(err).Field != c.field {
			t.Errorf("%v: %v, want an error on %s", c.in, err, c.field)
		}
	}
}

// An annex with nothing in it (no text, no row, no blank line to fill in) is refused on its content:
// it printed a page with its heading alone, and a table's header with no row was dropped unsaid.
func TestEmptyAnnexRefused(t *testing.T) {
	for _, annex := range []map[string]any{{"title": "空附件"}, {"title": "空附件", "columns": "序号、姓名"}} {
		input, _ := json.Marshal(map[string]any{"title": "关于报送材料的通知", "body": "请各村按时报送。", "issuer": "镇人民政府",
			"date": "2026-11-27", "annexes": []map[string]any{annex}})
		_, _, err := docs.Render(mustFonts(t), "notice", input)
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Field != "annexes.0.body" || !strings.Contains(e.Message, "空附件") {
			t.Errorf("%v: %v", annex, err)
		}
	}
}
