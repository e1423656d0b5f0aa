package docs_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// Page breaks a 文书 would reject never happen, wherever the text ends (issue 12 §2, GB/T 9704
// §7.3.5.4): the signature never stands alone on a page but takes at least two lines of the text
// along, a heading standing alone is never the last line of a page, and a 会议记录's two lines to
// sign stay together with the record's last lines. The body grows a line at a time, so every
// position on the page is tried.
func TestPageBreaksKeepSignatureAndHeadings(t *testing.T) {
	set := mustFonts(t)
	dir := outDir(t, "pagebreak")
	for n := 0; n <= 44; n++ {
		var body []string
		for i := 0; i < n; i++ {
			body = append(body, fmt.Sprintf("第%02d段，请各村按时报送。", i+1))
		}
		body = append(body, "二、工作要求", "请各村高度重视，按时报送材料。")
		input, _ := json.Marshal(map[string]any{"title": "关于报送材料的通知", "to": "各村", "body": strings.Join(body, "\n"),
			"issuer": "镇人民政府", "date": "2026-11-27"})
		pdf, _, err := docs.Render(set, "notice", input)
		if err != nil {
			t.Fatal(err)
		}
		pages := pageLines(t, write(t, dir, fmt.Sprintf("notice-%02d", n), pdf))
		for p, lines := range pages {
			if p < len(pages)-1 && len(lines) > 0 && lines[len(lines)-1] == "二、工作要求" {
				t.Errorf("%d lines: page %d ends with the heading 二、工作要求", n, p+1)
			}
			if i := slices.Index(lines, "镇人民政府"); i >= 0 && i < 2 {
				t.Errorf("%d lines: the signature stands at the top of page %d: %q", n, p+1, lines)
			}
		}

		input, _ = json.Marshal(map[string]any{"title": "村民代表会议记录", "time": "2026年11月27日", "place": "村部",
			"host": "王明", "recorder": "李华", "present": "全体村民代表", "date": "2026-11-27", "agenda": "饮水管维修", "content": strings.Join(body, "\n")})
		if pdf, _, err = docs.Render(set, "record", input); err != nil {
			t.Fatal(err)
		}
		pages = pageLines(t, write(t, dir, fmt.Sprintf("record-%02d", n), pdf))
		for p, lines := range pages {
			host := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "主持人（签字）") })
			recorder := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "记录人（签字）") })
			if host >= 0 && (host < 2 || recorder != host+1) || host < 0 && recorder >= 0 {
				t.Errorf("%d lines: page %d has the lines to sign apart or alone: %q", n, p+1, lines)
			}
		}
	}
}

var pageNumber = regexp.MustCompile(`^—\s*\d+\s*—$`)

// pageLines returns each page's lines of text, trimmed, without empty lines and page numbers.
func pageLines(t *testing.T, path string) [][]string {
	t.Helper()
	var pages [][]string
	for _, page := range strings.Split(run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"), "\f") {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" && !pageNumber.MatchString(l) {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			pages = append(pages, lines)
		}
	}
	return pages
}

// The attachment list reads 「附件：1.……」 with no space after the number (GB/T 9704 §7.3.4).
func TestAttachmentNumbers(t *testing.T) {
	input, _ := json.Marshal(map[string]any{"title": "关于报送材料的通知", "body": "请各村按时报送。", "issuer": "镇人民政府",
		"date": "2026-11-27", "attachments": []string{"推荐表", "汇总表"}})
	pdf, _, err := docs.Render(mustFonts(t), "notice", input)
	if err != nil {
		t.Fatal(err)
	}
	text := run(t, "pdftotext", "-layout", "-enc", "UTF-8", write(t, outDir(t, "pagebreak"), "attachments", pdf), "-")
	if !strings.Contains(text, "附件：1.推荐表") || !strings.Contains(text, "2.汇总表") {
		t.Errorf("the attachment list reads %q", text)
	}
}
