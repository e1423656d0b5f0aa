package docs_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// The headings of a 会议记录's parts (议题, 记录内容, 补充说明) go to the next page with the part's
// first line, however long the list of those present makes the page before: 「议　题：」 stood alone
// at the foot of a page with the agenda on the next.
func TestRecordHeadingsKeptWithTheirText(t *testing.T) {
	names := strings.Repeat("蓝建国、杨丽、刘志强、", 40)
	dir := outDir(t, "record")
	for n := 20; n <= 120; n += 3 {
		present := strings.TrimSuffix(string([]rune(names)[:n*3]), "、")
		input, _ := json.Marshal(map[string]any{"title": "桃林村2026年11月民情分析会", "time": "2026年11月27日上午9:00",
			"place": "村委会议室", "host": "蓝建国", "recorder": "杨丽", "present": present,
			"agenda":  "一、通报11月民情收集与办理情况。\n二、研究3件未办结民情事项。",
			"content": strings.Repeat("蓝建国：通报本月民情办理情况，共收集民情12件。\n", 12), "addenda": "2026年11月28日补充：路灯已修复。",
			"date": "2026-11-27"})
		pdf, _, err := docs.Render(mustFonts(t), "record", input)
		if err != nil {
			t.Fatal(err)
		}
		pages := pageLines(t, write(t, dir, fmt.Sprintf("present-%d", n), pdf))
		for i, page := range pages[:len(pages)-1] {
			last := strings.NewReplacer(" ", "", "　", "").Replace(page[len(page)-1])
			if last == "议题：" || last == "记录内容：" || last == "补充说明：" {
				t.Errorf("%d present: page %d ends with the heading %s", n, i+1, last)
			}
		}
	}
}
