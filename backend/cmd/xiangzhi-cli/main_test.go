package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"xiangzhi/backend/store"
)

func runCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun returns a runner of the command line that fails t on an exit other than 0 and returns
// what it printed.
func mustRun(t *testing.T) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(args...)
		if code != 0 {
			t.Fatalf("%v: %s %s", args, out, errOut)
		}
		return out
	}
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")

	if code, out, _ := runCLI("init", "--db", db, "--office", "丹口镇"); code != 0 || !strings.Contains(out, "已新建") {
		t.Fatalf("init: %d %s", code, out)
	}
	code, out, _ := runCLI("check", "--db", db, "--json")
	var r struct {
		QuickCheck    string `json:"quickCheck"`
		SchemaVersion int    `json:"schemaVersion"`
		SiteID        string `json:"siteId"`
		Tables        []struct {
			Table string `json:"table"`
			Rows  int    `json:"rows"`
		} `json:"tables"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 {
		t.Fatalf("check --json: %d %v %s", code, err, out)
	}
	if r.QuickCheck != "ok" || r.SchemaVersion < 2 || len(r.SiteID) != 32 {
		t.Errorf("report %+v", r)
	}
	offices := -1
	for _, tc := range r.Tables {
		if tc.Table == "offices" {
			offices = tc.Rows
		}
	}
	if offices != 1 {
		t.Errorf("offices rows %d", offices)
	}
	backup := filepath.Join(dir, "copy.db")
	if code, out, _ := runCLI("backup", "--db", db, "--to", backup); code != 0 || !strings.Contains(out, "已备份") {
		t.Fatalf("backup: %d %s", code, out)
	}
	if code, _, _ := runCLI("check", "--db", backup); code != 0 {
		t.Errorf("the backup does not check: %d", code)
	}

	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("x", 5000)), 0o644)
	failures := map[string][]string{
		"InitExisting":    {"init", "--db", db},
		"CheckMissing":    {"check", "--db", filepath.Join(dir, "none.db")},
		"CheckGarbage":    {"check", "--db", garbage},
		"NoDB":            {"check"},
		"BackupNoTarget":  {"backup", "--db", db},
		"BackupOverwrite": {"backup", "--db", db, "--to", backup},
		"UnknownCommand":  {"frobnicate"},
		"UnknownFlag":     {"check", "--db", db, "--nope"},
	}
	for name, args := range failures {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := runCLI(args...)
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			if code != 1 || !strings.HasPrefix(lines[0], "错误：") || !strings.Contains(lines[0], "| error (") {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); !os.IsNotExist(err) {
		t.Error("check created a database")
	}
}

// TestCheckOldVersionChangesNothing: check on a database written by schema version 1 (the store's
// checked-in sample) reports both versions and the upgrade to come, and leaves every byte as it was.
func TestCheckOldVersionChangesNothing(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "store", "testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "v1.db")
	if err := os.WriteFile(db, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("check", "--db", db)
	if code != 0 {
		t.Fatalf("check: %d %s %s", code, out, errOut)
	}
	program := len(store.Migrations())
	for _, want := range []string{"结构版本：1（本程序：" + strconv.Itoa(program) + "）", store.UpgradeNote, "offices"} {
		if !strings.Contains(out, want) {
			t.Errorf("output does not say %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI("check", "--db", db, "--json")
	var r store.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || r.SchemaVersion != 1 ||
		r.ProgramVersion != program || r.Upgrade == "" || len(r.SiteID) != 32 {
		t.Errorf("check --json: %d %v %+v", code, err, r)
	}
	after, err := os.ReadFile(db)
	if err != nil || !bytes.Equal(after, src) {
		t.Error("check changed the file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("check left files beside the database: %v", entries)
	}
}
