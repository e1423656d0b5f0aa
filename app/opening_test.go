package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The database opens beside the window: a call that comes before the opening has ended waits for it
// and is then answered from the database; a failed opening is every call's error, and Status says
// why. Closing waits for the opening too.
func TestCallsWaitForTheOpening(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "乡治通 数据.db")
	db := storetest.OpenFile(t, path, store.Options{ShortName: "丹口"})
	if _, err := NewGridService(openedOn(db)).CreateNode(grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	o := &opening{done: make(chan struct{})}
	bound := NewGridService(o)
	answered := make(chan int)
	go func() {
		vs, err := bound.Villages()
		if err != nil {
			t.Error(err)
		}
		answered <- len(vs)
	}()
	select {
	case <-answered:
		t.Fatal("answered before the database was open")
	case <-time.After(50 * time.Millisecond):
	}
	opened := openBeside(path, dir, nil, &windowEvents{})
	<-opened.done
	o.err, o.db, o.grid = opened.err, opened.db, opened.grid
	close(o.done)
	if n := <-answered; n != 1 {
		t.Errorf("villages after the opening: %d", n)
	}
	if st := NewAppService("1", path, opened, nil).Status(); !st.OK {
		t.Errorf("status: %+v", st)
	}
	opened.close()

	// The second window on the same file is refused before anything opens: every call says why.
	refused := openBeside(path, dir, errs.New(errs.Conflict, "数据库已在另一个乡治通窗口中打开"), &windowEvents{})
	if _, err := NewGridService(refused).Villages(); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("refused: %v", err)
	}
	st := NewAppService("1", path, refused, nil).Status()
	if st.OK || st.Error == nil || !strings.Contains(st.Error.Message, "另一个") {
		t.Errorf("refused status: %+v", st)
	}
	refused.close()

	// A file that is no database: the opening fails, and says so.
	bad := filepath.Join(dir, "坏.db")
	if err := os.WriteFile(bad, []byte(strings.Repeat("不是数据库", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := openBeside(bad, dir, nil, &windowEvents{})
	if _, err := NewSettingsService(failed).Info(); err == nil {
		t.Error("a file that is no database opened")
	}
	if st := NewAppService("1", bad, failed, nil).Status(); st.OK || st.Error == nil {
		t.Errorf("failed status: %+v", st)
	}
	failed.close()
}

// Every function of the shell that reads what the opening made (X.o.db, X.o.grid, …) first waits for
// it, through wait or a service's ready or archive: a field read before the opening ends is nil, or a
// data race.
func TestEveryUseOfTheDatabaseWaitsForTheOpening(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "opening.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			waited := token.NoPos // where the first wait, ready or archive call is
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok && waited == token.NoPos {
					if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
						switch sel.Sel.Name {
						case "wait", "ready", "archive":
							waited = c.End()
						}
					}
				}
				return true
			})
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name == "wait" || sel.Sel.Name == "close" {
					return true
				}
				if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "o" {
					checked++
					if waited == token.NoPos || sel.Pos() < waited {
						t.Errorf("%s: %s reads o.%s before it waits for the opening", fset.Position(sel.Pos()), fn.Name.Name, sel.Sel.Name)
					}
				}
				return true
			})
		}
	}
	if checked < 100 {
		t.Errorf("only %d reads of the opening found: the check no longer sees them", checked)
	}
}
