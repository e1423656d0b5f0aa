package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// safeWriter writes to a terminal what the commands print with every control character but line
// breaks, tabs and carriage returns shown as U+XXXX: a value from a sheet or a file name with an ESC in it cannot move
// the cursor, clear the screen or retitle the window. (JSON output has none: encoding/json escapes
// them.)
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	text := string(p)
	if !strings.ContainsFunc(text, unsafeRune) {
		return s.w.Write(p)
	}
	var b strings.Builder
	for _, r := range text {
		if unsafeRune(r) {
			fmt.Fprintf(&b, "U+%04X", r)
		} else {
			b.WriteRune(r)
		}
	}
	if _, err := io.WriteString(s.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// unsafeRune: a control character other than a line break, a tab or the carriage return the
// progress line redraws itself with.
func unsafeRune(r rune) bool { return r != '\n' && r != '\t' && r != '\r' && unicode.IsControl(r) }
