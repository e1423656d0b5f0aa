package store

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/errs"
)

// Numbers people see (archive numbers, case numbers) are allocated per office and carry the office's
// short name (单位简称), so two offices never issue the same number and merging their data never
// meets a clash (DESIGN.md §4).

// MaxShortName is the longest short name, in characters.
const MaxShortName = 6

// CleanShortName checks a short name as typed: 1 to MaxShortName characters, no spaces, no '-' (it
// separates the parts of a number) and nothing a file name cannot hold. Code invalid on field
// shortName.
func CleanShortName(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "", errs.Field("shortName", "单位简称不能为空，例如“丹口”")
	case n > MaxShortName:
		return "", errs.Field("shortName", "单位简称不能超过 %d 个字，例如“丹口”", MaxShortName)
	}
	if i := strings.IndexAny(s, " \t\u3000-－/\\:*?\"<>|"); i >= 0 {
		return "", errs.Field("shortName", "单位简称不能含有空格或符号“%s”", string([]rune(s[i:])[0]))
	}
	return s, nil
}

// ShortName returns this office's short name. Code invalid (field shortName) while none is set: it is
// required before the office issues its first number.
func (tx *Tx) ShortName() (string, error) {
	row, err := tx.Get("offices", tx.db.site.OfficeID)
	if err != nil {
		return "", err
	}
	s, _ := row["short_name"].(string)
	if s == "" {
		return "", errs.Field("shortName", "还没有填写单位简称：编号要带上本单位的简称，才不会与其他单位的编号重复；请先在「设置」中填写单位简称（如“丹口”）")
	}
	return s, nil
}

// OfficeName returns this office's name ("" while none is set).
func (tx *Tx) OfficeName() (string, error) {
	row, err := tx.Get("offices", tx.db.site.OfficeID)
	if err != nil {
		return "", err
	}
	s, _ := row["name"].(string)
	return s, nil
}

// NextNumber returns the next number of a series: prefix followed by a sequence number of at least
// width digits, one more than the highest that column of table carries after prefix, tombstoned rows
// included (a number is never given twice). Values with prefix but no plain sequence number after
// it belong to another series and are passed over.
func (tx *Tx) NextNumber(tableName, column, prefix string, width int) (string, error) {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return "", err
	}
	if !t.columns[column] {
		return "", errs.New(errs.Internal, "表 %s 没有列 %s", tableName, column)
	}
	// The series is read once in a transaction; the rows this transaction writes after that keep
	// the highest up to date (noteNumbers), so that registering thousands of cases in one write (an
	// import, the demo) does not read the whole year's numbers for each.
	key := numberSeries{t.name, column, prefix}
	if last, ok := tx.numbers[key]; ok {
		return fmt.Sprintf("%s%0*d", prefix, width, last+1), nil
	}
	rows, err := tx.Query(fmt.Sprintf("SELECT %s FROM %s WHERE %s >= ? AND %s < ?", column, t.name, column, column),
		prefix, prefix+string(utf8.MaxRune))
	if err != nil {
		return "", dbError(err)
	}
	defer rows.Close()
	last := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", dbError(err)
		}
		n, ok, err := sequenceOf(s, prefix)
		if err != nil {
			return "", err
		}
		if ok {
			last = max(last, n)
		}
	}
	if err := rows.Err(); err != nil {
		return "", dbError(err)
	}
	if tx.numbers == nil {
		tx.numbers = map[numberSeries]int{}
	}
	tx.numbers[key] = last
	return fmt.Sprintf("%s%0*d", prefix, width, last+1), nil
}

// numberSeries names a series of numbers: a column of a table and the prefix its numbers share.
type numberSeries struct{ table, column, prefix string }

// sequenceOf reads the sequence number of s in the series of prefix; false when s has prefix but no
// plain sequence number after it (another series that shares the prefix, e.g. 2026-通知-0003 under
// 2026-) or lacks the prefix.
func sequenceOf(s, prefix string) (int, bool, error) {
	seq, found := strings.CutPrefix(s, prefix)
	if !found || seq == "" || strings.Trim(seq, "0123456789") != "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(seq)
	if err != nil {
		return 0, false, errs.Wrap(err, errs.Internal, "编号 %s 的序号超出范围", s)
	}
	return n, true, nil
}

// noteNumbers keeps the series NextNumber has read in this transaction up to date with a row of
// table written with values v.
func (tx *Tx) noteNumbers(table string, v Values) {
	for key, last := range tx.numbers {
		if key.table != table {
			continue
		}
		if s, ok := v[key.column].(string); ok {
			if n, ok, _ := sequenceOf(s, key.prefix); ok && n > last {
				tx.numbers[key] = n
			}
		}
	}
}
