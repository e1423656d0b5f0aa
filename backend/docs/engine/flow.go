package engine

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/docs/linebreak"
	"xiangzhi/backend/docs/words"
)

// Run is a piece of text in one role's font.
type Run struct {
	Text string
	Role fonts.Role
}

// baseline is the baseline of body grid line i of a page: the text is
// centred vertically in its line.
func (d *Doc) baseline(i int, size float64) float64 {
	return d.top + float64(i)*d.pitch + d.pitch/2 + 0.35*size*ptToMM
}

// take returns the grid line to draw the next line of text on, starting a
// new page when the current one is full or a break was asked for there.
func (d *Doc) take() int {
	if d.line >= d.nlines || d.line > 0 && d.forced[Break{d.Pages(), d.line}] {
		d.breakPage()
	}
	i := d.line
	d.line++
	d.y = d.top + float64(d.line)*d.pitch
	d.taken = append(d.taken, Break{d.Pages(), i})
	d.glue = 0
	return i
}

// Break is a grid line of a page (both counted from 1 and 0) before which
// the page is to break.
type Break struct{ Page, Line int }

// KeepWithLast keeps the next line drawn on a page with the last n lines
// drawn: a signature with the end of the text it signs, a paragraph with
// its heading. When the next line must start a new page, the document asks
// (Breaks) for the page to break before those n lines instead, which its
// next layout does; a page never ends on a heading and a signature never
// stands alone (GB/T 9704 §7.3.5.4).
func (d *Doc) KeepWithLast(n int) {
	d.glue = n
	d.keepLast(n)
}

// KeepNext draws what draw draws (a paragraph leading into a table) and keeps it on a page with
// what follows: when the table moves to the next page, the lines move with it.
func (d *Doc) KeepNext(draw func()) {
	before := len(d.taken)
	draw()
	d.KeepWithLast(len(d.taken) - before)
}

// Breaks finishes the document and returns the page breaks its layout
// asks for: lay the document out again with them added to Options.Breaks.
func (d *Doc) Breaks() []Break {
	d.finish()
	return d.asked
}

// breakPage starts a new page, first asking for the lines the next one is
// kept with to move to it too (see KeepWithLast).
func (d *Doc) breakPage() {
	if d.glue > 0 && len(d.taken) > 0 {
		first := -1
		for k := len(d.taken) - 1; k >= 0 && k >= len(d.taken)-d.glue && d.taken[k].Page == d.Pages(); k-- {
			first = k
		}
		if first >= 0 && d.taken[first].Line > 0 && !d.forced[d.taken[first]] {
			d.asked = append(d.asked, d.taken[first])
		}
	}
	d.addPage()
}

// room returns the grid lines left on the current page.
func (d *Doc) room() int { return d.nlines - d.line }

// Blank leaves n empty grid lines (none at the top of a page).
func (d *Doc) Blank(n int) {
	for i := 0; i < n; i++ {
		d.para(Para{})
	}
	d.skip(n)
}

// skip leaves n empty grid lines of the layout (none at the top of a page).
func (d *Doc) skip(n int) {
	for ; n > 0 && d.err == nil; n-- {
		if d.line >= d.nlines {
			return
		}
		d.line++
		d.y = d.top + float64(d.line)*d.pitch
	}
}

// Runs draws a paragraph made of runs on the body grid, justified, with
// the first line indented by indent characters.
func (d *Doc) Runs(indent float64, runs ...Run) {
	var lr []linebreak.Run
	base := d.base
	defer func() { d.base = base }()
	for _, r := range runs {
		text := clean(r.Text)
		if !d.ok(r.Role, text) {
			return
		}
		d.base += utf8.RuneCountInString(text) // the next run's positions follow this one's
		lr = append(lr, linebreak.Run{Text: text, Font: string(r.Role)})
	}
	d.para(Para{Runs: runs, First: indent})
	d.lines(d.breakRuns(lr, BodyPt, d.cell, d.typeW, indent*d.cell, true), d.left, BodyPt, Black)
}

// lines draws broken lines on consecutive grid lines.
func (d *Doc) lines(ls []linebreak.Line, x, size float64, color RGB) {
	for _, l := range ls {
		if d.err != nil {
			return
		}
		d.drawLine(l, x, d.baseline(d.take(), size), size, d.cell, color)
	}
}

// Hanging draws label in 黑体 and text in 仿宋 after it, from indent
// characters, the text's wrapped lines aligned under its first character
// (「出席：」 of a 纪要, GB/T 9704 §10.3). The text is read as a list: a
// name in it is not parted across lines, and lines are not stretched
// (stretched, they would open gaps after some 、 only).
func (d *Doc) Hanging(indent float64, label, text string) {
	d.hang(indent, Run{label, fonts.Hei}, text, linebreak.Options{KeepItems: true})
}

// Attachment draws one line of a document's 附件 (GB/T 9704 §7.3.4): label (「附件：1.」, or as
// wide in spaces for the next ones) two characters in, and the name after it, its wrapped lines
// aligned under its first character.
func (d *Doc) Attachment(label, name string) {
	d.hang(2, Run{label, fonts.Fang}, name, linebreak.Options{Justify: true, MaxGap: d.cell / 2})
}

// hang draws label and text (in 仿宋) after it from indent characters, the text's wrapped lines
// under its first character (under the label's when the label takes half the line), broken with opt.
func (d *Doc) hang(indent float64, label Run, text string, opt linebreak.Options) {
	text = clean(text)
	if !d.ok(label.Role, label.Text) || !d.ok(fonts.Fang, text) {
		return
	}
	first := indent * d.cell
	rest := first + d.width(label.Role, BodyPt, d.cell, label.Text)
	if rest > d.typeW/2 {
		rest = first
	}
	align := AlignLeft
	if opt.Justify {
		align = Justify
	}
	d.para(Para{Align: align, Runs: []Run{label, {text, fonts.Fang}}, Left: rest / d.cell, First: (first - rest) / d.cell})
	opt.Width, opt.FirstIndent, opt.RestIndent = d.typeW, first, rest
	d.lines(d.breakWith([]linebreak.Run{{Text: label.Text, Font: string(label.Role)}, {Text: text, Font: string(fonts.Fang)}}, BodyPt, d.cell,
		opt), d.left, BodyPt, Black)
}

// Line draws text in the body font with no indent (e.g. "各村（社区）：").
func (d *Doc) Line(text string) { d.Runs(0, Run{text, fonts.Fang}) }

// Paragraph draws one body paragraph with a two-character first-line
// indent. A heading standing alone (「一、总体要求」) is kept with the line
// after it: it never ends a page.
func (d *Doc) Paragraph(text string) {
	before := len(d.taken)
	runs := headingRuns(text)
	d.Runs(2, runs...)
	if len(runs) == 1 && runs[0].Role != fonts.Fang {
		d.KeepWithLast(len(d.taken) - before)
	}
}

// Body draws text as body paragraphs, one per non-empty line. A paragraph
// starting "一、" has its first sentence in 黑体 and one starting "（一）"
// in 楷体, as GB/T 9704 sets first- and second-level headings.
func (d *Doc) Body(text string) {
	base := d.base
	defer func() { d.base = base }()
	at := base // where the paragraph starts in the field, for error positions
	for _, p := range strings.Split(clean(text), "\n") {
		if t := strings.TrimSpace(p); t != "" {
			d.base = at + utf8.RuneCountInString(p[:strings.Index(p, t)])
			d.Paragraph(t)
		}
		at += utf8.RuneCountInString(p) + 1
	}
}

var (
	level1 = regexp.MustCompile(`^[一二三四五六七八九十百]+、`)
	level2 = regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`)
)

// headingRuns splits a paragraph into its heading (up to the first full
// stop, or all of it) and the rest, with the heading's font.
func headingRuns(p string) []Run {
	role := fonts.Fang
	switch {
	case level1.MatchString(p):
		role = fonts.Hei
	case level2.MatchString(p):
		role = fonts.Kai
	default:
		return []Run{{p, fonts.Fang}}
	}
	end := len(p)
	if i := strings.IndexAny(p, "。！？"); i >= 0 {
		end = i + len("。")
	}
	runs := []Run{{p[:end], role}}
	if end < len(p) {
		runs = append(runs, Run{p[end:], fonts.Fang})
	}
	return runs
}

// Title draws the title, 22 pt in the title font, centred line by line on
// the grid, and leaves one empty line under it.
func (d *Doc) Title(text string) {
	d.Center(fonts.Title, TitlePt, clean(text))
	d.Blank(1)
}

// Center draws text centred on the grid in role at size; a long text is
// broken into several centred lines.
func (d *Doc) Center(role fonts.Role, size float64, text string) {
	if !d.ok(role, text) {
		return
	}
	cell := size * ptToMM
	if size == BodyPt {
		cell = d.cell
	}
	runs := []linebreak.Run{{Text: text, Font: string(role)}}
	ls := d.breakWords(runs, size, cell, d.typeW)
	if len(ls) == 2 {
		if a, b, ok := d.splitTitle(text, role, size, cell); ok {
			ls = append(d.breakWords([]linebreak.Run{{Text: a, Font: string(role)}}, size, cell, d.typeW),
				d.breakWords([]linebreak.Run{{Text: b, Font: string(role)}}, size, cell, d.typeW)...)
		}
	}
	if k := len(ls); k > 2 {
		// balance the lines (no one-character last line): the narrowest
		// width, in whole characters, that still needs only k lines
		for w := d.width(role, size, cell, text) / float64(k); w < d.typeW; w += cell {
			if try := d.breakWords(runs, size, cell, w); len(try) <= k {
				ls = try
				break
			}
		}
	}
	var broken []string // the lines as broken here, for a word processor to keep
	for _, l := range ls {
		line := ""
		for _, p := range l.Pieces {
			line += p.Text
		}
		broken = append(broken, line)
	}
	d.para(Para{Runs: []Run{{strings.Join(broken, "\n"), role}}, Size: size, Align: AlignCenter})
	for _, l := range ls {
		if d.err != nil {
			return
		}
		d.drawLine(l, d.left+(d.typeW-l.Width)/2, d.baseline(d.take(), size), size, cell, Black)
	}
}

// Right draws a line of body text ending right characters before the
// right edge of the type area.
func (d *Doc) Right(text string, right float64) {
	if !d.ok(fonts.Fang, text) {
		return
	}
	w := d.width(fonts.Fang, BodyPt, d.cell, text)
	if w > d.typeW-right*d.cell {
		d.Runs(0, Run{text, fonts.Fang}) // too long to stand at the right: broken like a paragraph
		return
	}
	d.para(Para{Runs: []Run{{text, fonts.Fang}}, Align: AlignRight, Right: right})
	d.drawText(d.left+d.typeW-right*d.cell-w, d.baseline(d.take(), BodyPt), fonts.Fang, BodyPt, d.cell, Black, text)
}

// Signature draws the issuer (joint issuers too long for one line each on
// a line of their own) centred over the date, the date ending four
// characters before the right edge, after two empty lines (room for the
// seal); issuer and date are kept on one page.
func (d *Doc) Signature(issuer, date string) {
	if d.err != nil {
		return
	}
	var names []linebreak.Line // the issuer, on several lines when long (joint issuers)
	if issuer != "" {
		d.Field("发文单位")
		if !d.ok(fonts.Fang, issuer) {
			return
		}
		parts := []string{issuer}
		if d.width(fonts.Fang, BodyPt, d.cell, issuer) > d.typeW-2*d.cell {
			// joint issuers, separated by spaces, each on a line of its own
			parts = strings.Fields(strings.ReplaceAll(issuer, "\u3000", " "))
		}
		for _, p := range parts {
			names = append(names, d.breakRuns([]linebreak.Run{{Text: p, Font: string(fonts.Fang)}}, BodyPt, d.cell, d.typeW-2*d.cell, 0, false)...)
		}
	}
	need := len(names) + 1
	d.KeepWithLast(2) // the signature takes the text's last two lines along rather than stand alone
	if d.room() < 2+need && d.room() < d.nlines {
		if d.room() < need {
			d.breakPage()
		} else {
			d.skip(d.room() - need)
		}
	} else {
		d.skip(2)
	}
	dateW := d.width(fonts.Fang, BodyPt, d.cell, date)
	centre := d.left + d.typeW - 4*d.cell - dateW/2
	// for a word processor: two empty lines, then the issuer centred over the date
	d.para(Para{KeepNext: true})
	d.para(Para{KeepNext: true})
	for _, l := range names {
		text := ""
		for _, p := range l.Pieces {
			text += p.Text
		}
		d.para(Para{Runs: []Run{{text, fonts.Fang}}, Align: AlignRight, Right: math.Max(2, (d.left+d.typeW-centre-l.Width/2)/d.cell), KeepNext: true})
	}
	d.para(Para{Runs: []Run{{date, fonts.Fang}}, Align: AlignRight, Right: 4})
	for _, l := range names {
		x := math.Max(d.left, math.Min(centre-l.Width/2, d.left+d.typeW-2*d.cell-l.Width))
		d.drawLine(l, x, d.baseline(d.take(), BodyPt), BodyPt, d.cell, Black)
	}
	d.drawText(centre-dateW/2, d.baseline(d.take(), BodyPt), fonts.Fang, BodyPt, d.cell, Black, date)
}

// splitTitle chooses where a title that needs two lines is broken, as an
// officer would: between words, the lines about as long as each other, not inside a
// quoted or bracketed name (“文明家庭”, 《……》), preferably after 的,
// 、 or a closing quote and before 关于, “ or 《. ok is false when no
// break lets both lines fit.
func (d *Doc) splitTitle(text string, role fonts.Role, size, cell float64) (string, string, bool) {
	rs := []rune(text)
	inWord := words.Joined(rs)
	total := d.width(role, size, cell, text)
	best, bestScore := -1, math.Inf(1)
	depth, w := 0, 0.0
	for i := 1; i < len(rs); i++ {
		w += d.advance(role, rs[i-1], size, cell)
		switch rs[i-1] {
		case '“', '《', '（', '「', '(':
			depth++
		case '”', '》', '）', '」', ')':
			depth--
		}
		if !linebreak.Allowed(rs[i-1], rs[i]) || w > d.typeW || total-w > d.typeW {
			continue
		}
		score := math.Abs(w-(total-w)) / cell // imbalance, in characters
		if depth > 0 {
			score += 6
		}
		if inWord[i] { // 冬春农 / 田水利: only when no break between words fits
			score += 100
		}
		if strings.ContainsRune("的、，”》）和与及", rs[i-1]) {
			score -= 3
		}
		if strings.ContainsRune("“《", rs[i]) || strings.HasPrefix(string(rs[i:]), "关于") {
			score -= 2
		}
		if w < total-w {
			score += 0.5 // a first line shorter than the second looks top-light
		}
		if score < bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", "", false
	}
	return string(rs[:best]), string(rs[best:]), true
}

// BodyLines returns how many grid lines Runs would take for runs, the first line indented by indent
// characters, without drawing anything.
func (d *Doc) BodyLines(indent float64, runs ...Run) int {
	if d.err != nil {
		return 0
	}
	lr := make([]linebreak.Run, 0, len(runs))
	for _, r := range runs {
		lr = append(lr, linebreak.Run{Text: clean(r.Text), Font: string(r.Role)})
	}
	ls, err := linebreak.Break(lr, d.measure(BodyPt, d.cell), linebreak.Options{Width: d.typeW, FirstIndent: indent * d.cell, Justify: true})
	if err != nil {
		return 0 // the drawing reports it
	}
	return len(ls)
}

// Keep starts a new page unless n more grid lines fit on the current one, so that a block of n lines
// (a closing clause and its signature lines) is not split; a block longer than a page starts at the
// top of one and flows on.
func (d *Doc) Keep(n int) {
	if d.err != nil || d.room() >= n || d.line == 0 {
		return
	}
	d.breakPage()
}
