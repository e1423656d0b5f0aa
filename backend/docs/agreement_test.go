package docs_test

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
)

// agreement is the kind's example, to change.
func agreement(t *testing.T) *docs.Agreement {
	t.Helper()
	var a docs.Agreement
	if err := json.Unmarshal(example(t, "agreement"), &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

// pageText is the text of page n of a PDF, squashed (no spaces or line breaks).
func pageText(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return squash(string(out))
}

// The 人民调解协议书 prints its parties, facts, numbered terms, performance, copies and the signature
// lines of every party, mediator and the recorder under the committee's seal and the date.
func TestAgreementRenders(t *testing.T) {
	set := mustFonts(t)
	pdf, err := docs.RenderDocument(set, agreement(t))
	if err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, pdf))
	for _, want := range []string{
		"人民调解协议书", "编号：丹口-2026-人民调解协议书-0001",
		"当事人：龙大海，男，苗族，1968年5月12日出生，住城步苗族自治县丹口镇桃林村三组，联系电话13907391234。",
		"当事人：杨秀英，女，汉族，61岁，", "纠纷主要事实、争议事项：", "龙大海与杨秀英系相邻住户。",
		"经调解，自愿达成如下协议：", "一、以双方1998年宅基地使用证", "二、杨秀英于2026年12月10日前自行拆除", "三、龙大海对杨秀英拆除围墙",
		"履行协议的方式、地点、期限：", "本协议一式三份，当事人、人民调解委员会各持一份。", "当事人（签名或按指印）：",
		"龙大海签名：", "杨秀英签名：", "人民调解员：蓝建国签名：", "人民调解员：杨丽签名：", "记录人：刘志强签名：",
		"桃林村人民调解委员会（印）2026年11月27日",
	} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the agreement does not say %q:\n%s", want, text)
		}
	}
}

// Long names and many long terms run onto more pages; the closing clause and every signature line
// stay together on the last page, which has them all.
func TestAgreementKeepsItsSignaturesTogether(t *testing.T) {
	set := mustFonts(t)
	a := agreement(t)
	a.Parties = append(a.Parties,
		docs.AgreementParty{Name: "城步苗族自治县绿源林业开发有限责任公司", Address: "城步苗族自治县儒林镇工业园区创业大道88号综合楼三楼", Phone: "0739-7321234"},
		docs.AgreementParty{Name: "欧阳春花", Gender: "女", Ethnicity: "侗", Birth: "1975/3/8"})
	a.Terms = nil
	for i := 0; i < 14; i++ {
		a.Terms = append(a.Terms, fmt.Sprintf("第%d项约定：双方同意按村民小组会议确认的界址重新划定山林边界，边界两侧五米内的林木由双方共同管护，收益按各半分配，任何一方不得擅自采伐", i+1))
	}
	// The facts grow a line at a time, so that the page break walks through the whole signature block.
	line := "双方为此事多次到村委会反映，村调解委员会先后三次组织双方座谈协商。"
	for extra := 0; extra < 24; extra++ {
		b := *a
		b.Terms = a.Terms[:8]
		b.Facts = a.Facts + strings.Repeat("\n"+line, extra)
		pdf, err := docs.RenderDocument(set, &b)
		if err != nil {
			t.Fatal(err)
		}
		n := docs.Pages(pdf)
		if n < 2 {
			t.Fatalf("%d pages", n)
		}
		last := pageText(t, pdf, n)
		for _, want := range []string{"本协议一式五份", "当事人（签名或按指印）", "城步苗族自治县绿源林业开发有限责任公司", "欧阳春花签名：",
			"记录人：刘志强签名：", "桃林村人民调解委员会（印）", "2026年11月27日"} {
			if !strings.Contains(last, want) {
				t.Errorf("%d more lines of facts: page %d of %d lacks %q:\n%s", extra, n, n, want, last)
			}
		}
		if prev := pageText(t, pdf, n-1); strings.Contains(prev, "签名：") || strings.Contains(prev, "本协议一式") {
			t.Errorf("%d more lines of facts: the closing and signature lines split over pages %d and %d", extra, n-1, n)
		}
		if extra == 0 {
			path := write(t, outDir(t, "agreement"), "long", pdf)
			run(t, "pdftoppm", "-r", "50", "-png", path, strings.TrimSuffix(path, ".pdf"))
		}
	}
	if text := squash(pdfText(t, mustRender(t, a))); !strings.Contains(text, "侗族，1975年3月8日出生") || !strings.Contains(text, "十四、第14项约定") {
		t.Errorf("ethnicity, birth date or numbering: %s", text)
	}
}

func mustRender(t *testing.T, doc docs.Document) []byte {
	t.Helper()
	pdf, err := docs.RenderDocument(mustFonts(t), doc)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// Every refusal names its field in Chinese.
func TestAgreementValidates(t *testing.T) {
	for _, c := range []struct {
		name, field, says string
		change            func(a *docs.Agreement)
	}{
		{"ErrOneParty", "parties", "至少要有两方", func(a *docs.Agreement) { a.Parties = a.Parties[:1] }},
		{"ErrPartyName", "parties.1.name", "「当事人」第2行「姓名或名称」不能为空", func(a *docs.Agreement) { a.Parties[1].Name = " " }},
		{"ErrEthnicity", "parties.0.ethnicity", "「当事人」第1行「民族」", func(a *docs.Agreement) { a.Parties[0].Ethnicity = "火星族" }},
		{"ErrBirth", "parties.1.birth", "应为出生日期", func(a *docs.Agreement) { a.Parties[1].Birth = "六十岁" }},
		{"ErrAge", "parties.1.birth", "应为出生日期", func(a *docs.Agreement) { a.Parties[1].Birth = "200岁" }},
		{"ErrGender", "parties.0.gender", "只能是：男、女", func(a *docs.Agreement) { a.Parties[0].Gender = "未知" }},
		{"ErrPhone", "parties.0.phone", "「当事人」第1行「联系电话」", func(a *docs.Agreement) { a.Parties[0].Phone = "12345" }},
		{"ErrNoTerms", "terms", "「协议内容」至少要有一项", func(a *docs.Agreement) { a.Terms = nil }},
		{"ErrEmptyTerm", "terms.1", "「协议内容」第2项是空的", func(a *docs.Agreement) { a.Terms[1] = "" }},
		{"ErrFacts", "facts", "「纠纷主要事实、争议事项」不能为空", func(a *docs.Agreement) { a.Facts = "" }},
		{"ErrPerformance", "performance", "「履行方式、时限」不能为空", func(a *docs.Agreement) { a.Performance = "" }},
		{"ErrCopies", "copies", "至少为 3", func(a *docs.Agreement) { a.Copies = 2 }},
		{"ErrCommittee", "committee", "「人民调解委员会」不能为空", func(a *docs.Agreement) { a.Committee = "" }},
		{"ErrMediators", "mediators", "最多写 5 人", func(a *docs.Agreement) { a.Mediators = "甲、乙、丙、丁、戊、己" }},
		{"ErrRecorder", "recorder", "「记录人」不能为空", func(a *docs.Agreement) { a.Recorder = "" }},
		{"ErrDate", "date", "「成文日期」不能为空", func(a *docs.Agreement) { a.Date = "" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := agreement(t)
			c.change(a)
			err := a.Validate()
			if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Field != c.field || !strings.Contains(e.Message, c.says) {
				t.Fatalf("want invalid on %s saying %q, got %v", c.field, c.says, err)
			}
		})
	}
	a := agreement(t)
	a.Parties[0].Ethnicity, a.Parties[0].Phone = "苗", "139 0739 1234"
	if err := a.Validate(); err != nil || a.Parties[0].Ethnicity != "苗族" || a.Parties[0].Phone != "13907391234" {
		t.Errorf("a short ethnicity and a spaced phone: %v %+v", err, a.Parties[0])
	}
}

// Issued, the agreement's 编号 is its 存档号: the archive numbers it before drawing it, and the paper,
// the record and its input all carry the same number.
func TestAgreementIsNumberedByTheArchive(t *testing.T) {
	a := MustArchive(t)
	in := agreement(t)
	in.Number = ""
	b, _ := json.Marshal(in)
	first, pdf, err := a.Issue(ctx, "agreement", b, "")
	if err != nil {
		t.Fatal(err)
	}
	if first.Number != "丹口-2026-人民调解协议书-0001" || first.DocNumber != first.Number || !strings.Contains(first.Input, first.Number) {
		t.Fatalf("issued %+v", first)
	}
	if text := squash(pdfText(t, pdf)); !strings.Contains(text, "编号：丹口-2026-人民调解协议书-0001") {
		t.Errorf("the paper's number: %s", text)
	}
	// A number typed in the input is replaced by the next one.
	in.Number = "丹口-2026-人民调解协议书-0001"
	b, _ = json.Marshal(in)
	second, pdf, err := a.Issue(ctx, "agreement", b, "")
	if err != nil || second.Number != "丹口-2026-人民调解协议书-0002" || !strings.Contains(squash(pdfText(t, pdf)), "编号：丹口-2026-人民调解协议书-0002") {
		t.Errorf("second: %s %v", second.Number, err)
	}
	// A draft has no number yet: the line is left blank.
	draft, _, err := a.Draft(ctx, "agreement", []byte(strings.Replace(string(b), in.Number, "", 1)), "")
	if err != nil || strings.Contains(squash(pdfText(t, draft)), "0003") {
		t.Errorf("draft: %v", err)
	}
}
