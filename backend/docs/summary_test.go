package docs_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// A 会议纪要 as GB/T 9704 §10.3 sets it (issue 12 §2): the mark, 期号, issuing office and date at
// the head; no signature and date at the end; 分送 in the 版记 at the foot of the last, even page.
func TestSummaryLayout(t *testing.T) {
	input, _ := json.Marshal(map[string]any{"org": "丹口镇民情恳谈会纪要", "number": "第12期", "title": "关于饮水安全问题的会议纪要",
		"intro": "2026年11月27日上午，镇党委书记王明主持召开民情恳谈会。纪要如下：", "body": "一、关于桃林村饮水安全问题。会议要求镇水务站于12月5日前完成管网维修。",
		"present": "王明、李华", "issuer": "丹口镇党政办", "date": "2026-11-27", "copyTo": "各村（社区）党支部，镇直各单位"})
	pdf, _, err := docs.Render(mustFonts(t), "summary", input)
	if err != nil {
		t.Fatal(err)
	}
	pages := pageLines(t, write(t, outDir(t, "summary"), "summary", pdf))
	if len(pages)%2 != 0 {
		t.Errorf("%d pages: the 版记 is not on an even page", len(pages))
	}
	first, last := pages[0], pages[len(pages)-1]
	if len(first) < 4 || first[0] != "丹口镇民情恳谈会纪要" || first[1] != "第12期" || strings.Join(strings.Fields(first[2]), " ") != "丹口镇党政办 2026年11月27日" {
		t.Errorf("the head of the 纪要 reads %q", first[:min(4, len(first))])
	}
	all := slices.Concat(pages...)
	if n := slices.Index(all, "出席：王明、李华"); n < 0 || n != len(all)-len(last)-1 && !slices.Contains(last, "出席：王明、李华") {
		t.Errorf("the 纪要 does not end with 出席: %q", all)
	}
	if strings.Count(strings.Join(all, "\n"), "丹口镇党政办") != 2 { // the head and the 版记's 印发机关
		t.Errorf("the issuing office is printed other than at the head and in the 版记: %q", all)
	}
	if !slices.Contains(last, "分送：各村（社区）党支部，镇直各单位。") {
		t.Errorf("the last page has no 分送 line: %q", last)
	}
}

// The 附注 stands in brackets on the line under the date (GB/T 9704 §7.3.6).
func TestNoteUnderTheDate(t *testing.T) {
	input, _ := json.Marshal(map[string]any{"title": "关于报送材料的通知", "body": "请各村按时报送。", "issuer": "镇人民政府",
		"date": "2026-11-27", "note": "此件公开发布"})
	pdf, _, err := docs.Render(mustFonts(t), "notice", input)
	if err != nil {
		t.Fatal(err)
	}
	lines := pageLines(t, write(t, outDir(t, "summary"), "note", pdf))[0]
	if i := slices.Index(lines, "2026年11月27日"); i < 0 || i+1 >= len(lines) || lines[i+1] != "（此件公开发布）" {
		t.Errorf("the 附注 is not under the date: %q", lines)
	}
}
