package store

import (
	"slices"
	"strings"
)

// A write that adds about as many rows to a table as it already holds (a first roster import of
// 100,000 people) spends much of its time adding each row's keys to every index of the table, one
// key at a time, in no order. Building an index once over the finished table sorts its keys first
// and is several times quicker: for the eight search indexes of residents, 0.85 s of 2.3 s of
// SQLite's work for 100,000 people. A transaction can therefore drop such indexes and have them
// built again when it commits. DDL is transactional in SQLite: a transaction that fails or is
// cancelled takes the drop back with everything else, and another connection never sees the table
// without them.

// suspendedIndex is an index dropped by SuspendIndexes, with the statement that made it.
type suspendedIndex struct{ name, sql string }

// SuspendIndexes drops the indexes of tableName made by CREATE INDEX, except those named in keep
// (the ones the transaction's own reads use) and unique ones (which refuse rows, not only find
// them), and builds each again, from its own statement, when the transaction commits. Reads in the
// transaction still get every row; they are slower where they would have used a dropped index.
func (tx *Tx) SuspendIndexes(tableName string, keep ...string) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	rows, err := tx.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
		ORDER BY name`, t.name)
	if err != nil {
		return dbError(err)
	}
	var drop []suspendedIndex
	for rows.Next() {
		var ix suspendedIndex
		if err := rows.Scan(&ix.name, &ix.sql); err != nil {
			rows.Close()
			return dbError(err)
		}
		if !slices.Contains(keep, ix.name) && !strings.HasPrefix(strings.ToUpper(ix.sql), "CREATE UNIQUE") {
			drop = append(drop, ix)
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return dbError(err)
	}
	rows.Close()
	for _, ix := range drop {
		if err := tx.exec(`DROP INDEX ` + quoteName(ix.name)); err != nil {
			return err
		}
		tx.suspended = append(tx.suspended, ix)
	}
	return nil
}

// buildSuspended builds the indexes SuspendIndexes dropped, before the commit.
func (tx *Tx) buildSuspended() error {
	for _, ix := range tx.suspended {
		if err := tx.exec(ix.sql); err != nil {
			return err
		}
	}
	tx.suspended = nil
	return nil
}

// quoteName quotes an SQL identifier.
func quoteName(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
