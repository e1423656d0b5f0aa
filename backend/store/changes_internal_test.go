package store

import (
	"strings"
	"testing"
	"time"
)

// An export's search for changed rows reads one range of the index field_versions_since per office
// known, and nothing else: not every stamp of the table, and not each stamp found again by the
// table's key (SQLite's MULTI-INDEX OR, which a WHERE with OR gets).
func TestChangedRowsReadOneRangePerOffice(t *testing.T) {
	db, err := Open(t.TempDir()+"/plan.db", Options{Clock: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, args := changedRows(3, Vector{"a": 5}, map[int64]string{1: "a", 2: "b", 3: "c"})
	rows, err := db.ro.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	joined := strings.Join(plan, "; ")
	if strings.Count(joined, "USING COVERING INDEX field_versions_since (tbl_no=? AND site_no=? AND hlc>?)") != 3 ||
		strings.Contains(joined, "PRIMARY KEY") || strings.Contains(joined, "SCAN") || strings.Contains(joined, "MULTI-INDEX OR") {
		t.Errorf("the plan: %s", joined)
	}
}
