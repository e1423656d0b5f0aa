package attachments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// The files are kept by content: attachments/<first 2 hex>/<sha256>, no extension and no name, so
// the same photo attached to ten cases is kept once, and a file is found again from its row alone.

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// path is where the file of content sum is kept.
func (s *Service) path(sum string) string { return pathIn(s.Folder(), sum) }

// pathIn is where the file of content sum is kept in an attachments folder. A sum that is not 64
// lower-case hex digits (the table refuses one; a file from elsewhere might hold one) names no file
// there, never one elsewhere.
func pathIn(folder, sum string) string {
	if !validSum(sum) {
		return filepath.Join(folder, "invalid")
	}
	return filepath.Join(folder, sum[:2], sum)
}

func validSum(sum string) bool {
	if len(sum) != 64 {
		return false
	}
	for _, c := range sum {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Path returns where an attachment's file is kept in the data folder.
func (s *Service) Path(a Attachment) string { return s.path(a.SHA256) }

// store writes data to the file of content sum unless a whole copy is already there; fresh says it
// wrote one. The copy is written whole or not at all (atomicfile: .partial, fsync, rename).
func (s *Service) store(sum string, data []byte) (fresh bool, err error) {
	dest := s.path(sum)
	if old, err := readLimited(dest); err == nil && hashOf(old) == sum {
		return false, nil // stored before, and still whole
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return false, errs.Wrap(err, errs.Internal, "无法创建附件文件夹 %s", filepath.Dir(dest))
	}
	if err := atomicfile.WriteBytes(dest, data); err != nil {
		return false, err
	}
	syncDir(filepath.Dir(dest))
	return true, nil
}

// readLimited reads a stored file, at most one byte over MaxBytes (a file that grew is not read whole).
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxBytes+1))
}

// syncDir makes a rename durable where the system allows it (not on Windows, where it is not needed).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// Open returns a live attachment with its file's bytes, checked against the SHA-256 recorded when it
// was added. Codes: not_found when there is no such attachment or its file is missing from the data
// folder; internal when the file was changed or damaged (its bytes no longer match).
func (s *Service) Open(ctx context.Context, id string) (Attachment, []byte, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	data, err := s.Read(a)
	return a, data, err
}

// Read returns the bytes of an attachment's file, checked against its SHA-256 (see Open).
func (s *Service) Read(a Attachment) ([]byte, error) {
	p := s.path(a.SHA256)
	data, err := readLimited(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errs.New(errs.NotFound, "附件“%s”的文件不在附件文件夹中（应为 %s），可能被移走或删除了；"+
			"若别处复制的附件文件夹里有名为 %s 的文件，请放回原处", a.Name, p, a.SHA256)
	}
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取附件“%s”的文件 %s", a.Name, p)
	}
	if hashOf(data) != a.SHA256 {
		return nil, errs.New(errs.Internal, "附件“%s”的文件已被改动或损坏（与登记的校验值不符），不能打开；"+
			"若别处复制的附件文件夹里有名为 %s 的文件，请用它替换 %s", a.Name, a.SHA256, p)
	}
	return data, nil
}

// FolderIn is the attachments folder of the data folder dir: where the files of the database kept in
// dir are stored.
func FolderIn(dir string) string { return filepath.Join(dir, "attachments") }

// Usage counts the files kept in an attachments folder and their bytes (0, 0 when there is none).
// Backups copy the database only: the CLI and the 设置 screen use this to say what they leave out.
func Usage(folder string) (files int, bytes int64) {
	filepath.WalkDir(folder, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	return files, bytes
}

// ReadSum returns the stored file of content sum when it is there and whole (a bundle for another
// office carries it); ok is false otherwise.
func (s *Service) ReadSum(sum string) (data []byte, ok bool) {
	data, err := readLimited(s.path(sum))
	if err != nil || hashOf(data) != sum {
		return nil, false
	}
	return data, true
}

// Keep stores a file received from another office as the file of its content. Code invalid when data
// is not the content sum names or is over MaxBytes.
func (s *Service) Keep(sum string, data []byte) error {
	if len(data) > MaxBytes || hashOf(data) != sum {
		return errs.New(errs.Invalid, "收到的附件 %.64s 与它的校验值不符或过大，未保存", sum)
	}
	_, err := s.store(sum, data)
	return err
}
