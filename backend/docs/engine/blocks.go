package engine

import "xiangzhi/backend/docs/fonts"

// Every drawing method also records what it drew as a Block: the document
// as its parts (paragraphs, tables, headers, the 版记), without the
// positions the PDF layout gave them, so that a word processor can lay it
// out again (package docx writes them as WordprocessingML for WPS and
// Word). Lengths are in millimetres; indents in body characters.
type Block struct {
	Para     *Para
	Mark     *Mark
	Table    *TableBlock
	Colophon *ColophonBlock
	Free     *Free
	Box      *Box
	// PageBreak starts a new page before the next block.
	PageBreak bool
}

// Align is how a paragraph's lines are aligned.
type Align int

// The alignments.
const (
	Justify Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Para is a paragraph.
type Para struct {
	Runs  []Run
	Size  float64 // pt
	Color RGB
	Align Align
	First float64 // first-line indent, in characters; negative for a hanging indent
	Left  float64 // left indent, in characters
	Right float64 // right indent, in characters
	// Tab, when not empty, is text set against the right edge (less Right)
	// on the same line: a header's date, a 上行文's 签发人.
	Tab      []Run
	KeepNext bool
	// RuleBelow draws a rule of this colour and width (mm) under the
	// paragraph, across the type area (the red rule of a header).
	RuleBelow *RGB
	RuleWidth float64
	// DoubleRule draws a letter's red double rule under (thick over thin)
	// the paragraph.
	DoubleRule bool
}

// Mark is a header's red mark: one line, or joint issuers stacked with a
// suffix (文件) to their right. Top is its distance from the top of the
// page.
type Mark struct {
	Lines  []string
	Suffix string
	Size   float64 // pt
	Top    float64
	// FootRule draws a letter's second red double rule 20 mm above the
	// foot of the page.
	FootRule bool
}

// TableBlock is a table with the column widths the layout gave it.
type TableBlock struct {
	Table
	Widths []float64 // mm, summing to the type area's width
}

// ColophonBlock is the 版记 with where the layout put it: after Pages new
// pages (to reach an even page), Before empty grid lines under the text.
type ColophonBlock struct {
	Colophon
	Pages, Before int
}

// Free is text placed at a position of the page (certificates).
type Free struct {
	X, Y, W float64 // left, top and width of its box
	Role    fonts.Role
	Size    float64 // pt
	Lead    float64 // mm between lines (Block)
	Indent  float64 // first-line indent, in characters of Size
	Color   RGB
	Align   Align
	Text    string
	Lines   int // the lines it was drawn on
}

// Box is a rectangle outline (a certificate's frame).
type Box struct {
	X, Y, W, H, Line float64
	Color            RGB
}

// Blocks finishes the document (its 版记) and returns what has been drawn, in order.
func (d *Doc) Blocks() []Block {
	d.finish()
	return d.blocks
}

// record appends a block.
func (d *Doc) record(b Block) {
	if d.err == nil {
		d.blocks = append(d.blocks, b)
	}
}

// para records a paragraph of body size.
func (d *Doc) para(p Para) {
	if p.Size == 0 {
		p.Size = BodyPt
	}
	d.record(Block{Para: &p})
}

// keepLast asks the last n recorded paragraphs to stay with what follows.
func (d *Doc) keepLast(n int) {
	for i := len(d.blocks) - 1; i >= 0 && n > 0; i-- {
		if p := d.blocks[i].Para; p != nil {
			p.KeepNext = true
			n--
		}
	}
}

// chars is the width of text in role at the body size, in characters.
func (d *Doc) chars(role fonts.Role, text string) float64 {
	return d.width(role, BodyPt, d.cell, text) / d.cell
}
