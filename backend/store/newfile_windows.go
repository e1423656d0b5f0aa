package store

import "os"

// markLive does nothing on Windows: there a file another program holds open cannot be removed, and
// the creating program holds its temporary file open (its own handle, then SQLite's) until it renames it.
func markLive(*os.File) error { return nil }

// abandoned reports whether the temporary file at path may be removed: on Windows, removing is tried
// and fails for a file still open in a live program.
func abandoned(string) bool { return true }
