package fonts

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// fontconfigDirs are the folders of the TrueType fonts fontconfig knows (Linux, including Kylin and
// UOS, where offices install the official fonts through the system): the folders of the .ttf files
// `fc-list` lists, in order. Nothing when fc-list is missing or fails.
func fontconfigDirs() []string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "fc-list", "--format", "%{file}\n").Output()
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var dirs []string
	for _, line := range bytes.Split(out, []byte("\n")) {
		file := strings.TrimSpace(string(line))
		if !strings.EqualFold(filepath.Ext(file), ".ttf") || !filepath.IsAbs(file) {
			continue
		}
		if dir := filepath.Dir(file); !seen[dir] {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
	}
	sort.Strings(dirs)
	return dirs
}
