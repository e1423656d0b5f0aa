package app

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/attachments"
	"xiangzhi/backend/errs"
)

// AttachmentService is the bound service of the photos and scans attached to a record (the 附件 of a
// 民情 case): add through the system's open dialog, list, thumbnails, view, save a copy, remove and
// undo. Each method is one call into backend/attachments. The window is sent small pictures made here,
// never the photos themselves.
type AttachmentService struct {
	o      *opening
	window *windowEvents

	mu     sync.Mutex
	thumbs map[string]string // thumbnail data URLs by content (sha256): made once per run

	openWith func(path string) error // openWithSystem; tests look at what would be opened
}

// ownerTables are the records the window may attach files to.
var ownerTables = map[string]bool{"cases": true, "contract_versions": true, "selection_nominations": true}

// NewAttachmentService returns the service over the database o opens (asking for files in window);
// when it does not open every call fails with the reason.
func NewAttachmentService(o *opening, window *windowEvents) *AttachmentService {
	s := &AttachmentService{o: o, window: window, thumbs: map[string]string{}}
	s.openWith = s.openWithSystem
	return s
}

func (s *AttachmentService) ready() error {
	return s.o.wait()
}

// AttachmentItem is an attachment as the window lists it.
type AttachmentItem struct {
	attachments.Attachment
	// View says how the window shows it: "image" (Preview gives a picture), "pdf" (PDF gives its
	// bytes) or "" (a HEIC photo: SaveAs or OpenExternal).
	View string `json:"view"`
	// Thumb: Thumbnail gives a picture for the list.
	Thumb bool `json:"thumb"`
}

func item(a attachments.Attachment) AttachmentItem {
	it := AttachmentItem{Attachment: a}
	switch a.Mime {
	case attachments.JPEG, attachments.PNG, attachments.WebP:
		it.View, it.Thumb = "image", true
	case attachments.PDF:
		it.View = "pdf"
	}
	return it
}

func (s *AttachmentService) checkOwner(o attachments.Owner) error {
	if !ownerTables[o.Table] {
		return errs.New(errs.Invalid, "这类记录不能添加附件")
	}
	return nil
}

// Refusal is a file that was not attached, and why (the message names the file).
type Refusal struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// Added is what Add did: the files attached and those refused. Both empty: the officer cancelled.
type Added struct {
	Added   []AttachmentItem `json:"added"`
	Refused []Refusal        `json:"refused"`
}

// Add asks for photos and scans in the system's open dialog (several at once) and attaches each to
// owner with note, each in its own transaction: a file too large or of another type is refused with
// the reason and the others are attached. An error that is not about one file (the record is gone,
// the database cannot be written) stops there and is returned with what was attached before it.
func (s *AttachmentService) Add(owner attachments.Owner, note string) (Added, error) {
	out := Added{Added: []AttachmentItem{}, Refused: []Refusal{}}
	if err := s.ready(); err != nil {
		return out, err
	}
	if err := s.checkOwner(owner); err != nil {
		return out, err
	}
	paths, err := openFilesDialog(s.window, attachmentFile, "选择要添加的照片或扫描件（可多选）")
	if err != nil {
		return out, err
	}
	for _, p := range paths {
		a, err := s.o.attachments.Add(bg, owner, p, note)
		if e := errs.As(err); err != nil && e.Code == errs.Invalid && e.Field == "file" {
			out.Refused = append(out.Refused, Refusal{Name: filepath.Base(p), Message: e.Message})
			continue
		}
		if err != nil {
			return out, err
		}
		out.Added = append(out.Added, item(a))
	}
	return out, nil
}

// List returns the attachments of a record, oldest first.
func (s *AttachmentService) List(owner attachments.Owner) ([]AttachmentItem, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	list, err := s.o.attachments.List(bg, owner)
	if err != nil {
		return nil, err
	}
	out := make([]AttachmentItem, len(list))
	for i, a := range list {
		out[i] = item(a)
	}
	return out, nil
}

// Thumbnail returns a small JPEG of a photo (at most attachments.ThumbSide pixels a side) as a data
// URL, made once per content and run. Codes as attachments.Service.Picture.
func (s *AttachmentService) Thumbnail(id string) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	a, err := s.o.attachments.Get(bg, id)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	url, ok := s.thumbs[a.SHA256]
	s.mu.Unlock()
	if ok {
		return url, nil
	}
	jpg, err := s.o.attachments.Picture(bg, id, attachments.ThumbSide)
	if err != nil {
		return "", err
	}
	url = dataURL("image/jpeg", jpg)
	s.mu.Lock()
	if len(s.thumbs) >= 1000 { // a few MB at most
		clear(s.thumbs)
	}
	s.thumbs[a.SHA256] = url
	s.mu.Unlock()
	return url, nil
}

// Preview returns a photo scaled to fit attachments.PreviewSide pixels, upright, as a data URL.
func (s *AttachmentService) Preview(id string) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	jpg, err := s.o.attachments.Picture(bg, id, attachments.PreviewSide)
	if err != nil {
		return "", err
	}
	return dataURL("image/jpeg", jpg), nil
}

// PDF returns a scan's bytes (checked against its SHA-256) for the window's PDF viewer. Code invalid
// when the attachment is not a PDF.
func (s *AttachmentService) PDF(id string) (DocFile, error) {
	if err := s.ready(); err != nil {
		return DocFile{}, err
	}
	a, data, err := s.o.attachments.Open(bg, id)
	if err != nil {
		return DocFile{}, err
	}
	if a.Mime != attachments.PDF {
		return DocFile{}, errs.New(errs.Invalid, "附件“%s”不是 PDF", a.Name)
	}
	return DocFile{PDF: base64.StdEncoding.EncodeToString(data), Size: len(data), Title: a.Name}, nil
}

// SaveAs asks where to save a copy of an attachment (under its original name, with the ending of its
// type when that name has another: Attachment.SafeName) and writes it; it
// returns the path, "" when the officer cancels.
func (s *AttachmentService) SaveAs(id string) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	a, data, err := s.o.attachments.Open(bg, id)
	if err != nil {
		return "", err
	}
	name := a.SafeName()
	ext := filepath.Ext(name)
	path, err := saveDialog(s.window, fileType{name: "原文件 (*" + ext + ")", ext: ext}, "附件另存为", name)
	if err != nil || path == "" {
		return "", err
	}
	return path, atomicfile.WriteBytes(path, data)
}

// OpenExternal opens an attachment with the program the system uses for its type (the photo viewer,
// the PDF reader): a checked copy is written to the temporary folder under its original name, so
// the program cannot change the kept file.
func (s *AttachmentService) OpenExternal(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	a, data, err := s.o.attachments.Open(bg, id)
	if err != nil {
		return err
	}
	dir := filepath.Join(os.TempDir(), "xiangzhi-attachments", a.SHA256[:16])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errs.Wrap(err, errs.Internal, "无法创建临时文件夹")
	}
	path := filepath.Join(dir, a.SafeName()) // opened as what it is, whatever it was called
	// A copy opened before may still be open in the viewer (Windows then refuses to replace it): one
	// with the same bytes is opened again as it is.
	if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, data) {
		if err := atomicfile.WriteBytes(path, data); err != nil {
			return err
		}
	}
	return s.openWith(path)
}

// openWithSystem hands a file to the program the system opens its type with.
func (s *AttachmentService) openWithSystem(path string) error {
	ctx := s.window.window()
	if ctx == nil {
		return errs.New(errs.Internal, "窗口尚未就绪")
	}
	runtime.BrowserOpenURL(ctx, path)
	return nil
}

// Remove removes an attachment from its record (Restore undoes it); the file is kept.
func (s *AttachmentService) Remove(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.attachments.Remove(bg, id)
}

// Restore brings a removed attachment back (the 撤销 of Remove).
func (s *AttachmentService) Restore(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.attachments.Restore(bg, id)
}

// AttachmentLimits says what may be attached: the largest file and the kinds, by the names officers
// know them by.
type AttachmentLimits struct {
	MaxBytes int      `json:"maxBytes"`
	Kinds    []string `json:"kinds"`
}

// Limits says what may be attached, for the window to say before the dialog opens.
func (s *AttachmentService) Limits() AttachmentLimits {
	out := AttachmentLimits{MaxBytes: attachments.MaxBytes}
	for _, k := range attachments.Kinds {
		out.Kinds = append(out.Kinds, k.Label)
	}
	return out
}

func dataURL(mime string, data []byte) string {
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data)
}
