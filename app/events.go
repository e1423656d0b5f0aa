package app

import (
	"context"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// windowEvents sends backend events to the window once it has started; before that they are dropped.
type windowEvents struct {
	mu  sync.RWMutex
	ctx context.Context
}

func (w *windowEvents) start(ctx context.Context) {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
}

// window returns the window's context, nil before it has started.
func (w *windowEvents) window() context.Context {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.ctx
}

// Emit sends the event to the frontend.
func (w *windowEvents) Emit(name string, data any) {
	if ctx := w.window(); ctx != nil {
		runtime.EventsEmit(ctx, name, data)
	}
}
