package store_test

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
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
		"cases": {"cases", "case_events", "case_parties", "case_search", "case_search_keys", "case_search_vocab",
			"case_month_kinds", "case_month_villages"},
		"docs":        {"documents"},
		"attachments": {"attachments"},
		"calendar":    {"holidays"},
		"meetings": {"meetings", "meeting_members", "meeting_items", "meeting_resolutions", "meeting_case_links",
			"meeting_addenda", "rep_reviews"},
		"points": {"point_rules", "point_goods", "point_entries"},
		"contracts": {"legal_advisers", "adviser_villages", "contract_requests", "contract_versions", "contract_reviews",
			"contract_risks", "contract_events"},
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
// tombstones, the register's statuses, derived counts — live in one place. The SQL strings of every
// file outside backend/store (read as TestOneWritePath reads them) are checked against the owner
// of each domain table; app/, main.go and the command line own none.
func TestNoDomainQueriesAnothersTables(t *testing.T) {
	walkCode(t, func(root, path string, fset *token.FileSet, f *ast.File) {
		rel, _ := filepath.Rel(root, path)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		pkg := parts[0]
		if pkg == "backend" && len(parts) > 2 {
			pkg = parts[1]
		}
		for _, s := range sqlStrings(fset, f) {
			for _, m := range sqlTable.FindAllStringSubmatch(s.text, -1) {
				if owner, ok := tableOwners[strings.ToLower(m[1])]; ok && owner != pkg {
					t.Errorf("%s: %s runs SQL on %s, a table of %s: %q", filepath.ToSlash(rel), pkg, m[1], owner, s.text)
				}
			}
		}
	})
}
