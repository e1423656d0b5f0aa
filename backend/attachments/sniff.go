package attachments

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"image"
	_ "image/jpeg" // decoders for DecodeConfig and thumbnails
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// The types an attachment may have: photos, scans and documents (a contract as the village drafted
// it). Each is known by its content, never by the name the file happens to have.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
	HEIC = "image/heic" // iPhone and recent Android photos; kept and shown by the system, not thumbnailed here
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" // Word 2007 on, and WPS saving as .docx
	DOC  = "application/msword"                                                      // Word 97–2003 and WPS 文字 (.wps): a compound file with a WordDocument stream
)

// Kinds are the types accepted, with the name an officer knows them by.
var Kinds = []struct{ Mime, Label string }{
	{JPEG, "JPEG 照片"}, {PNG, "PNG 图片"}, {WebP, "WebP 图片"}, {HEIC, "HEIC 照片"}, {PDF, "PDF 扫描件"},
	{DOCX, "Word 文档（.docx）"}, {DOC, "Word/WPS 文档（.doc、.wps）"},
}

// extensions are the file name endings of the types, the first the usual one.
var extensions = map[string][]string{
	JPEG: {".jpg", ".jpeg"}, PNG: {".png"}, WebP: {".webp"}, HEIC: {".heic", ".heif"}, PDF: {".pdf"},
	DOCX: {".docx"}, DOC: {".doc", ".wps"},
}

// sniffLen is how much of a file Sniff looks at.
const sniffLen = 1024

// Sniff tells the type of a file from its first bytes (at least the first sniffLen when the file has
// them); "" when it is none of the accepted types.
func Sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP
	case isHEIC(head):
		return HEIC
	case bytes.Contains(head[:min(len(head), sniffLen)], []byte("%PDF-")):
		// Readers accept the header anywhere in the first 1024 bytes; some scanners write a line before it.
		return PDF
	}
	return ""
}

// compoundFile is the signature of an OLE compound file (Word 97–2003, WPS, but also Excel and others).
var compoundFile = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniffDocument tells a Word document from the whole file: a zip holding word/document.xml, or a
// compound file naming a WordDocument stream in its directory. "" for anything else (a workbook, an
// installer, a zip of photos).
func sniffDocument(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return ""
		}
		for _, f := range z.File {
			if f.Name == "word/document.xml" {
				return DOCX
			}
		}
	case bytes.HasPrefix(data, compoundFile):
		if bytes.Contains(data, utf16("WordDocument")) {
			return DOC
		}
	}
	return ""
}

// utf16 writes ASCII s as UTF-16LE, as a compound file's directory names its streams.
func utf16(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// heicBrands are the ISO base media file brands of HEIF images coded with HEVC.
var heicBrands = map[string]bool{"heic": true, "heix": true, "heim": true, "heis": true, "hevc": true, "hevx": true}

// isHEIC reads the file type box (ftyp) a HEIF file starts with: its major brand, or for the general
// brands mif1 and msf1 (which AVIF shares) one of the compatible brands, must say HEVC.
func isHEIC(head []byte) bool {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(head[:4]))
	if size < 16 || size > len(head) {
		size = len(head)
	}
	major := string(head[8:12])
	if heicBrands[major] {
		return true
	}
	if major != "mif1" && major != "msf1" {
		return false
	}
	for i := 16; i+4 <= size; i += 4 {
		if heicBrands[string(head[i:i+4])] {
			return true
		}
	}
	return false
}

// isImage reports whether a type is a picture this package can decode (for checks and thumbnails).
func decodable(mime string) bool { return mime == JPEG || mime == PNG || mime == WebP }

// checkPicture reads the header of a decodable picture: a file that starts like a JPEG but is not one
// is refused when added, not found out when it is shown.
func checkPicture(data []byte) (image.Config, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err == nil && (cfg.Width <= 0 || cfg.Height <= 0) {
		err = image.ErrFormat
	}
	return cfg, err
}
