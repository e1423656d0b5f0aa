package store

import (
	"net/url"
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

// probeParams open a file read-only, so that looking at a file we may refuse changes none of its bytes.
func probeParams() url.Values {
	return url.Values{
		"mode":          {"ro"},
		"_busy_timeout": {"10000"},
	}
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
