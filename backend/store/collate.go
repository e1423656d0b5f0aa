package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/mattn/go-sqlite3"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Pinyin is the collation that orders Chinese text as officers read a list, by pinyin (CLDR's
// Chinese order, the same as the window's Intl.Collator for zh-Hans-CN): ORDER BY title COLLATE
// pinyin. It is registered on every connection of the store. One index uses it (cases_by_summary,
// migration 0028): any SQLite reads the file, but writing a case, integrity_check and VACUUM need
// this program's connections; the index is rebuilt when the collation's order changes (reindexPinyin).
const Pinyin = "pinyin"

// RegisterPinyin adds the pinyin collation to a connection. A collator keeps buffers of its own,
// so each connection (used by one statement at a time) gets its own. Every connection of the store
// has it; a test that writes to the file through a connection of its own needs it too.
func RegisterPinyin(c *sqlite3.SQLiteConn) error {
	col := collate.New(language.SimplifiedChinese)
	return c.RegisterCollation(Pinyin, col.CompareString)
}

// ComparePinyin compares a and b as the pinyin collation does: -1, 0 or 1.
func ComparePinyin(a, b string) int {
	pinyinMu.Lock()
	defer pinyinMu.Unlock()
	return pinyinCol.CompareString(a, b)
}

var (
	pinyinMu  sync.Mutex
	pinyinCol = collate.New(language.SimplifiedChinese)
)

// pinyinSetting is the local setting that holds the fingerprint of the collation the indexes in
// pinyin were built with.
const pinyinSetting = "pinyin_collation"

// pinyinFingerprint sums the collation's sort keys of a sample of text (every 37th character of the
// common Chinese block, ASCII, full-width forms): a newer golang.org/x/text that orders any of them
// differently gives another sum.
func pinyinFingerprint() string {
	col := collate.New(language.SimplifiedChinese)
	var buf collate.Buffer
	h := sha256.New()
	add := func(s string) { h.Write(col.KeyFromString(&buf, s)); h.Write([]byte{0}); buf.Reset() }
	for r := rune(0x4E00); r <= 0x9FFF; r += 37 {
		add(string(r))
	}
	for r := rune(0x20); r < 0x7F; r++ {
		add(string(r))
	}
	for r := rune(0xFF01); r <= 0xFF5E; r += 3 {
		add(string(r))
	}
	add("张三丰")
	add("长江")
	add("重庆")
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// reindexPinyin rebuilds the indexes in pinyin when the collation's order is not the one they were
// built with (SQLite requires it: an index in another order is found wanting by integrity_check and
// misleads its queries). A file that has no fingerprint yet has its indexes built by this program
// now, by its migrations: it only records it. The fingerprint is bookkeeping of the indexes, not an
// officer's setting, and is written without an audit entry.
func (db *DB) reindexPinyin(ctx context.Context) error {
	had, err := db.LocalSetting(ctx, pinyinSetting)
	if err != nil {
		return err
	}
	now := pinyinFingerprint()
	if had == now {
		return nil
	}
	if had != "" {
		if _, err := db.sql.ExecContext(ctx, "REINDEX "+Pinyin); err != nil {
			return dbError(err)
		}
	}
	_, err = db.sql.ExecContext(ctx, `INSERT INTO local_settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, pinyinSetting, now)
	return dbError(err)
}
