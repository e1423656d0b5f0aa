package engine_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// rareGB2312 are rare characters and symbols the embedded GB2312 subsets
// have, written as they are used. (A long run of symbols is laid out like
// a word; see TestSymbolRunBreaks.)
// names are people's names with characters outside GB2312 (and inside 通用规范汉字表): the embedded
// faces of every role print them.
const names = "张喆、王堃、李犇、刘昇、陈玥、赵珺、孙淼、周旻、吴祎、郑瑄、冯赟、蒋镕、韩釭、龙喆、杨昇"

const rareGB2312 = "鼗鼙鼹龃龉龊龌龋龠鬻黉戥氍毹。①加强领导；②落实责任；⑴第一；⒈其一；㈠甲；第Ⅻ条；第Ⅰ卷；№12；气温25℃；千分之五写作5‰；" +
	"价格¥100；评级☆或★；选项√或×；3×4÷2±1；角度30°；见§3；注※；◎、◇、□、■、△；甲→乙；∑；∞；∵甲∴乙；≈、≠、≤、≥；比例1∶2；" +
	"5′30″；拼音āáǎà；间隔号：迪丽热巴·迪力木拉提"

// mixed is body text with numbers, codes, a URL and English.
const mixed = "联系电话：0739-7321234，身份证号43052919580312122X，网址https://example.cn/a?b=1，完成率12.5%，软件版本v2.9.2。" +
	"The Village Committee will review applications on Monday morning. 拼音写作dān kǒu zhèn，邮箱office@dankou.gov.cn。"

// marks are put after runs of every length so that they fall at every
// column of the line.
var marks = []string{"。", "，", "、", "；", "：", "？", "！", "）", "》", "」", "”", "……", "——", "（", "《", "「", "“", "。”", "：“"}

// punctuated returns a paragraph with a mark after runs of 1 to n Han characters.
func punctuated(from, n int) string {
	var sb strings.Builder
	for k := 1; k <= n; k++ {
		sb.WriteString(han(from+k*3, k%31+1))
		sb.WriteString(marks[k%len(marks)])
	}
	sb.WriteString("完。")
	return sb.String()
}

// firstDiff shows where two texts differ.
func firstDiff(got, want string) string {
	g, w := []rune(got), []rune(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	ctx := func(rs []rune) string {
		a, b := max(0, i-15), min(len(rs), i+15)
		return string(rs[a:b])
	}
	return fmt.Sprintf("first difference at character %d (got %d, want %d characters):\n got  …%s…\n want …%s…", i, len(g), len(w), ctx(g), ctx(w))
}

// bodyText returns the squashed text of a PDF without the page numbers,
// checking that each page ends with its number.
func bodyText(t *testing.T, path string, numbers bool) string {
	t.Helper()
	var sb strings.Builder
	for i, p := range pageTexts(t, path) {
		if numbers {
			num := fmt.Sprintf("—%d—", i+1)
			if !strings.HasSuffix(p, num) {
				t.Errorf("page %d does not end with its number %q: …%s", i+1, num, p[max(0, len(p)-40):])
			}
			p = strings.TrimSuffix(p, num)
		}
		sb.WriteString(p)
	}
	return sb.String()
}

// TestRoundTrip draws a notice with every kind of line the engine has
// and checks that pdftotext gives back exactly the input, white space aside.
func TestRoundTrip(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{Title: "往返测试", Author: "丹口镇人民政府", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), PageNumbers: true})
	var want []string
	add := func(s ...string) { want = append(want, s...) }

	d.Field("文号")
	d.Right("丹政发〔2026〕12号", 0)
	add("丹政发〔2026〕12号")
	d.Blank(1)
	d.Field("标题")
	title := "关于印发《丹口镇2026年度“文明家庭”评选方案》的通知"
	d.Title(title)
	add(title)
	d.Field("主送")
	d.Line("各村（社区）、镇直各单位：")
	add("各村（社区）、镇直各单位：")
	d.Field("正文")
	body := []string{
		"一、总体要求。" + punctuated(0, 40),
		"（一）评选范围。" + punctuated(100, 35),
		mixed + mixed + mixed,
		han(7, 20) + mixed + han(9, 3) + mixed,
		"超长网址https://example.cn/" + strings.Repeat("abcdefghij", 12) + "?q=1结束。",
		"生僻字与符号：" + rareGB2312 + "。",
		"全角空格　与 半角空格 都算空白，Tab\t也是。",
		"姓名里的字（GB2312 以外，通用规范汉字表以内）：" + names + "。",
	}
	d.Body(strings.Join(body, "\n"))
	add(body...)
	d.Field("表彰名单")
	d.Runs(2, engine.Run{Text: "黑体：" + names, Role: fonts.Hei}, engine.Run{Text: "楷体：" + names, Role: fonts.Kai},
		engine.Run{Text: "小标宋：" + names, Role: fonts.Title})
	add("黑体："+names, "楷体："+names, "小标宋："+names)
	d.Field("附件")
	d.Runs(2, engine.Run{Text: "附件：", Role: fonts.Hei}, engine.Run{Text: "1. 2026年度“文明家庭”推荐表", Role: fonts.Fang})
	add("附件：1. 2026年度“文明家庭”推荐表")
	d.Signature("丹口镇人民政府", "2026年11月27日")
	add("丹口镇人民政府", "2026年11月27日")

	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "roundtrip", pdf)
	pngs(t, path, 0, 0)
	checkFile(t, path)
	if d.Pages() < 3 {
		t.Errorf("%d pages, want a longer test", d.Pages())
	}
	got, exp := bodyText(t, path, true), squash(strings.Join(want, ""))
	if got != exp {
		t.Error(firstDiff(got, exp))
	}
	// the date ends four characters in from the right; the issuer is centred over it
	pages, _ := bboxLines(t, path)
	var issuer, date *textLine
	for _, ls := range pages {
		for i := range ls {
			switch squash(ls[i].Text) {
			case "丹口镇人民政府":
				issuer = &ls[i]
			case "2026年11月27日":
				date = &ls[i]
			}
		}
	}
	if issuer == nil || date == nil || issuer.Page != date.Page || date.YMin-issuer.YMin < pitch-0.1 || date.YMin-issuer.YMin > pitch+0.1 {
		t.Fatalf("issuer %+v and date %+v not on consecutive lines of one page", issuer, date)
	}
	if !near(date.XMax, right-4*cell, rightTo) {
		t.Errorf("date ends at %.2f mm, want %.2f mm (four characters in)", date.XMax, right-4*cell)
	}
	if a, b := (issuer.XMin+issuer.XMax)/2, (date.XMin+date.XMax)/2; !near(a, b, rightTo) {
		t.Errorf("issuer centred at %.2f mm, date at %.2f mm", a, b)
	}
	info := run(t, "pdfinfo", "-isodates", path)
	for _, w := range []string{"Title:           往返测试", "Author:          丹口镇人民政府", "CreationDate:    2026-11-27T00:00:00Z"} {
		if !strings.Contains(info, w) {
			t.Errorf("pdfinfo does not say %q:\n%s", w, info)
		}
	}
}

// tableRows makes rows whose cells are unique and never contain a header title.
func tableRows(n int) [][]string {
	rows := make([][]string, n)
	for i := range rows {
		note := "无"
		if i%7 == 3 {
			// a long note wraps in its cell: the row is taller
			note = fmt.Sprintf("第%d户需要核实家庭成员变动情况并补充材料后再行审定", i+1)
		}
		rows[i] = []string{fmt.Sprintf("%03d", i+1), han(i*2, 2) + "某" + string([]rune(hanPool)[i%50]), fmt.Sprintf("丹口镇%s村%d组", han(i, 2), i%9+1),
			fmt.Sprintf("1390739%04d", i), note}
	}
	return rows
}

// TestTableAcrossPages draws a long table: its header is repeated at the
// top of every page, no row is split across pages, no row is lost.
func TestTableAcrossPages(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{PageNumbers: true})
	d.Field("标题")
	d.Title("丹口镇2026年度低保对象公示名单")
	d.Paragraph("经村民代表大会评议、镇人民政府审核，现将拟纳入低保对象名单公示如下。")
	cols := []engine.Column{
		{Title: "序号", Width: 1.4, Center: true},
		{Title: "户主姓名", Width: 2, Center: true},
		{Title: "家庭住址", Width: 3.6},
		{Title: "联系电话", Width: 3, Center: true},
		{Title: "备注说明", Width: 3.4},
	}
	rows := tableRows(120)
	d.Table(engine.Table{Field: "名单", Columns: cols, Rows: rows})
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "table", pdf)
	pngs(t, path, 1, 2)
	checkFile(t, path)
	pages := bboxWords(t, path)
	if len(pages) < 4 {
		t.Fatalf("%d pages, want the table to run over several", len(pages))
	}
	// the columns' left edges, in mm
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	edges := []float64{left}
	for _, c := range cols {
		edges = append(edges, edges[len(edges)-1]+typeW*c.Width/total)
	}
	next := 0 // the first row not yet found
	for i, words := range pages {
		// the text of each column, top to bottom, from the header row down
		headY := -1.0
		for _, w := range words {
			if strings.HasPrefix(w.Text, "序号") {
				headY = w.YMin
				break
			}
		}
		if headY < 0 {
			t.Errorf("page %d has no header row", i+1)
			continue
		}
		if i > 0 && !near(headY, top, 1.5) {
			t.Errorf("page %d: header row at %.1f mm, want at the top of the type area", i+1, headY)
		}
		text := make([]string, len(cols))
		for _, w := range words {
			if w.YMin < headY-0.5 || w.YMin > bottom {
				continue // title and paragraph above the table, page number
			}
			x := (w.XMin + w.XMax) / 2
			for c := range cols {
				if x > edges[c] && x < edges[c+1] {
					if w.XMin < edges[c] || w.XMax > edges[c+1] {
						t.Errorf("page %d: %q at x %.1f–%.1f mm crosses a column rule", i+1, w.Text, w.XMin, w.XMax)
					}
					text[c] += squash(w.Text)
				}
			}
		}
		// the rows on this page, from the first column
		first := next
		rest, ok := strings.CutPrefix(text[0], cols[0].Title)
		if !ok {
			t.Errorf("page %d: first column %q does not start with the header", i+1, text[0])
			continue
		}
		for next < len(rows) && strings.HasPrefix(rest, rows[next][0]) {
			rest = rest[len(rows[next][0]):]
			next++
		}
		if rest != "" || next == first {
			t.Errorf("page %d: first column %q, rows %d.. expected", i+1, text[0], first+1)
			continue
		}
		// every other column holds its header once and the same rows' cells, whole
		for c := 1; c < len(cols); c++ {
			want := cols[c].Title
			for _, r := range rows[first:next] {
				want += squash(r[c])
			}
			if text[c] != want {
				t.Errorf("page %d, column %q (rows %d–%d): %s", i+1, cols[c].Title, first+1, next, firstDiff(text[c], want))
			}
		}
	}
	if next != len(rows) {
		t.Errorf("found %d of %d rows", next, len(rows))
	}
}

// TestUnprintable checks that a character no font can print stops the
// document with an error (code invalid) naming the field, the character
// and its position, and that no PDF is returned.
func TestUnprintable(t *testing.T) {
	set := mustFonts(t)
	// a Han character verified to be in none of the embedded faces (of Extension A, beyond GBK and
	// 通用规范汉字表)
	var missing rune
	for _, r := range "㐁㐂㐃㐄㐅" {
		if set.Pick(fonts.Fang, r) == nil {
			missing = r
			break
		}
	}
	if missing == 0 {
		t.Fatal("no candidate is missing from the embedded faces")
	}
	for _, role := range fonts.Roles {
		for _, r := range []rune{0x4DB5, 0x3400, missing} {
			if f := set.Pick(role, r); f != nil {
				t.Fatalf("U+%04X is in %s", r, f)
			}
		}
	}
	cases := []struct {
		name  string
		draw  func(d *engine.Doc)
		field string
		r     rune
		pos   int
	}{
		{"ext-a", func(d *engine.Doc) { d.Field("正文"); d.Paragraph("前面的字䶵后面") }, "正文", 0x4DB5, 5},
		{"ext-a-first", func(d *engine.Doc) { d.Field("正文"); d.Paragraph("㐀字开头") }, "正文", 0x3400, 1},
		{"astral", func(d *engine.Doc) { d.Field("正文"); d.Paragraph("吉祥的𠮷字") }, "正文", 0x20BB7, 4},
		{"missing-han", func(d *engine.Doc) { d.Field("正文"); d.Paragraph("张" + string(missing) + "同志") }, "正文", missing, 2},
		{"control", func(d *engine.Doc) { d.Field("正文"); d.Paragraph("响铃\a字符") }, "正文", '\a', 3},
		{"after-heading", func(d *engine.Doc) { d.Field("正文"); d.Body("一、总体要求。各村要做好䶵的工作。") }, "正文", 0x4DB5, 13},
		{"second-paragraph", func(d *engine.Doc) { d.Field("正文"); d.Body("第一段。\n第二段䶵") }, "正文", 0x4DB5, 9},
		{"indented-paragraph", func(d *engine.Doc) { d.Field("正文"); d.Body("第一段。\r\n\n　　第二段䶵") }, "正文", 0x4DB5, 12},
		{"second-run", func(d *engine.Doc) {
			d.Field("更正说明")
			d.Runs(0, engine.Run{Text: "更正说明：", Role: fonts.Hei}, engine.Run{Text: "本件䶵", Role: fonts.Fang})
		}, "更正说明", 0x4DB5, 8},
		{"title", func(d *engine.Doc) { d.Field("标题"); d.Title("关于𠮷的通知") }, "标题", 0x20BB7, 3},
		{"signature", func(d *engine.Doc) {
			d.Paragraph("正文。")
			d.Signature("丹口镇䶵人民政府", "2026年11月27日")
		}, "发文单位", 0x4DB5, 4},
		{"table", func(d *engine.Doc) {
			d.Table(engine.Table{Field: "名单", Columns: []engine.Column{{Title: "姓名", Width: 1}, {Title: "住址", Width: 2}},
				Rows: [][]string{{"张三", "一组"}, {"李" + string(missing), "二组"}}})
		}, "名单第2行", missing, 2},
		{"free", func(d *engine.Doc) {
			d.AddPage()
			d.Field("姓名")
			d.TextAt(10, 10, fonts.Kai, 20, engine.Black, "王𠮷")
		}, "姓名", 0x20BB7, 2},
		{"block", func(d *engine.Doc) {
			d.AddPage()
			d.Field("证书正文")
			d.Block(10, 10, 100, fonts.Kai, 20, 12, 2, engine.Black, "第一行\n第二行䶵")
		}, "证书正文", 0x4DB5, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := engine.New(set, engine.Options{PageNumbers: true})
			d.Field("标题")
			d.Title("测试")
			c.draw(d)
			// drawing goes on quietly after the error
			d.Field("其他")
			d.Paragraph("后面的段落照常调用也不会出错。")
			d.Table(engine.Table{Columns: []engine.Column{{Title: "甲", Width: 1}}, Rows: [][]string{{"乙"}}})
			d.Signature("单位", "2026年1月1日")
			pdf, err := d.Bytes()
			if err == nil || pdf != nil {
				t.Fatalf("got a PDF of %d bytes and error %v", len(pdf), err)
			}
			if d.Err() == nil {
				t.Error("Err() is nil")
			}
			if code := errs.CodeOf(err); code != errs.Invalid {
				t.Errorf("code %q, want %q (%v)", code, errs.Invalid, err)
			}
			e := errs.As(err)
			if e.Field != c.field {
				t.Errorf("field %q, want %q (%v)", e.Field, c.field, err)
			}
			msg := err.Error()
			wants := []string{"「" + c.field + "」", fmt.Sprintf("第%d个字", c.pos), fmt.Sprintf("U+%04X", c.r)}
			if c.r >= ' ' {
				wants = append(wants, "“"+string(c.r)+"”")
			}
			if unicode.Is(unicode.Han, c.r) && c.r <= 0xFFFF {
				wants = append(wants, "「公文 → 打印字体」", "安装含此字的字体") // what to do: the fonts, not the text
			}
			for _, w := range wants {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not say %q", msg, w)
				}
			}
			// A name is written as the person writes it: no message asks to write a character otherwise.
			for _, never := range []string{"常用写法", "改用", "改写", "拼音"} {
				if strings.Contains(msg, never) {
					t.Errorf("message %q asks to change the text (%q)", msg, never)
				}
			}
		})
	}
	// CheckText on its own
	if err := engine.CheckText(set, fonts.Fang, "正文", "各村（社区）：0739-7321234，12.5%。\n第二行"+rareGB2312); err != nil {
		t.Errorf("CheckText refuses printable text: %v", err)
	}
	if err := engine.CheckText(set, fonts.Fang, "正文", "ab\xffcd"); err == nil || !strings.Contains(err.Error(), "第3个字") {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if _, err := engine.New(set, engine.Options{}).Bytes(); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("empty document: %v", err)
	}
}

// TestSystemFontFallback draws characters beyond the embedded faces (of
// CJK Extension A, outside GBK and 通用规范汉字表) with a system font found
// by name, in a role whose own font lacks them.
func TestSystemFontFallback(t *testing.T) {
	const wenkai = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
	if _, err := os.Stat(wenkai); err != nil {
		t.Fatalf("LXGW WenKai is needed (apt-get install fonts-lxgw-wenkai): %v", err)
	}
	dir := t.TempDir()
	if err := os.Symlink(wenkai, filepath.Join(dir, "方正小标宋简体.ttf")); err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	title, text := "表彰决定", "获奖者：张㐂、李㐃、王㐅、陈㐁，特此表彰。"
	draw := func(set *fonts.Set) ([]byte, error) {
		d := engine.New(set, engine.Options{})
		d.Field("标题")
		d.Title(title)
		d.Field("正文")
		d.Paragraph(text)
		return d.Bytes()
	}
	pdf, err := draw(set)
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "system-font", pdf)
	checkFile(t, path)
	if got := bodyText(t, path, false); got != title+text {
		t.Error(firstDiff(got, title+text))
	}
	out := run(t, "pdffonts", path)
	// the title and the rare characters of the body from 方正小标宋简体.ttf (the
	// first role, in fonts.Roles order, with a face that has them), the
	// rest of the body from the embedded 仿宋
	for _, f := range []string{"emb-fang", "sys-u65b9u6b63u5c0fu6807u5b8bu7b80u4f53"} {
		if !strings.Contains(out, f) {
			t.Errorf("want %s embedded:\n%s", f, out)
		}
	}
	// names in the PDF are printable ASCII, whatever the font files are called
	for _, m := range regexp.MustCompile(`/(?:BaseFont|FontName) */([^\s/]*)`).FindAllSubmatch(pdf, -1) {
		for _, c := range m[1] {
			if c < 0x21 || c > 0x7e {
				t.Errorf("PDF name with a byte outside printable ASCII: %q", m[0])
				break
			}
		}
	}
	if _, err := draw(mustFonts(t)); err == nil || !strings.Contains(err.Error(), "㐂") {
		t.Errorf("without system fonts: %v, want 㐂 reported", err)
	}
}

// sample draws a document using all four roles, a table and page numbers.
func sample(set *fonts.Set) ([]byte, error) {
	d := engine.New(set, engine.Options{Title: "确定性测试", Author: "丹口镇", Date: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), PageNumbers: true})
	d.RedHeader("丹口镇人民政府文件", "丹政发〔2026〕3号")
	d.Field("标题")
	d.Title("关于开展春季植树活动的通知")
	d.Field("正文")
	d.Body("一、活动时间。3月12日至3月20日。\n（一）集中植树。各村组织党员群众参加。\n" + punctuated(5, 30) + "\n" + mixed)
	rows := make([][]string, 40)
	for i := range rows {
		rows[i] = []string{han(i, 3) + "村", "后山" + han(i+3, 4), fmt.Sprint(100 + i*7)}
	}
	d.Table(engine.Table{Field: "安排", Columns: []engine.Column{{Title: "村名", Width: 1}, {Title: "地点", Width: 2}, {Title: "株数", Width: 1, Center: true}}, Rows: rows})
	d.Signature("丹口镇人民政府", "2026年3月4日")
	return d.Bytes()
}

// TestDeterministic renders the same document twice, with a freshly
// loaded font set, and from several goroutines at once: the bytes are the
// same every time; the file passes qpdf and embeds every font.
func TestDeterministic(t *testing.T) {
	set := mustFonts(t)
	a, err := sample(set)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sample(set)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same document rendered twice differs")
	}
	c, err := sample(mustFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c) {
		t.Error("the same document rendered with a newly loaded font set differs")
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], _ = sample(set)
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(a, o) {
			t.Errorf("rendering %d, concurrent with others, differs", i)
		}
	}
	path := write(t, outDir(t), "sample", a)
	pngs(t, path, 1, 1)
	checkFile(t, path)
	out := run(t, "pdffonts", path)
	for _, f := range []string{"emb-title", "emb-fang", "emb-hei", "emb-kai"} {
		if !strings.Contains(out, f) {
			t.Errorf("pdffonts does not list %s:\n%s", f, out)
		}
	}
	if n := utf8.RuneCountInString(bodyText(t, path, true)); n < 500 {
		t.Errorf("only %d characters of text", n)
	}
}

// TestFontBytesUnchanged: every document reads the one parsed copy of a
// font, at the same time as others; upstream gofpdf wrote into the font
// bytes while subsetting, and the patched one must not.
func TestFontBytesUnchanged(t *testing.T) {
	set := mustFonts(t)
	f := set.Faces(fonts.Fang)[0]
	before := bytes.Clone(f.Bytes())
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := engine.New(set, engine.Options{})
			d.Paragraph("中文测试，一二三四五六七八九十。ABC abc 123 “引号”——破折号……")
			if _, err := d.Bytes(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if !bytes.Equal(before, f.Bytes()) {
		t.Fatal("rendering documents changed the font's bytes")
	}
	d := engine.New(set, engine.Options{})
	d.Paragraph("一")
	d.Bytes()
	if _, err := d.Bytes(); err == nil {
		t.Error("a document was output twice")
	}
}

// TestTableKeepsTogether moves a table down the page line by line: one that fits on a page is never
// split (five names of a 公示 went four on one page and one on the next), a longer one never leaves
// its last row alone on a page, the sentence leading into it (KeepNext) goes to the page its first row
// is on, and the signature after it never stands alone on a page.
func TestTableKeepsTogether(t *testing.T) {
	set := mustFonts(t)
	cols := []engine.Column{{Title: "序号", Width: 1, Center: true}, {Title: "姓名", Width: 2}, {Title: "事由", Width: 4}}
	for _, n := range []int{5, 30} {
		rows := make([][]string, n)
		for i := range rows {
			rows[i] = []string{strconv.Itoa(i + 1), fmt.Sprintf("名单第%02d人", i+1), "照顾老人，邻里和睦"}
		}
		for lines := 0; lines <= 24; lines++ {
			// laid out again with the breaks it asks for, as docs lays out every kind
			var breaks []engine.Break
			var d *engine.Doc
			for pass := 0; pass < 4; pass++ {
				d = engine.New(set, engine.Options{Breaks: breaks})
				d.Field("正文")
				for i := 0; i < lines; i++ {
					d.Paragraph("公示期间如有异议，请向镇党政办反映。")
				}
				d.KeepNext(func() { d.Paragraph("现将名单公示如下。") })
				d.Table(engine.Table{Field: "名单", Columns: cols, Rows: rows, Size: 12, KeepWith: 2})
				d.Signature("丹口镇人民政府", "2026年11月27日")
				more := d.Breaks()
				if len(more) == 0 {
					break
				}
				breaks = append(breaks, more...)
			}
			pdf, err := d.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			var perPage []int // rows on each page that has any
			for _, text := range pageTexts(t, write(t, outDir(t), fmt.Sprintf("keep-%d-%d", n, lines), pdf)) {
				k := strings.Count(text, "名单第")
				if k > 0 {
					perPage = append(perPage, k)
				}
				if strings.Contains(text, "现将名单公示如下") != strings.Contains(text, "名单第01人") {
					t.Errorf("%d rows after %d lines: the lead sentence and the first row are on different pages", n, lines)
				}
				if strings.Contains(text, "丹口镇人民政府") && k == 0 {
					t.Errorf("%d rows after %d lines: the signature stands alone on its page", n, lines)
				}
			}
			sum := 0
			for _, k := range perPage {
				sum += k
			}
			switch {
			case sum != n:
				t.Errorf("%d rows after %d lines: found %v", n, lines, perPage)
			case n == 5 && len(perPage) != 1:
				t.Errorf("5 rows after %d lines: split %v, want them on one page", lines, perPage)
			case perPage[len(perPage)-1] < 2:
				t.Errorf("%d rows after %d lines: %v leaves the last row alone", n, lines, perPage)
			}
		}
	}
}

// A form without a header row that runs onto more pages says on each of them what it is, above its
// rows, and no row runs below the type area for it; a form on one page says nothing of the kind.
func TestFormContinuedSaysWhatItIs(t *testing.T) {
	set := mustFonts(t)
	for _, n := range []int{4, 40} {
		rows := make([][]string, n)
		for i := range rows {
			rows[i] = []string{fmt.Sprintf("项目%02d", i+1), "三组饮水主管道破裂。"}
			if i%5 == 0 {
				rows[i][1] = "三组饮水主管道破裂，村民停水，群众反映强烈，要求尽快修复。"
			}
		}
		d := engine.New(set, engine.Options{})
		d.Title("民情交办单")
		d.Table(engine.Table{Field: "交办单", NoHeader: true, Columns: []engine.Column{{Title: "项目", Width: 1}, {Title: "内容", Width: 3}},
			Rows: rows, Continued: "民情交办单（续）　编号：丹民交〔2026〕153号"})
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		path := write(t, outDir(t), fmt.Sprintf("form-continued-%d", n), pdf)
		pages, _ := bboxLines(t, path)
		if n == 4 && len(pages) != 1 {
			t.Fatalf("4 rows take %d pages", len(pages))
		}
		for p, lines := range pages {
			text := ""
			for _, l := range lines {
				text += l.Text
				if l.YMax > bottom+0.5 {
					t.Errorf("page %d: %q runs below the type area (%.1f > %.1f)", p+1, l.Text, l.YMax, bottom)
				}
			}
			continued := strings.Contains(squash(text), "民情交办单（续）编号：丹民交〔2026〕153号")
			if continued != (p > 0) {
				t.Errorf("%d rows, page %d: says it is continued: %v", n, p+1, continued)
			}
			if p > 0 && (len(lines) == 0 || !strings.Contains(squash(lines[0].Text), "（续）")) {
				t.Errorf("%d rows, page %d: the first line is not the continuation: %q", n, p+1, lines[0].Text)
			}
		}
		if n == 40 && len(pages) < 3 {
			t.Errorf("40 rows on %d pages: the test wants at least three", len(pages))
		}
	}
}
