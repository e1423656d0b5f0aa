package docs_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// TestExamples renders every kind's example, checks the file with qpdf,
// its fonts with pdffonts and its text with pdftotext, and leaves the
// pages as images in test-results/docs/kinds.
func TestExamples(t *testing.T) {
	set := mustFonts(t)
	dir := outDir(t, "kinds")
	for _, k := range docs.Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			pdf, doc, err := docs.Render(set, k.Name, []byte(k.Example))
			if err != nil {
				t.Fatal(err)
			}
			again, _, _ := docs.Render(set, k.Name, []byte(k.Example))
			if string(again) != string(pdf) {
				t.Error("two renderings of the same input differ")
			}
			path := write(t, dir, k.Name, pdf)
			run(t, "qpdf", "--check", path)
			fontsOut := run(t, "pdffonts", path)
			for _, line := range strings.Split(strings.TrimSpace(fontsOut), "\n")[2:] {
				if f := strings.Fields(line); len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", line)
				}
			}
			text := squash(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
			if len(text) < 40 {
				t.Errorf("too little text: %q", text)
			}
			_ = doc
			info := run(t, "pdfinfo", path)
			want := "595.28 x 841.89"
			if k.Landscape {
				want = "841.89 x 595.28"
			}
			if !strings.Contains(info, want) {
				t.Errorf("page size: %s", info)
			}
			run(t, "pdftoppm", "-r", "50", "-png", path, dir+"/"+k.Name)
		})
	}
}
