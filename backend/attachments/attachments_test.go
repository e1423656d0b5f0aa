package attachments_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

// fixture is a database with one record to attach files to, and a data folder.
type fixture struct {
	db    *store.DB
	svc   *attachments.Service
	dir   string // the data folder
	src   string // a folder of files to attach
	owner attachments.Owner
}

func mustOpen(tb testing.TB) *fixture {
	tb.Helper()
	db := storetest.Open(tb, store.Options{})
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		tb.Fatal(err)
	}
	var id string
	if err := db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	return &fixture{db: db, svc: attachments.NewService(db, dir), dir: dir, src: tb.TempDir(),
		owner: attachments.Owner{Table: "villages", ID: id}}
}

// file writes data as name in the folder of files to attach and returns its path.
func (f *fixture) file(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(f.src, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// stored lists the files under the data folder's attachments folder (relative paths).
func (f *fixture) stored(tb testing.TB) []string {
	tb.Helper()
	var out []string
	filepath.WalkDir(f.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(f.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func (f *fixture) rows(tb testing.TB) int {
	tb.Helper()
	var n int
	if err := f.db.SQL().QueryRow(`SELECT count(*) FROM attachments`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func photo(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func pngOf(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

var scan = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func wantCode(tb testing.TB, err error, code, field string) *errs.Error {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want %s", code)
	}
	e := errs.As(err)
	if e.Code != code || e.Field != field {
		tb.Fatalf("error %s (field %q): %v; want %s on %q", e.Code, e.Field, err, code, field)
	}
	return e
}

// The same content attached twice (to one record, under two names) is stored once: one file, two
// rows; its place is attachments/<first 2 hex>/<sha256>.
func TestSameContentStoredOnce(t *testing.T) {
	f := mustOpen(t)
	data := photo(t, 64, 48)
	a, err := f.svc.Add(ctx, f.owner, f.file(t, "现场照片.jpg", data), "围墙现状")
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.svc.Add(ctx, f.owner, f.file(t, "IMG_0001.JPG", data), "")
	if err != nil {
		t.Fatal(err)
	}
	if a.SHA256 != b.SHA256 || a.ID == b.ID {
		t.Fatalf("a %+v b %+v", a, b)
	}
	want := []string{"attachments/" + a.SHA256[:2] + "/" + a.SHA256}
	if got := f.stored(t); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("files %v, want %v", got, want)
	}
	if a.Name != "现场照片.jpg" || a.Mime != attachments.JPEG || a.Size != int64(len(data)) || a.Note != "围墙现状" ||
		a.AddedBy != "王丽" || a.AddedAt == "" || a.Owner != f.owner {
		t.Errorf("attachment %+v", a)
	}
	list, err := f.svc.List(ctx, f.owner)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != a.ID || list[1].Name != "IMG_0001.JPG" {
		t.Errorf("list %+v", list)
	}
	_, got, err := f.svc.Open(ctx, b.ID)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("open: %v, %d bytes", err, len(got))
	}
	// The row travels: stamped and audited like every shared row.
	if _, err := f.db.FieldVersions(ctx, attachments.Table, a.ID); err != nil {
		t.Errorf("field versions: %v", err)
	}
}

// Each accepted type is told by its content, whatever the file is called.
func TestTypesByContent(t *testing.T) {
	f := mustOpen(t)
	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)
	for _, c := range []struct {
		name string
		data []byte
		mime string
	}{
		{"scan.bin", scan, attachments.PDF},
		{"扫描件", scan, attachments.PDF},
		{"photo.png", pngOf(t, 10, 10), attachments.PNG},
		{"photo.dat", photo(t, 8, 8), attachments.JPEG},
		{"IMG_1234.HEIC", heic, attachments.HEIC},
		{"流转合同.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), attachments.DOCX},
		{"租赁合同.doc", compound("WordDocument"), attachments.DOC},
		{"承包合同.wps", compound("WordDocument"), attachments.DOC},
	} {
		a, err := f.svc.Add(ctx, f.owner, f.file(t, c.name, c.data), "")
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if a.Mime != c.mime {
			t.Errorf("%s: %s, want %s", c.name, a.Mime, c.mime)
		}
	}
	avif := append([]byte("\x00\x00\x00\x18ftypavif\x00\x00\x00\x00mif1avif"), make([]byte, 64)...)
	if m := attachments.Sniff(avif); m != "" {
		t.Errorf("AVIF sniffed as %q", m)
	}
	if m := attachments.Sniff([]byte("RIFF\x10\x00\x00\x00WEBPVP8 ")); m != attachments.WebP {
		t.Errorf("WebP sniffed as %q", m)
	}
}

// A file over the limit, a file of another type (whatever its name), a damaged picture, an empty or
// missing file and a note too long are refused on their field with the reason, and nothing is written:
// no row, no file.
func TestRefusedWritesNothing(t *testing.T) {
	f := mustOpen(t)
	big := make([]byte, attachments.MaxBytes+1)
	copy(big, scan)
	for _, c := range []struct {
		name, path, note, field, want string
	}{
		{"too large", f.file(t, "全村照片.pdf", big), "", "file", "超过了附件 20 MB 的上限"},
		{"a document renamed", f.file(t, "照片.jpg", []byte("PK\x03\x04 a word document")), "", "file", "不是照片（JPEG、PNG、WebP、HEIC）、PDF 扫描件或 Word/WPS 文档"},
		{"a program", f.file(t, "setup.exe", []byte("MZ\x90\x00")), "", "file", "“setup.exe”不是照片"},
		{"a workbook", f.file(t, "台账.xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml")), "", "file", "“台账.xlsx”不是照片"},
		{"an old workbook", f.file(t, "台账.xls", compound("Workbook")), "", "file", "“台账.xls”不是照片"},
		{"a zip named docx", f.file(t, "合同.docx", zipOf(t, "照片1.jpg")), "", "file", "可能是改过扩展名的其他文件"},
		{"damaged picture", f.file(t, "坏.jpg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J'}), "", "file", "内容不完整或已损坏"},
		{"empty", f.file(t, "空.pdf", nil), "", "file", "是空的"},
		{"missing", filepath.Join(f.src, "没有.jpg"), "", "file", "找不到文件“没有.jpg”"},
		{"folder", f.src, "", "file", "不是普通文件"},
		{"note too long", f.file(t, "ok.pdf", scan), strings.Repeat("长", attachments.MaxNote+1), "note", "附件说明不能超过 200 个字"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.svc.Add(ctx, f.owner, c.path, c.note)
			e := wantCode(t, err, errs.Invalid, c.field)
			if !strings.Contains(e.Message, c.want) {
				t.Errorf("message %q, want %q", e.Message, c.want)
			}
			if n := f.rows(t); n != 0 {
				t.Errorf("%d rows written", n)
			}
			if got := f.stored(t); len(got) != 0 {
				t.Errorf("files written: %v", got)
			}
		})
	}
	// A record that is not there is refused before the file is copied.
	_, err := f.svc.Add(ctx, attachments.Owner{Table: "villages", ID: "nope"}, f.file(t, "a.pdf", scan), "")
	wantCode(t, err, errs.NotFound, "")
	if got := f.stored(t); len(got) != 0 {
		t.Errorf("files written for a missing record: %v", got)
	}
}

// A transaction that fails after AddIn leaves no row; Add whose write fails leaves no file of its own.
func TestFailedTransactionLeavesNoRow(t *testing.T) {
	f := mustOpen(t)
	b, err := f.svc.Put(f.file(t, "现场.jpg", photo(t, 16, 16)))
	if err != nil {
		t.Fatal(err)
	}
	later := errors.New("a later step failed")
	err = f.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := attachments.AddIn(tx, f.owner, b, "x"); err != nil {
			return err
		}
		return later
	})
	if !errors.Is(err, later) {
		t.Fatalf("write: %v", err)
	}
	if n := f.rows(t); n != 0 {
		t.Errorf("%d rows after a failed transaction", n)
	}
	// The record deleted between the check and the write: AddIn refuses it inside the transaction.
	err = f.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.Delete(f.owner.Table, f.owner.ID); err != nil {
			return err
		}
		_, err := attachments.AddIn(tx, f.owner, b, "")
		return err
	})
	wantCode(t, err, errs.NotFound, "")
	if n := f.rows(t); n != 0 {
		t.Errorf("%d rows", n)
	}
}

// Removing tombstones the row: the list no longer shows it, the row and the file stay, and Restore
// brings it back; removing twice is not_found.
func TestRemoveTombstones(t *testing.T) {
	f := mustOpen(t)
	a, err := f.svc.Add(ctx, f.owner, f.file(t, "现场.jpg", photo(t, 16, 16)), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Remove(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.List(ctx, f.owner)
	if err != nil || len(list) != 0 {
		t.Fatalf("list after remove: %v %+v", err, list)
	}
	if n := f.rows(t); n != 1 {
		t.Errorf("%d rows: the row should stay as a tombstone", n)
	}
	if len(f.stored(t)) != 1 {
		t.Error("the file was removed")
	}
	_, _, err = f.svc.Open(ctx, a.ID)
	wantCode(t, err, errs.NotFound, "")
	wantCode(t, f.svc.Remove(ctx, a.ID), errs.NotFound, "")
	if err := f.svc.Restore(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.svc.List(ctx, f.owner); len(list) != 1 {
		t.Errorf("restored: %+v", list)
	}
	// An attachment whose record was deleted since is not restored.
	if err := f.svc.Remove(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Write(ctx, func(tx *store.Tx) error { return tx.Delete(f.owner.Table, f.owner.ID) }); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.svc.Restore(ctx, a.ID), errs.NotFound, "")
}

// A file missing from the data folder, or changed there, is reported in Chinese when read, never
// shown as if whole; attaching the same content again puts a whole copy back.
func TestMissingOrAlteredFile(t *testing.T) {
	f := mustOpen(t)
	data := photo(t, 32, 32)
	a, err := f.svc.Add(ctx, f.owner, f.file(t, "现场.jpg", data), "")
	if err != nil {
		t.Fatal(err)
	}
	p := f.svc.Path(a)
	if err := os.WriteFile(p, append([]byte{}, data[:len(data)-1]...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.Open(ctx, a.ID)
	if e := wantCode(t, err, errs.Internal, ""); !strings.Contains(e.Message, "附件“现场.jpg”的文件已被改动或损坏") {
		t.Errorf("altered: %s", e.Message)
	}
	_, err = f.svc.Picture(ctx, a.ID, attachments.ThumbSide)
	wantCode(t, err, errs.Internal, "")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.Open(ctx, a.ID)
	if e := wantCode(t, err, errs.NotFound, ""); !strings.Contains(e.Message, "附件“现场.jpg”的文件不在附件文件夹中") {
		t.Errorf("missing: %s", e.Message)
	}
	// A damaged copy is replaced when the same content is attached again.
	if err := os.WriteFile(p, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Add(ctx, f.owner, f.file(t, "again.jpg", data), ""); err != nil {
		t.Fatal(err)
	}
	if _, got, err := f.svc.Open(ctx, a.ID); err != nil || !bytes.Equal(got, data) {
		t.Errorf("after attaching again: %v", err)
	}
}

// Pictures for the window are JPEGs fitting the side asked for, turned upright as the photo's EXIF
// orientation says; a PDF has none.
func TestPicture(t *testing.T) {
	f := mustOpen(t)
	a, err := f.svc.Add(ctx, f.owner, f.file(t, "wide.png", pngOf(t, 800, 200)), "")
	if err != nil {
		t.Fatal(err)
	}
	size := func(b []byte) image.Point {
		t.Helper()
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return image.Pt(cfg.Width, cfg.Height)
	}
	thumb, err := f.svc.Picture(ctx, a.ID, attachments.ThumbSide)
	if err != nil {
		t.Fatal(err)
	}
	if got := size(thumb); got != image.Pt(160, 40) {
		t.Errorf("thumbnail %v", got)
	}
	// A photo taken with the phone held upright: stored 300×100, EXIF orientation 6 (turn right).
	rotated := withOrientation(t, photo(t, 300, 100), 6)
	r, err := f.svc.Add(ctx, f.owner, f.file(t, "upright.jpg", rotated), "")
	if err != nil {
		t.Fatal(err)
	}
	thumb, err = f.svc.Picture(ctx, r.ID, attachments.ThumbSide)
	if err != nil {
		t.Fatal(err)
	}
	if got := size(thumb); got != image.Pt(53, 160) {
		t.Errorf("upright thumbnail %v, want 53×160", got)
	}
	// Small pictures are not enlarged.
	small, _ := f.svc.Add(ctx, f.owner, f.file(t, "small.jpg", photo(t, 20, 10)), "")
	if thumb, err = f.svc.Picture(ctx, small.ID, attachments.PreviewSide); err != nil || size(thumb) != image.Pt(20, 10) {
		t.Errorf("small: %v", err)
	}
	p, _ := f.svc.Add(ctx, f.owner, f.file(t, "scan.pdf", scan), "")
	_, err = f.svc.Picture(ctx, p.ID, attachments.ThumbSide)
	wantCode(t, err, errs.Invalid, "file")
}

// withOrientation puts an EXIF block with the orientation tag after a JPEG's SOI marker.
func withOrientation(tb testing.TB, jpg []byte, o byte) []byte {
	tb.Helper()
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	n := len(seg) + 2
	app1 := append([]byte{0xFF, 0xE1, byte(n >> 8), byte(n)}, seg...)
	return append(append(append([]byte{}, jpg[:2]...), app1...), jpg[2:]...)
}

// A copy given to the system or saved is named for what its content is: a scan called 协议.bat opens as
// a PDF, never runs; a name from elsewhere cannot name a folder, a drive or a data stream.
func TestSafeName(t *testing.T) {
	for _, c := range []struct{ name, mime, want string }{
		{"IMG_0001.JPG", attachments.JPEG, "IMG_0001.JPG"},
		{"现场.jpeg", attachments.JPEG, "现场.jpeg"},
		{"协议.bat", attachments.PDF, "协议.bat.pdf"},
		{"扫描件", attachments.PDF, "扫描件.pdf"},
		{"photo.heif", attachments.HEIC, "photo.heif"},
		{"照片.png", attachments.WebP, "照片.png.webp"},
		{`..\..\Windows\evil.exe`, attachments.JPEG, "evil.exe.jpg"},
		{"../..", attachments.PNG, "附件.png"},
		{"a.jpg:stream", attachments.JPEG, "a.jpg_stream.jpg"},
		{`C:x?.pdf`, attachments.PDF, "C_x_.pdf"},
	} {
		if got := (attachments.Attachment{Name: c.name, Mime: c.mime}).SafeName(); got != c.want {
			t.Errorf("%q (%s): %q, want %q", c.name, c.mime, got, c.want)
		}
	}
}

// When the row cannot be written, Add leaves no file of its own behind, and keeps a file that another
// row names.
func TestFailedAddLeavesNoFile(t *testing.T) {
	f := mustOpen(t)
	kept := photo(t, 16, 16)
	a, err := f.svc.Add(ctx, f.owner, f.file(t, "kept.jpg", kept), "")
	if err != nil {
		t.Fatal(err)
	}
	// Another program's trigger (the store's write path cannot be made to fail from outside otherwise).
	storetest.Tamper(t, f.db, `CREATE TRIGGER refuse BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'refused'); END`)
	if _, err := f.svc.Add(ctx, f.owner, f.file(t, "new.jpg", photo(t, 20, 20)), ""); err == nil {
		t.Fatal("the insert was not refused")
	}
	if _, err := f.svc.Add(ctx, f.owner, f.file(t, "again.jpg", kept), ""); err == nil {
		t.Fatal("the insert was not refused")
	}
	want := []string{"attachments/" + a.SHA256[:2] + "/" + a.SHA256}
	if got := f.stored(t); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("files %v, want only %v", got, want)
	}
	// The file of a row had gone missing: attaching its content again puts it back, and it stays
	// although this attachment's own row is refused.
	os.Remove(f.svc.Path(a))
	if _, err := f.svc.Add(ctx, f.owner, f.file(t, "again.jpg", kept), ""); err == nil {
		t.Fatal("the insert was not refused")
	}
	if _, got, err := f.svc.Open(ctx, a.ID); err != nil || !bytes.Equal(got, kept) {
		t.Errorf("the file named by a row: %v", err)
	}
	if n := f.rows(t); n != 1 {
		t.Errorf("%d rows", n)
	}
}

// A picture much larger than its thumbnail is averaged down, not sampled: a photo of two colours
// keeps them left and right, and a transparent picture is shown on white.
func TestPictureColours(t *testing.T) {
	f := mustOpen(t)
	halves := image.NewNRGBA(image.Rect(0, 0, 2000, 1000))
	for y := 0; y < 1000; y++ {
		for x := 0; x < 2000; x++ {
			c := color.NRGBA{200, 30, 30, 255}
			if x >= 1000 {
				c = color.NRGBA{20, 40, 210, 255}
			}
			if y >= 900 {
				c.A = 0 // a transparent strip at the bottom
			}
			halves.SetNRGBA(x, y, c)
		}
	}
	var p, j bytes.Buffer
	png.Encode(&p, halves)
	jpeg.Encode(&j, halves, &jpeg.Options{Quality: 95})
	near := func(got color.Color, want color.RGBA) bool {
		r, g, b, _ := got.RGBA()
		d := func(a uint32, b uint8) int { return max(int(a>>8)-int(b), int(b)-int(a>>8)) }
		return d(r, want.R) <= 16 && d(g, want.G) <= 16 && d(b, want.B) <= 16
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"halves.png", p.Bytes()}, {"halves.jpg", j.Bytes()}} {
		a, err := f.svc.Add(ctx, f.owner, f.file(t, c.name, c.data), "")
		if err != nil {
			t.Fatal(err)
		}
		thumb, err := f.svc.Picture(ctx, a.ID, attachments.ThumbSide)
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(thumb))
		if err != nil || img.Bounds().Dx() != 160 || img.Bounds().Dy() != 80 {
			t.Fatalf("%s: %v %v", c.name, err, img.Bounds())
		}
		if got := img.At(20, 30); !near(got, color.RGBA{200, 30, 30, 255}) {
			t.Errorf("%s: left %v", c.name, got)
		}
		if got := img.At(140, 30); !near(got, color.RGBA{20, 40, 210, 255}) {
			t.Errorf("%s: right %v", c.name, got)
		}
		if c.name == "halves.png" {
			if got := img.At(40, 78); !near(got, color.RGBA{255, 255, 255, 255}) {
				t.Errorf("%s: the transparent strip %v, want white", c.name, got)
			}
		}
	}
}

// WebP photos, lossless and lossy (40×20, #c81e1e, made by ImageMagick), are read and thumbnailed.
func TestWebP(t *testing.T) {
	f := mustOpen(t)
	for name, data := range map[string]string{
		"lossless.webp": "\x52\x49\x46\x46\x1e\x00\x00\x00\x57\x45\x42\x50\x56\x50\x38\x4c\x11\x00\x00\x00\x2f\x27\xc0\x04\x00\x07\x50\x8f\x22\xd7\xa3\xff\x81\x88\xe8\x7f\x00\x00",
		"lossy.webp":    "\x52\x49\x46\x46\x4c\x00\x00\x00\x57\x45\x42\x50\x56\x50\x38\x20\x40\x00\x00\x00\x50\x03\x00\x9d\x01\x2a\x28\x00\x14\x00\x3e\x6d\x36\x97\x48\xa4\x23\x22\x21\x25\x68\x00\x80\x0d\x89\x67\x00\xd0\xbe\x80\x00\x2b\xf7\xc3\x70\x00\xfe\xf0\x38\x43\xfe\xb6\x93\x34\x29\x90\xff\xfd\xa5\x9f\xfd\x4b\x3f\xfa\x96\x7f\x8c\x23\xec\xb3\xa0\x00\x00\x00",
	} {
		a, err := f.svc.Add(ctx, f.owner, f.file(t, name, []byte(data)), "")
		if err != nil || a.Mime != attachments.WebP {
			t.Fatalf("%s: %+v %v", name, a, err)
		}
		thumb, err := f.svc.Picture(ctx, a.ID, attachments.ThumbSide)
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(thumb))
		if err != nil || img.Bounds().Dx() != 40 || img.Bounds().Dy() != 20 {
			t.Fatalf("%s: %v", name, err)
		}
		if r, g, b, _ := img.At(20, 10).RGBA(); r>>8 < 180 || g>>8 > 60 || b>>8 > 60 {
			t.Errorf("%s: colour %d %d %d", name, r>>8, g>>8, b>>8)
		}
	}
}

// Verify reads every live attachment's file once per content: a whole database says so; a missing
// file and a changed one are named by their attachments; removed attachments are not looked at.
func TestVerify(t *testing.T) {
	f := mustOpen(t)
	v, err := f.svc.Verify(ctx)
	if err != nil || !v.OK() || v.Attachments != 0 {
		t.Fatalf("empty: %+v %v", v, err)
	}
	one, two, three := photo(t, 10, 10), photo(t, 12, 12), pngOf(t, 5, 5)
	a, _ := f.svc.Add(ctx, f.owner, f.file(t, "一.jpg", one), "")
	f.svc.Add(ctx, f.owner, f.file(t, "一副本.jpg", one), "")
	b, _ := f.svc.Add(ctx, f.owner, f.file(t, "二.jpg", two), "")
	c, _ := f.svc.Add(ctx, f.owner, f.file(t, "三.png", three), "")
	v, err = f.svc.Verify(ctx)
	if err != nil || !v.OK() || v.Attachments != 4 || v.Files != 3 || v.Bytes != int64(len(one)+len(two)+len(three)) {
		t.Fatalf("whole: %+v %v", v, err)
	}
	os.Remove(f.svc.Path(a))
	os.WriteFile(f.svc.Path(b), []byte("changed"), 0o644)
	if err := f.svc.Remove(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	os.Remove(f.svc.Path(c)) // removed: its file is not looked for
	v, err = f.svc.Verify(ctx)
	if err != nil || v.OK() || v.Attachments != 3 || v.Files != 0 ||
		strings.Join(v.Missing, ",") != "一.jpg,一副本.jpg" || strings.Join(v.Damaged, ",") != "二.jpg" {
		t.Errorf("after damage: %+v %v", v, err)
	}
}

// The table takes only a SHA-256 written as 64 lower-case hex digits: a row cannot name a file outside
// the attachments folder.
func TestHashIsHex(t *testing.T) {
	f := mustOpen(t)
	for _, sum := range []string{strings.Repeat("A", 64), "../../" + strings.Repeat("a", 58), strings.Repeat("a", 63)} {
		err := f.db.Write(ctx, func(tx *store.Tx) error {
			_, err := attachments.AddIn(tx, f.owner, attachments.Blob{SHA256: sum, Mime: attachments.PDF, Size: 10, Name: "x.pdf"}, "")
			return err
		})
		if err == nil {
			t.Errorf("%q was written", sum)
		}
	}
	if n := f.rows(t); n != 0 {
		t.Errorf("%d rows", n)
	}
}

// zipOf is a zip holding empty files of these names (a .docx holds word/document.xml).
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// compound is the start of an OLE compound file whose directory names one stream.
func compound(stream string) []byte {
	b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	for _, c := range stream {
		b = append(b, byte(c), 0)
	}
	return append(b, make([]byte, 64)...)
}
