package store

import (
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// TestSharedInsertWritesWhatEachRowSays: a statement that binds shared columns once writes the same
// values, of the same types, as one that binds every value, in the same order; columns that only
// look alike (a float, text beside an integer, a NULL beside text) are bound row by row.
func TestSharedInsertWritesWhatEachRowSays(t *testing.T) {
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(t.TempDir(), "m.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const cols = 9
	for _, name := range []string{"every", "shared"} {
		if _, err := db.Exec(`CREATE TABLE ` + name + ` (c0, c1, c2, c3, c4, c5, c6, c7, c8)`); err != nil {
			t.Fatal(err)
		}
	}
	for _, rows := range []int{1, sharedRowsMin - 1, sharedRowsMin, 400} {
		var args []any
		for r := 0; r < rows; r++ {
			var mixed any = int64(1) // text in the last row: not shared
			if r == rows-1 {
				mixed = "1"
			}
			var nullOrText any // NULL but in the first row
			if r == 0 {
				nullOrText = ""
			}
			args = append(args,
				"丹口",               // shared text
				fmt.Sprint("行", r), // each its own
				int64(7),           // shared integer
				nil,                // shared NULL
				[]byte{0x01, 0x9a}, // shared blob
				1.5,                // a float: never shared
				mixed, nullOrText,
				int64(r%2), // alternating
			)
		}
		prefix := "INSERT INTO shared (c0, c1, c2, c3, c4, c5, c6, c7, c8) VALUES "
		q, shared := sharedInsert(prefix, cols, args, "")
		wantArgs := len(args)
		if rows >= sharedRowsMin {
			wantArgs = 4 + rows*(cols-4) // c0, c2, c3 and c4 bound once
		}
		if len(shared) != wantArgs {
			t.Fatalf("%d rows: %d arguments, want %d", rows, len(shared), wantArgs)
		}
		if _, err := db.Exec(q, shared...); err != nil {
			t.Fatalf("%d rows: %v\n%.300s", rows, err, q)
		}
		if _, err := db.Exec(multiInsert(strings.Replace(prefix, "shared", "every", 1), cols, rows, ""), args...); err != nil {
			t.Fatal(err)
		}
		got, want := tableRows(t, db, "shared"), tableRows(t, db, "every")
		if !slices.Equal(got, want) {
			t.Fatalf("%d rows: bound once gives\n%v\nbound each time gives\n%v", rows, got[:min(3, len(got))], want[:min(3, len(want))])
		}
	}
}

// tableRows returns each row of table as the types and values of its columns, in the order of the
// rows.
func tableRows(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	var cols []string
	for c := 0; c < 9; c++ {
		cols = append(cols, fmt.Sprintf("typeof(c%d) || ':' || quote(c%d)", c, c))
	}
	rows, err := db.Query(`SELECT ` + strings.Join(cols, " || ' ' || ") + ` FROM ` + table + ` ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var row string
		if err := rows.Scan(&row); err != nil {
			t.Fatal(err)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSharedColumnsComparesOnlyPlainValues: a float (0.0 is -0.0) or NaN is never shared, and a
// column whose values differ in type is not.
func TestSharedColumnsComparesOnlyPlainValues(t *testing.T) {
	args := []any{0.0, math.NaN(), "x", int64(0), []byte("a")}
	args = append(args, math.Copysign(0, -1), math.NaN(), "x", 0, []byte("a"))
	if got := sharedColumns(5, args); got != 1<<2|1<<4 {
		t.Fatalf("shared columns %05b, want 10100", got)
	}
}
