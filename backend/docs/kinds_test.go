package docs_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// TestExamples renders every kind's example, checks the file with qpdf,
// its fonts with pdffonts and its text with pdftotext, and leaves the
// pages as images in test-results/docs/kinds.
func TestExamples(t *testing.T) {
	set := mustFonts(t)
	dir := outDir(t, "kinds")
	for _, k := range docs.Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			pdf, doc, err := docs.Render(set, k.Name, []byte(k.Example))
			if err != nil {
				t.Fatal(err)
			}
			again, _, _ := docs.Render(set, k.Name, []byte(k.Example))
			if string(again) != string(pdf) {
				t.Error("two renderings of the same input differ")
			}
			path := write(t, dir, k.Name, pdf)
			run(t, "qpdf", "--check", path)
			fontsOut := run(t, "pdffonts", path)
			for _, line := range strings.Split(strings.TrimSpace(fontsOut), "\n")[2:] {
				if f := strings.Fields(line); len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", line)
				}
			}
			text := squash(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
			if len(text) < 40 {
				t.Errorf("too little text: %q", text)
			}
			_ = doc
			info := run(t, "pdfinfo", path)
			want := "595.28 x 841.89"
			if k.Landscape {
				want = "841.89 x 595.28"
			}
			if !strings.Contains(info, want) {
				t.Errorf("page size: %s", info)
			}
			run(t, "pdftoppm", "-r", "50", "-png", path, dir+"/"+k.Name)
		})
	}
}

// TestTitleBreaks: a two-line title is broken where an officer would break
// it, never inside a quoted or bracketed name.
func TestTitleBreaks(t *testing.T) {
	set := mustFonts(t)
	for title, want := range map[string][2]string{
		"关于2026年度“文明家庭”拟表彰对象的公示":       {"关于2026年度“文明家庭”", "拟表彰对象的公示"},
		"关于开展2026年度“文明家庭”评选活动的通知":      {"关于开展2026年度", "“文明家庭”评选活动的通知"},
		"丹口镇人民政府关于印发《村级民情收集办理工作规程》的通知": {"丹口镇人民政府关于印发", "《村级民情收集办理工作规程》的通知"},
	} {
		in := `{"title":"` + title + `","body":"正文。","issuer":"镇政府","date":"2026-11-27"}`
		pdf, _, err := docs.Render(set, "notice", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(pdfText(t, pdf), "\n")
		if strings.TrimSpace(lines[0]) != want[0] || strings.TrimSpace(lines[1]) != want[1] {
			t.Errorf("%s broken as %q / %q, want %q / %q", title, lines[0], lines[1], want[0], want[1])
		}
	}
}

// TestNoCrossTalk: a document's bytes do not depend on what was rendered
// before it (gofpdf writes into the font bytes it is lent; the engine lends
// restored copies).
func TestNoCrossTalk(t *testing.T) {
	set := mustFonts(t)
	first := map[string][]byte{}
	ks := docs.Kinds()
	for _, k := range ks {
		pdf, _, err := docs.Render(set, k.Name, []byte(k.Example))
		if err != nil {
			t.Fatal(err)
		}
		first[k.Name] = pdf
	}
	for i := len(ks) - 1; i >= 0; i-- {
		pdf, _, _ := docs.Render(set, ks[i].Name, []byte(ks[i].Example))
		if string(pdf) != string(first[ks[i].Name]) {
			t.Errorf("%s renders differently after the other kinds", ks[i].Name)
		}
	}
}

// TestPastedText: text pasted from Windows (CR LF, tabs) prints; an emoji
// is refused as a symbol, not called a rare character.
func TestPastedText(t *testing.T) {
	set := mustFonts(t)
	in := `{"title":"通知","body":"\t第一段。\r\n\t第二段，含全角空格　在中间。\r\n","issuer":"镇政府","date":"2026-11-27"}`
	pdf, _, err := docs.Render(set, "notice", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if text := squash(pdfText(t, pdf)); !strings.Contains(text, "第一段。第二段，含全角空格在中间。") {
		t.Errorf("text: %s", text)
	}
	_, _, err = docs.Render(set, "notice", []byte(`{"title":"通知","body":"好😀","issuer":"镇政府","date":"2026-11-27"}`))
	if err == nil || !strings.Contains(err.Error(), "「正文」第2个字符“😀”（U+1F600）是表情符号") {
		t.Errorf("emoji: %v", err)
	}
}

// TestLongCitation: a long certificate text is set smaller rather than
// running into the issuer's lines.
func TestLongCitation(t *testing.T) {
	in := `{"activity":"丹口镇2026年度“文明家庭”评选","honour":"文明家庭",
		"text":"{姓名}：\n` + strings.Repeat("你家庭孝老爱亲、勤俭持家、邻里互助，积极参与人居环境整治和移风易俗，", 3) + `被评为“{称号}”。\n特发此证，以资鼓励。",
		"recipients":[{"name":"欧阳春花与蓝卫东一家三代同堂之模范家庭"}],"issuer":"中共丹口镇委员会　丹口镇人民政府","date":"2026-12-20"}`
	pdf, _, err := docs.Render(mustFonts(t), "certificate", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t, "kinds"), "certificate-long", pdf)
	words := regexp.MustCompile(`yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)<`).FindAllStringSubmatch(run(t, "pdftotext", "-bbox", path, "-"), -1)
	var textBottom, issuerTop float64
	for _, w := range words {
		yMin, _ := strconv.ParseFloat(w[1], 64)
		yMax, _ := strconv.ParseFloat(w[2], 64)
		switch {
		case strings.Contains(w[3], "鼓励"):
			textBottom = yMax
		case strings.Contains(w[3], "中共丹口镇委员会"):
			issuerTop = yMin
		}
	}
	if textBottom == 0 || issuerTop == 0 || textBottom >= issuerTop {
		t.Errorf("citation ends at %.1f pt, issuer starts at %.1f pt", textBottom, issuerTop)
	}
}

// TestJointIssuers: two issuers too long for one line are set one per
// line over the date, inside the type area.
func TestJointIssuers(t *testing.T) {
	in := `{"title":"联合通知","body":"正文。","issuer":"中共城步苗族自治县丹口镇委员会　城步苗族自治县丹口镇人民政府","date":"2026-11-27"}`
	pdf, _, err := docs.Render(mustFonts(t), "notice", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "中共城步苗族自治县丹口镇委员会\n城步苗族自治县丹口镇人民政府\n2026年11月27日") {
		t.Errorf("issuers not one per line:\n%s", text)
	}
	path := write(t, outDir(t, "kinds"), "joint-issuers", pdf)
	for _, m := range regexp.MustCompile(`xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)"`).FindAllStringSubmatch(run(t, "pdftotext", "-bbox", path, "-"), -1) {
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		if lo < 28/25.4*72-1 || hi > 184/25.4*72+1 {
			t.Errorf("text from %.1f to %.1f pt lies outside the type area", lo, hi)
		}
	}
}
