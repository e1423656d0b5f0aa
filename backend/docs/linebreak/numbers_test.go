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
