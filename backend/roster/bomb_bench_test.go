package roster_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// BenchmarkBombs checks the bombs of issue 9 (a 1 MB sheet that inflates to a 1 GB cell, a 1 GB
// shared string, a sheet of 460 MB) and reports the largest peak memory any of them costs
// (roster_bomb_peak_mb, aim ≤ 300: the peak resident set of a process that checks it). Each must be
// refused.
func BenchmarkBombs(b *testing.B) {
	dir := b.TempDir()
	big := func(n int) io.Reader { return io.LimitReader(repeat('A'), int64(n)) }
	bombs := map[string]func(z *zip.Writer){
		"cell": func(z *zip.Writer) {
			part(b, z, "xl/worksheets/sheet1.xml", io.MultiReader(bytes.NewReader([]byte(sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>`)),
				big(1<<30), bytes.NewReader([]byte(`</t></is></c></row></sheetData></worksheet>`))))
		},
		"shared": func(z *zip.Writer) {
			part(b, z, "xl/worksheets/sheet1.xml", bytes.NewReader([]byte(sheetHead+`<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`)))
			part(b, z, "xl/sharedStrings.xml", io.MultiReader(bytes.NewReader([]byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`)),
				big(1<<30), bytes.NewReader([]byte(`</t></si></sst>`))))
		},
		"sheet": func(z *zip.Writer) {
			row := []byte(`<row><c t="inlineStr"><is><t>丹口村</t></is></c><c t="inlineStr"><is><t>一组</t></is></c><c t="inlineStr"><is><t>杨明</t></is></c></row>`)
			part(b, z, "xl/worksheets/sheet1.xml", io.MultiReader(bytes.NewReader([]byte(sheetHead)),
				io.LimitReader(repeatBytes(row), 460<<20), bytes.NewReader([]byte(`</sheetData></worksheet>`))))
		},
	}
	var peak float64
	for i := 0; i < b.N; i++ {
		for name, fill := range bombs {
			b.StopTimer()
			path := filepath.Join(dir, name+".xlsx")
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			z := zip.NewWriter(f)
			packageParts(b, z)
			fill(z)
			z.Close()
			f.Close()
			b.StartTimer()
			// Each bomb is checked in a process of its own: its peak is the bomb's, not what the
			// benchmarks before it left mapped.
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), bombChildEnv+"="+path)
			out, err := cmd.Output()
			if err != nil {
				b.Fatalf("the %s bomb: %v %s", name, err, out)
			}
			// The child's own peak (VmHWM), which it prints: its rusage would report this process's
			// peak, which Linux carries over into a child through fork and exec.
			var mb float64
			if _, err := fmt.Sscanf(string(out), "peak_mb %f", &mb); err != nil {
				b.Fatalf("the %s bomb: no peak in %q", name, out)
			}
			peak = max(peak, mb)
			os.Remove(path)
		}
	}
	b.ReportMetric(peak, "roster_bomb_peak_mb@MB")
}

// bombChildEnv makes the test binary check the roster file it names, print its peak resident set
// ("peak_mb 23.1"; -1 where unknown) and exit: 0 when it is refused, 3 when it was read.
const bombChildEnv = "XIANGZHI_BOMB_CHECK"

func TestMain(m *testing.M) {
	if path := os.Getenv(bombChildEnv); path != "" {
		os.Exit(checkBomb(path))
	}
	os.Exit(m.Run())
}

func checkBomb(path string) int {
	dir, err := os.MkdirTemp("", "bomb")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, "x.db"), store.Options{Clock: storetest.NewClock(storetest.Start()).Now})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	if _, err := roster.Check(ctx, grid.NewService(db, nil), path); err == nil {
		fmt.Fprintln(os.Stderr, "read")
		return 3
	}
	fmt.Printf("peak_mb %.1f\n", peakRSSMB())
	return 0
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`

// packageParts writes the parts every workbook has, for one sheet called Sheet1.
func packageParts(b *testing.B, z *zip.Writer) {
	for name, body := range map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		part(b, z, name, bytes.NewReader([]byte(body)))
	}
}

func part(b *testing.B, z *zip.Writer, name string, r io.Reader) {
	w, err := z.Create(name)
	if err == nil {
		_, err = io.Copy(w, r)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// repeat is an endless stream of one byte; repeatBytes of one slice.
type repeat byte

func (c repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

type repeatBytes []byte

func (r repeatBytes) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], r)
	}
	return n, nil
}
