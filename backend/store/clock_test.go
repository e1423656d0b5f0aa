package store_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOneClock fails when non-test code in backend/ reads the wall clock anywhere but in the store's
// clock.go: every "now" comes from the clock injected when the database is opened.
func TestOneClock(t *testing.T) {
	wall := regexp.MustCompile(`\btime\.(Now|Since|Until)\b`)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	allowed := filepath.Join(root, "store", "clock.go")
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		checked++
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(body), "\n") {
			if wall.MatchString(line) && path != allowed {
				rel, _ := filepath.Rel(root, path)
				t.Errorf("backend/%s:%d reads the wall clock: %s (use DB.Now / DB.Today, or store.Stopwatch for a duration)",
					filepath.ToSlash(rel), i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked under %s", checked, root)
	}
}
