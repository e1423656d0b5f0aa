// Command xiangzhi is the 乡治通 desktop app. It only wires the embedded frontend to the shell.
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"xiangzhi/app"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	dist, err := fs.Sub(assets, "frontend/dist")
	if err == nil {
		err = app.Run(dist)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "乡治通无法启动 / xiangzhi cannot start:", err)
		os.Exit(1)
	}
}
