package store

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// fileURI returns the SQLite URI of path with the given query parameters. The mattn driver reads the
// parameters that start with an underscore and applies them on every new connection of the pool.
func fileURI(path string, params url.Values) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: params.Encode()}
	return u.String()
}

// liveParams are the pragmas of every read-write connection (DESIGN.md §4).
func liveParams() url.Values {
	return url.Values{
		"_journal_mode": {"WAL"},
		"_synchronous":  {"FULL"},
		"_foreign_keys": {"on"},
		"_busy_timeout": {"10000"},
		"_txlock":       {"immediate"},
		"_cache_size":   {"-65536"},
	}
}

// probeParams open the file at path read-only, so that looking at a file we may refuse changes none
// of its bytes. When no program has the file open (no -shm beside it) and none stopped halfway (no
// -wal with content), the file is opened as immutable: SQLite then leaves no -wal or -shm beside a
// file it only looked at. Otherwise it is read with its log, which holds committed changes, as a
// reader beside the program that has it open.
func probeParams(path string) url.Values {
	v := url.Values{
		"mode":          {"ro"},
		"_busy_timeout": {"10000"},
	}
	_, shm := os.Stat(path + "-shm")
	if wal, err := os.Stat(path + "-wal"); shm != nil && (err != nil || wal.Size() == 0) {
		v.Set("immutable", "1")
	}
	return v
}

// readParams are those of the read pool that SQL() hands out: every connection is query_only, so
// nothing outside the store can write but through Write. Transactions are deferred (a reader must not
// take the write lock) and the journal mode is left as the file has it (WAL, set by the live pool).
func readParams() url.Values {
	return url.Values{
		"_query_only":   {"1"},
		"_foreign_keys": {"on"},
		"_busy_timeout": {"10000"},
		"_txlock":       {"deferred"},
	}
}
