//go:build !windows

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// A file a killed writer left ("<name>.partial", no lock) goes; one a live writer holds, another
// writer's, and a whole file stay.
func TestRemoveAbandoned(t *testing.T) {
	dir := t.TempDir()
	write := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("甲-至-乙-1.xzb.partial")
	write("甲-至-乙-3.xzb")
	write("丙-至-乙-4.xzb.partial")
	live, err := os.OpenFile(write("甲-至-乙-2.xzb.partial"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := MarkLive(live); err != nil {
		t.Fatal(err)
	}
	RemoveAbandoned(dir, "甲-至-")
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"丙-至-乙-4.xzb.partial", "甲-至-乙-2.xzb.partial", "甲-至-乙-3.xzb"}
	if len(left) != len(want) {
		t.Fatalf("left %v, want %v", left, want)
	}
	for i := range want {
		if left[i] != want[i] {
			t.Fatalf("left %v, want %v", left, want)
		}
	}
}
