package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"xiangzhi/backend/docs/engine"
)

// The 版记 (GB/T 9704 §7.4) stands at the foot of the last page, which is an even page: under the
// text when the text ends on an even page with room left, else on the next even page; a blank
// page put before it, and its page then, carry no page number (§7.5). The 抄送 line ends with a
// full stop and wraps under the first body copied; 印发机关 stands one character in from the
// left and 印发日期 with 印发 one character in from the right, on the last line of the type area.
func TestColophonOnTheLastEvenPage(t *testing.T) {
	set := mustFonts(t)
	copyTo := "县委办，县政府办，县民政局，县司法局，县财政局，县农业农村局，县文明办，县妇联，各村（社区）党支部"
	for _, c := range []struct {
		lines          int    // body lines before the 版记
		pages          int    // pages of the document
		numbered       string // the pages with a number
		sharesLastPage bool   // the 版记 stands under text on its page
	}{
		{lines: 3, pages: 2, numbered: "12"},
		{lines: 22 + 5, pages: 2, numbered: "12", sharesLastPage: true},
		{lines: 22 + 20, pages: 4, numbered: "12"},
	} {
		d := engine.New(set, engine.Options{PageNumbers: true})
		d.Field("正文")
		for i := 0; i < c.lines; i++ {
			d.Line(fmt.Sprintf("第%02d行。", i+1))
		}
		d.Colophon(engine.Colophon{CopyTo: copyTo, Printer: "丹口镇党政办公室", Printed: "2026年11月27日"})
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		path := write(t, outDir(t), fmt.Sprintf("colophon-%d", c.lines), pdf)
		pages, _ := bboxLines(t, path)
		if len(pages) != c.pages {
			t.Errorf("%d lines: %d pages, want %d", c.lines, len(pages), c.pages)
			continue
		}
		numbered := ""
		for p, ls := range pages {
			if _, num := splitBody(ls); num != nil {
				numbered += fmt.Sprint(p + 1)
			}
		}
		if numbered != c.numbered {
			t.Errorf("%d lines: pages numbered %q, want %q", c.lines, numbered, c.numbered)
		}
		last, _ := splitBody(pages[len(pages)-1])
		var printer, printed, copied []textLine
		for _, l := range last {
			switch text := squash(l.Text); {
			case strings.HasPrefix(text, "丹口镇党政办公室"):
				printer = append(printer, l)
			case strings.HasSuffix(text, "2026年11月27日印发"):
				printed = append(printed, l)
			case strings.Contains(text, "抄送") || strings.Contains(text, "党支部"):
				copied = append(copied, l)
			}
		}
		if len(printer) != 1 || len(printed) != 1 {
			t.Fatalf("%d lines: no 印发 line on the last page: %v", c.lines, last)
		}
		a, b := printer[0], printed[0]
		if !near(a.XMin, left+numEm, 0.6) || !near(b.XMax, right-numEm, 0.6) || !near(a.YMax, bottom-2, 2) || !near(b.YMax, a.YMax, 0.3) {
			t.Errorf("%d lines: the 印发 line runs %.1f–%.1f mm at %.1f mm, want %.1f–%.1f at the foot (%.1f)",
				c.lines, a.XMin, b.XMax, a.YMax, left+numEm, right-numEm, bottom)
		}
		if len(copied) != 2 || !strings.HasSuffix(squash(copied[1].Text), "党支部。") || copied[1].XMin < copied[0].XMin+2*numEm {
			t.Errorf("%d lines: the 抄送 lines %v do not wrap under the first body copied, or lack the full stop", c.lines, copied)
		}
		if shares := len(last) > 4; shares != c.sharesLastPage {
			t.Errorf("%d lines: the 版记's page holds %d lines", c.lines, len(last))
		}
	}
}

// 「出席：」 and its names: the label two characters in, the wrapped lines under the first name
// (GB/T 9704 §10.3).
func TestHangingIndent(t *testing.T) {
	d := engine.New(mustFonts(t), engine.Options{})
	d.Field("出席")
	d.Hanging(2, "出席：", "王明、李华、张勇、刘志强、蓝卫东、杨丽、丹口村党支部书记、桃林村党支部书记、下团村党支部书记、群众代表15人")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := bboxLines(t, write(t, outDir(t), "hanging", pdf))
	body, _ := splitBody(pages[0])
	if len(body) < 2 {
		t.Fatalf("lines %v", body)
	}
	if !near(body[0].XMin, left+2*cell, xTol) || !strings.HasPrefix(squash(body[0].Text), "出席：王明") {
		t.Errorf("first line %q starts at %.2f mm, want 出席：王明… at %.2f", body[0].Text, body[0].XMin, left+2*cell)
	}
	for _, l := range body[1:] {
		if !near(l.XMin, left+5*cell, xTol) {
			t.Errorf("wrapped line %q starts at %.2f mm, want under the first name at %.2f", l.Text, l.XMin, left+5*cell)
		}
	}
}

// Joint issuers (联合行文, GB/T 9704 §7.2.2): a 发文机关标志 of several lines stacks the issuers, each
// spread to the width of the longest, with 「文件」 to their right, centred on the stack — not
// shrunk onto one line, and the newline is not refused as a character without a glyph.
func TestJointIssuers(t *testing.T) {
	d := engine.New(mustFonts(t), engine.Options{})
	d.RedHeader("中共丹口镇委员会\n丹口镇人民政府文件", "丹发〔2026〕3号")
	d.Title("关于开展“文明家庭”评选活动的通知")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "joint-issuers", pdf)
	pngs(t, path, 1, 1)
	var names []textLine
	var suffix *textLine
	for _, w := range bboxWords(t, path)[0] {
		switch text := squash(w.Text); {
		case text == "文件":
			suffix = &w
		case strings.Contains(text, "委员会") || strings.Contains(text, "人民政府"):
			names = append(names, w)
		}
	}
	if len(names) != 2 || suffix == nil {
		t.Fatalf("the mark's words: %v, 文件 %v", names, suffix)
	}
	a, b := names[0], names[1]
	if !near(a.XMin, b.XMin, 1) || !near(a.XMax, b.XMax, 1.5) || b.mid()-a.mid() < 0.8*(a.YMax-a.YMin) {
		t.Errorf("the issuers are not stacked to one width: %+v %+v", a, b)
	}
	if suffix.XMin < a.XMax || !near(suffix.mid(), (a.mid()+b.mid())/2, 2) {
		t.Errorf("文件 at %.1f (x %.1f) is not right of the stack and centred on it (%.1f–%.1f)", suffix.mid(), suffix.XMin, a.mid(), b.mid())
	}
	if h := a.YMax - a.YMin; h < 10 {
		t.Errorf("the issuers are shrunk to %.1f mm high", h)
	}
}

// A 上行文's header (GB/T 9704 §7.2.3, §7.2.5): the mark 80 mm below the top of the type area, the
// number one character in from the left on the line of the last 签发人, 「签发人：」 and the names
// two a line in even columns ending one character in from the right, a third name under the first.
func TestUpwardHeader(t *testing.T) {
	words := func(name string, signers ...string) map[string]textLine {
		d := engine.New(mustFonts(t), engine.Options{})
		d.UpwardHeader("丹口镇人民政府文件", "丹政呈〔2026〕3号", signers)
		d.Title("关于申请道路硬化资金的请示")
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		words := map[string]textLine{}
		for _, w := range bboxWords(t, write(t, outDir(t), name, pdf))[0] {
			words[squash(w.Text)] = w
		}
		return words
	}
	two := words("upward-header", "王明", "欧阳春")
	mark, number, first, second := two["丹口镇人民政府文件"], two["丹政呈〔2026〕3号"], two["签发人：王明"], two["欧阳春"]
	if d := mark.YMin - redMarkTop(t); !near(d, 80-35, 1) {
		t.Errorf("the mark stands %.1f mm below a 下行文's (35 mm from the type area), want 45 (80 mm)", d)
	}
	if !near(number.XMin, left+cell, xTol) || !near(number.mid(), first.mid(), 1) || !near(second.mid(), first.mid(), 1) {
		t.Errorf("the number (%.1f, %.1f) and two signers (%.1f, %.1f) are not on one line one character in", number.XMin, number.mid(), first.mid(), second.mid())
	}
	// each column as wide as its longest name, a character between them
	if !near(second.XMax, right-cell, xTol) || !near(second.XMin-first.XMax, cell, xTol) {
		t.Errorf("the signers %+v %+v are not in even columns ending one character in from the right", first, second)
	}
	three := words("upward-header-three", "王明", "欧阳春", "李华")
	first, second, third, number := three["签发人：王明"], three["欧阳春"], three["李华"], three["丹政呈〔2026〕3号"]
	if !near(third.XMin, first.XMax-2*cell, xTol) || third.mid() <= first.mid() || !near(number.mid(), third.mid(), 1) {
		t.Errorf("the third signer %+v is not under the first %+v on the number's line (%.1f)", third, first, number.mid())
	}
	if !near(second.mid(), first.mid(), 1) {
		t.Errorf("the second signer %+v is not beside the first %+v", second, first)
	}
	long := words("upward-header-long", "阿布都热合曼买买提", "欧阳春")
	first, second = long["签发人：阿布都热合曼买买提"], long["欧阳春"]
	if second.mid() <= first.mid() || !near(second.XMin, first.XMax-9*cell, xTol) || !near(first.XMax, right-cell, xTol) {
		t.Errorf("names too long for two a line are not one a line in one column: %+v %+v", first, second)
	}
	// a number that would run into the names is refused, naming the field
	d := engine.New(mustFonts(t), engine.Options{})
	d.UpwardHeader("丹口镇人民政府文件", "城步苗族自治县丹口镇人民政府呈〔2026〕12号", []string{"王明"})
	if _, err := d.Bytes(); err == nil || !strings.Contains(err.Error(), "文号与签发人排在同一行放不下") {
		t.Errorf("a number as long as the line with a signer: %v", err)
	}
}

// redMarkTop is where pdftotext puts the top of a 下行文's mark (35 mm below the type area's top).
func redMarkTop(t *testing.T) float64 {
	d := engine.New(mustFonts(t), engine.Options{})
	d.RedHeader("丹口镇人民政府文件", "")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return bboxWords(t, write(t, outDir(t), "red-header", pdf))[0][0].YMin
}

// A 函 (信函格式, GB/T 9704 §10.1): the mark 30 mm below the top of the page, the number against
// the right edge of the type area under the red double rule, no page number on the first page.
func TestLetterHeader(t *testing.T) {
	d := engine.New(mustFonts(t), engine.Options{PageNumbers: true})
	d.LetterHeader("丹口镇人民政府", "丹政函〔2026〕5号")
	d.Field("正文")
	for i := 0; i < 30; i++ {
		d.Line(fmt.Sprintf("第%02d行。", i+1))
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "letter-header", pdf)
	pages, _ := bboxLines(t, path)
	words := map[string]textLine{}
	for _, w := range bboxWords(t, path)[0] {
		words[squash(w.Text)] = w
	}
	mark, number := words["丹口镇人民政府"], words["丹政函〔2026〕5号"]
	if !near(redMarkTop(t)-mark.YMin, top+35-30, 1) || !near(number.XMax, right, xTol) || number.YMin < mark.YMax+4 {
		t.Errorf("mark %+v, number %+v", mark, number)
	}
	if _, num := splitBody(pages[0]); num != nil {
		t.Errorf("the first page of a letter has the page number %q", num.Text)
	}
	if _, num := splitBody(pages[1]); num == nil {
		t.Error("the second page of a letter has no page number")
	}
}

// A 附件's name too long for its line wraps under its own first character, not to the margin
// (GB/T 9704 §7.3.4); the next 附件's number stands under the first one's.
func TestAttachmentWrapsUnderItsName(t *testing.T) {
	d := engine.New(mustFonts(t), engine.Options{})
	d.Field("附件")
	d.Attachment("附件：1.", "丹口镇2026年度农村低收入人口动态监测帮扶工作情况统计表及各村推荐对象汇总表")
	d.Attachment("　　　2.", "文明家庭推荐表")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := bboxLines(t, write(t, outDir(t), "attachment-wrap", pdf))
	if len(pages) != 1 || len(pages[0]) != 3 {
		t.Fatalf("want 3 lines on one page, got %+v", pages)
	}
	first, wrapped, next := pages[0][0], pages[0][1], pages[0][2]
	if !near(first.XMin, left+2*cell, xTol) {
		t.Errorf("附件 starts at %.1f, want two characters in (%.1f)", first.XMin, left+2*cell)
	}
	if !near(next.XMin, left+5*cell, xTol) {
		t.Errorf("the second number starts at %.1f, want under the first (%.1f)", next.XMin, left+5*cell)
	}
	if wrapped.XMin < next.XMin+0.5*cell || wrapped.XMin > next.XMin+1.5*cell {
		t.Errorf("the wrapped name starts at %.1f, want under the name's first character (about %.1f)", wrapped.XMin, next.XMin+cell)
	}
}
