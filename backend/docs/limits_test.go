package docs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
)

// No input can make a document without end, and every refusal is Chinese and names the field
// (issue 9 §3).
func TestInputLimits(t *testing.T) {
	set := mustFonts(t)
	with := func(kind string, change func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(example(t, kind), &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		b, _ := json.Marshal(m)
		return b
	}
	for _, c := range []struct {
		name, kind string
		input      []byte
		field      string
		want       string
	}{
		{"a 5 MB input", "notice", with("notice", func(m map[string]any) { m["body"] = strings.Repeat("文", 2<<20) }), "", "超过 4 MB"},
		{"a body past its limit", "record", with("record", func(m map[string]any) { m["content"] = strings.Repeat("文", 20001) }), "content", "最多 20000 个字"},
		{"a top-level array", "notice", []byte(`[{"title": "通知"}]`), "", "应是一个 JSON 对象"},
		{"a width of 1e-300", "ledger", with("ledger", func(m map[string]any) {
			cols := m["columns"].([]any)
			w := make([]any, len(cols))
			for i := range w {
				w[i] = 1.0
			}
			w[0] = 1e-300
			m["widths"] = w
		}), "widths", "0.1 到 100"},
		{"a bidi override", "notice", with("notice", func(m map[string]any) { m["title"] = "关于\u202e开展走访的通知" }), "title", "看不见的格式字符"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := docs.Render(set, c.kind, c.input)
			e, ok := err.(*errs.Error)
			if !ok || e.Code != errs.Invalid || e.Field != c.field || !strings.Contains(e.Message, c.want) {
				t.Fatalf("got %v (%+v)", err, e)
			}
		})
	}
}
