// Package progress is how long work (imports, exports, demo data, merges of bundles) says how far it
// has got. The work takes a context it stops on and a Reporter it calls as it goes; the window turns
// the reports into a progress bar with a 取消 button, the command line into a progress line. Work that
// is cancelled returns the context's error and leaves nothing half-written.
package progress

import (
	"context"

	"xiangzhi/backend/errs"
)

// Reporter receives progress: done of total units of the named stage (e.g. 检查 2,000 of 100,000
// rows). Calls come from the working goroutine and may be frequent; a Reporter throttles itself.
type Reporter interface {
	Report(stage string, done, total int)
}

// Func adapts a function to a Reporter.
type Func func(stage string, done, total int)

// Report calls f.
func (f Func) Report(stage string, done, total int) { f(stage, done, total) }

// Nop is a Reporter that ignores every report.
type Nop struct{}

// Report does nothing.
func (Nop) Report(string, int, int) {}

// Or returns r, or Nop when r is nil.
func Or(r Reporter) Reporter {
	if r == nil {
		return Nop{}
	}
	return r
}

// Cancelled returns an error of code conflict saying the work was cancelled and nothing was written
// when ctx is done, and nil otherwise. Long loops call it between units of work.
func Cancelled(ctx context.Context) error {
	if ctx.Err() != nil {
		return errs.Wrap(ctx.Err(), errs.Conflict, "已取消，数据未改动")
	}
	return nil
}
