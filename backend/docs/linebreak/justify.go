package linebreak

// layout places the units of one line, starting at x0. When justify is
// set and the line has at least one gap between units (none before a tight
// one), the space left to width is spread equally over those gaps and the
// last unit ends at width — unless a gap would grow wider than maxGap (when
// maxGap > 0): such a line is left as it is rather than spread out
// (「从 镇 政 府 门 户 网 站」).
func layout(us []unit, x0 float64, justify bool, width, maxGap float64) Line {
	if len(us) == 0 {
		return Line{}
	}
	last := len(us) - 1
	natural := x0
	for i := range us {
		natural += us[i].w
		if i < last {
			natural += us[i].sw
		}
	}
	gaps := 0
	for i := 1; i <= last; i++ {
		if !us[i].tight {
			gaps++
		}
	}
	var line Line
	gap := 0.0
	if justify && gaps > 0 && width-natural >= -slack {
		gap = (width - natural) / float64(gaps)
		line.Justified = maxGap <= 0 || gap <= maxGap
	}
	if !line.Justified {
		gap = 0
	}
	var cur []char // characters of the piece being built
	flush := func() {
		if len(cur) > 0 {
			line.Pieces[len(line.Pieces)-1].Text = joinText(cur)
			cur = cur[:0]
		}
	}
	x := x0
	for i := range us {
		u := &us[i]
		cs := u.chars
		if i == last {
			cs = cs[:u.core]
			line.Dropped = joinText(u.chars[u.core:])
		}
		if line.Justified && i > 0 {
			if !u.tight {
				x += gap
			}
			if i == last {
				x = width - u.w // end exactly at width
			}
		}
		for j, c := range cs {
			n := len(line.Pieces)
			if n > 0 && line.Pieces[n-1].Font == c.font && (j > 0 || !line.Justified) {
				line.Pieces[n-1].Width += c.w
			} else {
				flush()
				line.Pieces = append(line.Pieces, Piece{Font: c.font, X: x, Width: c.w})
			}
			cur = append(cur, c)
			x += c.w
		}
	}
	flush()
	line.Width = x
	return line
}
