package app

import (
	"os"
	"path/filepath"
	"runtime"
)

// DataDir returns the per-user folder the live database lives in: %LOCALAPPDATA%\Xiangzhi on Windows,
// $XDG_DATA_HOME/xiangzhi (or ~/.local/share/xiangzhi) on Linux.
func DataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Xiangzhi"), nil
		}
		d, err := os.UserConfigDir()
		return filepath.Join(d, "Xiangzhi"), err
	case "darwin":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "Library", "Application Support", "Xiangzhi"), err
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "xiangzhi"), nil
		}
		home, err := os.UserHomeDir()
		return filepath.Join(home, ".local", "share", "xiangzhi"), err
	}
}

// dbFlag returns the value of --db (or -db, --db=PATH) among args, or "". Other arguments, such as
// the dev server's, are left alone.
func dbFlag(args []string) string {
	for i, a := range args {
		switch {
		case a == "--db" || a == "-db":
			if i+1 < len(args) {
				return args[i+1]
			}
		case len(a) > 5 && a[:5] == "--db=":
			return a[5:]
		case len(a) > 4 && a[:4] == "-db=":
			return a[4:]
		}
	}
	return ""
}
