package app

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
)

// maxDraftsBytes bounds what the window keeps of its drafts (a 公示 of a few thousand names is well
// under it).
const maxDraftsBytes = 8 << 20

// The 公文 screen's drafts, one per kind, are kept for the officer at the desk (the operator) in the
// per-user data folder, so that they survive closing the app: drafts/<operator>.json, written whole
// or not at all. They are this computer's work in progress, not the office's records: never in the
// database, never exchanged.

// draftsFile is the file of the current operator's drafts.
func (s *DocService) draftsFile() string {
	op := ""
	if s.o.wait() == nil {
		op = s.o.db.Operator()
	}
	sum := sha256.Sum256([]byte(op))
	return filepath.Join(s.draftsDir, hex.EncodeToString(sum[:8])+".json")
}

// Drafts returns the kept drafts of the operator as the window wrote them (JSON), or "" when none.
func (s *DocService) Drafts() (string, error) {
	if s.draftsDir == "" {
		return "", nil
	}
	b, err := os.ReadFile(s.draftsFile())
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法读取保存的草稿")
	}
	return string(b), nil
}

// KeepDrafts keeps the window's drafts (JSON) for the operator.
func (s *DocService) KeepDrafts(drafts string) error {
	if s.draftsDir == "" {
		return nil
	}
	if len(drafts) > maxDraftsBytes {
		return errs.New(errs.Invalid, "草稿太大（超过 %d MB），未自动保存；请先发文存档或清空不用的草稿", maxDraftsBytes>>20)
	}
	if err := os.MkdirAll(s.draftsDir, 0o755); err != nil {
		return errs.Wrap(err, errs.Internal, "无法保存草稿")
	}
	return atomicfile.WriteBytes(s.draftsFile(), []byte(drafts))
}
