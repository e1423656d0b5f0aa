package docx

import (
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/docs/fonts"
)

type part struct{ name, body string }

const (
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW     = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// parts are the files of the package, in the order they are written.
func (w *writer) parts() []part {
	numbered := w.opt.PageNumbers && !w.opt.Landscape
	ps := []part{
		{"[Content_Types].xml", xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
			`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
			`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", w.core()},
		{"word/_rels/document.xml.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
			`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
			`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
			`<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer3.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", w.document(numbered)},
		{"word/styles.xml", styles()},
		{"word/settings.xml", xmlHead + `<w:settings ` + nsW + `>` + map[bool]string{true: `<w:evenAndOddHeaders/>`}[numbered] +
			`<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
			`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`},
		{"word/fontTable.xml", fontTable()},
		{"word/footer1.xml", footer("right", numbered)}, // odd pages
		{"word/footer2.xml", footer("left", numbered)},  // even pages
		{"word/footer3.xml", footer("", false)},         // a letter's first page
	}
	return ps
}

// document is word/document.xml: the body, the 版记 anchored to the last paragraph, and the
// section's page, margins, grid and footers.
func (w *writer) document(numbered bool) string {
	var sb strings.Builder
	sb.WriteString(xmlHead + `<w:document ` + nsW + `><w:body>`)
	sb.WriteString(w.body.String())
	sb.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>`)
	sb.WriteString(`<w:sectPr>`)
	if numbered {
		sb.WriteString(`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`)
		if w.titlePg {
			sb.WriteString(`<w:footerReference w:type="first" r:id="rId6"/>`)
		}
	}
	if w.opt.Landscape {
		fmt.Fprintf(&sb, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/><w:pgMar w:top="%[3]d" w:right="%[3]d" w:bottom="%[3]d" w:left="%[3]d" w:header="0" w:footer="567" w:gutter="0"/>`,
			pageH, pageW, twips(20))
	} else {
		fmt.Fprintf(&sb, `<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`,
			pageW, pageH, marTop, marRight, marBottom, marLeft, twips(23))
	}
	if b := w.pageBox; b != nil {
		fmt.Fprintf(&sb, `<w:pgBorders w:offsetFrom="page">`)
		for _, side := range []string{"top", "left", "bottom", "right"} {
			fmt.Fprintf(&sb, `<w:%s w:val="single" w:sz="%d" w:space="31" w:color="%s"/>`, side, min(int(b.Line/25.4*72*8+0.5), 96), color(b.Color))
		}
		sb.WriteString(`</w:pgBorders>`)
	}
	if numbered && w.titlePg {
		sb.WriteString(`<w:titlePg/>`)
	}
	if !w.opt.Landscape {
		fmt.Fprintf(&sb, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, linePitch)
	}
	sb.WriteString(`</w:sectPr></w:body></w:document>`)
	return sb.String()
}

// footer is a page-number footer: 「— n —」 in 宋体 四号, one character in from the side align is
// on; empty when not numbered.
func footer(align string, numbered bool) string {
	var sb strings.Builder
	sb.WriteString(xmlHead + `<w:ftr ` + nsW + `>`)
	if !numbered {
		sb.WriteString(`<w:p/></w:ftr>`)
		return sb.String()
	}
	ind := `<w:ind w:rightChars="100" w:right="280"/>`
	if align == "left" {
		ind = `<w:ind w:leftChars="100" w:left="280"/>`
	}
	r := `<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:hint="eastAsia"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>`
	sb.WriteString(`<w:p><w:pPr>` + ind + `<w:jc w:val="` + align + `"/></w:pPr>`)
	sb.WriteString(`<w:r>` + r + `<w:t xml:space="preserve">— </w:t></w:r>`)
	sb.WriteString(`<w:r>` + r + `<w:fldChar w:fldCharType="begin"/></w:r><w:r>` + r + `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`)
	sb.WriteString(`<w:r>` + r + `<w:fldChar w:fldCharType="separate"/></w:r><w:r>` + r + `<w:t>1</w:t></w:r><w:r>` + r + `<w:fldChar w:fldCharType="end"/></w:r>`)
	sb.WriteString(`<w:r>` + r + `<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`)
	return sb.String()
}

// styles sets the defaults: 仿宋 三号 on 29 pt lines, no space between paragraphs.
func styles() string {
	f := Faces[fonts.Fang].Name
	return xmlHead + `<w:styles ` + nsW + `><w:docDefaults><w:rPrDefault><w:rPr>` +
		fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/>`, f) +
		`<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		fmt.Sprintf(`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/><w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/></w:pPr></w:pPrDefault>`, linePitch) +
		`</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`</w:styles>`
}

// fontTable names the fonts with the Chinese character set and the substitute Word takes when a
// machine lacks one (仿宋 for 仿宋_GB2312 on Windows 10 and later).
func fontTable() string {
	var sb strings.Builder
	sb.WriteString(xmlHead + `<w:fonts ` + nsW + `>`)
	for _, role := range fonts.Roles {
		f := Faces[role]
		fmt.Fprintf(&sb, `<w:font w:name="%s"><w:altName w:val="%s"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`, f.Name, f.Alt)
	}
	sb.WriteString(`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font></w:fonts>`)
	return sb.String()
}

// core is docProps/core.xml: title, author and dates.
func (w *writer) core() string {
	date := w.opt.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := date.UTC().Format("2006-01-02T15:04:05Z")
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
		`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(w.opt.Title) + `</dc:title><dc:creator>` + esc(w.opt.Author) + `</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified>` +
		`</cp:coreProperties>`
}
