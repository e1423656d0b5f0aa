package linebreak_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"xiangzhi/backend/docs/linebreak"
)

const han = "乡村治理通知会议文件安排工作"

func hanText(n int) string {
	rs := []rune(strings.Repeat(han, n/len([]rune(han))+1))
	return string(rs[:n])
}

func TestBreak(t *testing.T) {
	grid := linebreak.Options{Width: 28, FirstIndent: 2}

	t.Run("28 Han characters per line", func(t *testing.T) {
		lines := breakText(t, hanText(100), grid)
		want := []int{26, 28, 28, 18}
		if len(lines) != len(want) {
			t.Fatalf("got %d lines %q, want %d", len(lines), texts(lines), len(want))
		}
		for i, l := range lines {
			if n := utf8.RuneCountInString(drawn(l)); n != want[i] {
				t.Errorf("line %d has %d characters, want %d", i, n, want[i])
			}
			checkLine(t, l, 28)
		}
		if lines[0].Pieces[0].X != 2 {
			t.Errorf("first line starts at %v, want 2", lines[0].Pieces[0].X)
		}
		if lines[1].Pieces[0].X != 0 {
			t.Errorf("second line starts at %v, want 0", lines[1].Pieces[0].X)
		}
	})

	t.Run("closing mark at every line start offset", func(t *testing.T) {
		for _, mark := range "。，、；：？！）》”" {
			for off := 0; off < 28; off++ {
				// mark falls exactly at the start of line 2
				text := hanText(28-off) + string(mark) + hanText(40)
				lines := breakText(t, text, linebreak.Options{Width: 28, FirstIndent: float64(off)})
				checkMarks(t, lines)
				if got := utf8.RuneCountInString(drawn(lines[0])); got != 27-off {
					t.Errorf("%c off %d: first line has %d characters, want %d (one pushed down)", mark, off, got, 27-off)
				}
				// marks everywhere: after every off+1 characters
				var sb strings.Builder
				for i := 0; i < 200; i++ {
					sb.WriteString(hanText(off%5 + 1))
					sb.WriteRune(mark)
				}
				for _, l := range breakText(t, sb.String(), linebreak.Options{Width: 28, FirstIndent: float64(off % 3)}) {
					checkMarks(t, []linebreak.Line{l})
					checkLine(t, l, 28)
				}
			}
		}
	})

	t.Run("opening mark at every line end offset", func(t *testing.T) {
		for _, mark := range "（《“" {
			for off := 0; off < 28; off++ {
				text := hanText(27-off) + string(mark) + hanText(40)
				lines := breakText(t, text, linebreak.Options{Width: 28, FirstIndent: float64(off)})
				checkMarks(t, lines)
				if lastRune(drawn(lines[0])) == mark || firstRune(drawn(lines[1])) != mark {
					t.Errorf("%c off %d: lines %q", mark, off, texts(lines)[:2])
				}
			}
		}
	})

	t.Run("two closing marks push two characters down", func(t *testing.T) {
		lines := breakText(t, hanText(27)+"。”"+hanText(10), linebreak.Options{Width: 28})
		want := string([]rune(hanText(27))[26]) + "。”"
		if got := texts(lines)[1]; !strings.HasPrefix(got, want) {
			t.Errorf("second line %q, want it to start with %s", got, want)
		}
	})

	t.Run("digit and Latin units kept whole", func(t *testing.T) {
		for _, unit := range []string{"0739-7321234", "43052919800512123X", "12.5%", "v2.9.2", "3.14", "li@example.cn"} {
			for pad := 0; pad < 28; pad++ {
				text := hanText(pad) + unit + "。" + hanText(30)
				lines := breakText(t, text, linebreak.Options{Width: 28})
				if !slices.ContainsFunc(texts(lines), func(s string) bool { return strings.Contains(s, unit) }) {
					t.Fatalf("%q split across lines %q", unit, texts(lines))
				}
				checkMarks(t, lines)
			}
		}
		for pad := 0; pad < 28; pad++ {
			text := hanText(pad) + "于2026年11月27日召开"
			for _, s := range texts(breakText(t, text, linebreak.Options{Width: 14})) {
				if strings.Contains(s, "202") && !strings.Contains(s, "2026") {
					t.Fatalf("2026 split: %q", s)
				}
			}
		}
	})

	t.Run("Latin words break at spaces and the space is dropped", func(t *testing.T) {
		lines := breakText(t, "使用Wails v2.9.2 and Go", linebreak.Options{Width: 6})
		want := []string{"使用Wails", "v2.9.2 and", "Go"}
		if !slices.Equal(texts(lines), want) {
			t.Fatalf("lines %q, want %q", texts(lines), want)
		}
		if lines[0].Dropped != " " || lines[1].Dropped != " " || lines[2].Dropped != "" {
			t.Errorf("Dropped %q %q %q", lines[0].Dropped, lines[1].Dropped, lines[2].Dropped)
		}
	})

	t.Run("over-long unit broken by characters without loss", func(t *testing.T) {
		url := "https://example.cn/" + strings.Repeat("abcdefghij", 10)
		lines := breakText(t, "见"+url+"。", linebreak.Options{Width: 10, FirstIndent: 2})
		for _, l := range lines {
			checkLine(t, l, 10)
		}
		if len(lines) < 6 {
			t.Errorf("only %d lines: %q", len(lines), texts(lines))
		}
	})

	t.Run("mixed fonts", func(t *testing.T) {
		runs := []linebreak.Run{{Text: "一、总体要求。", Font: "hei"}, {Text: hanText(40), Font: "fang"}}
		lines, err := linebreak.Break(runs, measure, linebreak.Options{Width: 28, FirstIndent: 2})
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, runs[0].Text+runs[1].Text, lines)
		p := lines[0].Pieces
		if len(p) != 2 || p[0].Font != "hei" || p[0].Text != "一、总体要求。" || p[1].Font != "fang" {
			t.Fatalf("pieces %+v", p)
		}
		if p[0].X != 2 || p[1].X != 9 {
			t.Errorf("X %v %v, want 2 9", p[0].X, p[1].X)
		}
		for _, q := range lines[1].Pieces {
			if q.Font != "fang" {
				t.Errorf("line 2 piece %q in font %q", q.Text, q.Font)
			}
		}
	})

	t.Run("newline ends a line without indent or justification", func(t *testing.T) {
		lines := breakText(t, "通知如下：\n"+hanText(30)+"\n\n完", linebreak.Options{Width: 28, FirstIndent: 2, Justify: true})
		want := []string{"通知如下：", hanText(28), hanText(30)[len(hanText(28)):], "", "完"}
		if !slices.Equal(texts(lines), want) {
			t.Fatalf("lines %q, want %q", texts(lines), want)
		}
		if lines[0].Justified || lines[0].Dropped != "\n" || lines[1].Pieces[0].X != 0 {
			t.Errorf("line 0 %+v, line 1 starts at %v", lines[0], lines[1].Pieces[0].X)
		}
		if !lines[1].Justified || lines[2].Justified || lines[4].Justified {
			t.Errorf("Justified: %v %v %v", lines[1].Justified, lines[2].Justified, lines[4].Justified)
		}
	})

	t.Run("justification", func(t *testing.T) {
		text := "为做好2026年度乡村治理工作，经研究，现将有关事项通知如下：（一）请各村（社区）于11月27日前报送材料，联系电话0739-7321234。Wails v2.9.2 and Go。" + hanText(60)
		for _, w := range []float64{28, 17.5, 9} {
			lines := breakText(t, text, linebreak.Options{Width: w, FirstIndent: 2, Justify: true})
			for i, l := range lines {
				checkLine(t, l, w)
				last := l.Pieces[len(l.Pieces)-1]
				end := last.X + last.Width
				if i == len(lines)-1 {
					if l.Justified {
						t.Errorf("width %v: last line justified", w)
					}
					continue
				}
				if !l.Justified || end < w-1e-9 || end > w+1e-9 {
					t.Errorf("width %v line %d %q: Justified %v, ends at %v", w, i, drawn(l), l.Justified, end)
				}
			}
			checkMarks(t, lines)
		}
	})

	t.Run("web addresses break after / . ? & =", func(t *testing.T) {
		// the address (45 half-width characters, 22.5 wide) does not fit after 从镇政府门户网站下载
		url := "https://www.dankou.gov.cn/zwgk/tzgg/index.html"
		lines := breakText(t, "请从镇政府门户网站下载"+url+"查看。", linebreak.Options{Width: 28, Justify: true})
		if len(lines) != 2 {
			t.Fatalf("lines %q", texts(lines))
		}
		first := texts(lines)[0]
		if !strings.HasPrefix(first, "请从镇政府门户网站下载https://www.dankou.gov.") {
			t.Errorf("the first line %q does not take the address as far as it fits", first)
		}
		if end := first[len(first)-1]; !strings.ContainsRune("/.?&=", rune(end)) {
			t.Errorf("the first line breaks the address after %q", end)
		}
		// justified, the gaps fall between the Han characters, none inside the address
		ps := lines[0].Pieces
		at := slices.IndexFunc(ps, func(p linebreak.Piece) bool { return strings.HasPrefix(p.Text, "https") })
		for i := at + 1; at >= 0 && i < len(ps); i++ {
			if d := ps[i].X - (ps[i-1].X + ps[i-1].Width); d > 1e-9 || d < -1e-9 {
				t.Errorf("space inside the address before %q: %v", ps[i].Text, d)
			}
		}
		if !lines[0].Justified || ps[1].X <= 1 {
			t.Errorf("the first line is not justified between its Han characters: %+v", ps)
		}
		// numbers and e-mail addresses stay whole
		lines = breakText(t, hanText(20)+"电话0739-7321234，邮箱dankou@example.cn。", linebreak.Options{Width: 28, Justify: true})
		if !strings.Contains(texts(lines)[1], "0739-7321234") || !strings.Contains(strings.Join(texts(lines), ""), "dankou@example.cn") {
			t.Errorf("lines %q", texts(lines))
		}
	})

	t.Run("stretching is limited", func(t *testing.T) {
		// a 20-character word that fits only on the next line leaves 8 Han characters on the first:
		// spread over 7 gaps it would put more than a character between each; MaxGap leaves it as it is
		text := hanText(8) + strings.Repeat("x", 45)
		lines := breakText(t, text, linebreak.Options{Width: 28, Justify: true, MaxGap: 0.5})
		if lines[0].Justified || lines[0].Width != 8 {
			t.Errorf("first line Justified %v, width %v, want 8 unstretched", lines[0].Justified, lines[0].Width)
		}
		lines = breakText(t, text, linebreak.Options{Width: 28, Justify: true})
		if !lines[0].Justified {
			t.Error("without MaxGap the line is stretched")
		}
	})

	t.Run("rune above U+FFFF", func(t *testing.T) {
		// the rare characters of names lie above U+FFFF; they break like any Han character
		runs := []linebreak.Run{{Text: "姓名", Font: "hei"}, {Text: "赵孟𬱟、𫓧𫄧", Font: "fang"}}
		lines, err := linebreak.Break(runs, measure, linebreak.Options{Width: 3})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range lines {
			got = append(got, drawn(l))
		}
		if want := []string{"姓名赵", "孟𬱟、", "𫓧𫄧"}; !slices.Equal(got, want) {
			t.Errorf("lines %q, want %q (one cell each)", got, want)
		}
		checkRoundTrip(t, "姓名赵孟𬱟、𫓧𫄧", lines)
	})

	t.Run("invalid input", func(t *testing.T) {
		for _, opt := range []linebreak.Options{{}, {Width: -1}, {Width: 10, FirstIndent: 10}} {
			if _, err := linebreak.Break(nil, measure, opt); err == nil {
				t.Errorf("%+v accepted", opt)
			}
		}
		var ce *linebreak.CharError
		if _, err := linebreak.Break([]linebreak.Run{{Text: "a\xffb"}}, measure, linebreak.Options{Width: 5}); !errors.As(err, &ce) || !ce.Invalid {
			t.Errorf("invalid UTF-8: %v", err)
		}
	})
}

// checkMarks fails when a line starts with a closing mark or ends with an opening one.
func checkMarks(t *testing.T, lines []linebreak.Line) {
	t.Helper()
	for i, l := range lines {
		s := drawn(l)
		if s == "" {
			continue
		}
		if strings.ContainsRune("。，、；：？！）》」』”’】〕〉…—·％‰,.;:?!)]}%", firstRune(s)) {
			t.Fatalf("line %d starts with a closing mark: %q", i, s)
		}
		if strings.ContainsRune("（《「『“‘【〔〈([{", lastRune(s)) {
			t.Fatalf("line %d ends with an opening mark: %q", i, s)
		}
	}
}
