package store_test

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

// writeSQL matches SQL that changes a database at the start of a statement (or after a WITH clause):
// the keyword and the word that must follow it, so English or Chinese prose ("Update failed",
// "新增 居民") is not taken for SQL.
var writeSQL = regexp.MustCompile(`(?is)(?:^|;|\)\s*)\s*(` +
	`insert\s+(?:or\s+\w+\s+)?into\b|replace\s+into\b|update\s+(?:or\s+\w+\s+)?["\w]+\s+set\b|delete\s+from\b|` +
	`drop\s+(?:table|index|view|trigger)\b|alter\s+table\b|` +
	`create\s+(?:temp\w*\s+|unique\s+|virtual\s+)?(?:table|index|view|trigger)\b|` +
	`vacuum\b|attach\b|detach\b|reindex\b|pragma\s+\w+\s*=|pragma\s+query_only\b)`)

// sqlString is the text of a string literal of a Go file, literals joined with + read as one (every
// non-literal part standing for a name), with where it stands.
type sqlString struct{ pos, text string }

// sqlStrings returns the strings of a Go file as SQL would read them.
func sqlStrings(fset *token.FileSet, f *ast.File) []sqlString {
	var found []sqlString
	seen := map[ast.Node]bool{}
	add := func(n ast.Node, s string) {
		s = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`).ReplaceAllString(s, "x") // fmt verbs stand for names
		s = regexp.MustCompile(`--[^\n]*`).ReplaceAllString(s, " ")             // SQL comments
		found = append(found, sqlString{fset.Position(n.Pos()).String(), s})
	}
	var join func(e ast.Expr) string
	join = func(e ast.Expr) string {
		switch x := e.(type) {
		case *ast.BasicLit:
			seen[x] = true
			if x.Kind == token.STRING {
				if s, err := strconv.Unquote(x.Value); err == nil {
					return s
				}
			}
			return " x "
		case *ast.BinaryExpr:
			if x.Op == token.ADD {
				return join(x.X) + join(x.Y)
			}
		case *ast.ParenExpr:
			return join(x.X)
		}
		return " x "
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BinaryExpr:
			if x.Op == token.ADD && !seen[x] {
				add(x, join(x))
			}
		case *ast.BasicLit:
			if x.Kind == token.STRING && !seen[x] {
				if s, err := strconv.Unquote(x.Value); err == nil {
					add(x, s)
				}
			}
		}
		return true
	})
	return found
}

// sqlWrites returns the statements in the string literals of a Go file that change a database.
func sqlWrites(fset *token.FileSet, f *ast.File) []string {
	var found []string
	for _, s := range sqlStrings(fset, f) {
		if m := writeSQL.FindString(s.text); m != "" {
			found = append(found, s.pos+": "+strings.TrimSpace(strings.Trim(m, ";)")))
		}
	}
	return found
}

// walkCode calls fn with every non-test Go file of the program outside backend/store (its path
// from the repository's root, and the file parsed), and fails when it found too few.
func walkCode(t *testing.T, fn func(root, path string, fset *token.FileSet, f *ast.File)) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(root, "backend", "store")
	checked := 0
	for _, dir := range []string{"app", "backend", "main.go"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (path == store || d.Name() == "node_modules" || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			checked++
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			fn(root, path, fset, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 50 {
		t.Fatalf("only %d files checked under %s", checked, root)
	}
}

// TestOneWritePath fails when Go code outside backend/store (tests aside) holds SQL that writes: a
// change to data must go through store's Write, which stamps and audits it, and SQL() is read-only.
func TestOneWritePath(t *testing.T) {
	walkCode(t, func(root, _ string, fset *token.FileSet, f *ast.File) {
		for _, w := range sqlWrites(fset, f) {
			rel, _ := filepath.Rel(root, w)
			t.Errorf("%s — writes outside the write path (use store.Tx Insert/Update/Delete)", filepath.ToSlash(rel))
		}
	})
}

// TestWriteSQLDetector: the scan of TestOneWritePath finds writes written in the usual ways and leaves
// reads and prose alone.
func TestWriteSQLDetector(t *testing.T) {
	writes := []string{
		"`INSERT INTO residents (id) VALUES (?)`",
		"\"insert or replace into x values (1)\"",
		"`\n\t\tUPDATE households SET phone = ? WHERE id = ?`",
		"\"UPDATE \" + table + \" SET deleted_at = ?\"",
		"fmt.Sprintf(\"UPDATE %s SET name = ?\", t)",
		"`DELETE FROM visits`",
		"`SELECT 1; DROP TABLE villages`",
		"`WITH old AS (SELECT id FROM visits) DELETE FROM visits WHERE id IN old`",
		"`CREATE TEMP TABLE scratch (x)`",
		"`CREATE UNIQUE INDEX x ON y (z)`",
		"`ALTER TABLE residents ADD COLUMN x`",
		"`REPLACE INTO local_settings VALUES (1, 2)`",
		"`PRAGMA query_only = 0`",
		"`-- a comment\nINSERT INTO x VALUES (1)`",
	}
	reads := []string{
		"`SELECT id, name FROM residents WHERE deleted_at IS NULL ORDER BY name`",
		"\"Update failed\"",
		"\"新增 居民：张三\"",
		"\"insert\"",
		"\"update\"",
		"`SELECT count(*) FROM audit_log WHERE action = 'update'`",
		"\"删除 %s 失败\"",
		"`PRAGMA journal_mode`",
		"\"created_at\"",
		"\"Create a table\"",
	}
	parse := func(expr string) []string {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", "package x\nvar _ = "+expr+"\n", 0)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return sqlWrites(fset, f)
	}
	for _, w := range writes {
		if len(parse(w)) == 0 {
			t.Errorf("not found: %s", w)
		}
	}
	for _, r := range reads {
		if got := parse(r); len(got) != 0 {
			t.Errorf("false positive: %s → %v", r, got)
		}
	}
}
