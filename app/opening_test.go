package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The database opens beside the window: a call that comes before the opening has ended waits for it
// and is then answered from the database; closing waits for it too, then closes the database; a
// refused, failed or faulty opening is every call's error, and Status says why.
func TestCallsWaitForTheOpening(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "乡治通 数据.db")
	db := storetest.OpenFile(t, path, store.Options{ShortName: "丹口"})
	if _, err := NewGridService(openedOn(db)).CreateNode(grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	defer func() { openStore = store.Open }()
	held := func() chan struct{} { // the next opening waits until the channel is closed
		release := make(chan struct{})
		openStore = func(path string, opts store.Options) (*store.DB, error) {
			<-release
			return store.Open(path, opts)
		}
		return release
	}
	notYet := func(c <-chan struct{}, what string) {
		select {
		case <-c:
			t.Fatalf("%s before the database was open", what)
		case <-time.After(50 * time.Millisecond):
		}
	}

	release := held()
	opened := openBeside(path, dir, nil, &windowEvents{})
	answered := make(chan struct{})
	villages := 0
	go func() {
		defer close(answered)
		vs, err := NewGridService(opened).Villages()
		if err != nil {
			t.Error(err)
		}
		villages = len(vs)
	}()
	notYet(answered, "answered")
	close(release)
	if <-answered; villages != 1 {
		t.Errorf("villages after the opening: %d", villages)
	}
	if st := NewAppService("1", path, opened, nil).Status(); !st.OK {
		t.Errorf("status: %+v", st)
	}
	opened.close()
	if err := opened.db.SQL().Ping(); err == nil {
		t.Error("the database is still open after close")
	}

	// The window closed while the file is still opening: the close waits for it, then closes it.
	release = held()
	early := openBeside(path, dir, nil, &windowEvents{})
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		early.close()
	}()
	notYet(closed, "closed")
	close(release)
	<-closed
	if err := early.db.SQL().Ping(); err == nil {
		t.Error("the database is still open after an early close")
	}

	// A fault inside the opening is shown as its reason, not a vanished program.
	openStore = func(string, store.Options) (*store.DB, error) { panic("测试故障") }
	faulty := openBeside(path, dir, nil, &windowEvents{})
	if st := NewAppService("1", path, faulty, nil).Status(); st.OK || st.Error == nil || !strings.Contains(st.Error.Message, "测试故障") {
		t.Errorf("faulty status: %+v", st)
	}
	if _, err := NewGridService(faulty).Villages(); errs.CodeOf(err) != errs.Internal {
		t.Errorf("faulty: %v", err)
	}
	faulty.close()
	openStore = store.Open

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

// Every function of the shell that reads what the opening made (x.o.db, o.grid, …) first waits for it
// and looks at the answer: a wait, ready or archive call whose result an if tests or an assignment
// keeps, in the function's own statements before the read, or in the condition of an if around it.
// Each service's ready and archive wait themselves. A field read before the opening ends is nil, or
// a data race.
func TestEveryUseOfTheDatabaseWaitsForTheOpening(t *testing.T) {
	fields := map[string]bool{}
	for _, f := range reflect.VisibleFields(reflect.TypeOf(opening{})) {
		if f.Name != "done" && f.Name != "err" {
			fields[f.Name] = true
		}
	}
	isWait := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
					switch sel.Sel.Name {
					case "wait", "ready", "archive":
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
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
		// check checks a function's body; a closure made after its function waited (a task's work)
		// has waited too.
		var check func(body *ast.BlockStmt, hasWaited bool)
		check = func(body *ast.BlockStmt, hasWaited bool) {
			// Where the function's own statements have waited, and the ifs whose condition waits.
			waited := token.NoPos
			if hasWaited {
				waited = body.Pos()
			}
			for _, st := range body.List {
				var at ast.Node
				switch st := st.(type) {
				case *ast.IfStmt:
					if st.Init != nil && isWait(st.Init) || isWait(st.Cond) {
						at = st
					}
				case *ast.AssignStmt:
					if isWait(st) && !isBlank(st.Lhs[len(st.Lhs)-1]) {
						at = st
					}
				}
				if at != nil {
					waited = at.End()
					break
				}
			}
			var guarded []*ast.IfStmt
			ast.Inspect(body, func(n ast.Node) bool {
				if n, ok := n.(*ast.IfStmt); ok && isWait(n.Cond) {
					guarded = append(guarded, n)
				}
				return true
			})
			ast.Inspect(body, func(n ast.Node) bool {
				if lit, ok := n.(*ast.FuncLit); ok {
					check(lit.Body, waited != token.NoPos && lit.Pos() > waited)
					return false
				}
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || !fields[sel.Sel.Name] || !readsOpening(sel.X) {
					return true
				}
				checked++
				ok = waited != token.NoPos && sel.Pos() > waited
				for _, g := range guarded {
					ok = ok || sel.Pos() > g.Body.Pos() && sel.End() < g.Body.End()
				}
				if !ok {
					t.Errorf("%s: reads o.%s before it waits for the opening", fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
				if fn.Recv != nil && (fn.Name.Name == "ready" || fn.Name.Name == "archive") && !isWait(fn.Body) {
					t.Errorf("%s: %s does not wait for the opening", fset.Position(fn.Pos()), fn.Name.Name)
				}
				check(fn.Body, false)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d reads of the opening found: the check no longer sees them", checked)
	}
}

// readsOpening says whether x is the opening: o, or a service's s.o.
func readsOpening(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name == "o"
	case *ast.SelectorExpr:
		return x.Sel.Name == "o"
	}
	return false
}

func isBlank(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == "_"
}

// While an older file is upgraded (most of a minute for a county's), Opening says so at once, with
// the versions, and says nothing once the opening has ended; a file of this version is not upgraded.
func TestOpeningSaysItUpgrades(t *testing.T) {
	dir := t.TempDir()
	old, err := os.ReadFile(filepath.Join("..", "backend", "store", "testdata", "v4.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "旧版 数据.db")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	defer func() { openStore = store.Open }()
	release := make(chan struct{})
	calls := 0
	openStore = func(path string, opts store.Options) (*store.DB, error) {
		upgrading := opts.Upgrading
		opts.Upgrading = func(from, to int) {
			calls++
			upgrading(from, to)
			<-release // the upgrade waits here while the test looks at the window's view of it
		}
		return store.Open(path, opts)
	}
	opened := openBeside(path, dir, nil, &windowEvents{})
	app := NewAppService("1", path, opened, nil)
	want := OpeningState{Upgrading: true, From: 4, To: len(store.Migrations())}
	for deadline := time.Now().Add(10 * time.Second); app.Opening() != want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("opening while upgrading: %+v, want %+v", app.Opening(), want)
		}
	}
	close(release)
	if st := app.Status(); !st.OK {
		t.Fatalf("status after the upgrade: %+v", st)
	}
	if s := app.Opening(); s != (OpeningState{}) {
		t.Errorf("opening after it ended: %+v", s)
	}
	opened.close()

	again := openBeside(path, dir, nil, &windowEvents{})
	if st := NewAppService("1", path, again, nil).Status(); !st.OK || calls != 1 {
		t.Errorf("a file of this version: status %+v, upgrades %d", st, calls)
	}
	again.close()
}
