package unpack_test

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"xiangzhi/backend/docs/internal/unpack"
)

// Expand gives the expansion, cached for the next process; a cached copy that does not match its
// checksum (a disk error, a hand edit) is not used, and an earlier build's copies are removed.
func TestExpandCaches(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XIANGZHI_CACHE_DIR", dir)
	pack := func(s string) fstest.MapFS {
		var b bytes.Buffer
		w := brotli.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return fstest.MapFS{"f.br": {Data: b.Bytes()}}
	}
	want := bytes.Repeat([]byte("仿宋字体数据"), 1000)
	packed := pack(string(want))
	for i := 0; i < 2; i++ {
		got, err := unpack.Expand(packed, "f.br", "fang.ttf", unpack.Brotli)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("pass %d: %v", i, err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "fang.ttf-*"))
	if len(files) != 1 {
		t.Fatalf("cached copies: %v", files)
	}
	os.WriteFile(files[0], []byte("damaged"), 0o644)
	if got, err := unpack.Expand(packed, "f.br", "fang.ttf", unpack.Brotli); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("a damaged copy was used: %v", err)
	}
	// a new build of the data: its copy replaces the old one
	unpack.Expand(pack("新版本"), "f.br", "fang.ttf", unpack.Brotli)
	if files, _ := filepath.Glob(filepath.Join(dir, "fang.ttf-*")); len(files) != 1 {
		t.Errorf("copies after a new build: %v", files)
	}
	t.Setenv("XIANGZHI_CACHE_DIR", "none")
	if got, err := unpack.Expand(packed, "f.br", "kai.ttf", unpack.Brotli); err != nil || !bytes.Equal(got, want) {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "kai.ttf-*")); len(files) != 0 {
		t.Errorf("cached with the cache off: %v", files)
	}
}

// The checksum the generator writes beside a compressed file finds its cached copy without reading
// the file; a checksum that does not match the file is an error when the file is read, and Verify
// reports it, as it reports a file without one.
func TestChecksumFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XIANGZHI_CACHE_DIR", dir)
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	w.Write([]byte("楷体字体数据"))
	w.Close()
	sum := fmt.Sprintf("%08x\n", crc32.ChecksumIEEE(b.Bytes()))
	fsys := fstest.MapFS{"d/kai.ttf.br": {Data: b.Bytes()}, "d/kai.ttf.br.crc": {Data: []byte(sum)}}
	if err := unpack.Verify(fsys, "d/*.br"); err != nil {
		t.Fatal(err)
	}
	if got, err := unpack.Expand(fsys, "d/kai.ttf.br", "kai.ttf", unpack.Brotli); err != nil || string(got) != "楷体字体数据" {
		t.Fatalf("%q %v", got, err)
	}
	// the cached copy is found by the checksum alone: the compressed file is not read again
	cachedOnly := fstest.MapFS{"d/kai.ttf.br": {Data: []byte("not brotli, same size, not read")[:b.Len()]}, "d/kai.ttf.br.crc": {Data: []byte(sum)}}
	if got, err := unpack.Expand(cachedOnly, "d/kai.ttf.br", "kai.ttf", unpack.Brotli); err != nil || string(got) != "楷体字体数据" {
		t.Fatalf("the cached copy was not used: %q %v", got, err)
	}
	stale := fstest.MapFS{"d/kai.ttf.br": {Data: b.Bytes()}, "d/kai.ttf.br.crc": {Data: []byte("12345678\n")}}
	if _, err := unpack.Expand(stale, "d/kai.ttf.br", "kai.ttf", unpack.Brotli); err == nil || !strings.Contains(err.Error(), "12345678") {
		t.Errorf("a stale checksum file: %v", err)
	}
	if err := unpack.Verify(stale, "d/*.br"); err == nil {
		t.Error("Verify passed a stale checksum file")
	}
	if err := unpack.Verify(fstest.MapFS{"d/kai.ttf.br": {Data: b.Bytes()}}, "d/*.br"); err == nil {
		t.Error("Verify passed a file without its checksum file")
	}
}
