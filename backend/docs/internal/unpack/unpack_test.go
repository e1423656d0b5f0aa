package unpack_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"

	"xiangzhi/backend/docs/internal/unpack"
)

// Expand gives the expansion, cached for the next process; a cached copy that does not match its
// checksum (a disk error, a hand edit) is not used, and an earlier build's copies are removed.
func TestExpandCaches(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XIANGZHI_CACHE_DIR", dir)
	pack := func(s string) []byte {
		var b bytes.Buffer
		w := brotli.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	want := bytes.Repeat([]byte("仿宋字体数据"), 1000)
	packed := pack(string(want))
	for i := 0; i < 2; i++ {
		got, err := unpack.Expand("fang.ttf", packed)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("pass %d: %v", i, err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "fang.ttf-*"))
	if len(files) != 1 {
		t.Fatalf("cached copies: %v", files)
	}
	os.WriteFile(files[0], []byte("damaged"), 0o644)
	if got, err := unpack.Expand("fang.ttf", packed); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("a damaged copy was used: %v", err)
	}
	// a new build of the data: its copy replaces the old one
	unpack.Expand("fang.ttf", pack("新版本"))
	if files, _ := filepath.Glob(filepath.Join(dir, "fang.ttf-*")); len(files) != 1 {
		t.Errorf("copies after a new build: %v", files)
	}
	t.Setenv("XIANGZHI_CACHE_DIR", "none")
	if got, err := unpack.Expand("kai.ttf", packed); err != nil || !bytes.Equal(got, want) {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "kai.ttf-*")); len(files) != 0 {
		t.Errorf("cached with the cache off: %v", files)
	}
}
