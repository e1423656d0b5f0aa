package linebreak_test

import (
	"errors"
	"testing"
	"unicode/utf8"

	"xiangzhi/backend/docs/linebreak"
)

func FuzzBreak(f *testing.F) {
	f.Add("一、总体要求。", "为做好2026年度工作（试行），联系电话0739-7321234。", uint8(56), uint8(2), true)
	f.Add("Wails v2.9.2 and Go  ", "12.5%\n\n“引号”……——", uint8(5), uint8(1), false)
	f.Add("（（（（（（", "。。。。。。。。", uint8(3), uint8(2), true)
	f.Add("https://example.cn/abcdefghijklmnopqrstuvwxyz", " x", uint8(4), uint8(0), true)
	f.Fuzz(func(t *testing.T, a, b string, width, indent uint8, justify bool) {
		opt := linebreak.Options{Width: 1 + float64(width%80)/2, FirstIndent: float64(indent % 3), Justify: justify}
		if opt.FirstIndent > opt.Width-1 {
			opt.FirstIndent = 0
		}
		if opt.RestIndent = float64(indent / 3 % 3); opt.RestIndent > opt.Width-1 {
			opt.RestIndent = 0
		}
		runs := []linebreak.Run{{Text: a, Font: "hei"}, {Text: b, Font: "fang"}}
		lines, err := linebreak.Break(runs, measure, opt)
		if err != nil {
			var ce *linebreak.CharError
			if !errors.As(err, &ce) || !ce.Invalid {
				t.Fatalf("unexpected error %v", err)
			}
			if utf8.ValidString(a) && utf8.ValidString(b) {
				t.Fatalf("error %v for valid text", err)
			}
			return
		}
		checkRoundTrip(t, a+b, lines)
		for i, l := range lines {
			// every character is at most 1 wide and Width >= indent+1, so
			// an over-long unit is always cut and no line may overflow
			checkLine(t, l, opt.Width)
			if l.Justified && (l.Width < opt.Width-1e-9 || l.Width > opt.Width+1e-9) {
				t.Fatalf("line %d justified to %v, want %v", i, l.Width, opt.Width)
			}
			for _, p := range l.Pieces {
				if p.Text == "" {
					t.Fatalf("line %d has an empty piece", i)
				}
			}
		}
	})
}
