package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"xiangzhi/backend/store"
)

// lineReporter shows long work's progress (progress.Reporter). On a terminal it keeps one line up
// to date in place (\r), at most ten times a second; elsewhere (a pipe, a log file) it writes a plain
// line at each tenth of the work, so logs stay short.
type lineReporter struct {
	out      io.Writer
	terminal bool
	unit     string // what is counted, e.g. 行 or 个村
	elapsed  func() time.Duration
	last     time.Duration
	stage    string
	tenth    int
	open     bool // a \r line is showing and needs its newline
}

func newLineReporter(out io.Writer, unit string) *lineReporter {
	return &lineReporter{out: out, terminal: isTerminal(out), unit: unit, elapsed: store.Stopwatch(), tenth: -1}
}

// isTerminal says whether out is a character device (a console), where a line may be redrawn.
func isTerminal(out io.Writer) bool {
	if s, ok := out.(safeWriter); ok {
		out = s.w
	}
	f, ok := out.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Report shows done of total units of stage.
func (r *lineReporter) Report(stage string, done, total int) {
	if total <= 0 {
		return
	}
	pct := done * 100 / total
	if r.terminal {
		now := r.elapsed()
		if stage == r.stage && done < total && now-r.last < 100*time.Millisecond {
			return
		}
		r.last, r.stage = now, stage
		fmt.Fprintf(r.out, "\r%s %3d%%（%d/%d %s）", stage, pct, done, total, r.unit)
		r.open = true
		if done >= total {
			r.finish()
		}
		return
	}
	if stage != r.stage {
		r.stage, r.tenth = stage, -1
	}
	if t := pct / 10; t > r.tenth {
		r.tenth = t
		fmt.Fprintf(r.out, "%s %d%%（%d/%d %s）\n", stage, pct, done, total, r.unit)
	}
}

// finish ends a line redrawn in place, so what is printed next starts on a line of its own.
func (r *lineReporter) finish() {
	if r.open {
		fmt.Fprintln(r.out)
		r.open = false
	}
}

// interruptible returns a context cancelled by Ctrl+C (os.Interrupt), so that long work stops
// cleanly and leaves nothing half-written; stop restores the default handling.
func interruptible() (context.Context, func()) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}
