// Package backend_test holds the checks that span the domain packages.
package backend_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tableOwners names the domain package that owns each domain table: the only one that runs SQL on
// it. The store's own tables (audit, versions, site, settings) are reached through the store's
// functions and are not listed.
var tableOwners = func() map[string]string {
	owned := map[string][]string{
		"grid": {"villages", "pieces", "groups", "neighbourhoods", "households", "residents", "leaders", "visits",
			"household_cadence", "cadence_buckets", "village_counts", "person_decisions"},
		"cases":       {"cases", "case_events", "case_parties", "case_search", "case_search_keys", "case_search_vocab"},
		"docs":        {"documents"},
		"attachments": {"attachments"},
		"calendar":    {"holidays"},
	}
	out := map[string]string{}
	for owner, tables := range owned {
		for _, t := range tables {
			out[t] = owner
		}
	}
	return out
}()

// sqlTable finds the tables a statement reads or writes.
var sqlTable = regexp.MustCompile(`(?i)\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)\b`)

// No domain queries another's tables (issue 8 §2): a domain reads another's rows through that
// domain's functions (grid.ResidentsByName, grid.VisitsHeld, …), so that each table's rules —
// tombstones, the register's statuses, derived counts — live in one place. Every string literal of
// every non-test file below backend/ is read for the tables its SQL names. The store (the write
// path, backups, checks) and the command line's own checks are the only code above the domains.
func TestNoDomainQueriesAnothersTables(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		pkg := strings.Split(filepath.ToSlash(path), "/")[0]
		if pkg == "store" || pkg == "cmd" {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, m := range sqlTable.FindAllStringSubmatch(s, -1) {
				if owner, ok := tableOwners[strings.ToLower(m[1])]; ok && owner != pkg {
					t.Errorf("%s: %s runs SQL on %s, a table of %s: %q", path, pkg, m[1], owner, s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d files read: the walk did not find the packages", checked)
	}
}
