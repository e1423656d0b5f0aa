package store

import (
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// The schema this program's migrations make is kept in schema_snapshot.json. Opening a file compares
// its schema with it (checkSchema); building it instead by running every migration in an in-memory
// database took 66 ms of every start of the program and of every command of the CLI. The snapshot
// names the sum of the migrations it was made from: when they differ (a migration added or changed),
// the schema is built as before, never taken from a stale file, and TestSchemaSnapshot fails until
// the snapshot is made again:
//
//	go test ./backend/store -run TestSchemaSnapshot -update

//go:embed schema_snapshot.json
var snapshotJSON []byte

// schemaSnapshot is the file's content.
type schemaSnapshot struct {
	Migrations string           `json:"migrations"` // migrationsKey, in hex
	Objects    []snapshotObject `json:"objects"`    // by name
}

type snapshotObject struct {
	Kind  string `json:"kind"`
	Name  string `json:"name"`
	Table string `json:"table"`
	SQL   string `json:"sql"`
}

// snapshotSchema returns the snapshot's schema when it was made of the migrations whose sum is key,
// else nil.
func snapshotSchema(key [32]byte) map[string]schemaObject {
	var f schemaSnapshot
	if err := json.Unmarshal(snapshotJSON, &f); err != nil || f.Migrations != hex.EncodeToString(key[:]) {
		return nil
	}
	out := make(map[string]schemaObject, len(f.Objects))
	for _, o := range f.Objects {
		out[o.Name] = schemaObject{kind: o.Kind, name: o.Name, table: o.Table, sql: o.SQL}
	}
	return out
}

// makeSnapshot returns the snapshot of schema s, made by the migrations whose sum is key, as the
// file holds it.
func makeSnapshot(key [32]byte, s map[string]schemaObject) ([]byte, error) {
	f := schemaSnapshot{Migrations: hex.EncodeToString(key[:])}
	for _, o := range s {
		f.Objects = append(f.Objects, snapshotObject{Kind: o.kind, Name: o.name, Table: o.table, SQL: o.sql})
	}
	sort.Slice(f.Objects, func(i, j int) bool { return f.Objects[i].Name < f.Objects[j].Name })
	b, err := json.MarshalIndent(f, "", "  ")
	return append(b, '\n'), err
}
