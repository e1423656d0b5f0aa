package store_test

import (
	"context"
	"crypto/sha256"
	"os"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// A file whose schema is not what the migrations made — a planted trigger, a table replaced by a
// view, an index or column added — is refused by Open and by Inspect (check), naming what differs,
// and not a byte of it changes.
func TestPlantedSchemaIsRefused(t *testing.T) {
	for _, c := range []struct {
		name, sql, want string
	}{
		{"trigger", `CREATE TRIGGER wipe AFTER INSERT ON residents BEGIN
			UPDATE residents SET deleted_at = '2026-01-01' WHERE id <> NEW.id; END`, "多出触发器 wipe"},
		{"view", `DROP TABLE visits; CREATE VIEW visits AS SELECT * FROM households WHERE 0`, "表 visits 被换成了视图"},
		{"index", `CREATE INDEX spy ON residents (id_number)`, "多出索引 spy"},
		{"column", `ALTER TABLE residents ADD COLUMN extra TEXT`, "表 residents 的定义不同"},
		{"dropped trigger", `DROP TRIGGER household_cadence_household_insert`, "缺少触发器 household_cadence_household_insert"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := storetest.Open(t, store.Options{})
			path := db.Path()
			storetest.Tamper(t, db, `PRAGMA foreign_keys = OFF; `+c.sql)
			db.Close()
			before := fileSum(t, path)
			_, err := store.Open(path, store.Options{})
			e := wantCode(t, err, errs.Invalid)
			if !strings.Contains(e.Message, c.want) || !strings.Contains(e.Message, "未打开也未改动") {
				t.Errorf("open: %s", e.Message)
			}
			_, err = store.Inspect(context.Background(), path)
			if e := wantCode(t, err, errs.Invalid); !strings.Contains(e.Message, c.want) {
				t.Errorf("check: %s", e.Message)
			}
			if fileSum(t, path) != before {
				t.Error("the refused file changed")
			}
		})
	}
}

// A database written by an earlier version is compared with the schema of its own version, then
// upgraded: a sound old file opens.
func TestOldSchemaComparedAtItsVersion(t *testing.T) {
	// testdata/v4.db was written by the store of schema version 4 (today's store cannot write an old
	// schema: its history tables differ).
	db, err := store.Open(copyFixture(t, "v4.db"), store.Options{})
	if err != nil {
		t.Fatalf("a sound version-4 file: %v", err)
	}
	db.Close()
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// Every connection of the store runs with trusted_schema off.
func TestTrustedSchemaOff(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	for i := 0; i < 3; i++ {
		var on int
		if err := db.SQL().QueryRow("PRAGMA trusted_schema").Scan(&on); err != nil || on != 0 {
			t.Fatalf("trusted_schema %d (%v)", on, err)
		}
	}
}
