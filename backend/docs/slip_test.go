package docs_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// A 交办单 or 回执 that runs onto more pages keeps what follows the form (the 签收 line and its note,
// the seal and date) on a page with the form's last row, and starts every page after the first with
// what it is: 「民情交办单（续）」 and its number.
func TestSlipPagesSayWhatTheyAre(t *testing.T) {
	dir := outDir(t, "slip")
	for _, kind := range []string{"slip", "receipt"} {
		last, after, cont := "交办人", "承办单位签收人", "民情交办单（续）编号：丹民交〔2026〕153号"
		if kind == "receipt" {
			last, after, cont = "承办人", "丹口镇水务站（盖章）", "民情办理回执（续）交办单编号：丹民交〔2026〕153号"
		}
		many := 0
		for n := 4; n <= 28; n += 2 { // (at 30 the first row alone is taller than the page under the title: a row is never split)
			long := strings.Repeat("三组饮水主管道破裂，村民停水，群众反映强烈。", n)
			in := map[string]any{"org": "丹口镇民情办", "number": "丹民交〔2026〕153号", "matter": long, "handler": "丹口镇水务站"}
			if kind == "slip" {
				in["requirements"], in["assigned"], in["deadline"], in["assignedBy"] = long, "2026-11-23", "2026-11-30", "王丽"
			} else {
				in["result"], in["finished"], in["person"], in["date"] = long, "2026-11-25", "陈刚", "2026-11-26"
			}
			input, _ := json.Marshal(in)
			pdf, _, err := docs.Render(mustFonts(t), kind, input)
			if err != nil {
				t.Fatalf("%s, %d sentences: %v", kind, n, err)
			}
			pages := pageLines(t, write(t, dir, fmt.Sprintf("%s-%d", kind, n), pdf))
			if len(pages) > 1 {
				many++
			}
			for i, page := range pages {
				text := squash(strings.Join(page, ""))
				if strings.Contains(text, after) && !strings.Contains(text, last) {
					t.Errorf("%s, %d sentences: page %d has %s without the form's last row", kind, n, i+1, after)
				}
				if got := strings.HasPrefix(squash(page[0]+page[min(1, len(page)-1)]), strings.SplitN(cont, "编号", 2)[0]); got != (i > 0) || i > 0 && !strings.Contains(text, cont) {
					t.Errorf("%s, %d sentences: page %d starts %q", kind, n, i+1, page[0])
				}
			}
		}
		if many < 5 {
			t.Errorf("%s: only %d of the lengths ran onto a second page: the test proves little", kind, many)
		}
	}
}
