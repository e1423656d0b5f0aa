package linebreak_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/docs/linebreak"
)

// A number and its unit stay on one line, wherever the line would end between them: the 公示
// printed 「自2026年11月30日至2026年12月4｜日」 and the 纪要 「群众代表15｜人」.
func TestNumbersKeepTheirUnits(t *testing.T) {
	for phrase, wholes := range map[string][]string{"2026年12月4日": {"2026年", "12月", "4日"}, "9时30分": {"9时", "30分"},
		"群众代表15人": {"15人"}, "已超期8个工作日": {"8个"}, "38.5万元": {"38.5万元"}, "丹民交〔2026〕100号": {"100号"},
		"2027年1月31日": {"2027年", "1月", "31日"}} {
		for off := 0; off < 28; off++ {
			text := hanText(off) + phrase + hanText(40)
			lines := breakText(t, text, linebreak.Options{Width: 28, FirstIndent: 2, Justify: true})
			for i := 0; i+1 < len(lines); i++ {
				end, next := drawn(lines[i]), drawn(lines[i+1])
				if a, b := lastRune(end), firstRune(next); linebreak.Allowed(a, b) == false && strings.Contains(phrase, string([]rune{a, b})) {
					t.Errorf("%s at %d: broken between %q and %q", phrase, off, end, next)
				}
				checkLine(t, lines[i], 28)
			}
			for _, whole := range wholes {
				if !strings.Contains(strings.Join(texts(lines), "\n"), whole) {
					t.Errorf("%s at %d: %s was parted: %q", phrase, off, whole, texts(lines))
				}
			}
		}
	}
	// A line may still end after a unit, and inside words that are not a number's.
	for _, pair := range [][2]rune{{'日', '前'}, {'人', '参'}, {'年', '度'}, {'代', '表'}, {'年', '1'}} {
		if !linebreak.Allowed(pair[0], pair[1]) {
			t.Errorf("%c|%c refused", pair[0], pair[1])
		}
	}
	for _, pair := range [][2]rune{{'4', '日'}, {'5', '人'}, {'万', '元'}, {'8', '个'}} {
		if linebreak.Allowed(pair[0], pair[1]) {
			t.Errorf("%c|%c allowed", pair[0], pair[1])
		}
	}
}

// A list of names (「出席：」) breaks between its items, never inside a name that fits on a line; an
// item of more than ten characters is text and breaks as any other; without KeepItems a name may be
// parted.
func TestListItemsKeptWhole(t *testing.T) {
	list := "出席：王明、欧阳建国、李华、张三丰、蓝建国、刘德华（村支书）、赵四、阿布都热合曼、陈六、吴志福（驻村第一书记）、" +
		"John Smith（驻村志愿者）、李Mike（镇农技站）、Maria Garcia-Lopez、韩玉强"
	parted := func(lines []linebreak.Line) []string {
		var out []string
		for i := 0; i+1 < len(lines); i++ {
			a, b := []rune(drawn(lines[i])), []rune(drawn(lines[i+1]))
			if len(a) > 0 && len(b) > 0 && a[len(a)-1] != '、' && a[len(a)-1] != '：' {
				out = append(out, string(a[len(a)-1])+"｜"+string(b[0]))
			}
		}
		return out
	}
	for width := 16.0; width <= 28; width++ { // room for the longest item, 吴志福（驻村第一书记）、, after the indent
		opt := linebreak.Options{Width: width, RestIndent: 3, Justify: true, MaxGap: 0.5, KeepItems: true}
		lines := breakText(t, list, opt)
		if p := parted(lines); len(p) > 0 {
			t.Errorf("width %.0f: names parted at %v: %q", width, p, texts(lines))
		}
		for _, l := range lines {
			checkLine(t, l, width)
		}
	}
	partedSomewhere := false
	for width := 16.0; width <= 28; width++ {
		partedSomewhere = partedSomewhere || len(parted(breakText(t, list, linebreak.Options{Width: width, RestIndent: 3}))) > 0
	}
	if !partedSomewhere {
		t.Errorf("no width parts a name without KeepItems: the test proves nothing")
	}
	long := "地点：丹口镇人民政府三楼第一会议室旁边的小会议室"
	if lines := breakText(t, long, linebreak.Options{Width: 12, KeepItems: true}); len(drawn(lines[0])) < len("地点：丹口镇人民政府三楼") {
		t.Errorf("a long item is not broken as text: %q", texts(lines))
	}
	narrow := breakText(t, list, linebreak.Options{Width: 7, RestIndent: 3, KeepItems: true})
	for i := 1; i < len(narrow); i++ {
		if strings.HasPrefix(drawn(narrow[i]), "、") || strings.HasPrefix(drawn(narrow[i]), "）") {
			t.Errorf("on a line too narrow for an item, a closing mark starts a line: %q", texts(narrow))
		}
	}
}
