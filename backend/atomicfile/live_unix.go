//go:build !windows

package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// MarkLive marks f, a file being made, as its program's until the program ends or closes f: an
// exclusive lock, which the system drops when the program dies, however it ends.
func MarkLive(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// Abandoned reports whether the file being made at path was left by a program that is gone: no
// program holds its mark.
func Abandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}
