package docs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/idcard"
)

// The measured document is a two-page 通知 (kind "notice") with a table: the
// 文号 right-aligned, a 22 pt title (two balanced lines), the addressees,
// four body paragraphs with "一、" headings in 黑体, a ruled 12 pt table of
// the villages' quotas and contacts that starts on page 1 and continues on
// page 2 under a repeated header row, an attachment line, the issuer and
// date, and page numbers. It is exactly two pages: the benchmarks fail
// otherwise. The Chromium comparison prints the same text and table from HTML.

// benchNames are 25 surnames and 20 given names, all in GB2312, so that
// benchNames[0][i%25] + benchNames[1][i/25%20] gives 500 distinct names.
var benchNames = [2][]string{
	{"杨", "蓝", "刘", "张", "李", "王", "陈", "赵", "周", "吴", "郑", "孙", "黄", "何", "罗", "唐", "曾", "邓", "彭", "谢", "胡", "龙", "石", "田", "向"},
	{"秀英", "卫东", "春花", "建国", "桂兰", "小平", "志强", "玉梅", "永红", "德明", "丽华", "海涛", "淑珍", "光辉", "美玲", "家富", "秋菊", "红军", "雪梅", "国庆"},
}

func benchName(i int) string {
	return benchNames[0][i%len(benchNames[0])] + benchNames[1][i/len(benchNames[0])%len(benchNames[1])]
}

// benchRows is the number of villages in the table: it makes exactly two pages, the 版记 at the foot
// of the second.
const benchRows = 8

// benchNotice is the measured two-page notice.
func benchNotice() *docs.Notice {
	villages := []string{"丹口村", "桃林村", "下团村", "花园村", "杉木村", "白竹村", "长安村", "大竹村", "金紫村", "高坪村", "龙家村", "岩寨村", "新铺社区", "清水村"}
	rows := make([][]string, benchRows)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i + 1), villages[i%len(villages)], benchName(i*7) + "（村妇联主席）",
			fmt.Sprintf("138%08d", 7390000+i*1379), strconv.Itoa(2+i%3) + "户", "12月" + strconv.Itoa(8+i%4) + "日前"}
	}
	return &docs.Notice{Number: "丹政发〔2026〕13号", To: "各村（社区）、镇直各单位",
		Title: "关于做好2026年度“文明家庭”推荐评选工作的通知",
		Body: "为深入推进新时代文明实践，弘扬孝老爱亲、勤俭持家、邻里互助的良好家风，经镇党委、政府研究，决定在全镇开展2026年度“文明家庭”推荐评选工作。现将有关事项通知如下。\n" +
			"一、推荐范围。全镇各村（社区）常住家庭均可参评，重点推荐在孝老爱亲、移风易俗、邻里互助、环境整治和产业带动中表现突出的家庭。近三年内有违法犯罪记录或参与非法宗教活动的家庭不得推荐。\n" +
			"二、推荐程序。由村民小组提名，村“两委”会议审核，并在村务公开栏公示5个工作日；公示无异议的，填写推荐表报镇评选领导小组办公室（镇党政办）。各村推荐名额、联系人和报送时间见下表。\n" +
			"三、工作要求。各村（社区）要高度重视，坚持公开、公平、公正，严禁优亲厚友。推荐材料请于规定时间前报送，逾期视为放弃。联系人：李华，联系电话：0739-7321234。",
		Columns: []string{"序号", "村（社区）", "联系人", "联系电话", "推荐名额", "报送时间"}, Rows: rows,
		Attachments: []string{"2026年度“文明家庭”推荐表"}, Issuer: "丹口镇人民政府", Date: "2026-11-27",
		Colophon: docs.Colophon{CopyTo: "县文明办，县妇联", Printer: "丹口镇党政办公室"}}
}

// benchID is a valid ID number of 城步 county born on birth (YYYYMMDD).
func benchID(birth string, serial int) string {
	first17 := fmt.Sprintf("430529%s%03d", birth, serial)
	return first17 + string(idcard.CheckDigit(first17))
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func msOf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

const (
	noticeWarmup = 3
	noticeRuns   = 31
)

// noticeResult is the last measurement of the notice: its median render
// time and the PDF, so the Chromium comparison divides by the same figure
// the notice benchmark reports.
var noticeResult struct {
	median time.Duration
	pdf    []byte
}

// measureNotice renders the notice noticeWarmup times, then noticeRuns
// times timing each render, with fonts loaded once beforehand as the app
// does. Every render must give the same bytes and exactly two pages.
func measureNotice(b *testing.B, set *fonts.Set) (time.Duration, []byte) {
	b.Helper()
	input := mustJSON(b, benchNotice())
	var first []byte
	render := func() time.Duration {
		start := time.Now()
		pdf, _, err := docs.Render(set, "notice", input)
		took := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if first == nil {
			first = pdf
		} else if !bytes.Equal(pdf, first) {
			b.Fatal("two renderings of the same notice differ")
		}
		return took
	}
	for i := 0; i < noticeWarmup; i++ {
		render()
	}
	times := make([]time.Duration, noticeRuns)
	for i := range times {
		times[i] = render()
	}
	if n := docs.Pages(first); n != 2 {
		b.Fatalf("the benchmark notice has %d pages, want exactly 2", n)
	}
	noticeResult.median, noticeResult.pdf = median(times), first
	return noticeResult.median, first
}

// BenchmarkPDFNotice: the two-page 通知 with a table, median of 31 renders
// after 3 warm-up renders, and its size.
func BenchmarkPDFNotice(b *testing.B) {
	set := mustFonts(b)
	b.ResetTimer()
	var med time.Duration
	var pdf []byte
	for i := 0; i < b.N; i++ {
		med, pdf = measureNotice(b, set)
	}
	b.StopTimer()
	b.Logf("notice: %d pages, %d bytes, median %.2f ms over %d renders; written to %s", docs.Pages(pdf), len(pdf), msOf(med), noticeRuns,
		write(b, outDir(b, "bench"), "notice", pdf))
	b.ReportMetric(msOf(med), "pdf_notice_ms@ms")
	b.ReportMetric(float64(len(pdf))/1024, "pdf_notice_kb@KB")
}

const chromiumPath = "/usr/bin/chromium"

// BenchmarkPDFNoticeVsChromium: the same notice written as an HTML page and printed to PDF by
// headless Chromium, two ways, each beside ours in the same run:
//   - warm: an already-running Chromium with the page loaded prints it with page.pdf() through
//     playwright-core (e2e/pdfprint.mjs, median of 10), against our warm render in this process;
//   - cold: whole processes, `chromium --headless --print-to-pdf` with a fresh profile against
//     `xiangzhi-cli doc render` (median of 5 each).
func BenchmarkPDFNoticeVsChromium(b *testing.B) {
	if _, err := os.Stat(chromiumPath); err != nil {
		b.Skipf("%s not found (make bench installs the chromium package): %v", chromiumPath, err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not found (make bench installs poppler-utils)")
	}
	ours := noticeResult.median
	if ours == 0 {
		ours, _ = measureNotice(b, mustFonts(b))
	}
	dir := b.TempDir()
	page := filepath.Join(dir, "notice.html")
	if err := os.WriteFile(page, []byte(noticeHTML(b, benchNotice())), 0o644); err != nil {
		b.Fatal(err)
	}
	input := filepath.Join(dir, "notice.json")
	if err := os.WriteFile(input, mustJSON(b, benchNotice()), 0o644); err != nil {
		b.Fatal(err)
	}
	cli := cliBinary(b, dir)
	b.ResetTimer()
	var warm chromiumWarm
	var cold, oursCold time.Duration
	for i := 0; i < b.N; i++ {
		warm = printChromiumWarm(b, page, filepath.Join(dir, "chromium-warm.pdf"))
		checkChromiumPDF(b, filepath.Join(dir, "chromium-warm.pdf"), benchNotice().Title)
		var times, ourTimes []time.Duration
		for k := 0; k < 5; k++ {
			out := filepath.Join(dir, fmt.Sprintf("chromium-%d-%d.pdf", i, k))
			profile := filepath.Join(dir, fmt.Sprintf("profile-%d-%d", i, k))
			times = append(times, printChromium(b, page, out, profile))
			checkChromiumPDF(b, out, benchNotice().Title)
			ourTimes = append(ourTimes, renderCLI(b, cli, input, filepath.Join(dir, fmt.Sprintf("ours-%d-%d.pdf", i, k))))
		}
		cold, oursCold = median(times), median(ourTimes)
	}
	b.StopTimer()
	b.Logf("chromium warm: print %.0f ms, reload and print %.0f ms; ours warm %.2f ms; chromium cold %.0f ms, ours cold %.0f ms",
		warm.PrintMs, warm.ReloadPrintMs, msOf(ours), msOf(cold), msOf(oursCold))
	if out, err := os.ReadFile(filepath.Join(dir, "chromium-0-0.pdf")); err == nil {
		write(b, outDir(b, "bench"), "notice-chromium", out)
	}
	b.ReportMetric(warm.PrintMs, "pdf_chromium_warm_print_ms@ms")
	b.ReportMetric(warm.PrintMs/msOf(ours), "pdf_notice_vs_chromium_warm_ratio@x")
	b.ReportMetric(msOf(cold), "pdf_chromium_cold_ms@ms")
	b.ReportMetric(msOf(oursCold), "pdf_notice_cold_process_ms@ms")
	b.ReportMetric(msOf(cold)/msOf(oursCold), "pdf_notice_vs_chromium_cold_ratio@x")
}

// chromiumWarm is what e2e/pdfprint.mjs measured.
type chromiumWarm struct{ PrintMs, ReloadPrintMs float64 }

// printChromiumWarm has a running Chromium print page (see e2e/pdfprint.mjs).
func printChromiumWarm(b *testing.B, page, out string) chromiumWarm {
	b.Helper()
	frontend := filepath.Join(moduleRoot(b), "frontend")
	cmd := exec.Command("node", "e2e/pdfprint.mjs", "--page", page, "--out", out, "--runs", "10")
	cmd.Dir = frontend
	res, err := cmd.Output()
	if err != nil {
		b.Fatalf("node e2e/pdfprint.mjs (make npm installs playwright-core): %v %s", err, res)
	}
	var w chromiumWarm
	if err := json.Unmarshal(res, &w); err != nil || w.PrintMs <= 0 {
		b.Fatalf("e2e/pdfprint.mjs printed %q: %v", res, err)
	}
	return w
}

// cliBinary builds xiangzhi-cli into dir.
func cliBinary(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "xiangzhi-cli")
	cmd := exec.Command("go", "build", "-o", bin, "./backend/cmd/xiangzhi-cli")
	cmd.Dir = moduleRoot(b)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build xiangzhi-cli: %v\n%s", err, out)
	}
	return bin
}

// renderCLI times one whole `xiangzhi-cli doc render` process with the embedded fonts only.
func renderCLI(b *testing.B, cli, input, out string) time.Duration {
	b.Helper()
	cmd := exec.Command(cli, "doc", "render", "--kind", "notice", "--in", input, "-o", out)
	cmd.Env = append(os.Environ(), "XIANGZHI_FONT_DIRS=none")
	start := time.Now()
	res, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		b.Fatalf("xiangzhi-cli doc render: %v\n%s", err, res)
	}
	return took
}

// moduleRoot is the folder of go.mod.
func moduleRoot(b *testing.B) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// printChromium runs one cold headless Chromium printing page to out.
func printChromium(b *testing.B, page, out, profile string) time.Duration {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromiumPath, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+page)
	var outb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &outb
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		b.Fatalf("chromium: %v\n%s", err, outb.String())
	}
	return took
}

// checkChromiumPDF checks Chromium's output exists, is not empty and has the title in its text.
func checkChromiumPDF(b *testing.B, path, title string) {
	b.Helper()
	st, err := os.Stat(path)
	if err != nil || st.Size() == 0 {
		b.Fatalf("chromium wrote no PDF at %s: %v", path, err)
	}
	text := run(b, "pdftotext", "-enc", "UTF-8", path, "-")
	if !strings.Contains(squash(text), squash(title)) {
		b.Fatalf("chromium's PDF lacks the title %q; its text: %.300q", title, text)
	}
}

// embeddedFontDir is a folder holding the embedded fallback faces as title.ttf, fang.ttf, hei.ttf and
// kai.ttf (expanded from the program's compressed copies), for Chromium to load.
func embeddedFontDir(tb testing.TB) string {
	set, err := fonts.Load(nil)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	for _, role := range fonts.Roles {
		data := set.Faces(role)[0].Bytes()
		if len(data) == 0 {
			tb.Fatalf("embedded font %s missing (run make fonts)", role)
		}
		if err := os.WriteFile(filepath.Join(dir, string(role)+".ttf"), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// noticeHTML writes n as the page a user would print with Chromium: the
// same text and table, A4 with the GB/T 9704 margins, the embedded fonts.
func noticeHTML(tb testing.TB, n *docs.Notice) string {
	fontDir := embeddedFontDir(tb)
	esc := html.EscapeString
	var h strings.Builder
	h.WriteString(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>` + esc(n.Title) + `</title>
<style>
`)
	for _, f := range []string{"title", "fang", "hei", "kai"} {
		fmt.Fprintf(&h, "@font-face { font-family: \"emb-%s\"; src: url(\"file://%s\") format(\"truetype\"); }\n", f, filepath.Join(fontDir, f+".ttf"))
	}
	h.WriteString(`@page { size: A4; margin: 37mm 26.5mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "emb-fang"; font-size: 14pt; } }
html, body { margin: 0; padding: 0; }
body { font-family: "emb-fang"; font-size: 16pt; line-height: 28.9pt; color: #000; }
.number-right { text-align: right; margin-bottom: 28.9pt; }
h1 { font-family: "emb-title"; font-weight: normal; font-size: 22pt; text-align: center; margin: 0 0 28.9pt; line-height: 28.9pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.to { text-indent: 0; }
b { font-family: "emb-hei"; font-weight: normal; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.25mm solid #000; padding: 1.6mm; }
th { font-family: "emb-hei"; font-weight: normal; text-align: center; }
.attach { margin-top: 28.9pt; }
.sign { margin-top: 57.8pt; text-align: right; padding-right: 4em; }
.record { margin-top: 28.9pt; font-size: 14pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; }
.record p { text-indent: 0; padding: 0 1em; border-bottom: 0.25mm solid #000; }
.record p:last-child { border-bottom: none; } .record span { float: right; }
</style></head><body>
`)
	fmt.Fprintf(&h, "<div class=\"number-right\">%s</div>\n<h1>%s</h1>\n<p class=\"to\">%s：</p>\n", esc(n.Number), esc(n.Title), esc(n.To))
	for _, p := range strings.Split(n.Body, "\n") {
		if head, rest, ok := strings.Cut(p, "。"); ok && strings.Contains(head, "、") && len([]rune(head)) < 12 {
			fmt.Fprintf(&h, "<p><b>%s。</b>%s</p>\n", esc(head), esc(rest))
		} else {
			fmt.Fprintf(&h, "<p>%s</p>\n", esc(p))
		}
	}
	h.WriteString("<table><thead><tr>")
	for _, c := range n.Columns {
		fmt.Fprintf(&h, "<th>%s</th>", esc(c))
	}
	h.WriteString("</tr></thead><tbody>\n")
	for _, r := range n.Rows {
		h.WriteString("<tr>")
		for _, c := range r {
			fmt.Fprintf(&h, "<td>%s</td>", esc(c))
		}
		h.WriteString("</tr>\n")
	}
	fmt.Fprintf(&h, "</tbody></table>\n<p class=\"attach\">附件：%s</p>\n<div class=\"sign\">%s<br>%s</div>\n", esc(n.Attachments[0]), esc(n.Issuer), esc(n.Date.CN()))
	fmt.Fprintf(&h, "<div class=\"record\"><p>抄送：%s。</p><p>%s<span>%s印发</span></p></div>\n</body></html>\n", esc(n.CopyTo), esc(n.Printer), esc(n.Date.CN()))
	return h.String()
}

// BenchmarkPDFCertificates500: 500 荣誉证书 (500 landscape pages) in one Render call.
func BenchmarkPDFCertificates500(b *testing.B) {
	set := mustFonts(b)
	const n = 500
	c := &docs.Certificate{Activity: "丹口镇2026年度“文明家庭”评选", Honour: "文明家庭", Prefix: "丹文明〔2026〕",
		Issuer: "中共丹口镇委员会　丹口镇人民政府", Date: "2026-12-20"}
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		name := benchName(i) + "家庭"
		if seen[name] {
			b.Fatalf("recipient name %s repeats", name)
		}
		seen[name] = true
		c.Recipients = append(c.Recipients, docs.CertificateItem{Name: name})
	}
	input := mustJSON(b, c)
	b.ResetTimer()
	var total time.Duration
	var size int
	for i := 0; i < b.N; i++ {
		start := time.Now()
		pdf, _, err := docs.Render(set, "certificate", input)
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if p := docs.Pages(pdf); p != n {
			b.Fatalf("%d certificates gave %d pages, want %d", n, p, n)
		}
		size = len(pdf)
	}
	b.StopTimer()
	b.Logf("certificates: %d pages, %s bytes", n, strconv.Itoa(size))
	b.ReportMetric(total.Seconds()/float64(b.N), "pdf_certificates_500_s@s")
}
