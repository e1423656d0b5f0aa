//go:build unix

package unpack

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapOpen maps the first size bytes of f read-only.
func mapOpen(f *os.File, size int) ([]byte, func(), error) {
	data, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() { unix.Munmap(data) }, nil
}
