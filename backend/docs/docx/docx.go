// Package docx writes a document the PDF engine laid out (its Blocks) as a WordprocessingML file
// (.docx) that WPS and Word open for editing before it is stamped, laid out to the numbers of
// GB/T 9704-2012: A4, margins 37/35/28/26 mm, a grid of 22 lines of 28 characters at a fixed
// 29 pt pitch, 仿宋 三号 body, 小标宋 二号 titles, the red header and rule, page numbers 「— 1 —」
// right on odd pages and left on even ones, the 版记 at the foot of the last page. Fonts carry the
// names Windows uses (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) with their usual
// substitutes. No kept Go library writes .docx; this is the part of WordprocessingML the
// documents need, and the output is deterministic (same input, same bytes).
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// Options describe the document as a whole.
type Options struct {
	Title, Author string
	Date          time.Time // the document's date: its creation date and the files' times
	Landscape     bool
	PageNumbers   bool
}

// Face is the Windows font a role is set in, and the one Word uses when that is missing.
type Face struct{ Name, Alt string }

// Faces are the fonts of the roles, as Windows names them.
var Faces = map[fonts.Role]Face{
	fonts.Title: {"方正小标宋简体", "宋体"},
	fonts.Fang:  {"仿宋_GB2312", "仿宋"},
	fonts.Hei:   {"黑体", "SimHei"},
	fonts.Kai:   {"楷体_GB2312", "楷体"},
}

// Page geometry, in twips (1/1440 inch).
const (
	pageW     = 11906 // 210 mm
	pageH     = 16838 // 297 mm
	marTop    = 2098  // 37 mm
	marBottom = 1984  // 35 mm
	marLeft   = 1588  // 28 mm
	marRight  = 1474  // 26 mm
	typeW     = pageW - marLeft - marRight
	linePitch = 579 // 28.95 pt: 22 lines in the 225 mm (12,756 twips) of the type area; 580 would leave room for 21
	// condense is the character spacing (1/20 pt) that sets 28 characters of 三号 in the 156 mm of a
	// line (15.75 pt each), in Word and WPS as in LibreOffice (a character grid, docGrid linesAndChars,
	// is read differently by each)
	condense = -5
	cell     = typeW / 28
)

// twips converts millimetres to twips.
func twips(mm float64) int { return int(mm*1440/25.4 + 0.5) }

// Write returns the .docx file of blocks.
func Write(blocks []engine.Block, opt Options) ([]byte, error) {
	w := &writer{opt: opt}
	for i := range blocks {
		w.block(&blocks[i], i == len(blocks)-1)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	date := opt.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, part := range w.parts() {
		f, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: date})
		if err == nil {
			_, err = f.Write([]byte(part.body))
		}
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "生成 Word 文件失败")
		}
	}
	if err := z.Close(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "生成 Word 文件失败")
	}
	return buf.Bytes(), nil
}

type writer struct {
	opt     Options
	body    strings.Builder
	titlePg bool // the first page has no page number (a letter)
	pageBox *engine.Box
	// pageBreak starts the next paragraph on a new page (a paragraph holding a page break would
	// take a line of the new page)
	pageBreak bool
	// freeY is where on the page (mm from its top) the text placed freely has reached; 0 on a new page
	freeY float64
}

// breakHere starts a new page before what follows when one is due, with a paragraph of no height.
func (w *writer) breakHere() {
	if w.pageBreak {
		w.body.WriteString(`<w:p><w:pPr><w:pageBreakBefore/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>`)
		w.pageBreak = false
	}
}

func (w *writer) block(b *engine.Block, last bool) {
	switch {
	case b.PageBreak:
		w.pageBreak = true
	case b.Para != nil:
		w.para(b.Para)
	case b.Mark != nil:
		w.breakHere()
		w.mark(b.Mark)
	case b.Table != nil:
		w.breakHere()
		w.table(b.Table)
	case b.Colophon != nil:
		for i := 0; i < b.Colophon.Pages; i++ {
			if w.pageBreak {
				w.breakHere()
			}
			w.pageBreak = true
		}
		// the empty lines the layout left above the 版记, less one for the paragraph a document must end with
		for i := 0; i < b.Colophon.Before-1; i++ {
			w.para(&engine.Para{})
		}
		w.breakHere()
		w.body.WriteString(colophonTable(&b.Colophon.Colophon))
	case b.Free != nil:
		w.free(b.Free)
	case b.Box != nil:
		if w.pageBox == nil {
			w.pageBox = b.Box
		}
	}
}

// esc escapes text for XML (html's escapes, &#39; and &#34; among them, are XML's too).
var esc = html.EscapeString

func color(c engine.RGB) string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// run writes text in role at size (pt) and colour; "\n" becomes a line break.
func run(sb *strings.Builder, role fonts.Role, size float64, c engine.RGB, text string) {
	if role == "" {
		role = fonts.Fang
	}
	f := Faces[role]
	half := int(size*2 + 0.5)
	props := fmt.Sprintf(`<w:rPr><w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s" w:hint="eastAsia"/>`, f.Name)
	if c != engine.Black {
		props += `<w:color w:val="` + color(c) + `"/>`
	}
	if size == engine.BodyPt {
		props += fmt.Sprintf(`<w:spacing w:val="%d"/>`, condense)
	}
	props += fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, half, half)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			sb.WriteString(`<w:r>` + props + `<w:br/></w:r>`)
		}
		if line != "" {
			sb.WriteString(`<w:r>` + props + `<w:t xml:space="preserve">` + esc(line) + `</w:t></w:r>`)
		}
	}
}

var jc = map[engine.Align]string{engine.Justify: "both", engine.AlignLeft: "left", engine.AlignCenter: "center", engine.AlignRight: "right"}

// para writes a paragraph on the grid: exact 29 pt lines, indents in characters (and in twips, for
// programs that do not read the character units).
func (w *writer) para(p *engine.Para) {
	sb := &w.body
	sb.WriteString(`<w:p><w:pPr>`)
	if p.KeepNext {
		sb.WriteString(`<w:keepNext/>`)
	}
	if w.pageBreak {
		sb.WriteString(`<w:pageBreakBefore/>`)
		w.pageBreak = false
	}
	if p.RuleBelow != nil {
		fmt.Fprintf(sb, `<w:pBdr><w:bottom w:val="single" w:sz="%d" w:space="1" w:color="%s"/></w:pBdr>`, int(p.RuleWidth/25.4*72*8+0.5), color(*p.RuleBelow))
	}
	if p.DoubleRule {
		fmt.Fprintf(sb, `<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="1" w:color="%s"/></w:pBdr>`, color(engine.Red))
	}
	if len(p.Tab) > 0 {
		fmt.Fprintf(sb, `<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, typeW-int(p.Right*cell))
	}
	if p.Size > 0 && p.Size < 8 { // a rule's own line: thin, off the grid
		sb.WriteString(`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>`)
	} else {
		fmt.Fprintf(sb, `<w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/>`, linePitch)
	}
	ind := ""
	if p.Left != 0 {
		ind += fmt.Sprintf(` w:leftChars="%d" w:left="%d"`, int(p.Left*100), int(p.Left*cell))
	}
	if p.Right != 0 && len(p.Tab) == 0 {
		ind += fmt.Sprintf(` w:rightChars="%d" w:right="%d"`, int(p.Right*100), int(p.Right*cell))
	}
	switch {
	case p.First > 0:
		ind += fmt.Sprintf(` w:firstLineChars="%d" w:firstLine="%d"`, int(p.First*100), int(p.First*cell))
	case p.First < 0:
		ind += fmt.Sprintf(` w:hangingChars="%d" w:hanging="%d"`, int(-p.First*100), int(-p.First*cell))
	}
	if ind != "" {
		sb.WriteString(`<w:ind` + ind + `/>`)
	}
	sb.WriteString(`<w:jc w:val="` + jc[p.Align] + `"/></w:pPr>`)
	size := p.Size
	if size < 8 {
		size = 2
	}
	for _, r := range p.Runs {
		run(sb, r.Role, size, p.Color, r.Text)
	}
	if len(p.Tab) > 0 {
		sb.WriteString(`<w:r><w:tab/></w:r>`)
		for _, r := range p.Tab {
			run(sb, r.Role, size, p.Color, r.Text)
		}
	}
	sb.WriteString(`</w:p>`)
}

// mark writes a header's red mark at its distance from the top of the page: one centred line, or
// the joint issuers stacked in a borderless table with 文件 to their right.
func (w *writer) mark(m *engine.Mark) {
	sb := &w.body
	lineH := int(m.Size*20*1.25 + 0.5)
	top := twips(m.Top) - marTop
	if top < 0 { // a letter's mark stands above the type area: a frame placed on the page
		w.titlePg = true
		fmt.Fprintf(sb, `<w:p><w:pPr><w:framePr w:w="%d" w:hAnchor="margin" w:vAnchor="page" w:y="%d" w:xAlign="center" w:wrap="notBeside"/>`+
			`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>`, typeW, twips(m.Top), lineH)
		run(sb, fonts.Title, m.Size, engine.Red, strings.Join(m.Lines, ""))
		sb.WriteString(`</w:p>`)
		// the flow starts under the mark and its double rule
		fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/></w:pPr></w:p>`,
			max(twips(m.Top)+lineH-marTop, 20))
		// the second double rule, 20 mm above the foot of the page
		fmt.Fprintf(sb, `<w:p><w:pPr><w:framePr w:w="%d" w:h="60" w:hRule="exact" w:hAnchor="page" w:vAnchor="page" w:x="%d" w:y="%d" w:wrap="notBeside"/>`+
			`<w:pBdr><w:top w:val="thinThickSmallGap" w:sz="24" w:space="1" w:color="%s"/></w:pBdr><w:snapToGrid w:val="0"/><w:spacing w:line="60" w:lineRule="exact"/></w:pPr></w:p>`,
			twips(170), twips(20), twips(297-20)-60, color(engine.Red))
		return
	}
	fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/></w:pPr></w:p>`, max(top, 20))
	if len(m.Lines) == 1 {
		fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>`, lineH)
		run(sb, fonts.Title, m.Size, engine.Red, m.Lines[0])
		sb.WriteString(`</w:p><w:p/>`) // an empty line under the mark
		return
	}
	longest := 0
	for _, l := range m.Lines {
		longest = max(longest, len([]rune(l)))
	}
	em := int(m.Size * 20)
	nameW, suffixW := longest*em+em/4, len([]rune(m.Suffix))*em+em
	fmt.Fprintf(sb, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`+
		`<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>`+
		`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`,
		nameW+suffixW, nameW, suffixW, nameW)
	for _, l := range m.Lines {
		fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/><w:jc w:val="distribute"/></w:pPr>`, lineH)
		run(sb, fonts.Title, m.Size, engine.Red, l)
		sb.WriteString(`</w:p>`)
	}
	fmt.Fprintf(sb, `</w:tc><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`+
		`<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/><w:jc w:val="right"/></w:pPr>`, suffixW, lineH)
	run(sb, fonts.Title, m.Size, engine.Red, m.Suffix)
	sb.WriteString(`</w:p></w:tc></w:tr></w:tbl><w:p/>`)
}

// table writes a ruled table with the widths the layout gave its columns; the header row repeats
// on every page and no row is split.
func (w *writer) table(t *engine.TableBlock) {
	sb := &w.body
	widths := make([]int, len(t.Widths))
	total := 0
	for i, mm := range t.Widths {
		widths[i] = twips(mm)
		total += widths[i]
	}
	fmt.Fprintf(sb, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`, total)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(sb, `<w:%s w:val="single" w:sz="6" w:space="0" w:color="000000"/>`, side)
	}
	fmt.Fprintf(sb, `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="%[1]d" w:type="dxa"/><w:right w:w="%[1]d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`, twips(1.6))
	for _, c := range widths {
		fmt.Fprintf(sb, `<w:gridCol w:w="%d"/>`, c)
	}
	sb.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		sb.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			sb.WriteString(`<w:tblHeader/>`)
		}
		sb.WriteString(`</w:trPr>`)
		for i, text := range cells {
			col := t.Columns[i]
			role, align := col.Role, "left"
			if header {
				role = fonts.Hei
			}
			if header || col.Center {
				align = "center"
			}
			fmt.Fprintf(sb, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, widths[i])
			for _, line := range strings.Split(text, "\n") {
				fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="40" w:after="40" w:line="%d" w:lineRule="exact"/><w:jc w:val="%s"/></w:pPr>`,
					int(t.Size*20*1.35+0.5), align)
				run(sb, role, t.Size, engine.Black, line)
				sb.WriteString(`</w:p>`)
			}
			sb.WriteString(`</w:tc>`)
		}
		sb.WriteString(`</w:tr>`)
	}
	if !t.NoHeader {
		titles := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			titles[i] = c.Title
		}
		row(titles, true)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
	sb.WriteString(`</w:tbl>`)
}

// colophonTable is the 版记: a table of 8 mm lines, thick rules above and below, a thin one between
// its lines (a letter's has none), put where the layout put it, at the foot of the last page.
func colophonTable(c *engine.Colophon) string {
	var sb strings.Builder
	plain := c.Printer == "" && c.Printed == ""
	var rows [][]string // each line: its text, and the text set against the right edge
	if text, _ := c.CopyLine(); text != "" {
		rows = append(rows, []string{text})
	}
	if !plain {
		rows = append(rows, []string{c.Printer, c.Printed + "印发"})
	}
	fmt.Fprintf(&sb, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>`, typeW)
	if plain {
		sb.WriteString(`<w:top w:val="nil"/><w:bottom w:val="nil"/><w:insideH w:val="nil"/>`)
	} else {
		sb.WriteString(`<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>` +
			`<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/>`)
	}
	fmt.Fprintf(&sb, `<w:left w:val="nil"/><w:right w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/>`+
		`<w:tblCellMar><w:left w:w="%[1]d" w:type="dxa"/><w:right w:w="%[1]d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="%[2]d"/></w:tblGrid>`, 280, typeW)
	for _, r := range rows {
		fmt.Fprintf(&sb, `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="%d" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>`, twips(8), typeW)
		if len(r) > 1 {
			fmt.Fprintf(&sb, `<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, typeW-2*280)
		}
		sb.WriteString(`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact"/></w:pPr>`)
		run(&sb, fonts.Fang, engine.TablePt, engine.Black, r[0])
		if len(r) > 1 {
			sb.WriteString(`<w:r><w:tab/></w:r>`)
			run(&sb, fonts.Fang, engine.TablePt, engine.Black, r[1])
		}
		sb.WriteString(`</w:p></w:tc></w:tr>`)
	}
	sb.WriteString(`</w:tbl>`)
	return sb.String()
}

// free writes text placed on the page (a certificate's) where the page put it: paragraphs in the
// flow, an exact space above each down to its position, its indents its left and right edges
// (frames would be kept apart or merged differently by each program).
func (w *writer) free(f *engine.Free) {
	if w.pageBreak {
		w.freeY = 0
	}
	w.breakHere()
	sb := &w.body
	margin := 20.0
	pageWidth := 297.0
	if !w.opt.Landscape {
		margin, pageWidth = 37, 210
	}
	if w.freeY == 0 {
		w.freeY = margin
	}
	if gap := f.Y - w.freeY; gap > 0.5 {
		fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/></w:pPr></w:p>`, twips(gap))
		w.freeY = f.Y
	}
	lead := f.Lead
	if lead == 0 {
		lead = f.Size * 25.4 / 72 * 1.2
	}
	fmt.Fprintf(sb, `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/>`, twips(lead))
	left, right := twips(f.X-margin), twips(pageWidth-margin-f.X-f.W)
	ind := fmt.Sprintf(` w:left="%d" w:right="%d"`, max(left, 0), max(right, 0))
	if f.Indent > 0 {
		ind += fmt.Sprintf(` w:firstLine="%d"`, int(f.Indent*f.Size*20))
	}
	sb.WriteString(`<w:ind` + ind + `/><w:jc w:val="` + jc[f.Align] + `"/></w:pPr>`)
	run(sb, f.Role, f.Size, f.Color, f.Text)
	sb.WriteString(`</w:p>`)
	w.freeY += float64(max(f.Lines, 1)) * lead
}
