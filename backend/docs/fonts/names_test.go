package fonts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"xiangzhi/backend/docs/fonts"
)

// rename writes a copy of the embedded face of role under path with the
// family and full names (Windows records) set to family, using fontTools
// (Debian's python3-fonttools, which make installs for the font build).
func rename(t *testing.T, role fonts.Role, path, family string) {
	t.Helper()
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "src.ttf")
	if err := os.WriteFile(src, set.Faces(role)[0].Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for rec in f["name"].names:
    if rec.nameID in (1, 4, 16) and rec.platformID == 3:
        rec.string = sys.argv[3]
f.save(sys.argv[2])
`
	if out, err := exec.Command("/usr/bin/python3", "-c", script, src, path, family).CombinedOutput(); err != nil {
		t.Fatalf("fontTools (apt install python3-fonttools): %v\n%s", err, out)
	}
}

// TestFamilyNames: a Windows font is found by the family name inside the
// file when its file name is not one of the usual ones.
func TestFamilyNames(t *testing.T) {
	dir := t.TempDir()
	rename(t, fonts.Fang, filepath.Join(dir, "a1.ttf"), "FangSong_GB2312")
	rename(t, fonts.Kai, filepath.Join(dir, "B2.TTF"), "楷体_GB2312")
	rename(t, fonts.Hei, filepath.Join(dir, "c3.ttf"), "Some Other Sans")
	os.WriteFile(filepath.Join(dir, "broken.ttf"), []byte("not a font at all"), 0o644)
	os.WriteFile(filepath.Join(dir, "collection.ttf"), append([]byte("ttcf"), make([]byte, 64)...), 0o644)

	set, err := fonts.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if f := set.Faces(fonts.Fang)[0]; filepath.Base(f.Path) != "a1.ttf" {
		t.Errorf("仿宋 by its English family name: first face %q", f.Name)
	}
	if f := set.Faces(fonts.Kai)[0]; filepath.Base(f.Path) != "B2.TTF" {
		t.Errorf("楷体 by its Chinese family name: first face %q", f.Name)
	}
	if f := set.Faces(fonts.Hei)[0]; f.Path != "" {
		t.Errorf("黑体 should be the embedded face, got %q", f.Name)
	}

	// a file with a usual name comes first; the family-name search is not needed then
	rename(t, fonts.Fang, filepath.Join(dir, "simfang.ttf"), "Renamed Anything")
	set, _ = fonts.Load([]string{dir})
	if f := set.Faces(fonts.Fang)[0]; filepath.Base(f.Path) != "simfang.ttf" {
		t.Errorf("simfang.ttf should come first, got %q", f.Name)
	}
}
