// Package unpack expands the brotli-compressed data the program embeds (fonts, the word list) and
// keeps what it expanded in the user's cache folder, so that a later process reads it in a few
// milliseconds instead of expanding it again (60–110 ms for a font face): a `doc render` from the
// command line starts cold every time. A cached copy is mapped into memory, not read: the files are
// written whole under a new name and renamed (package atomicfile), never changed in place, so a
// mapping stays valid while the process lives. A cached copy is used only when its checksum matches; any
// failure to read or write the cache falls back to expanding, and the cache can be deleted at any
// time.
package unpack

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"

	"xiangzhi/backend/atomicfile"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Dir is the cache folder: $XIANGZHI_CACHE_DIR ("none" for no cache), else Xiangzhi/unpacked in the
// user's cache folder. On Windows that is %LocalAppData%, where the program's data folder is
// Xiangzhi too: the same name, spelt the same, since Windows would take xiangzhi for that folder.
func Dir() string {
	if v, ok := os.LookupEnv("XIANGZHI_CACHE_DIR"); ok {
		if v == "none" {
			return ""
		}
		return v
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "Xiangzhi", "unpacked")
}

// Expand returns the expansion by decode (Brotli, or a font format's decoder) of the compressed file
// path in fsys (the program's embedded files), named name (a file name such as fang.ttf): from the
// cache when a good copy is there, else expanded and then cached. The data returned is never to be written: a cached copy is mapped
// read-only into memory, so a process reads only the pages it uses and allocates nothing for them.
//
// The generator of the compressed file writes its CRC-32 (IEEE, eight hex digits) beside it as
// path + ".crc", so that a process finds its cached copy without reading the compressed file; the
// checksum is checked against the file whenever the file is read. Without it the file is read to
// compute it.
func Expand(fsys fs.FS, path, name string, decode func(packed []byte) ([]byte, error)) ([]byte, error) {
	sum, size, packed, err := identify(fsys, path)
	if err != nil {
		return nil, err
	}
	dir := Dir()
	key := fmt.Sprintf("%s-%08x-%d", name, sum, size)
	if dir != "" {
		if data, ok := cached(dir, key); ok {
			return data, nil
		}
	}
	if packed == nil { // found by its checksum file: read and checked now
		if packed, err = fs.ReadFile(fsys, path); err != nil {
			return nil, err
		}
		if crc32.ChecksumIEEE(packed) != sum {
			return nil, fmt.Errorf("%s does not match its checksum %08x", path, sum)
		}
	}
	data, err := decode(packed)
	if err != nil {
		return nil, err
	}
	if dir != "" {
		if os.MkdirAll(dir, 0o755) == nil {
			// the expansion's own checksum in the name, to check the copy when it is read
			file := fmt.Sprintf("%s-%08x", key, crc32.Checksum(data, castagnoli))
			if atomicfile.WriteBytes(filepath.Join(dir, file), data) == nil {
				prune(dir, name, file)
			}
		}
	}
	return data, nil
}

// Brotli expands brotli-compressed data.
func Brotli(packed []byte) ([]byte, error) {
	return io.ReadAll(brotli.NewReader(bytes.NewReader(packed)))
}

// identify returns the CRC-32 and the size of the compressed file path: the checksum from the
// file beside it when the generator wrote one (packed nil), else computed from the file, which it
// returns as packed.
func identify(fsys fs.FS, path string) (sum uint32, size int64, packed []byte, err error) {
	st, err := fs.Stat(fsys, path)
	if err != nil {
		return 0, 0, nil, err
	}
	if text, err := fs.ReadFile(fsys, path+".crc"); err == nil {
		n, err := strconv.ParseUint(strings.TrimSpace(string(text)), 16, 32)
		if err != nil {
			return 0, 0, nil, fmt.Errorf("%s.crc: %q is not a CRC-32", path, text)
		}
		return uint32(n), st.Size(), nil, nil
	}
	if packed, err = fs.ReadFile(fsys, path); err != nil {
		return 0, 0, nil, err
	}
	return crc32.ChecksumIEEE(packed), st.Size(), packed, nil
}

// cached maps the copy of key in dir whose content matches the checksum its name ends with.
func cached(dir, key string) ([]byte, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false
	}
	for _, e := range entries {
		sum, ok := strings.CutPrefix(e.Name(), key+"-")
		if !ok || len(sum) != 8 {
			continue
		}
		data, unmap, err := mapFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		if fmt.Sprintf("%08x", crc32.Checksum(data, castagnoli)) == sum {
			return data, true
		}
		unmap()
	}
	return nil, false
}

// prune removes the copies of name other than keep: those of an earlier build of the program.
func prune(dir, name, keep string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), name+"-") && e.Name() != keep {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// mapFile maps the file at path read-only into memory (reads it where it cannot be mapped); unmap
// releases it.
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
	if size := st.Size(); size > 0 && int64(int(size)) == size {
		if data, unmap, err := mapOpen(f, int(size)); err == nil {
			return data, unmap, nil
		}
	}
	return readFile(path)
}

// readFile reads the file at path, for what cannot be mapped.
func readFile(path string) ([]byte, func(), error) {
	data, err := os.ReadFile(path)
	return data, func() {}, err
}

// Verify checks that every compressed file of fsys matching pattern has the checksum file its
// generator writes beside it, and that the two agree: a program whose checksum files are stale
// would use the expanded copies of other data.
func Verify(fsys fs.FS, pattern string) error {
	files, err := fs.Glob(fsys, pattern)
	if err != nil {
		return err
	}
	for _, path := range files {
		if _, err := fs.Stat(fsys, path+".crc"); err != nil {
			return fmt.Errorf("%s has no checksum file %s.crc", path, path)
		}
		want, _, _, err := identify(fsys, path)
		if err != nil {
			return err
		}
		packed, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		if got := crc32.ChecksumIEEE(packed); got != want {
			return fmt.Errorf("%s: CRC-32 %08x, its checksum file says %08x", path, got, want)
		}
	}
	return nil
}
