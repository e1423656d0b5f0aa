package engine_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// Characters above U+FFFF that 通用规范汉字表 holds (赵孟𬱟, 𫓧, 𫄧, 𠅤 in names and
// place names) print in every role (issue 12 §1): the PDF's text gives the
// true characters back, and each is drawn with its own glyph — none blank,
// none the font's "missing" box, which would look the same for all.
func TestSupplementaryCharactersPrint(t *testing.T) {
	set := mustFonts(t)
	rare := []string{"𬱟", "𫓧", "𫄧", "𠅤"}
	for _, role := range []fonts.Role{fonts.Fang, fonts.Hei, fonts.Kai, fonts.Title} {
		d := engine.New(set, engine.Options{})
		d.Field("正文")
		d.Runs(0, engine.Run{Text: "赵孟𬱟、𫓧𫄧、𠅤𡎚与张喆参会。", Role: role})
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		path := write(t, outDir(t), "supplementary-"+string(role), pdf)
		if text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), ""); text != "赵孟𬱟、𫓧𫄧、𠅤𡎚与张喆参会。" {
			t.Errorf("%s: the PDF's text reads %q", role, text)
		}
		var images [][]byte
		for _, r := range rare {
			images = append(images, glyphImage(t, set, role, r))
		}
		blank := glyphImage(t, set, role, "　")
		for i := range images {
			if bytes.Equal(images[i], blank) {
				t.Errorf("%s: %s prints blank", role, rare[i])
			}
			for j := i + 1; j < len(images); j++ {
				if bytes.Equal(images[i], images[j]) {
					t.Errorf("%s: %s and %s print the same glyph", role, rare[i], rare[j])
				}
			}
		}
	}
}

// glyphImage renders a page holding only text and returns its pixels.
func glyphImage(t *testing.T, set *fonts.Set, role fonts.Role, text string) []byte {
	t.Helper()
	d := engine.New(set, engine.Options{})
	d.Field("正文")
	d.Runs(0, engine.Run{Text: "一" + text, Role: role})
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "g.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-r", "50", "-gray", "-singlefile", path, filepath.Join(dir, "g"))
	img, err := os.ReadFile(filepath.Join(dir, "g.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
