// Package fonts finds, checks and measures the TrueType fonts the PDF
// engine draws with: the Windows system fonts officers have (仿宋, 黑体,
// 楷体, 方正小标宋) first, then an embedded OFL fallback family subset at
// build time. Each font file is read and parsed once per process.
package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"xiangzhi/backend/errs"
)

// Face is one TrueType font file; it is safe for concurrent use.
type Face struct {
	Key  string // a unique short name, used as the PDF font family
	Name string // what the officer sees, e.g. "仿宋（simfang.ttf）"
	Path string // the file, or "" for an embedded face

	data    []byte                 // the whole file (see Bytes)
	expand  func() ([]byte, error) // an embedded face's file, expanded on first use; nil for the others
	loaded  sync.Once
	loadErr error

	once sync.Once
	err  error
	sf   *sfnt.Font
	upem float64

	mu  sync.Mutex
	buf sfnt.Buffer
	adv map[rune]float64 // advance in em, -1 when the font has no glyph

	pdfOnce sync.Once
	pdf     *gofpdf.UTF8Font
	pdfErr  error
}

// NewFace checks data as a TrueType font usable by the PDF writer and
// returns a Face for it. It fails (code invalid) for a font collection
// (.ttc), a CFF-outline (.otf) font or a file that is not a font at all.
func NewFace(key, name, path string, data []byte) (*Face, error) {
	if err := Check(name, data); err != nil {
		return nil, err
	}
	return &Face{Key: key, Name: name, Path: path, data: data, adv: map[rune]float64{}}, nil
}

// Bytes returns the whole font file; an embedded face's is expanded the first time (nil if that
// fails, which the build rules out; Has then finds no glyph, and the error says why).
func (f *Face) Bytes() []byte {
	f.load()
	return f.data
}

func (f *Face) load() error {
	f.loaded.Do(func() {
		if f.expand != nil {
			f.data, f.loadErr = f.expand()
		}
	})
	return f.loadErr
}

// OpenFace reads a font file and checks it like NewFace.
func OpenFace(key, path string) (*Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errs.Wrap(err, errs.Invalid, "无法读取字体文件 %s", path)
	}
	return NewFace(key, filepath.Base(path), path, data)
}

// Check tells whether data is a single TrueType-outline font, the only
// kind gofpdf embeds correctly (it fails silently on the others).
func Check(name string, data []byte) error {
	if len(data) < 12 {
		return errs.New(errs.Invalid, "字体文件 %s 不是字体（文件太短）", name)
	}
	switch string(data[:4]) {
	case "ttcf":
		return errs.New(errs.Invalid, "字体文件 %s 是字体集合（.ttc），无法嵌入 PDF；请选用单个 .ttf 字体文件", name)
	case "OTTO":
		return errs.New(errs.Invalid, "字体文件 %s 是 CFF 轮廓的 OpenType 字体（.otf），无法嵌入 PDF；请选用 TrueType（.ttf）字体", name)
	case "\x00\x01\x00\x00", "true":
	default:
		return errs.New(errs.Invalid, "字体文件 %s 不是 TrueType 字体", name)
	}
	n := int(binary.BigEndian.Uint16(data[4:6]))
	if 12+16*n > len(data) {
		return errs.New(errs.Invalid, "字体文件 %s 已损坏或不完整（文件被截断）", name)
	}
	for _, t := range []string{"glyf", "cmap", "head", "hhea", "hmtx", "loca", "maxp"} {
		switch found, whole := table(data, t); {
		case !found && t == "glyf":
			return errs.New(errs.Invalid, "字体文件 %s 没有 TrueType 字形表（glyf），无法嵌入 PDF", name)
		case !found:
			return errs.New(errs.Invalid, "字体文件 %s 缺少 %s 表，已损坏或不完整", name, t)
		case !whole:
			return errs.New(errs.Invalid, "字体文件 %s 已损坏或不完整（%s 表超出文件末尾，文件被截断）", name, t)
		}
	}
	return nil
}

// table looks tag up in the font's table directory, which Check has found
// to lie within data: found tells whether the font has the table, whole
// whether the table lies within data.
func table(data []byte, tag string) (found, whole bool) {
	n := int(binary.BigEndian.Uint16(data[4:6]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if string(data[rec:rec+4]) == tag {
			off := binary.BigEndian.Uint32(data[rec+8:])
			length := binary.BigEndian.Uint32(data[rec+12:])
			return true, uint64(off)+uint64(length) <= uint64(len(data))
		}
	}
	return false, false
}

func (f *Face) parse() error {
	f.once.Do(func() {
		if f.err = f.load(); f.err != nil {
			return
		}
		f.sf, f.err = sfnt.Parse(f.data)
		if f.err != nil {
			f.err = errs.Wrap(f.err, errs.Invalid, "字体文件 %s 已损坏，无法读取", f.Name)
			return
		}
		f.upem = float64(f.sf.UnitsPerEm())
	})
	return f.err
}

// Advance returns the advance width of r in em, and false when the font
// has no glyph for r (or cannot be read).
func (f *Face) Advance(r rune) (float64, bool) {
	if f.parse() != nil {
		return 0, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a, a >= 0
	}
	a := -1.0
	if gi, err := f.sf.GlyphIndex(&f.buf, r); err == nil && gi != 0 {
		if w, err := f.sf.GlyphAdvance(&f.buf, gi, fixed.I(int(f.upem)), 0); err == nil {
			a = float64(w) / 64 / f.upem
		}
	}
	f.adv[r] = a
	return a, a >= 0
}

// Has reports whether the font has a glyph for r.
func (f *Face) Has(r rune) bool {
	_, ok := f.Advance(r)
	return ok
}

// String names the face for messages.
func (f *Face) String() string { return f.Name }

// PDF returns the font parsed for the PDF writer, parsed the first time
// and shared by every document afterwards (the writer only reads it).
func (f *Face) PDF() (*gofpdf.UTF8Font, error) {
	f.pdfOnce.Do(func() {
		if f.pdfErr = f.load(); f.pdfErr != nil {
			return
		}
		if f.pdf, f.pdfErr = gofpdf.ParseUTF8Font(f.data); f.pdfErr != nil {
			f.pdfErr = errs.Wrap(f.pdfErr, errs.Invalid, "字体文件 %s 无法嵌入 PDF", f.Name)
		}
	})
	return f.pdf, f.pdfErr
}
