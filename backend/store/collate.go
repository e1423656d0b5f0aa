package store

import (
	"github.com/mattn/go-sqlite3"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Pinyin is the collation that orders Chinese text as officers read a list, by pinyin (CLDR's
// Chinese order, the same as the window's Intl.Collator for zh-Hans-CN): ORDER BY title COLLATE
// pinyin. It is registered on every connection of the store and used only in queries, never in the
// schema, so the file stays readable by any SQLite.
const Pinyin = "pinyin"

// registerPinyin adds the pinyin collation to a connection. A collator keeps buffers of its own,
// so each connection (used by one statement at a time) gets its own.
func registerPinyin(c *sqlite3.SQLiteConn) error {
	col := collate.New(language.SimplifiedChinese)
	return c.RegisterCollation(Pinyin, col.CompareString)
}
