// Package attachments keeps the photos and scans added to a record (a 民情 case first): the file is
// stored once by its content in the data folder, under attachments/<first 2 hex>/<sha256>, and a row
// of the shared table attachments records which record it belongs to, its original name, type and
// size, so that the record of it travels between offices like every other row. A file is checked
// before anything is written (size, and type by its content); the copy is written whole or not at all
// and read back only when its SHA-256 still matches. Removing an attachment tombstones its row and
// keeps the file, which other rows — here or at another office — may name. The functions ending in
// In take a *store.Tx, so another domain can attach a file in its own transaction.
package attachments

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	pathpkg "path"
	"path/filepath"
	"strings"
	"sync"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// MaxBytes is the largest file that may be attached: a phone photo is 2–8 MB, a scanned page as PDF
// under 1 MB; 20 MB leaves room for a multi-page scan while keeping the data folder and the files
// exchanged between offices small.
const MaxBytes = 20 << 20

// MaxNote is the longest note on an attachment, in characters.
const MaxNote = 200

// maxName is the longest original file name kept, in characters.
const maxName = 200

// Table is the shared table of attachments.
const Table = "attachments"

// Owner is the record an attachment belongs to: a row of a shared table.
type Owner struct {
	Table string `json:"table"`
	ID    string `json:"id"`
}

// Attachment is one file added to a record.
type Attachment struct {
	ID      string `json:"id"`
	Owner   Owner  `json:"owner"`
	SHA256  string `json:"sha256"`
	Name    string `json:"name"` // the original file name
	Mime    string `json:"mime"`
	Size    int64  `json:"size"`
	Note    string `json:"note"`
	AddedAt string `json:"addedAt"` // RFC 3339, UTC
	AddedBy string `json:"addedBy"` // the operator who added it
}

// SafeName is the attachment's name with an ending that says its type (IMG_1.JPG stays, 协议.bat
// becomes 协议.bat.pdf): a copy given to the system to open, or saved, is opened as what its content
// is, never run as a program because of the name it came with.
func (a Attachment) SafeName() string {
	// A name from another office's data may hold what no file name here may: folders, a drive, an
	// alternate data stream (a.jpg:x), characters Windows refuses.
	name := strings.TrimPrefix(pathpkg.Base(pathpkg.Clean("/"+strings.ReplaceAll(a.Name, "\\", "/"))), "/")
	name = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, name)
	if name = strings.TrimRight(name, ". "); name == "" {
		name = "附件"
	}
	exts := extensions[a.Mime]
	if len(exts) == 0 {
		return name + ".bin"
	}
	for _, e := range exts {
		if strings.EqualFold(filepath.Ext(name), e) {
			return name
		}
	}
	return name + exts[0]
}

// IsPicture reports whether the attachment is a photo (any image type, HEIC included).
func (a Attachment) IsPicture() bool { return strings.HasPrefix(a.Mime, "image/") }

// Service adds, lists, removes and reads attachments of the database db, their files under dir (the
// data folder: the files go to dir/attachments).
type Service struct {
	db  *store.DB
	dir string
	mu  sync.Mutex // one Add at a time: a file written for a row that failed is removed only if no other row names it
}

// NewService returns the attachments of db, with their files in the data folder dir.
func NewService(db *store.DB, dir string) *Service { return &Service{db: db, dir: dir} }

// Folder is where the files are kept: the attachments folder of the data folder.
func (s *Service) Folder() string { return FolderIn(s.dir) }

// Blob is a file checked and stored by its content, ready to be attached with AddIn.
type Blob struct {
	SHA256 string
	Mime   string
	Size   int64
	Name   string // the original file name, tidied
	fresh  bool   // this Put wrote the file (it was not stored before)
}

// Put checks the file at path — at most MaxBytes, a photo (JPEG, PNG, WebP, HEIC) or a PDF by its
// content — and stores it in the folder once, by its SHA-256 (a copy already there and whole is kept,
// a damaged one is replaced). Nothing is written when the file is refused. Code invalid, field file,
// for a file that is missing, empty, too large or of another type; internal when it cannot be stored.
func (s *Service) Put(path string) (Blob, error) {
	name, err := cleanName(filepath.Base(path))
	if err != nil {
		return Blob{}, err
	}
	data, err := readSource(path, name)
	if err != nil {
		return Blob{}, err
	}
	mime, err := checkContent(data, name)
	if err != nil {
		return Blob{}, err
	}
	sum := hashOf(data)
	fresh, err := s.store(sum, data)
	if err != nil {
		return Blob{}, err
	}
	return Blob{SHA256: sum, Mime: mime, Size: int64(len(data)), Name: name, fresh: fresh}, nil
}

// cleanName keeps a file's own name as shown to people: one line, no invisible characters.
func cleanName(name string) (string, error) {
	if r := []rune(name); len(r) > maxName {
		ext := filepath.Ext(name)
		if len([]rune(ext)) > 20 {
			ext = ""
		}
		name = string(r[:maxName-len([]rune(ext))]) + ext
	}
	return textrule.Name("file", "附件的文件名", name, maxName, true)
}

// readSource reads a file to attach, refusing one over MaxBytes before reading it all.
func readSource(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errs.Field("file", "找不到文件“%s”，它可能已被移走或删除", name)
	}
	if err != nil {
		return nil, fileError(err, "无法读取文件“%s”", name)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileError(err, "无法读取文件“%s”", name)
	}
	if !st.Mode().IsRegular() {
		return nil, errs.Field("file", "“%s”不是普通文件（是文件夹或设备），不能作为附件", name)
	}
	if st.Size() > MaxBytes {
		return nil, tooLarge(name, st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, fileError(err, "读取文件“%s”时出错", name)
	}
	if len(data) > MaxBytes { // it grew while being read
		return nil, tooLarge(name, int64(len(data)))
	}
	if len(data) == 0 {
		return nil, errs.Field("file", "文件“%s”是空的（0 字节），不能作为附件", name)
	}
	return data, nil
}

// fileError is a refusal of the file to attach that keeps its cause: code invalid, field file.
func fileError(cause error, format string, args ...any) error {
	e := errs.Wrap(cause, errs.Invalid, format, args...)
	e.Field = "file"
	return e
}

func tooLarge(name string, size int64) error {
	return errs.Field("file", "文件“%s”有 %s，超过了附件 %d MB 的上限；请压缩照片或分开扫描后再添加",
		name, HumanSize(size), MaxBytes>>20)
}

// HumanSize writes a byte count as people read it: 512 字节, 3.4 KB, 12.5 MB.
func HumanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d 字节", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

// checkContent tells a file's type by its content and, for a picture this package can read, checks
// that it really is one. Code invalid, field file.
func checkContent(data []byte, name string) (string, error) {
	mime := Sniff(data[:min(len(data), sniffLen)])
	if mime == "" {
		mime = sniffDocument(data)
	}
	if mime == "" {
		return "", errs.Field("file", "文件“%s”不是照片（JPEG、PNG、WebP、HEIC）、PDF 扫描件或 Word/WPS 文档，不能作为附件%s",
			name, renamedHint(name))
	}
	if decodable(mime) {
		if _, err := checkPicture(data); err != nil {
			return "", errs.Field("file", "文件“%s”看起来是图片，但内容不完整或已损坏，无法读取", name)
		}
	}
	return mime, nil
}

// renamedHint explains, when a file's name says it is a photo or PDF, that its content decides.
func renamedHint(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".pdf", ".docx", ".doc", ".wps":
		return "（文件名以 " + filepath.Ext(name) + " 结尾，但内容不是；可能是改过扩展名的其他文件）"
	}
	return ""
}

// Add stores the file at path (see Put) and attaches it to owner with a note, in one transaction.
// A row that fails to be written leaves no file of its own behind. Codes: invalid (field file or
// note), not_found when the owner does not exist or was deleted.
func (s *Service) Add(ctx context.Context, owner Owner, path, note string) (Attachment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkOwner(ctx, s.db, owner); err != nil {
		return Attachment{}, err
	}
	if _, err := cleanNote(note); err != nil {
		return Attachment{}, err // before the file is copied
	}
	b, err := s.Put(path)
	if err != nil {
		return Attachment{}, err
	}
	var a Attachment
	err = s.db.Write(ctx, func(tx *store.Tx) (err error) {
		a, err = AddIn(tx, owner, b, note)
		return err
	})
	if err != nil && b.fresh && !s.named(b.SHA256) {
		os.Remove(s.path(b.SHA256))
	}
	return a, err
}

// AddIn attaches a stored file (from Put) to owner inside tx. Codes: invalid (field note), not_found
// when the owner does not exist or was deleted.
func AddIn(tx *store.Tx, owner Owner, b Blob, note string) (Attachment, error) {
	if owner.Table == Table || owner.Table == "" || owner.ID == "" {
		return Attachment{}, errs.New(errs.Invalid, "附件没有说明属于哪条记录")
	}
	if _, err := tx.Get(owner.Table, owner.ID); err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return Attachment{}, errs.New(errs.NotFound, "要添加附件的记录不存在或已删除")
		}
		return Attachment{}, err
	}
	if len(b.SHA256) != 64 || b.Mime == "" || b.Size <= 0 {
		return Attachment{}, errs.New(errs.Internal, "附件文件还没有存好")
	}
	note, err := cleanNote(note)
	if err != nil {
		return Attachment{}, err
	}
	id, err := tx.Insert(Table, store.Values{
		"owner_table": owner.Table, "owner_id": owner.ID, "sha256": b.SHA256, "name": b.Name,
		"mime": b.Mime, "size": b.Size, "note": note,
	})
	if err != nil {
		return Attachment{}, err
	}
	return getIn(tx, id)
}

func cleanNote(note string) (string, error) {
	return textrule.Free("note", "附件说明", note, MaxNote)
}

// checkOwner refuses, before a file is copied, a record that is not there.
func checkOwner(ctx context.Context, db *store.DB, owner Owner) error {
	if owner.Table == Table || owner.Table == "" || owner.ID == "" {
		return errs.New(errs.Invalid, "附件没有说明属于哪条记录")
	}
	if _, err := db.Get(ctx, owner.Table, owner.ID); err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return errs.New(errs.NotFound, "要添加附件的记录不存在或已删除")
		}
		return err
	}
	return nil
}

// named reports whether any row, tombstoned or not, names the content sum (so its file must stay).
func (s *Service) named(sum string) bool {
	var n int
	err := s.db.SQL().QueryRow(`SELECT count(*) FROM attachments WHERE sha256 = ?`, sum).Scan(&n)
	return err != nil || n > 0 // when unsure, keep the file
}

const columns = `id, owner_table, owner_id, sha256, name, mime, size, note, created_at, operator`

func scan(sc interface{ Scan(...any) error }) (Attachment, error) {
	var a Attachment
	err := sc.Scan(&a.ID, &a.Owner.Table, &a.Owner.ID, &a.SHA256, &a.Name, &a.Mime, &a.Size, &a.Note, &a.AddedAt, &a.AddedBy)
	return a, err
}

func getIn(tx *store.Tx, id string) (Attachment, error) {
	a, err := scan(tx.QueryRow(`SELECT `+columns+` FROM attachments WHERE id = ? AND deleted_at IS NULL`, id))
	return a, readError(err)
}

// Get returns a live attachment. Code not_found when there is none (or it was removed).
func (s *Service) Get(ctx context.Context, id string) (Attachment, error) {
	a, err := scan(s.db.SQL().QueryRowContext(ctx, `SELECT `+columns+` FROM attachments WHERE id = ? AND deleted_at IS NULL`, id))
	return a, readError(err)
}

func readError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return errs.New(errs.NotFound, "没有这个附件，它可能已被删除")
	}
	return errs.Wrap(err, errs.Internal, "无法读取附件")
}

// List returns the live attachments of a record, oldest first.
func (s *Service) List(ctx context.Context, owner Owner) ([]Attachment, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+columns+` FROM attachments
		WHERE owner_table = ? AND owner_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, owner.Table, owner.ID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取附件")
	}
	defer rows.Close()
	out := []Attachment{}
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "无法读取附件")
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取附件")
	}
	return out, nil
}

// Remove removes an attachment from its record: the row is tombstoned (Restore brings it back), the
// file is kept. Code not_found when there is no such live attachment.
func (s *Service) Remove(ctx context.Context, id string) error {
	return s.db.Write(ctx, func(tx *store.Tx) error { return RemoveIn(tx, id) })
}

// RemoveIn is Remove inside tx.
func RemoveIn(tx *store.Tx, id string) error {
	if err := tx.Delete(Table, id); err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return errs.New(errs.NotFound, "没有这个附件，它可能已被删除")
		}
		return err
	}
	return nil
}

// Restore brings a removed attachment back (the undo of Remove), when its record is still there.
// Codes: not_found (no such attachment, or its record was deleted since), conflict (not removed).
func (s *Service) Restore(ctx context.Context, id string) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get(Table, id, store.IncludeDeleted)
		if err != nil {
			return errs.New(errs.NotFound, "没有这个附件")
		}
		table, _ := row["owner_table"].(string)
		owner, _ := row["owner_id"].(string)
		if _, err := tx.Get(table, owner); err != nil {
			if errs.CodeOf(err) == errs.NotFound {
				return errs.New(errs.NotFound, "附件所属的记录已删除，附件无法恢复")
			}
			return err
		}
		return tx.Restore(Table, id)
	})
}
