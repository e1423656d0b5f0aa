package engine

import (
	"strings"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/docs/linebreak"
)

// Colophon is a document's 版记 (GB/T 9704-2012 §7.4): the 抄送 line and
// the 印发机关 and 印发日期 between separator lines, at the foot of the
// last page. A letter's (§10.1) has neither Printer nor Printed: its
// 抄送 line stands alone at the foot, without rules, on any page.
type Colophon struct {
	CopyLabel string // 抄送, or 分送 for a 纪要; 抄送 when empty
	CopyTo    string // the bodies copied, e.g. 县民政局，县司法局; no line when empty
	Printer   string // 印发机关, e.g. 丹口镇党政办公室
	Printed   string // 印发日期 as officers write it, e.g. 2026年11月27日
}

// colophonRow is the height of a line of the 版记, in millimetres.
const colophonRow = 8.0

// Colophon draws c, once everything else is drawn, at the foot of the
// document's last page, which must be
// an even page (the back of the last sheet): on the current page when it
// is even and c fits under what is drawn, else on the next even page — a
// blank page before it, if one is needed, and the page of the 版记 then
// carry no page number (§7.5). It ends the grid flow.
func (d *Doc) Colophon(c Colophon) {
	if d.err == nil {
		d.colophon = &c
	}
}

// Later draws with draw once everything else is drawn, before the 版记:
// attachments printed as pages come after whatever follows the text (a
// correction's 更正说明).
func (d *Doc) Later(draw func()) { d.later = append(d.later, draw) }

// finish draws what was left for later, then the 版记.
func (d *Doc) finish() {
	for len(d.later) > 0 && d.err == nil {
		draw := d.later[0]
		d.later = d.later[1:]
		draw()
	}
	if c := d.colophon; c != nil && d.err == nil {
		d.colophon = nil
		d.drawColophon(*c)
	}
}

func (d *Doc) drawColophon(c Colophon) {
	size := TablePt
	em := size * ptToMM
	var copies []linebreak.Line
	if text, label := c.CopyLine(); text != "" {
		d.Field(label)
		if !d.ok(fonts.Fang, text) {
			return
		}
		lw := d.width(fonts.Fang, size, em, label+"：")
		copies = d.breakWith([]linebreak.Run{{Text: text, Font: string(fonts.Fang)}}, size, em,
			linebreak.Options{Width: d.typeW - 2*em, RestIndent: lw, Justify: true, MaxGap: em / 2})
	}
	d.Field("印发机关")
	if !d.ok(fonts.Fang, c.Printer) || !d.ok(fonts.Fang, c.Printed) || d.err != nil {
		return
	}
	plain := c.Printer == "" && c.Printed == "" // a letter's: the 抄送 line alone, no rules
	if plain && len(copies) == 0 {
		return
	}
	rec := &ColophonBlock{Colophon: c}
	d.record(Block{Colophon: rec})
	first := d.Pages()
	rows := len(copies) + 1
	if plain {
		rows = len(copies)
	}
	height := float64(rows) * colophonRow
	bottom := d.top + d.typeH
	if d.Pages() == 0 {
		d.addPage()
	}
	used := d.top + float64(d.line)*d.pitch
	if !plain && d.Pages()%2 == 1 || d.line > 0 && used+d.pitch/2+height > bottom {
		blank := !plain && d.Pages()%2 == 0
		if blank {
			d.addPage()
			d.unnumbered[d.Pages()] = true
		}
		d.addPage()
		if blank {
			d.unnumbered[d.Pages()] = true
		}
	}
	top := bottom - height
	rec.Pages = d.Pages() - first
	rec.Before = int((top - (d.top + float64(d.line)*d.pitch)) / d.pitch)
	mid := func(row int) float64 { return top + (float64(row)+0.5)*colophonRow + 0.35*em }
	if plain {
		for i, l := range copies {
			d.drawLine(l, d.left+em, mid(i), size, em, Black)
		}
		d.line = d.nlines
		return
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.35)
	d.pdf.Line(d.left, top, d.left+d.typeW, top)
	d.pdf.Line(d.left, bottom, d.left+d.typeW, bottom)
	d.pdf.SetLineWidth(0.25)
	for i, l := range copies {
		d.drawLine(l, d.left+em, mid(i), size, em, Black)
	}
	if len(copies) > 0 {
		d.pdf.Line(d.left, bottom-colophonRow, d.left+d.typeW, bottom-colophonRow)
	}
	d.drawText(d.left+em, mid(rows-1), fonts.Fang, size, em, Black, c.Printer)
	printed := c.Printed + "印发"
	d.drawText(d.left+d.typeW-em-d.width(fonts.Fang, size, em, printed), mid(rows-1), fonts.Fang, size, em, Black, printed)
	d.line = d.nlines
}

// CopyLine is the 抄送 line, 「抄送：县民政局，县司法局。」 (the last body copied ends with a full
// stop), with its label; "" when nothing is copied.
func (c Colophon) CopyLine() (text, label string) {
	label = c.CopyLabel
	if label == "" {
		label = "抄送"
	}
	to := strings.TrimSpace(c.CopyTo)
	if to == "" {
		return "", label
	}
	if !strings.HasSuffix(to, "。") {
		to = strings.TrimRight(to, "，、；,;. ") + "。"
	}
	return label + "：" + to, label
}
