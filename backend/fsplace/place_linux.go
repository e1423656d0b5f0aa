package fsplace

import (
	"strings"

	"golang.org/x/sys/unix"
)

// Network file systems, by the magic number statfs gives (linux/magic.h and the CIFS/SMB2 drivers).
var networkFS = map[int64]bool{
	0x6969:     true, // NFS
	0x517b:     true, // SMB
	0xff534d42: true, // CIFS
	0xfe534d42: true, // SMB2
	0x5346414f: true, // AFS
	0x73757245: true, // CODA
	0x564c:     true, // NCP
}

func place(dir string) Place {
	var st unix.Statfs_t
	p := Place{}
	if err := unix.Statfs(dir, &st); err == nil {
		p.Network = networkFS[int64(st.Type)&0xffffffff]
	}
	// Desktop systems mount sticks and cards under /media or /run/media.
	p.Removable = strings.HasPrefix(dir, "/media/") || strings.HasPrefix(dir, "/run/media/")
	return p
}
