// Package unpack expands the brotli-compressed data the program embeds (fonts, the word list) and
// keeps what it expanded in the user's cache folder, so that a later process reads it in a few
// milliseconds instead of expanding it again (60–110 ms for a font face): a `doc render` from the
// command line starts cold every time. A cached copy is used only when its checksum matches; any
// failure to read or write the cache falls back to expanding, and the cache can be deleted at any
// time.
package unpack

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
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

// Expand returns the expansion of packed, named name (a file name such as fang.ttf): from the
// cache when a good copy is there, else expanded and then cached.
func Expand(name string, packed []byte) ([]byte, error) {
	dir := Dir()
	key := fmt.Sprintf("%s-%08x-%d", name, crc32.Checksum(packed, castagnoli), len(packed))
	if dir != "" {
		if data, ok := cached(dir, key); ok {
			return data, nil
		}
	}
	data, err := io.ReadAll(brotli.NewReader(bytes.NewReader(packed)))
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

// cached reads the copy of key in dir whose content matches the checksum its name ends with.
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
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && fmt.Sprintf("%08x", crc32.Checksum(data, castagnoli)) == sum {
			return data, true
		}
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
