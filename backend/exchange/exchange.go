// Package exchange shares data between offices as files: a bundle holds every shared row the peer
// lacks (or every row) with its field stamps, travels through any folder — a USB stick, a network
// share, a folder Syncthing keeps in step — and is merged field by field at the other end, where
// writes neither office had seen of the other's become conflicts for a person to settle.
//
// It is generic over the schema: the tables it carries are the store's shared tables, so a table a
// later domain adds travels with no code here. The SQLite work (reading changes, merging rows,
// writing and checking bundle files) is the store's; this package decides what goes into a bundle,
// encrypts it, names and publishes it, and brings one in.
package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/store"
)

// Extension is the file extension of a bundle; an encrypted one adds AgeExtension.
const (
	Extension    = ".xzb"
	AgeExtension = ".age"
	// ManifestExtension names the checksum file written beside a bundle once it is whole.
	ManifestExtension = ".sha256"
)

// Stages reported to a progress.Reporter.
const (
	StageExport = "导出"
	StageCheck  = "检查"
	StageMerge  = "合并"
)

// files is the attachments folder of a database: beside it, as the window and the CLI keep it.
func files(db *store.DB) *attachments.Service {
	return attachments.NewService(db, filepath.Dir(db.Path()))
}

// hashFile returns the hex SHA-256 of a file's content.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
