package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnknownFlagsAndJSON: every command refuses an unknown flag or a stray argument with its usage,
// and every listing command prints valid JSON with --json.
func TestUnknownFlagsAndJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	for _, args := range [][]string{
		{"init", "--db", db, "--nope"}, {"office", "--db", db, "stray"}, {"check", "--db", db, "--nope"},
		{"backup", "--db", db, "--to"}, {"demo", "--db", db, "--nope"}, {"visits", "overdue", "--db", db, "--nope"},
		{"doc", "kinds", "--jsonx"}, {"doc", "kinds", "stray"}, {"doc", "fonts", "--nope"},
		{"doc", "render", "--nope"}, {"doc", "reprint", "--db", db, "--nope"},
		{"roster", "import", "--db", db, "--nope", "x.xlsx"}, {"roster", "export", "--db", db, "--nope", "x.xlsx"},
	} {
		t.Run(strings.Join(args[:2], "_"), func(t *testing.T) {
			code, out, errOut := runCLI(args...)
			if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, "用法") {
				t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errOut)
			}
		})
	}
	for _, args := range [][]string{
		{"doc", "kinds", "--json"}, {"doc", "fonts", "--json"}, {"check", "--db", db, "--json"},
		{"office", "--db", db, "--json"}, {"visits", "overdue", "--db", db, "--json"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			code, out, errOut := runCLI(args...)
			var v any
			if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
				t.Errorf("%v: exit %d, %s %s", args, code, out, errOut)
			}
		})
	}
}
