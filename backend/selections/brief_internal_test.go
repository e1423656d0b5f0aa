package selections

import (
	"strings"
	"testing"
)

// A list in a 公示 or 决定 shows whole sentences of a person's deeds, never one cut off with “…”
// (the demo's 决定 printed 「带头发展油茶…」), and at most the 公示's cell.
func TestBriefKeepsWholeSentences(t *testing.T) {
	long := strings.Repeat("带头发展油茶产业", 10) // 80 characters, no stop
	for _, c := range []struct {
		deeds string
		n     int
		want  string
	}{
		{"照顾瘫痪婆婆十二年，邻里和睦。", 40, "照顾瘫痪婆婆十二年，邻里和睦"},
		{"照顾瘫痪婆婆十二年。邻里和睦，热心公益。多次捐资修路。", 20, "照顾瘫痪婆婆十二年。邻里和睦，热心公益"},
		{"带头发展油茶产业，带动全村三十户增收，年人均增收五千余元。热心公益，捐资修建村道。", 20,
			"带头发展油茶产业，带动全村三十户增收，年人均增收五千余元"},
		{"捐资修路\n照顾孤寡老人", 40, "捐资修路；照顾孤寡老人"},
		{long, 40, long},
	} {
		if got := brief(c.deeds, c.n); got != c.want {
			t.Errorf("brief(%q, %d) = %q, want %q", c.deeds, c.n, got, c.want)
		}
	}
	huge := strings.Repeat("带头发展油茶产业，", 50) // 450 characters in one sentence
	got := []rune(brief(huge, 60))
	if len(got) > briefMax || !strings.HasSuffix(string(got), "产业…") {
		t.Errorf("a sentence of 450 characters: %d characters, ending %q", len(got), string(got[len(got)-5:]))
	}
}
