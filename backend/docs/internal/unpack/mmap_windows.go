//go:build windows

package unpack

import (
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// mapFile maps the file at path read-only into memory; unmap releases it. While it is mapped,
// Windows refuses to delete the file: prune then leaves it for a later run.
func mapFile(path string) (data []byte, unmap func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if size == 0 || int64(int(size)) != size {
		return readFile(path)
	}
	m, err := windows.CreateFileMapping(windows.Handle(f.Fd()), nil, windows.PAGE_READONLY,
		uint32(uint64(size)>>32), uint32(size), nil)
	if err != nil {
		return readFile(path)
	}
	defer windows.CloseHandle(m) // the view keeps the mapping
	addr, err := windows.MapViewOfFile(m, windows.FILE_MAP_READ, 0, 0, uintptr(size))
	if err != nil {
		return readFile(path)
	}
	data = unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(nil), addr)), int(size)) // memory outside Go's heap
	return data, func() { windows.UnmapViewOfFile(addr) }, nil
}
