package store

import (
	"slices"
	"strings"
)

// A write that adds about as many rows to a table as it already holds (a first roster import of
// 100,000 people) spends much of its time on what each row adds besides itself: its keys in every
// index of the table, one key at a time in no order, and the lookups and upserts of the triggers
// that keep the derived tables. Building an index once over the finished table sorts its keys
// first, and filling a derived table afresh is one pass: for 100,000 people, the seven search
// indexes of residents cost 0.85 s of SQLite's 2.3 s, and the triggers of households and residents
// 0.6 s more. A transaction can therefore drop them and have them made again when it commits, from
// their own statements. DDL is transactional in SQLite: a transaction that fails or is cancelled
// takes the drop back with everything else, and another connection never sees the tables without
// them.

// suspended is an index or trigger dropped until the commit, with the statement that made it.
type suspended struct{ kind, name, sql string }

// SuspendIndexes drops the indexes of tableName made by CREATE INDEX, except those named in keep
// (the ones the transaction's own reads use) and unique ones (which refuse rows, not only find
// them), and builds each again, from its own statement, when the transaction commits. Reads in the
// transaction still get every row; they are slower where they would have used a dropped index.
func (tx *Tx) SuspendIndexes(tableName string, keep ...string) error {
	t, err := tx.db.sharedTable(tableName)
	if err != nil {
		return err
	}
	found, err := tx.schemaObjects(`type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, t.name)
	if err != nil {
		return err
	}
	var drop []suspended
	for _, ix := range found {
		if !slices.Contains(keep, ix.name) && !strings.HasPrefix(strings.ToUpper(ix.sql), "CREATE UNIQUE") {
			drop = append(drop, ix)
		}
	}
	return tx.suspend(drop)
}

// derivedFills fill each derived table afresh from the tables it is derived from, in this order
// (cadence_buckets counts household_cadence). They fill what the first fills of the migrations that
// made the tables (0007, 0009, 0013) filled, village_counts in one pass over residents rather than a
// count for each household, and with one lookup of each household rather than one for each person;
// grid's TestBulkBatchKeepsTheDerivedTables holds them to what the triggers keep.
var derivedFills = []struct{ table, fill string }{
	{"household_cadence", `INSERT INTO household_cadence (household_id, neighbourhood_id, village_id, is_key, created_at, last_visit)
		SELECT h.id, h.neighbourhood_id, h.village_id, h.is_key, h.created_at,
		    coalesce((SELECT max(visit_date) FROM visits WHERE household_id = h.id AND deleted_at IS NULL), '')
		FROM households h WHERE h.deleted_at IS NULL AND h.id IS NOT NULL`},
	{"cadence_buckets", `INSERT INTO cadence_buckets (neighbourhood_id, is_key, bucket, village_id, households)
		SELECT neighbourhood_id, is_key, bucket, max(village_id), count(*) FROM (
		    SELECT neighbourhood_id, is_key, village_id,
		        CASE WHEN last_visit = '' THEN 'R' || substr(created_at, 1, 13)
		             WHEN is_key THEN substr(last_visit, 1, 7)
		             ELSE substr(last_visit, 1, 5) || 'Q' || ((CAST(substr(last_visit, 6, 2) AS INTEGER) + 2) / 3) END AS bucket
		    FROM household_cadence)
		GROUP BY neighbourhood_id, is_key, bucket`},
	{"village_counts", `INSERT INTO village_counts (village_id, households, residents)
		SELECT village_id, sum(households), sum(residents) FROM (
		    SELECT village_id, 1 AS households, 0 AS residents FROM households WHERE deleted_at IS NULL
		    UNION ALL
		    SELECT h.village_id, 0, c.n FROM (SELECT household_id, count(*) AS n FROM residents
		        WHERE deleted_at IS NULL AND status = '' GROUP BY household_id) c
		    JOIN households h ON h.id = c.household_id WHERE h.deleted_at IS NULL)
		GROUP BY village_id`},
}

// SuspendDerived drops the triggers that keep the registry's derived tables (household_cadence,
// cadence_buckets, village_counts; each trigger's name starts with its table's) until the commit,
// which fills the tables afresh and then makes the triggers again from their own statements.
func (tx *Tx) SuspendDerived() error {
	var drop []suspended
	for _, d := range derivedFills {
		found, err := tx.schemaObjects(`type = 'trigger' AND name LIKE ? ESCAPE '\'`, strings.ReplaceAll(d.table, "_", `\_`)+`\_%`)
		if err != nil {
			return err
		}
		drop = append(drop, found...)
	}
	tx.refill = true
	return tx.suspend(drop)
}

// schemaObjects returns the kind, name and statement of the objects of sqlite_schema that where
// selects.
func (tx *Tx) schemaObjects(where string, args ...any) ([]suspended, error) {
	rows, err := tx.Query(`SELECT type, name, sql FROM sqlite_schema WHERE `+where+` ORDER BY name`, args...)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []suspended
	for rows.Next() {
		var o suspended
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			return nil, dbError(err)
		}
		out = append(out, o)
	}
	return out, dbError(rows.Err())
}

// suspend drops the objects and keeps their statements to make them again.
func (tx *Tx) suspend(drop []suspended) error {
	for _, o := range drop {
		if err := tx.exec(`DROP ` + strings.ToUpper(o.kind) + ` ` + quoteName(o.name)); err != nil {
			return err
		}
		tx.suspended = append(tx.suspended, o)
	}
	return nil
}

// remake, before the commit, builds the suspended indexes again, fills the derived tables afresh
// when their triggers were suspended, and then makes the triggers again.
func (tx *Tx) remake() error {
	for _, o := range tx.suspended {
		if o.kind == "index" {
			if err := tx.exec(o.sql); err != nil {
				return err
			}
		}
	}
	if tx.refill {
		for _, d := range derivedFills {
			if err := tx.exec(`DELETE FROM ` + d.table); err != nil {
				return err
			}
			if err := tx.exec(d.fill); err != nil {
				return err
			}
		}
	}
	for _, o := range tx.suspended {
		if o.kind == "trigger" {
			if err := tx.exec(o.sql); err != nil {
				return err
			}
		}
	}
	tx.suspended, tx.refill = nil, false
	return nil
}

// quoteName quotes an SQL identifier.
func quoteName(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
