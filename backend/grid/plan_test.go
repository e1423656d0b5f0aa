package grid_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/grid"
)

// TestQueriesUseIndexes guards against a partial index that a query cannot use (its WHERE must
// repeat the index's condition), which turns a lookup into a scan of every resident.
func TestQueriesUseIndexes(t *testing.T) {
	s := MustService(t)
	queries := map[string]string{
		"unique ID check": `SELECT r.name FROM residents r WHERE r.id_number = ? AND r.id_number <> '' AND r.deleted_at IS NULL AND r.id <> ?`,
		"ID suffix":       `SELECT id FROM residents WHERE id_rev >= ? AND id_rev < ? AND id_rev <> ''`,
		"phone prefix":    `SELECT id FROM residents WHERE phone >= ? AND phone < ? AND phone <> ''`,
		"members":         `SELECT id FROM residents WHERE household_id = ? AND deleted_at IS NULL`,
		"last visit":      `SELECT max(visit_date) FROM visits WHERE household_id = ? AND deleted_at IS NULL`,
		"household code":  `SELECT count(*) FROM households WHERE village_id = ? AND code = ? AND id <> ? AND deleted_at IS NULL`,
	}
	for name, q := range queries {
		rows, err := grid.DBOf(s).SQL().Query("EXPLAIN QUERY PLAN "+q, "a", "b", "c")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		joined := strings.Join(plan, "; ")
		if strings.Contains(joined, "SCAN residents") || strings.Contains(joined, "SCAN visits") || strings.Contains(joined, "SCAN households") {
			t.Errorf("%s scans a table: %s", name, joined)
		}
	}
}
