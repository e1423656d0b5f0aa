package store

import (
	"context"
	"flag"
	"os"
	"testing"
)

var updateSnapshot = flag.Bool("update", false, "write schema_snapshot.json from the migrations")

// TestSchemaSnapshot: the snapshot is the schema the migrations make, built afresh in memory, so that
// opening a file compares it with the right schema without building it (schema_snapshot.go).
func TestSchemaSnapshot(t *testing.T) {
	ms := Migrations()
	key := migrationsKey(ms)
	built, err := buildSchema(context.Background(), ms)
	if err != nil {
		t.Fatal(err)
	}
	want, err := makeSnapshot(key, built)
	if err != nil {
		t.Fatal(err)
	}
	if *updateSnapshot {
		if err := os.WriteFile("schema_snapshot.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(snapshotJSON) != string(want) {
		t.Fatal("schema_snapshot.json is not the schema the migrations make; make it again: go test ./backend/store -run TestSchemaSnapshot -update")
	}
	if snapshotSchema(key) == nil {
		t.Fatal("the snapshot is not taken for the program's migrations")
	}
	// Migrations other than the program's (a file of an older version being checked) are not
	// compared with the snapshot.
	if snapshotSchema(migrationsKey(ms[:len(ms)-1])) != nil {
		t.Fatal("the snapshot is taken for other migrations")
	}
}
