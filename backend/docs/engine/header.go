package engine

import (
	"math"
	"strings"

	"xiangzhi/backend/docs/fonts"
)

// The headers of the kinds of official document: the red mark, the number and the red rule.

// RedHeader draws the issuing authority's mark in red 小标宋 35 mm below
// the top of the type area, the document number (文号) two lines under it,
// a red rule as wide as the type area 4 mm under the number, and leaves
// two empty lines before the title. An empty number leaves out that line.
func (d *Doc) RedHeader(org, number string) {
	ruleY, ok := d.mark("发文机关标志", org, d.top+35)
	if !ok {
		return
	}
	if number != "" {
		b, ok := d.centred("文号", number)
		if !ok {
			return
		}
		ruleY = b + 0.12*BodyPt*ptToMM + 4
	}
	d.redRule(ruleY)
}

// centred draws a line of body text centred on the next grid line (a header's number) and returns
// its baseline; false when text cannot be printed.
func (d *Doc) centred(field, text string) (float64, bool) {
	d.Field(field)
	if !d.ok(fonts.Fang, text) {
		return 0, false
	}
	d.para(Para{Align: AlignCenter, Runs: []Run{{text, fonts.Fang}}})
	b := d.baseline(d.take(), BodyPt)
	w := d.width(fonts.Fang, BodyPt, d.cell, text)
	d.drawText(d.left+(d.typeW-w)/2, b, fonts.Fang, BodyPt, d.cell, Black, text)
	return b, true
}

// MinutesHeader draws the header of a 会议纪要 (GB/T 9704 §10.3): the red
// mark 「××会议纪要」 as RedHeader draws an authority's, the issue number
// (第12期) centred two lines under it, then the issuing office one
// character in from the left and the date one character in from the
// right, over the red rule.
func (d *Doc) MinutesHeader(mark, number, issuer, date string) {
	if _, ok := d.mark("纪要标志", mark, d.top+35); !ok {
		return
	}
	if number != "" {
		if _, ok := d.centred("期号", number); !ok {
			return
		}
	}
	d.Field("印发单位")
	if !d.ok(fonts.Fang, issuer) || !d.ok(fonts.Fang, date) {
		return
	}
	d.para(Para{Align: AlignLeft, Left: 1, Right: 1, Runs: []Run{{issuer, fonts.Fang}}, Tab: []Run{{date, fonts.Fang}}})
	b := d.baseline(d.take(), BodyPt)
	d.drawText(d.left+d.cell, b, fonts.Fang, BodyPt, d.cell, Black, issuer)
	d.drawText(d.left+d.typeW-d.cell-d.width(fonts.Fang, BodyPt, d.cell, date), b, fonts.Fang, BodyPt, d.cell, Black, date)
	d.redRule(b + 0.12*BodyPt*ptToMM + 4)
}

// UpwardHeader draws the header of a document sent up (上行文: 请示, 报告):
// the mark 80 mm below the top of the type area, then the number one
// character in from the left on the line of the last 签发人, and the red
// rule 4 mm under them (GB/T 9704 §7.2.3). 「签发人：」 in 仿宋 stands one
// character in from the right, the names in 楷体 after it, two a line in
// even columns, a following line's names under the first line's
// (§7.2.5); one a line when two would come within two characters of the
// number. A number that would meet the names is refused.
func (d *Doc) UpwardHeader(org, number string, signers []string) {
	if _, ok := d.mark("发文机关标志", org, d.top+80); !ok {
		return
	}
	d.Field("签发人")
	label := "签发人："
	for _, s := range signers {
		if !d.ok(fonts.Kai, s) {
			return
		}
	}
	d.Field("文号")
	if !d.ok(fonts.Fang, number) {
		return
	}
	labelW := d.width(fonts.Fang, BodyPt, d.cell, label)
	right := d.left + d.typeW - d.cell
	numberEnd := d.left + d.cell + d.width(fonts.Fang, BodyPt, d.cell, number)
	// layout puts perLine names a line: each column as wide as its longest name, a character
	// between the columns, the last ending at right; lastLeft is where the number's line begins.
	layout := func(perLine int) (rows [][]string, xs []float64, lastLeft float64) {
		widths := make([]float64, perLine)
		for i, s := range signers {
			widths[i%perLine] = math.Max(widths[i%perLine], d.width(fonts.Kai, BodyPt, d.cell, s))
			if i%perLine == 0 {
				rows = append(rows, signers[i:min(i+perLine, len(signers))])
			}
		}
		xs = make([]float64, perLine)
		x := right + d.cell
		for j := perLine - 1; j >= 0; j-- {
			x -= d.cell + widths[j]
			xs[j] = x
		}
		lastLeft = xs[0]
		if len(rows) == 1 {
			lastLeft -= labelW
		}
		return rows, xs, lastLeft
	}
	perLine := max(min(len(signers), 2), 1)
	rows, xs, lastLeft := layout(perLine)
	if perLine == 2 && lastLeft < numberEnd+2*d.cell {
		perLine = 1
		rows, xs, lastLeft = layout(1)
	}
	if len(signers) > 0 && lastLeft < numberEnd+d.cell {
		d.fail("文号与签发人排在同一行放不下：请缩短文号或签发人姓名")
		return
	}
	longest := make([]int, perLine) // each column's, in characters, for the Word copy
	for i, s := range signers {
		longest[i%perLine] = max(longest[i%perLine], len([]rune(s)))
	}
	for i, row := range rows {
		d.para(d.signerPara(i, row, longest, label, number, i == len(rows)-1))
	}
	if len(rows) == 0 {
		d.para(Para{Align: AlignLeft, Left: 1, Runs: []Run{{number, fonts.Fang}}})
		rows = [][]string{nil}
	}
	b := 0.0
	for i, row := range rows {
		b = d.baseline(d.take(), BodyPt)
		if i == 0 && len(row) > 0 {
			d.drawText(xs[0]-labelW, b, fonts.Fang, BodyPt, d.cell, Black, label)
		}
		for j, s := range row {
			d.drawText(xs[j], b, fonts.Kai, BodyPt, d.cell, Black, s)
		}
	}
	d.drawText(d.left+d.cell, b, fonts.Fang, BodyPt, d.cell, Black, number)
	d.redRule(b + 0.12*BodyPt*ptToMM + 4)
}

// signerPara is line i of a 上行文's 签发人 as a paragraph (for the Word copy): the names padded to
// their column's longest with full-width spaces so the columns line up, against the right edge less
// a character; the last line carries the number at its left.
func (d *Doc) signerPara(i int, row []string, longest []int, label, number string, last bool) Para {
	var runs []Run
	if i == 0 {
		runs = append(runs, Run{label, fonts.Fang})
	}
	text := ""
	for j, n := range longest {
		if j > 0 {
			text += "　"
		}
		name := ""
		if j < len(row) {
			name = row[j]
		}
		text += name + strings.Repeat("　", n-len([]rune(name)))
	}
	runs = append(runs, Run{text, fonts.Kai})
	if !last {
		return Para{Align: AlignRight, Right: 1, Runs: runs}
	}
	return Para{Align: AlignLeft, Left: 1, Right: 1, Runs: []Run{{number, fonts.Fang}}, Tab: runs}
}

// LetterHeader draws the first page of a letter (函, 信函格式, GB/T 9704
// §10.1): the mark 30 mm below the top of the page, a red double rule
// (thick over thin) 4 mm under it and another (thin over thick) 20 mm
// above the foot of the page, both 170 mm long and centred; the number
// against the right edge of the type area under the first rule; the flow
// two lines below. The first page carries no page number.
func (d *Doc) LetterHeader(org, number string) {
	rule, ok := d.mark("发文机关标志", org, 30)
	if !ok {
		return
	}
	d.unnumbered[d.Pages()] = true
	if n := len(d.blocks); n > 0 && d.blocks[n-1].Mark != nil {
		d.blocks[n-1].Mark.FootRule = true
	}
	d.para(Para{Size: 2, DoubleRule: true})
	if number != "" {
		d.para(Para{Align: AlignRight, Runs: []Run{{number, fonts.Fang}}})
	}
	y := rule - d.pitch + 4 // 4 mm under the mark
	x0, x1 := (PageW-170)/2, (PageW+170)/2
	d.pdf.SetDrawColor(Red.R, Red.G, Red.B)
	for _, l := range []struct{ y, w float64 }{{y, 1.0}, {y + 1.2, 0.35}, {PageH - 20 - 1.2, 0.35}, {PageH - 20, 1.0}} {
		d.pdf.SetLineWidth(l.w)
		d.pdf.Line(x0, l.y, x1, l.y)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	em := BodyPt * ptToMM
	top := y + 1.2 + em*7/8 // the number's top, 7/8 of a 三号 character under the rule
	if number != "" {
		d.Field("文号")
		if !d.ok(fonts.Fang, number) {
			return
		}
		w := d.width(fonts.Fang, BodyPt, d.cell, number)
		d.drawText(d.left+d.typeW-w, top+0.88*em, fonts.Fang, BodyPt, d.cell, Black, number)
		top += em
	}
	d.line = int((top-d.top)/d.pitch+0.999) + 2
	d.y = d.top + float64(d.line)*d.pitch
}

// mark starts a page with a red mark in 小标宋 whose top is at top (35 mm
// below the top of the type area in most documents), as wide as fits (at
// most 15 mm a character), and moves the grid flow two lines below it. It returns where a rule under the mark
// alone would go. A mark of several lines is a joint issue (联合行文,
// GB/T 9704 §7.2.2): the issuers are stacked, each line spread to the
// width of the longest, and a 「文件」 ending the last line stands to their
// right, centred on the stack.
func (d *Doc) mark(field, text string, top float64) (float64, bool) {
	d.newPage()
	d.Field(field)
	text = clean(text)
	if !d.ok(fonts.Title, text) {
		return 0, false
	}
	var names []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	if len(names) == 0 {
		return 0, false
	}
	suffix := ""
	if last := names[len(names)-1]; len(names) > 1 && strings.HasSuffix(last, "文件") && last != "文件" {
		names[len(names)-1], suffix = strings.TrimSuffix(last, "文件"), "文件"
	}
	longest := 0
	for _, n := range names {
		longest = max(longest, len([]rune(n)))
	}
	defer func() {
		em := math.Min(d.typeW*0.92/(float64(longest+len([]rune(suffix)))+0.5*float64(len([]rune(suffix)))), 15)
		d.record(Block{Mark: &Mark{Lines: names, Suffix: suffix, Size: em / ptToMM, Top: top}})
	}()
	em := math.Min(d.typeW*0.92/(float64(longest+len([]rune(suffix)))+0.5*float64(len([]rune(suffix)))), 15)
	size := em / ptToMM
	nameW := float64(longest) * em
	gap := 0.0
	if suffix != "" {
		gap = em / 2
	}
	left := d.left + (d.typeW-nameW-gap-d.width(fonts.Title, size, em, suffix))/2
	lead := 1.2 * em // distance between stacked lines
	for i, n := range names {
		rs := []rune(n)
		step := em // each line spread to the width of the longest
		if len(rs) > 1 {
			step = em + (nameW-float64(len(rs))*em)/float64(len(rs)-1)
		}
		if len(names) == 1 {
			left, step = d.left+(d.typeW-d.width(fonts.Title, size, em, n))/2, 0
		}
		x := left
		for _, r := range rs {
			end := d.drawText(x, top+float64(i)*lead+0.88*em, fonts.Title, size, em, Red, string(r))
			if step > 0 {
				end = x + step
			}
			x = end
		}
	}
	stack := float64(len(names)-1)*lead + em
	if suffix != "" {
		d.drawText(left+nameW+gap, top+(stack-em)/2+0.88*em, fonts.Title, size, em, Red, suffix)
	}
	d.line = int((top+stack-d.top)/d.pitch+0.999) + 2
	return top + stack + d.pitch, true
}

// redRule draws the red rule as wide as the type area at y and leaves two
// empty lines under it before the title.
func (d *Doc) redRule(y float64) {
	d.para(Para{Size: 2, RuleBelow: &Red, RuleWidth: 0.6})
	d.para(Para{})
	d.pdf.SetDrawColor(Red.R, Red.G, Red.B)
	d.pdf.SetLineWidth(0.6)
	d.pdf.Line(d.left, y, d.left+d.typeW, y)
	d.pdf.SetDrawColor(0, 0, 0)
	d.line = int((y-d.top)/d.pitch+0.999) + 2
	d.y = d.top + float64(d.line)*d.pitch
}
