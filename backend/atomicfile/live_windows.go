package atomicfile

import "os"

// MarkLive does nothing on Windows: there a file another program holds open cannot be removed, and
// the program making a file holds it open until it renames it.
func MarkLive(*os.File) error { return nil }

// Abandoned reports whether the file being made at path may be removed: on Windows, removing is
// tried and fails for a file still open in a live program.
func Abandoned(string) bool { return true }
