// Package events lets the backend tell the shell that something happened without importing Wails.
package events

// Emitter sends a named event with data to whoever listens (the desktop window, a test).
type Emitter interface {
	Emit(name string, data any)
}

// Nop is an Emitter that drops every event; the CLI and tests use it.
type Nop struct{}

// Emit drops the event.
func (Nop) Emit(string, any) {}
