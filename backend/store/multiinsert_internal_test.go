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

const testCols = 9

// sharedTestDB opens a plain SQLite file with tables every and shared of testCols columns.
func sharedTestDB(t *testing.T) *sql.DB {
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(t.TempDir(), "m.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, name := range []string{"every", "shared"} {
		if _, err := db.Exec(`CREATE TABLE ` + name + ` (c0, c1, c2, c3, c4, c5, c6, c7, c8)`); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// insertBoth writes args into shared through tx.sharedInsert and into every with a value bound for
// each, checks that the two tables hold the same values of the same types in the same order, and
// returns the statement and how many arguments it took.
func insertBoth(t *testing.T, db *sql.DB, tx *Tx, args []any) (string, int) {
	t.Helper()
	prefix := "INSERT INTO shared (c0, c1, c2, c3, c4, c5, c6, c7, c8) VALUES "
	q, shared := tx.sharedInsert(prefix, testCols, args, "")
	if _, err := db.Exec(q, shared...); err != nil {
		t.Fatalf("%v\n%.300s", err, q)
	}
	every := multiInsert(strings.Replace(prefix, "shared", "every", 1), testCols, len(args)/testCols, "")
	if _, err := db.Exec(every, args...); err != nil {
		t.Fatal(err)
	}
	got, want := tableRows(t, db, "shared"), tableRows(t, db, "every")
	if !slices.Equal(got, want) {
		t.Fatalf("bound once gives\n%v\nbound each time gives\n%v", got[:min(3, len(got))], want[:min(3, len(want))])
	}
	return q, len(shared)
}

// tableRows returns each row of table as the types and values of its columns, in the order of the
// rows.
func tableRows(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	var cols []string
	for c := 0; c < testCols; c++ {
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

// TestSharedInsertWritesWhatEachRowSays: a statement that binds shared columns once writes the same
// values, of the same types, as one that binds every value, in the same order; columns that only
// look alike (a float, text beside an integer, a NULL beside text, a nil blob beside an empty one)
// and blobs are bound row by row.
func TestSharedInsertWritesWhatEachRowSays(t *testing.T) {
	db := sharedTestDB(t)
	for _, rows := range []int{1, sharedRowsMin - 1, sharedRowsMin, 400} {
		var args []any
		for r := 0; r < rows; r++ {
			var mixed any = int64(1) // text in the last row: not shared
			if r == rows-1 {
				mixed = "1"
			}
			var nullOrText any  // NULL but in the first row
			blob := []byte(nil) // NULL but in the first row, which has an empty blob
			if r == 0 {
				nullOrText, blob = "", []byte{}
			}
			args = append(args,
				"丹口",               // shared text
				fmt.Sprint("行", r), // each its own
				int64(7),           // shared integer
				nil,                // shared NULL
				blob,
				1.5, // a float: never shared
				mixed, nullOrText,
				[]byte{byte(r % 2), 0x9a}, // blobs of one length, two values
			)
		}
		_, n := insertBoth(t, db, &Tx{}, args)
		want := len(args)
		if rows >= sharedRowsMin {
			want = 3 + rows*(testCols-3) // c0, c2 and c3 bound once
		}
		if n != want {
			t.Fatalf("%d rows: %d arguments, want %d", rows, n, want)
		}
	}
}

// rowsSharing returns 64 rows in which exactly the columns in shared have one value throughout.
func rowsSharing(shared ...int) []any {
	var args []any
	for r := 0; r < sharedRowsMin; r++ {
		for c := 0; c < testCols; c++ {
			if slices.Contains(shared, c) {
				args = append(args, fmt.Sprint("同", c))
			} else {
				args = append(args, fmt.Sprint(r, "-", c))
			}
		}
	}
	return args
}

// TestSharedColumnsOnlyBecomeFewer: two batches of one shape sharing different columns (as many)
// each write what they say; within one transaction a batch shares only what the batches before it
// of its shape shared, so a batch that shares more is written with the statement before it.
func TestSharedColumnsOnlyBecomeFewer(t *testing.T) {
	db := sharedTestDB(t)
	if _, n := insertBoth(t, db, &Tx{}, rowsSharing(0, 2)); n != 2+sharedRowsMin*(testCols-2) {
		t.Fatalf("%d arguments", n)
	}
	if _, n := insertBoth(t, db, &Tx{}, rowsSharing(1, 3)); n != 2+sharedRowsMin*(testCols-2) {
		t.Fatalf("%d arguments", n)
	}
	tx := &Tx{}
	first, _ := insertBoth(t, db, tx, rowsSharing(4, 5, 6))
	second, n := insertBoth(t, db, tx, rowsSharing(5, 6, 7))
	if n != 2+sharedRowsMin*(testCols-2) || second == first {
		t.Fatalf("the second batch took %d arguments, a statement of its own: %v", n, second != first)
	}
	if third, _ := insertBoth(t, db, tx, rowsSharing(4, 5, 6, 7)); third != second {
		t.Fatal("a batch sharing more than the one before it made a statement of its own")
	}
}

// TestSharedColumnsComparesOnlyPlainValues: a float (0.0 is -0.0), NaN or blob is never shared, and
// a column whose values differ in type is not.
func TestSharedColumnsComparesOnlyPlainValues(t *testing.T) {
	args := []any{0.0, math.NaN(), "x", int64(0), []byte("a")}
	args = append(args, math.Copysign(0, -1), math.NaN(), "x", 0, []byte("a"))
	if got := sharedColumns(5, args); got != 1<<2 {
		t.Fatalf("shared columns %05b, want 00100", got)
	}
}
