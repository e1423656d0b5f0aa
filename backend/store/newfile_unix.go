//go:build !windows

package store

import (
	"os"

	"golang.org/x/sys/unix"
)

// markLive marks f, a temporary file being made into a database, as its program's until the program
// ends or closes f: an exclusive lock, which the system drops when the program dies, however it ends.
func markLive(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// abandoned reports whether the temporary file at path was left by a program that is gone: no
// program holds its mark.
func abandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}
