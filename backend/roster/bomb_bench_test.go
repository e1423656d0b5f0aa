package roster_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"

	"xiangzhi/backend/roster"
)

// BenchmarkBombs checks the bombs of issue 9 (a 1 MB sheet that inflates to a 1 GB cell, a 1 GB
// shared string, a sheet of 460 MB) and reports the largest peak memory any of them costs
// (roster_bomb_peak_mb, aim ≤ 300). Each must be refused.
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
			g := mustGridB(b)
			runtime.GC()
			debug.FreeOSMemory() // the peak is of this bomb, not of what an earlier benchmark left mapped
			rssKnown := resetPeakRSS()
			heap := watchHeap()
			b.StartTimer()
			if _, err := roster.Check(ctx, g, path); err == nil {
				b.Fatalf("the %s bomb was read", name)
			}
			h := heap()
			if rssKnown {
				h = max(h, peakRSSMB())
			}
			peak = max(peak, h)
			os.Remove(path)
		}
	}
	b.ReportMetric(peak, "roster_bomb_peak_mb@MB")
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
