package app

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"xiangzhi/backend/atomicfile"
)

// The window's size when nothing is remembered: it fits a 1366×768 screen with its taskbar (the most
// common office laptop), and the least size at which every screen keeps the columns that matter.
const (
	defaultWidth, defaultHeight = 1280, 720
	minWidth, minHeight         = 960, 600
	// Sizes beyond these are not a window anyone left (a file from another machine, or damaged).
	maxWidth, maxHeight = 7680, 4320
)

// windowPlace is where the window was and how large when it was last closed. It belongs to this
// computer's screen, not to the office's data: it is kept in the per-user data folder (window.json),
// never in the database.
type windowPlace struct {
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	Maximised bool `json:"maximised"`
	Placed    bool `json:"placed"` // X and Y hold a position
}

// loadPlace reads the remembered place at path; the default size when there is none or it makes no
// sense, and sizes brought within the least and the largest a window can have.
func loadPlace(path string) windowPlace {
	p := windowPlace{Width: defaultWidth, Height: defaultHeight}
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &p) != nil {
		return windowPlace{Width: defaultWidth, Height: defaultHeight}
	}
	if p.Width <= 0 || p.Height <= 0 || p.Width > maxWidth || p.Height > maxHeight {
		p.Width, p.Height = defaultWidth, defaultHeight
	}
	p.Width, p.Height = max(p.Width, minWidth), max(p.Height, minHeight)
	return p
}

// onScreen reports whether the window at p shows at least its top-left part on a screen of the given
// size (a laptop taken off its larger monitor must not open its window out of sight).
func (p windowPlace) onScreen(screenW, screenH int) bool {
	return p.Placed && p.X >= -p.Width/2 && p.Y >= 0 && p.X < screenW-100 && p.Y < screenH-100
}

// rememberPlace keeps the window's place as it is being closed. A maximised window keeps the size it
// had before (the one it goes back to); a minimised one is not measured.
func rememberPlace(ctx context.Context, path string, before windowPlace) {
	p := before
	switch {
	case runtime.WindowIsMinimised(ctx):
		return
	case runtime.WindowIsMaximised(ctx):
		p.Maximised = true
	default:
		p.Maximised, p.Placed = false, true
		p.Width, p.Height = runtime.WindowGetSize(ctx)
		p.X, p.Y = runtime.WindowGetPosition(ctx)
	}
	b, _ := json.Marshal(p)
	if err := atomicfile.WriteBytes(path, b); err != nil {
		log.Printf("xiangzhi: window place: %v", err)
	}
}

// restorePlace moves the window where it was when it is on a screen now.
func restorePlace(ctx context.Context, p windowPlace) {
	screens, err := runtime.ScreenGetAll(ctx)
	if err != nil {
		return
	}
	for _, s := range screens {
		if s.IsPrimary && p.onScreen(s.Size.Width, s.Size.Height) {
			runtime.WindowSetPosition(ctx, p.X, p.Y)
			return
		}
	}
}
