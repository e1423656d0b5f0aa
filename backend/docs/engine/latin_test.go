package engine_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// Latin letters, digits and ASCII symbols keep their own advance in the face that draws them (issue 12
// §2): none is spread over a whole cell of the character grid, so a web address or an e-mail address
// copied or searched in the PDF reads as written. Han characters and full-width punctuation stay on
// the grid.
func TestLatinKeepsItsAdvance(t *testing.T) {
	set := mustFonts(t)
	addresses := []string{"https://www.example.gov.cn/", "dankou@example.cn", "MWQw 9&@#% CDGHNOPTU"}
	for _, role := range []fonts.Role{fonts.Fang, fonts.Hei, fonts.Kai, fonts.Title} {
		d := engine.New(set, engine.Options{})
		d.Field("正文")
		for _, a := range addresses { // each on a line of its own, which is not stretched to the margin
			d.Runs(0, engine.Run{Text: "见" + a + "。", Role: role})
		}
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		path := write(t, outDir(t), "latin-"+string(role), pdf)
		text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
		flat := strings.ReplaceAll(text, "\n", "")
		for _, a := range addresses {
			if !strings.Contains(flat, a) {
				t.Errorf("%s: the PDF's text does not read %q: %q", role, a, text)
			}
		}
	}
}
