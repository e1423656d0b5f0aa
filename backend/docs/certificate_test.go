package docs_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// certName is the i-th of 500 distinct recipient names, all of the same
// length so that none is part of another.
func certName(i int) string {
	family := []rune("杨蓝刘陈王李张赵黄周吴徐孙胡朱高林何郭马")
	first := []rune("秀卫春建国海玉")
	second := []rune("英东花明华平军兰")
	return string(family[i%20]) + string(first[i/20%7]) + string(second[i/140]) + "家庭"
}

// TestCertificates500 prints 500 荣誉证书 in one call: 500 landscape pages,
// a valid file, each page naming its own recipient and number.
func TestCertificates500(t *testing.T) {
	const n = 500
	type item struct {
		Name string `json:"name"`
	}
	var recipients []item
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		name := certName(i)
		if seen[name] {
			t.Fatalf("name %s repeats", name)
		}
		seen[name] = true
		recipients = append(recipients, item{name})
	}
	input, err := json.Marshal(map[string]any{
		"activity": "丹口镇2026年度“文明家庭”评选", "honour": "文明家庭", "prefix": "丹文明〔2026〕",
		"recipients": recipients, "issuer": "中共丹口镇委员会　丹口镇人民政府", "date": "2026-12-20",
	})
	if err != nil {
		t.Fatal(err)
	}
	pdf, doc, err := docs.Render(mustFonts(t), "certificate", input)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := doc.(*docs.Certificate); !ok || len(c.Recipients) != n {
		t.Fatalf("decoded %T with %d recipients", doc, len(doc.(*docs.Certificate).Recipients))
	}
	dir := outDir(t, "certificate")
	path := write(t, dir, "certificates-500", pdf)
	run(t, "qpdf", "--check", path)
	info := run(t, "pdfinfo", path)
	if !strings.Contains(info, "Pages:           500\n") {
		t.Errorf("want 500 pages:\n%s", info)
	}
	if !strings.Contains(info, "841.89 x 595.28") {
		t.Errorf("want landscape A4:\n%s", info)
	}
	for _, line := range strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")[2:] {
		if f := strings.Fields(line); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
	for _, p := range []int{1, 2, 250, 499, 500} {
		text := squash(run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-"))
		want := []string{"荣誉证书", certName(p-1) + "：", "在丹口镇2026年度“文明家庭”评选中，被评为“文明家庭”。", "特发此证，以资鼓励。",
			"中共丹口镇委员会丹口镇人民政府", "2026年12月20日", fmt.Sprintf("证书编号：丹文明〔2026〕%03d号", p)}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("page %d does not say %q: %s", p, w, text)
			}
		}
		for _, other := range []int{p - 2, p} { // the neighbours' names
			if other >= 0 && other < n && strings.Contains(text, certName(other)) {
				t.Errorf("page %d names %s, recipient %d", p, certName(other), other+1)
			}
		}
	}
	run(t, "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", path, dir+"/certificates-500")
}

// An honour that has quotes of its own is quoted with single quotes inside the citation's double
// ones: 被评为“‘十星级文明户’示范户”, not ““十星级文明户”示范户”.
func TestCertificateNestsQuotes(t *testing.T) {
	input := `{"activity": "丹口镇2026年度评选", "honour": "“十星级文明户”示范户", "recipients": [{"name": "杨秀英家庭"}],
		"issuer": "丹口镇人民政府", "date": "2026-12-20"}`
	pdf, _, err := docs.Render(mustFonts(t), "certificate", []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	text := squash(run(t, "pdftotext", "-enc", "UTF-8", write(t, outDir(t, "certificate"), "nested-quotes", pdf), "-"))
	if !strings.Contains(text, "被评为“‘十星级文明户’示范户”") {
		t.Errorf("the citation reads %s", text)
	}
}
