package engine_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"xiangzhi/backend/docs/engine"
)

// hanPool is plain Han text (GB2312, no punctuation) that test paragraphs
// are cut from.
const hanPool = "为深入贯彻落实党的二十大精神全面推进乡村振兴加快建设农业强国扎实推动乡村产业人才文化生态组织振兴" +
	"根据上级有关文件要求结合我镇实际现就做好冬春农田水利基本建设工作通知如下各村社区要高度重视切实加强组织领导" +
	"明确工作责任细化工作措施确保各项任务按时保质完成要坚持规划先行统筹安排资金项目集中力量办大事要广泛发动群众" +
	"充分调动广大农民群众投工投劳的积极性主动性创造性要严格工程质量管理落实项目法人责任制招标投标制工程监理制和" +
	"合同管理制要加强资金监管确保专款专用严禁挤占挪用要注重建管并重健全工程运行管护机制确保工程长期发挥效益镇里" +
	"将组织专班定期督查对工作不力进度滞后的单位予以通报批评"

// han returns n characters of plain Han text starting at the from-th
// character of the pool (cyclically).
func han(from, n int) string {
	pool := []rune(hanPool)
	out := make([]rune, n)
	for i := range out {
		out[i] = pool[(from+i)%len(pool)]
	}
	return string(out)
}

// The geometry GB/T 9704 asks for, in millimetres.
const (
	left    = 28.0
	top     = 37.0
	typeW   = 156.0
	typeH   = 225.0
	right   = left + typeW
	bottom  = top + typeH
	cell    = typeW / 28 // one body character
	pitch   = typeH / 22 // one body line
	numEm   = 14 * ptMM  // one 四号 character: the page number's inset
	numY    = bottom + 7 // the page number line
	xTol    = 0.5        // left edges
	rightTo = 0.6        // right edges of justified lines
)

// Characters that must not start a line, and those that must not end one
// (package linebreak's rules, as a reader checks them).
const (
	noStart = "。，、；：？！）》」』”’】〕…—·％"
	noEnd   = "（《「『“‘【〔"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// splitBody separates the page number line (under the type area) from
// the lines of a page.
func splitBody(ls []textLine) (body []textLine, number *textLine) {
	for i := range ls {
		if ls[i].YMin > bottom {
			if number != nil {
				return nil, nil
			}
			number = &ls[i]
			continue
		}
		body = append(body, ls[i])
	}
	return body, number
}

// checkPageNumbers checks "— n —" on every page: under the type area, on
// the 7 mm line, one character in from the right on odd pages and from
// the left on even pages.
func checkPageNumbers(t *testing.T, pages [][]textLine) {
	t.Helper()
	for i, ls := range pages {
		p := i + 1
		_, num := splitBody(ls)
		if num == nil {
			t.Errorf("page %d: no page number (or more than one line under the type area)", p)
			continue
		}
		if want := fmt.Sprintf("— %d —", p); num.Text != want {
			t.Errorf("page %d: page number %q, want %q", p, num.Text, want)
		}
		if !near(num.mid(), numY, 2) {
			t.Errorf("page %d: page number at y %.1f–%.1f mm, want around %.1f mm", p, num.YMin, num.YMax, numY)
		}
		if p%2 == 1 && !near(num.XMax, right-numEm, 1) {
			t.Errorf("odd page %d: page number ends at x %.2f mm, want %.2f mm (right, one character in)", p, num.XMax, right-numEm)
		}
		if p%2 == 0 && !near(num.XMin, left+numEm, 1) {
			t.Errorf("even page %d: page number starts at x %.2f mm, want %.2f mm (left, one character in)", p, num.XMin, left+numEm)
		}
	}
}

// paraLine is a body line matched to the paragraph it belongs to.
type paraLine struct {
	textLine
	Para        int
	First, Last bool
}

// matchParagraphs assigns the body lines, in order, to the paragraphs
// they print: the squashed line texts of each paragraph must add up to it
// exactly.
func matchParagraphs(t *testing.T, lines []textLine, paras []string) []paraLine {
	t.Helper()
	var out []paraLine
	k := 0
	for pi, p := range paras {
		want, got := squash(p), ""
		first := true
		for got != want {
			if k >= len(lines) {
				t.Fatalf("paragraph %d: text ran out after %q, want %q", pi+1, got, want)
			}
			l := lines[k]
			k++
			got += squash(l.Text)
			if !strings.HasPrefix(want, got) {
				t.Fatalf("paragraph %d: page %d line %q does not continue %q (paragraph %q)", pi+1, l.Page, l.Text, got, want)
			}
			out = append(out, paraLine{textLine: l, Para: pi, First: first})
			first = false
		}
		out[len(out)-1].Last = true
	}
	if k != len(lines) {
		t.Fatalf("%d lines left over after the last paragraph, first %q", len(lines)-k, lines[k].Text)
	}
	return out
}

// TestLayoutGrid draws a whole portrait document of plain Han paragraphs
// and measures it with pdftotext -bbox-layout: A4, 22 lines a page of 28
// characters each, the 2-character first-line indent, the edges of the
// type area, the page numbers.
func TestLayoutGrid(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{Title: "版面网格测试", PageNumbers: true})
	d.Field("标题")
	title := "关于做好冬春农田水利基本建设工作的通知"
	d.Title(title)
	d.Field("正文")
	var paras []string
	from := 0
	// lengths around the line boundaries: 26 on the first line, 28 after
	for i, extra := range []int{1, 27, 28, 0, 13, 2, 26, 5, 19, 28, 11, 3, 22, 7, 16, 9, 25, 14, 20, 6} {
		n := 26 + 28*(i%4) + extra
		p := han(from, n)
		from += n
		paras = append(paras, p)
		d.Paragraph(p)
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "grid", pdf)
	pngs(t, path, 0, 0)
	checkFile(t, path)

	info := run(t, "pdfinfo", path)
	if !strings.Contains(info, "Page size:       595.28 x 841.89 pts (A4)") {
		t.Errorf("page size is not A4 portrait:\n%s", info)
	}
	pages, sizes := bboxLines(t, path)
	if len(pages) != d.Pages() || len(pages) < 4 {
		t.Fatalf("%d pages in the file, %d drawn; want at least 4", len(pages), d.Pages())
	}
	for i, s := range sizes {
		if !near(s[0], 595.28, 0.01) || !near(s[1], 841.89, 0.01) {
			t.Errorf("page %d: size %v pt", i+1, s)
		}
	}
	checkPageNumbers(t, pages)

	// page 1: the title, centred on the first grid line, then an empty line
	body1, _ := splitBody(pages[0])
	if len(body1) == 0 || squash(body1[0].Text) != title {
		t.Fatalf("page 1 does not start with the title: %+v", body1)
	}
	if c := (body1[0].XMin + body1[0].XMax) / 2; !near(c, left+typeW/2, 0.5) {
		t.Errorf("title centred at x %.2f mm, want %.2f mm", c, left+typeW/2)
	}
	if len(body1) != 21 {
		t.Errorf("page 1 has %d lines, want the title, an empty line and 20 body lines", len(body1))
	}

	// the grid: where line 0 of a body page is, every line of every page is
	// a whole number of pitches below it
	body2, _ := splitBody(pages[1])
	y0 := body2[0].YMin
	if y0 < top-0.1 || y0 > top+2 {
		t.Errorf("page 2: the first line's top is at %.2f mm, want at or just under %.0f mm", y0, top)
	}
	var all []textLine
	for i, ls := range pages {
		body, _ := splitBody(ls)
		if i > 0 && i < len(pages)-1 && len(body) != 22 {
			t.Errorf("page %d: %d body lines, want 22", i+1, len(body))
		}
		for _, l := range body {
			if l.YMax > bottom {
				t.Errorf("page %d: line %q reaches %.2f mm, under the type area (%.0f mm)", i+1, l.Text, l.YMax, bottom)
			}
			if i == 0 && l == body[0] {
				continue // the title, in another size
			}
			k := math.Round((l.YMin - y0) / pitch)
			if !near(l.YMin, y0+k*pitch, 0.1) {
				t.Errorf("page %d: line %q at y %.2f mm is off the grid (%.0f lines from the top)", i+1, l.Text, l.YMin, k)
			}
		}
		if i == 0 {
			body = body[1:]
		}
		all = append(all, body...)
	}

	for _, l := range matchParagraphs(t, all, paras) {
		n := utf8.RuneCountInString(squash(l.Text))
		switch {
		case l.First:
			if !near(l.XMin, left+2*cell, xTol) {
				t.Errorf("page %d: first line %q starts at %.2f mm, want %.2f mm (two characters in)", l.Page, l.Text, l.XMin, left+2*cell)
			}
			if !l.Last && n != 26 {
				t.Errorf("page %d: first line %q has %d characters, want 26", l.Page, l.Text, n)
			}
		default:
			if !near(l.XMin, left, xTol) {
				t.Errorf("page %d: line %q starts at %.2f mm, want %.0f mm", l.Page, l.Text, l.XMin, left)
			}
			if !l.Last && n != 28 {
				t.Errorf("page %d: line %q has %d characters, want 28", l.Page, l.Text, n)
			}
		}
		switch {
		case !l.Last:
			if !near(l.XMax, right, rightTo) {
				t.Errorf("page %d: justified line %q ends at %.2f mm, want %.0f mm", l.Page, l.Text, l.XMax, right)
			}
		default:
			// a last line is not stretched: it ends where its characters do
			start := left
			if l.First {
				start += 2 * cell
			}
			if w := start + float64(n)*cell; !near(l.XMax, w, rightTo) {
				t.Errorf("page %d: last line %q ends at %.2f mm, want %.2f mm", l.Page, l.Text, l.XMax, w)
			}
		}
	}
}

// TestLayoutPunctuation puts every closing mark, opening mark and a few
// pairs at columns 27, 28 and 29 (the first column of the next line) of
// the first and second line of a paragraph, and checks the printed lines:
// none starts with a closing mark or ends with an opening one, none runs
// out of the type area, every line but a paragraph's last is justified,
// numbers stay whole.
func TestLayoutPunctuation(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{PageNumbers: true})
	d.Field("标题")
	long := "关于进一步规范村级财务管理和村务公开工作切实保障群众知情权参与权监督权的通知"
	d.Title(long)
	d.Field("正文")
	marks := []string{"。", "，", "、", "；", "：", "？", "！", "）", "》", "」", "”", "’", "……", "——", "。”", "？」", "！）", "：“",
		"（", "《", "「", "“", "‘"}
	var paras []string
	from := 0
	for _, m := range marks {
		for _, col := range []int{27, 28, 29} {
			// first line: columns 3–28 hold characters 0–25; second line: 26–53
			for _, at := range []int{col - 3, 26 + col - 1} {
				p := han(from, at) + m + han(from+at, 90-at)
				from += 7
				paras = append(paras, p)
				d.Paragraph(p)
			}
		}
	}
	nMarks := len(paras)
	// numbers and Latin words are kept whole wherever they fall, a web address broken only after / . ? & =
	phone, id, url := "0739-7321234", "43052919580312122X", "https://example.cn/a?b=1"
	for at := 18; at <= 28; at++ {
		p := han(from, 26+at) + phone + han(from+1, 10) + id + han(from+2, at) + url + han(from+3, 20)
		from += 5
		paras = append(paras, p)
		d.Paragraph(p)
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "punctuation", pdf)
	pngs(t, path, 1, 2)
	checkFile(t, path)
	pages, _ := bboxLines(t, path)
	checkPageNumbers(t, pages)

	// the long title is broken into balanced centred lines
	body1, _ := splitBody(pages[0])
	t1, t2 := squash(body1[0].Text), squash(body1[1].Text)
	if t1+t2 != long {
		t.Fatalf("title lines %q %q, want %q", t1, t2, long)
	}
	// (the lines keep words whole, so they may differ by a short word)
	if n1, n2 := utf8.RuneCountInString(t1), utf8.RuneCountInString(t2); n1-n2 > 3 || n2 > n1 {
		t.Errorf("title lines not balanced: %q (%d) and %q (%d characters)", t1, n1, t2, n2)
	}
	for _, l := range body1[:2] {
		if c := (l.XMin + l.XMax) / 2; !near(c, left+typeW/2, 0.5) {
			t.Errorf("title line %q centred at %.2f mm", l.Text, c)
		}
	}

	var all []textLine
	for i, ls := range pages {
		body, _ := splitBody(ls)
		if i == 0 {
			body = body[2:]
		}
		all = append(all, body...)
	}
	lines := matchParagraphs(t, all, paras)
	for _, l := range lines {
		s := []rune(squash(l.Text))
		if strings.ContainsRune(noStart, s[0]) {
			t.Errorf("page %d: line starts with %q: %q", l.Page, s[0], l.Text)
		}
		if strings.ContainsRune(noEnd, s[len(s)-1]) {
			t.Errorf("page %d: line ends with %q: %q", l.Page, s[len(s)-1], l.Text)
		}
		if l.XMin < left-xTol || l.XMax > right+rightTo {
			t.Errorf("page %d: line %q runs from %.2f to %.2f mm, outside the type area", l.Page, l.Text, l.XMin, l.XMax)
		}
		if !l.Last && !near(l.XMax, right, rightTo) {
			t.Errorf("page %d: line %q ends at %.2f mm, not justified to %.0f mm", l.Page, l.Text, l.XMax, right)
		}
		if n := len(s); l.Para < nMarks && !l.Last && (n < 24 || n > 28) {
			t.Errorf("page %d: line %q has %d characters", l.Page, l.Text, n)
		}
	}
	for i := 1; i < len(lines); i++ {
		prev, next := lines[i-1], lines[i]
		if prev.Para != next.Para {
			continue
		}
		a, b := squash(prev.Text), squash(next.Text)
		for _, w := range []string{phone, id, url} {
			if !strings.Contains(a, w) && !strings.Contains(b, w) && strings.Contains(a+b, w) {
				// a web address may break after / . ? & = (issue 12 §2); numbers never
				if w == url && strings.ContainsRune("/.?&=", rune(a[len(a)-1])) {
					continue
				}
				t.Errorf("page %d: %q is broken across lines %q and %q", next.Page, w, prev.Text, next.Text)
			}
		}
	}
}

// TestSymbolRunBreaks puts runs of full-width symbols (GB2312 rows 2, 6
// and 8: ①, ⑴, Ⅰ, ☆, □ …) across the end of a line. They are set on the
// character grid like Han characters and, as in UAX #14 with East Asian
// widths (class AI resolved to ID), a line may break between them: a
// justified line must not be stretched with gaps of a character or more
// because a run of symbols was pushed down whole, and the text must come
// back in order.
func TestSymbolRunBreaks(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{})
	d.Field("正文")
	runs := []string{"①②③④⑤⑥⑦⑧⑨⑩", "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽", "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ", "☆★○●◎◇◆□■△▲", "□□□□□□□□□□□□"}
	var paras []string
	for i, r := range runs {
		p := "评定结果" + han(i*11, 18) + r + han(i*13, 30) + "。"
		paras = append(paras, p)
		d.Paragraph(p)
	}
	// a list of symbols longer than a line
	list := "符号表：" + strings.Join(runs[:4], "") + "※→←↑↓"
	paras = append(paras, list)
	d.Paragraph(list)
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "symbols", pdf)
	pngs(t, path, 0, 0)
	if got, want := squash(strings.Join(pageTexts(t, path), "")), squash(strings.Join(paras, "")); got != want {
		t.Errorf("text out of order: %s", firstDiff(got, want))
	}
	for _, words := range bboxWords(t, path) {
		for i := 1; i < len(words); i++ {
			a, b := words[i-1], words[i]
			if near(a.YMin, b.YMin, 0.5) && b.XMin-a.XMax > cell {
				t.Errorf("gap of %.1f mm (%.1f characters) between %q and %q on one line: a run of full-width symbols "+
					"was pushed down whole, like a Latin word (package linebreak does not class them as CJK)", b.XMin-a.XMax, (b.XMin-a.XMax)/cell, a.Text, b.Text)
			}
		}
	}
}

// A one-page document has its page number too, "— 1 —" with a space each side of the number, and the
// PDF's text reads it so (issue 12 §2).
func TestOnePageNumber(t *testing.T) {
	d := engine.New(mustFonts(t), engine.Options{PageNumbers: true})
	d.Paragraph("全镇各村（社区）常住家庭均可参评。")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "one-page", pdf)
	pages, _ := bboxLines(t, path)
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	checkPageNumbers(t, pages)
}

// A title's lines break between words, not inside them (issue 12 §2: 「…冬春农 / 田水利…」,
// 「《丹口镇2027 / 年度…》」), and digits count at their own width.
func TestTitleKeepsWords(t *testing.T) {
	set := mustFonts(t)
	for title, want := range map[string][]string{
		"关于做好2026年冬春农田水利基本建设的通知":             {"关于做好2026年冬春", "农田水利基本建设的通知"},
		"关于印发《丹口镇2027年度村级集体经济发展扶持资金管理办法》的通知": {"关于印发《丹口镇2027年度村级", "集体经济发展扶持资金管理办法》的通知"},
		"关于进一步加强农村宅基地审批管理和乱占耕地建房专项整治工作的通知":   {"关于进一步加强农村宅基地审批管理和", "乱占耕地建房专项整治工作的通知"},
	} {
		d := engine.New(set, engine.Options{})
		d.Field("标题")
		d.Title(title)
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := bboxLines(t, write(t, outDir(t), "title-words", pdf))
		var got []string
		for _, l := range pages[0] {
			got = append(got, squash(l.Text))
		}
		if !slices.Equal(got, want) {
			t.Errorf("title %s broken as %q, want %q", title, got, want)
		}
	}
}
