package words

import (
	"math"
	"strings"
	"testing"
)

// The search over the text finds what a scan of every line finds: each word of the list with its
// frequency, words absent (before the first, between two, after the last), and whether a longer
// word starts with the one asked; with and without a newline after the last line.
func TestSearchAgreesWithScan(t *testing.T) {
	words := []string{"一", "一个", "一个人", "三", "丹口", "丹口镇", "人民", "人民政府", "通知"}
	for _, tail := range []string{"\n", ""} {
		var b strings.Builder
		b.WriteString("#total 100\n")
		for i, w := range words {
			b.WriteString(w + " " + string(rune('1'+i)))
			if i < len(words)-1 {
				b.WriteString("\n")
			}
		}
		b.WriteString(tail)
		l := &list{text: b.String(), first: len("#total 100\n"), total: 100, loaded: true}
		asks := append([]string{"〇", "丁", "丹", "人", "人民政", "通", "通知书", "龟"}, words...)
		for _, ask := range asks {
			lf, ok, more := l.logFreq(ask)
			wantOK, wantMore, wantLf := false, false, 0.0
			for i, w := range words {
				if w == ask {
					wantOK, wantLf = true, math.Log(float64(i+1)/100)
				} else if strings.HasPrefix(w, ask) {
					wantMore = true
				}
			}
			if ok != wantOK || more != wantMore || math.Abs(lf-wantLf) > 1e-12 {
				t.Errorf("tail %q, %q: got %v %v %v, want %v %v %v", tail, ask, lf, ok, more, wantLf, wantOK, wantMore)
			}
		}
	}
}
