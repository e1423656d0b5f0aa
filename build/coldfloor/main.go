// Command coldfloor is the floor under cold_start_ms: an empty Wails window with one line of HTML,
// which prints "first screen shown" once its page is drawn (its script says so after the first paint,
// as the app does once its first screen is drawn with data). make bench starts it as it starts the
// app; what the app takes beyond it is ours.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

var start = time.Now()

//go:embed page
var page embed.FS

func main() {
	assets, _ := fs.Sub(page, "page")
	err := wails.Run(&options.App{
		Title: "乡治通", Width: 1280, Height: 720,
		AssetServer: &assetserver.Options{Assets: assets},
		OnStartup: func(ctx context.Context) {
			runtime.EventsOn(ctx, "painted", func(...any) {
				fmt.Printf("coldfloor: first screen shown %d ms after start\n", time.Since(start).Milliseconds())
			})
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
