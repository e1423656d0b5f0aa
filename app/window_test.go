package app

import (
	"os"
	"path/filepath"
	"testing"
)

// The remembered window place: the default size (which fits a 1366×768 screen with its taskbar) when
// there is none or it makes no sense, sizes kept within the least and the largest, and a position used
// only when the window would show on the screen.
func TestWindowPlace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "window.json")
	if p := loadPlace(path); p.Width != defaultWidth || p.Height != defaultHeight || p.Maximised || p.Placed {
		t.Errorf("no file: %+v", p)
	}
	if defaultWidth > 1366 || defaultHeight > 768-40 {
		t.Errorf("the default %d×%d does not fit 1366×768 with a taskbar", defaultWidth, defaultHeight)
	}
	for body, want := range map[string]windowPlace{
		`{"x":100,"y":50,"width":1500,"height":900,"placed":true}`:      {X: 100, Y: 50, Width: 1500, Height: 900, Placed: true},
		`{"x":0,"y":0,"width":400,"height":300,"placed":true}`:          {Width: minWidth, Height: minHeight, Placed: true},
		`{"width":99999,"height":800,"maximised":true}`:                 {Width: defaultWidth, Height: defaultHeight, Maximised: true},
		`{"width":-5,"height":800}`:                                     {Width: defaultWidth, Height: defaultHeight},
		`not json`:                                                      {Width: defaultWidth, Height: defaultHeight},
		`{"x":"left","width":1300,"height":700}`:                        {Width: defaultWidth, Height: defaultHeight},
		`{"x":3000,"y":20,"width":1300,"height":700,"placed":true}`:     {X: 3000, Y: 20, Width: 1300, Height: 700, Placed: true},
		`{"x":-200,"y":20,"width":1300,"height":700,"placed":true}`:     {X: -200, Y: 20, Width: 1300, Height: 700, Placed: true},
		`{"x":10,"y":10,"width":960,"height":600,"maximised":false}`:    {X: 10, Y: 10, Width: 960, Height: 600},
		`{"x":10,"y":10,"width":1280,"height":720,"maximised":true}`:    {X: 10, Y: 10, Width: 1280, Height: 720, Maximised: true},
		`{"x":10,"y":10,"width":1366,"height":768,"placed":false}`:      {X: 10, Y: 10, Width: 1366, Height: 768},
		`{"x":10,"y":900,"width":1366,"height":700,"placed":true}`:      {X: 10, Y: 900, Width: 1366, Height: 700, Placed: true},
		`{"x":10,"y":10,"width":1366,"height":700,"placed":true,"z":1}`: {X: 10, Y: 10, Width: 1366, Height: 700, Placed: true},
	} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := loadPlace(path); got != want {
			t.Errorf("%s: got %+v, want %+v", body, got, want)
		}
	}
	// On a 1366×768 screen: a place on it shows; one off to the right (a monitor no longer there),
	// below it, or never placed is not used.
	for _, c := range []struct {
		p    windowPlace
		want bool
	}{
		{windowPlace{X: 100, Y: 50, Width: 1280, Height: 720, Placed: true}, true},
		{windowPlace{X: -200, Y: 20, Width: 1280, Height: 720, Placed: true}, true},
		{windowPlace{X: 3000, Y: 20, Width: 1280, Height: 720, Placed: true}, false},
		{windowPlace{X: -900, Y: 20, Width: 1280, Height: 720, Placed: true}, false},
		{windowPlace{X: 10, Y: 900, Width: 1280, Height: 720, Placed: true}, false},
		{windowPlace{X: 10, Y: 10, Width: 1280, Height: 720}, false},
	} {
		if got := c.p.onScreen(1366, 768); got != c.want {
			t.Errorf("%+v on 1366×768: %v", c.p, got)
		}
	}
}
