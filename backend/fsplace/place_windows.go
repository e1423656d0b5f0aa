package fsplace

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

func place(dir string) Place {
	if isUNC(dir) {
		return Place{Network: true}
	}
	root := filepath.VolumeName(dir) + `\`
	r, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return Place{}
	}
	switch windows.GetDriveType(r) {
	case windows.DRIVE_REMOTE:
		return Place{Network: true}
	case windows.DRIVE_REMOVABLE, windows.DRIVE_CDROM:
		return Place{Removable: true}
	}
	return Place{}
}
