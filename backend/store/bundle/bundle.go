// Package bundle writes and reads the files offices exchange: a SQLite file of shared rows with all
// their field stamps, the attached files they name, and a metadata table saying who sent it, for
// which schema, and what the sender held (its version vector). It lives under store because it is the
// one other place that writes SQLite: a bundle is built here as a file of its own, never the live
// database, which only the store's write path changes.
//
// A file from elsewhere is read as hostile: opened read-only and immutable with trusted_schema off,
// quick_check passed, its schema exactly what this program writes for its tables (no table, index,
// trigger or view more or less), every value of a type SQLite stores and within the size limits.
package bundle

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// Format names the layout of a bundle; a reader refuses any other.
const Format = "xiangzhi-bundle-1"

// Limits on what a bundle may hold; a value beyond them refuses the bundle.
const (
	MaxText  = 1 << 20  // characters' bytes in one text value
	MaxBlob  = 64 << 20 // bytes in one blob value (an issued document's PDF)
	MaxFile  = 20 << 20 // bytes of one attached file (as attachments allows)
	MaxBytes = 4 << 30  // bytes of the whole file
)

// Meta is what a bundle says of itself.
type Meta struct {
	Format        string         `json:"format"`
	BundleID      string         `json:"bundleId"`
	SchemaVersion int            `json:"schemaVersion"`
	SenderSite    string         `json:"senderSite"`
	SenderName    string         `json:"senderName"`
	SenderShort   string         `json:"senderShort"`
	SenderKey     string         `json:"senderKey"` // the sender's age recipient, so a reply can be encrypted to it
	To            string         `json:"to"`        // the peer's site id, "" for a snapshot for anyone
	CreatedAt     string         `json:"createdAt"` // by the sender's clock (UTC)
	Full          bool           `json:"full"`      // every row, not only what the peer lacked
	Seen          string         `json:"seen"`      // the sender's version vector (JSON)
	Base          string         `json:"base"`      // the vector the bundle's changes are above (JSON; {} when full)
	Counts        map[string]int `json:"counts"`    // rows per table
	Files         int            `json:"files"`
}

// Total is the number of rows the bundle holds.
func (m Meta) Total() int {
	n := 0
	for _, c := range m.Counts {
		n += c
	}
	return n
}

// metaKeys are the keys of the meta table, each once.
var metaKeys = []string{"format", "bundle_id", "schema_version", "sender_site", "sender_name", "sender_short",
	"sender_key", "to", "created_at", "full", "seen", "base", "counts", "files"}

// driverName is the SQLite driver bundles are read and written with: trusted_schema off on every
// connection, so nothing in a file from elsewhere runs beyond its own table.
const driverName = "sqlite3-xiangzhi-bundle"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON", nil)
		return err
	}})
}

// Schema is the shared tables a bundle carries and their columns in order, as the live database has
// them (store.DB.SharedColumns).
type Schema map[string][]string

// statements returns the SQL that makes a bundle's tables for s, in a fixed order: what a writer runs
// and what a reader requires, byte for byte.
func (s Schema) statements() []string {
	out := []string{
		`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
		`CREATE TABLE stamps (tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, hlc INTEGER NOT NULL, site TEXT NOT NULL, PRIMARY KEY (tbl, row_id, field)) WITHOUT ROWID`,
		`CREATE TABLE files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID`,
	}
	for _, t := range s.tables() {
		cols := make([]string, len(s[t]))
		for i, c := range s[t] {
			cols[i] = quote(c)
		}
		out = append(out, fmt.Sprintf("CREATE TABLE %s (%s)", quote(rowTable(t)), strings.Join(cols, ", ")))
	}
	return out
}

func (s Schema) tables() []string {
	names := make([]string, 0, len(s))
	for t := range s {
		names = append(names, t)
	}
	sort.Strings(names)
	return names
}

// rowTable is the bundle's table for the rows of a shared table.
func rowTable(t string) string { return "rows_" + t }

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func itoa(n int) string { return strconv.Itoa(n) }

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
