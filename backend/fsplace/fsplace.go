// Package fsplace says where a path lives: on this computer's own disk, or on a network share, on
// removable media, or inside a folder Syncthing keeps in step with other computers. The live database
// must be on the computer's own disk — SQLite's locking does not hold across a network share, a stick
// pulled out mid-write corrupts it, and a sync engine copying the file while it is written makes a
// corrupt copy at every office — and an exchange folder on a share must be polled, since change events
// do not arrive from other computers there.
package fsplace

import (
	"os"
	"path/filepath"
	"strings"
)

// Place says where a path lives.
type Place struct {
	Network   bool   // a network share (SMB, NFS, a mapped drive, a UNC path)
	Removable bool   // a USB stick, a memory card, a CD
	Syncthing string // the Syncthing folder it is in ("" when none): the folder holding .stfolder
}

// Shared reports whether a place is not this computer's own disk alone.
func (p Place) Shared() bool { return p.Network || p.Removable || p.Syncthing != "" }

// Where says where path (a file or folder; a file that does not exist yet is judged by its folder)
// lives. What cannot be told is taken for the local disk.
func Where(path string) Place {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Place{}
	}
	dir := abs
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		dir = filepath.Dir(abs)
	}
	p := place(dir)
	p.Syncthing = syncthingFolder(dir)
	return p
}

// syncthingFolder returns the nearest folder at or above dir that Syncthing keeps (it holds the
// .stfolder marker Syncthing puts in every folder it shares), or "".
func syncthingFolder(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".stfolder")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// isUNC reports a Windows network path (\\server\share\…).
func isUNC(path string) bool {
	return strings.HasPrefix(path, `\\`) && !strings.HasPrefix(path, `\\?\`) && !strings.HasPrefix(path, `\\.\`) ||
		strings.HasPrefix(path, `\\?\UNC\`)
}
