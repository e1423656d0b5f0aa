package docs_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// wordFile is a .docx unzipped: its parts by name.
type wordFile map[string]string

func unzipWord(t *testing.T, file []byte) wordFile {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("not a zip file: %v", err)
	}
	parts := wordFile{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(b)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	return parts
}

// text is the text of the document's runs, in order.
func (w wordFile) text() string {
	var sb strings.Builder
	for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(w["word/document.xml"], -1) {
		sb.WriteString(m[1])
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(sb.String())
}

// sortedRunes is the text without white space and page numbers, its characters sorted: the same
// text, whatever order a table's cells are read in.
func sortedRunes(s string) string {
	rs := []rune(squash(regexp.MustCompile(`—\s*\d+\s*—`).ReplaceAllString(s, "")))
	slices.Sort(rs)
	return string(rs)
}

func exampleInput(t *testing.T, k docs.Kind) []byte {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal([]byte(k.Example), &in); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(in)
	return b
}

// Every kind saves as a .docx laid out to the numbers of GB/T 9704 (issue 12 §4): A4, margins
// 37/35/28/26 mm, 29 pt lines, 仿宋 三号 body and 小标宋 二号 title in the fonts Windows names, the
// red mark, page numbers 「— 1 —」 right on odd pages and left on even ones; its text is the PDF's.
func TestWordFiles(t *testing.T) {
	set := mustFonts(t)
	dir := outDir(t, "word")
	for _, k := range docs.Kinds() {
		input := exampleInput(t, k)
		pdf, _, err := docs.Render(set, k.Name, input)
		if err != nil {
			t.Fatal(err)
		}
		file, _, err := docs.RenderWord(set, k.Name, input)
		if err != nil {
			t.Fatalf("%s: %v", k.Name, err)
		}
		os.WriteFile(filepath.Join(dir, k.Name+".docx"), file, 0o644)
		w := unzipWord(t, file)
		for _, part := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "docProps/core.xml"} {
			if w[part] == "" {
				t.Errorf("%s: no %s", k.Name, part)
			}
		}
		doc := w["word/document.xml"]
		if k.Landscape {
			if !strings.Contains(doc, `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`) {
				t.Errorf("%s: not landscape A4", k.Name)
			}
		} else {
			for _, want := range []string{
				`<w:pgSz w:w="11906" w:h="16838"/>`,                                  // A4
				`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"`, // 37, 26, 35, 28 mm
				`<w:docGrid w:type="lines" w:linePitch="579"/>`,                      // 22 lines in 225 mm
				`w:eastAsia="仿宋_GB2312"`, `<w:sz w:val="32"/>`,                       // 仿宋 三号
				`w:eastAsia="方正小标宋简体"`, // 小标宋 titles
				`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`,
			} {
				if !strings.Contains(doc, want) {
					t.Errorf("%s: document.xml lacks %s", k.Name, want)
				}
			}
			if !strings.Contains(w["word/settings.xml"], "<w:evenAndOddHeaders/>") ||
				!strings.Contains(w["word/footer1.xml"], `<w:jc w:val="right"/>`) || !strings.Contains(w["word/footer2.xml"], `<w:jc w:val="left"/>`) ||
				!strings.Contains(w["word/footer1.xml"], `<w:t xml:space="preserve">— </w:t>`) || !strings.Contains(w["word/footer1.xml"], ` PAGE `) {
				t.Errorf("%s: the page numbers are not 「— n —」 right on odd pages and left on even ones", k.Name)
			}
			if !strings.Contains(w["word/fontTable.xml"], `<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`) {
				t.Errorf("%s: 仿宋_GB2312 has no substitute", k.Name)
			}
		}
		path := write(t, dir, k.Name, pdf)
		if got, want := sortedRunes(w.text()), sortedRunes(run(t, "pdftotext", "-enc", "UTF-8", path, "-")); got != want {
			t.Errorf("%s: the Word file's text differs from the PDF's:\n%s\n%s", k.Name, squash(w.text()), squash(run(t, "pdftotext", "-enc", "UTF-8", path, "-")))
		}
	}
	// the red mark and rule of a header
	for _, k := range []string{"notice", "summary", "request", "letter"} {
		kind, _ := docs.Lookup(k)
		file, _, _ := docs.RenderWord(set, k, exampleInput(t, *kind))
		if doc := unzipWord(t, file)["word/document.xml"]; !strings.Contains(doc, `<w:color w:val="E60012"/>`) || !strings.Contains(doc, `w:color="E60012"`) {
			t.Errorf("%s: no red mark and rule", k)
		}
	}
}

// LibreOffice converts the .docx files to PDF with the same text, on nearly as many lines as ours
// (its fonts are not ours: Debian has no 仿宋_GB2312, so a line may break a character earlier).
func TestWordFilesInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice not found: make apt installs libreoffice-writer-nogui")
	}
	set := mustFonts(t)
	dir := t.TempDir()
	kinds := []string{"notice", "request", "letter", "summary", "gongshi", "record", "agreement", "ledger"}
	var files []string
	ours := map[string]string{}
	for _, name := range kinds {
		k, _ := docs.Lookup(name)
		input := exampleInput(t, *k)
		pdf, _, err := docs.Render(set, name, input)
		if err != nil {
			t.Fatal(err)
		}
		ours[name] = write(t, dir, name+"-ours", pdf)
		file, _, err := docs.RenderWord(set, name, input)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".docx")
		os.WriteFile(p, file, 0o644)
		files = append(files, p)
	}
	out := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", out}, files...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	lines := func(path string) int {
		n := 0
		for _, l := range strings.Split(run(t, "pdftotext", "-enc", "UTF-8", path, "-"), "\n") {
			if strings.TrimSpace(l) != "" && !regexp.MustCompile(`^\s*—\s*\d+\s*—\s*$`).MatchString(l) {
				n++
			}
		}
		return n
	}
	for _, name := range kinds {
		theirs := filepath.Join(out, name+".pdf")
		if _, err := os.Stat(theirs); err != nil {
			t.Errorf("%s: LibreOffice wrote no PDF", name)
			continue
		}
		a, b := run(t, "pdftotext", "-enc", "UTF-8", ours[name], "-"), run(t, "pdftotext", "-enc", "UTF-8", theirs, "-")
		if sortedRunes(a) != sortedRunes(b) {
			t.Errorf("%s: LibreOffice's text differs from ours:\n%s\n%s", name, squash(a), squash(b))
		}
		if la, lb := lines(ours[name]), lines(theirs); lb < la*9/10 || lb > la*11/10+1 {
			t.Errorf("%s: %d lines in LibreOffice, %d in ours", name, lb, la)
		}
	}
}
