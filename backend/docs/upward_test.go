package docs_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
)

// A 请示 asks one office about one matter, says so in its title, and names a contact in the 附注;
// a 报告 is not a 请示. Each fault is refused naming the field.
func TestUpwardRules(t *testing.T) {
	base := func(kind string) map[string]any {
		return map[string]any{"org": "丹口镇人民政府文件", "number": "丹政呈〔2026〕3号", "signers": []string{"王明"}, "title": "关于申请道路资金的" + kind,
			"to": "县交通运输局", "body": "特此" + kind + "。", "issuer": "丹口镇人民政府", "date": "2026-11-27", "contact": "刘志强", "phone": "0739-7321234"}
	}
	for _, c := range []struct {
		kind, key  string
		value      any
		field, msg string
	}{
		{"request", "title", "关于申请道路资金的报告", "title", "应以“请示”结尾"},
		{"request", "title", "关于申请道路资金的请示报告", "title", "不能写“请示报告”"},
		{"request", "to", "县交通运输局、县财政局", "to", "只能主送一个上级机关"},
		{"request", "phone", "", "phone", "联系人和电话"},
		{"request", "signers", []string{}, "signers", "签发人"},
		{"request", "signers", []string{"王明", "王明李华张三赵四刘五陈六周七"}, "signers.1", "第2项太长"},
		{"report", "title", "关于道路建设情况的请示", "title", "应以“报告”结尾"},
	} {
		kind := map[string]string{"request": "请示", "report": "报告"}[c.kind]
		in := base(kind)
		in[c.key] = c.value
		input, _ := json.Marshal(in)
		_, _, err := docs.Render(mustFonts(t), c.kind, input)
		if e := errs.As(err); e == nil || e.Field != c.field || !strings.Contains(e.Message, c.msg) {
			t.Errorf("%s with %s=%v: %v, want a message on %s saying %s", c.kind, c.key, c.value, err, c.field, c.msg)
		}
	}
	for _, kind := range []string{"request", "report"} {
		input, _ := json.Marshal(base(map[string]string{"request": "请示", "report": "报告"}[kind]))
		if _, _, err := docs.Render(mustFonts(t), kind, input); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
}

// The 主送 line never ends a page: with a header made tall by four 签发人 and a long title, it stood
// alone at the foot of page 1 with the text on page 2.
func TestAddresseeNotAloneAtTheFoot(t *testing.T) {
	dir := outDir(t, "upward")
	ended := 0
	for signers := 1; signers <= 4; signers++ {
		for title := 10; title <= 70; title += 4 {
			in := map[string]any{"org": "丹口镇人民政府文件", "number": "丹政报〔2026〕8号",
				"signers": []string{"欧阳建国", "蓝卫东", "王明", "李晓华"}[:signers],
				"title":   "关于" + strings.Repeat("巩固拓展脱贫攻坚成果同乡村振兴有效衔接", 4)[:3*title] + "的报告",
				"to":      "城步苗族自治县人民政府", "body": strings.Repeat("2026年前三季度，我镇共收集民情146件，已办结131件。\n", 6),
				"issuer": "丹口镇人民政府", "date": "2026-11-26"}
			input, _ := json.Marshal(in)
			pdf, _, err := docs.Render(mustFonts(t), "report", input)
			if err != nil {
				t.Fatal(err)
			}
			pages := pageLines(t, write(t, dir, fmt.Sprintf("to-%d-%d", signers, title), pdf))
			if last := pages[0][len(pages[0])-1]; last == "城步苗族自治县人民政府：" {
				t.Errorf("%d signers, a title of %d characters: page 1 ends with the 主送", signers, title)
			} else if strings.HasPrefix(pages[1][0], "城步苗族自治县人民政府") {
				ended++
			}
		}
	}
	if ended == 0 {
		t.Errorf("no header and title pushed the 主送 to page 2: the test proves nothing")
	}
}
