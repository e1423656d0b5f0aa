//go:build windows

package unpack

import (
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// mapOpen maps the first size bytes of f read-only. While it is mapped, Windows refuses to delete
// the file: prune then leaves it for a later run.
func mapOpen(f *os.File, size int) ([]byte, func(), error) {
	m, err := windows.CreateFileMapping(windows.Handle(f.Fd()), nil, windows.PAGE_READONLY,
		uint32(uint64(size)>>32), uint32(size), nil)
	if err != nil {
		return nil, nil, err
	}
	defer windows.CloseHandle(m) // the view keeps the mapping
	addr, err := windows.MapViewOfFile(m, windows.FILE_MAP_READ, 0, 0, uintptr(size))
	if err != nil {
		return nil, nil, err
	}
	data := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(nil), addr)), size) // memory outside Go's heap
	return data, func() { windows.UnmapViewOfFile(addr) }, nil
}
