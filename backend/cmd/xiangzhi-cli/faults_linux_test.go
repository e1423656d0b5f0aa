package main

// The fault-injection harness (issue 9): the command line killed with SIGKILL at random moments
// during import, demo, issue and backup, and run on a file system that fills. After each fault the
// files are checked as the next start of the program would find them.
//
// Both run only when XIANGZHI_KILLS says how many kills per command (make faults, part of make test:
// 50; make soak: 500), not in every pass of the Go suite; the full disk needs root, to mount a small
// tmpfs.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store"
)

// childArgsEnv makes the test binary run the command line with the JSON list of arguments it holds.
const childArgsEnv = "XIANGZHI_CLI_CHILD_ARGS"

func TestMain(m *testing.M) {
	if a := os.Getenv(childArgsEnv); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(run(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// child is the command line with args as a process of its own, in dir.
func child(dir string, args ...string) *exec.Cmd {
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(a))
	return cmd
}

// killCase is one command under fire.
type killCase struct {
	name string
	// files are copied from the template folder into each run's folder first.
	files []string
	args  []string
	// made are the files the command makes beside the database; partial, patterns of the files it may
	// leave while in flight, which the next run of the command must clear; outputs, patterns of files
	// it makes under names of its own choosing, each of which must be whole when it is there.
	made, partial, outputs []string
}

const killDB = "乡治通 数据.db"

// TestKillAtRandom kills each command XIANGZHI_KILLS times at a random moment and checks the files
// after each kill: the database opens and passes integrity_check and foreign_key_check; every table
// holds what it held before the command or what it holds after a whole run, all of them one or all
// the other; no audit entry or stamp names a row that is not there; the outputs are whole or absent;
// nothing else is left in the folder but the database, SQLite's own files and the command's files in
// flight, and those go when the command is run again.
func TestKillAtRandom(t *testing.T) {
	kills, _ := strconv.Atoi(os.Getenv("XIANGZHI_KILLS"))
	if kills <= 0 {
		t.Skip("XIANGZHI_KILLS is not set (make test sets it)")
	}
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("XIANGZHI_KILL_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("XIANGZHI_KILL_SEED=%d", seed)
	tmpl := t.TempDir()
	makeTemplate(t, tmpl)
	notice := docs.Kinds()[0]
	cases := []killCase{
		{name: "import", files: []string{killDB, "名册.xlsx"}, args: []string{"roster", "import", "--db", killDB, "名册.xlsx"}},
		{name: "demo", args: []string{"demo", "--db", killDB, "--scale", "township"},
			partial: []string{killDB + ".new-*"}}, // a new database is built beside its name
		{name: "issue", files: []string{killDB, "通知.json"},
			args: []string{"doc", "render", "--kind", notice.Name, "--in", "通知.json", "-o", "通知.pdf", "--db", killDB, "--issue", "--issuer", "张三"},
			made: []string{"通知.pdf"}, partial: []string{"通知.pdf.partial"}},
		{name: "backup", files: []string{killDB}, args: []string{"backup", "--db", killDB, "--to", "副本.db"},
			made: []string{"副本.db"}, partial: []string{"副本.db.partial", "副本.db.partial-journal"}},
		// A full snapshot of another office merged (a pre-import backup first), and one written out: the
		// bundle is built in a working folder and published as .partial, renamed, its manifest last.
		{name: "bundle-import", files: []string{killDB, "县局.xzb", "县局.xzb.sha256"},
			args: []string{"bundle", "import", "--db", killDB, "县局.xzb"}, made: []string{"backups"}, partial: []string{".bundle-*"}},
		{name: "bundle-export", files: []string{killDB}, args: []string{"bundle", "export", "--db", killDB, "--full", "--to", "."},
			outputs: []string{"*.xzb", "*.xzb.sha256"}, partial: []string{".bundle-*", "*.partial"}},
	}
	for _, kc := range cases {
		t.Run(kc.name, func(t *testing.T) {
			t.Parallel() // two cores: the demo's long runs beside the others
			rng := rand.New(rand.NewSource(seed + int64(len(kc.name))))
			before, after, took := reference(t, tmpl, kc)
			t.Logf("a whole run takes %v", took)
			killed, finished := 0, 0
			outcomes := map[string]int{}
			for run := 0; killed < kills; run++ {
				if run > 3*kills {
					t.Fatalf("only %d of %d runs were killed before they ended", killed, run)
				}
				dir := runFolder(t, tmpl, kc)
				cmd := child(dir, kc.args...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rng.Int63n(int64(took))))
				cmd.Process.Signal(syscall.SIGKILL)
				err := cmd.Wait()
				if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					killed++
				} else if err != nil {
					t.Fatalf("run %d ended with %v: %s", run, err, stderr.String())
				} else {
					finished++
				}
				where := fmt.Sprintf("%s, run %d", kc.name, run)
				outcomes[checkAfterFault(t, where, dir, kc, before, after)]++
				os.RemoveAll(dir)
			}
			t.Logf("%d kills, %d runs that ended first; what they left: %v", killed, finished, outcomes)
		})
	}
}

// makeTemplate writes the starting files: a township database, a roster of new residents and a
// notice's input.
func makeTemplate(t *testing.T, dir string) {
	if out, err := child(dir, "demo", "--db", killDB, "--scale", "township").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v %s", err, out)
	}
	var rows []map[string]string
	day := time.Date(1931, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3000; i++ {
		rel := "子"
		if i%4 == 0 {
			rel = "户主"
		}
		rows = append(rows, map[string]string{"village": fmt.Sprintf("新建%d村", i%3), "group": fmt.Sprintf("第%d组", i%5+1),
			"household_code": fmt.Sprintf("K%05d", i/4), "relation": rel, "name": fmt.Sprintf("居民%d", i),
			"id_number": testIDNumber(day.AddDate(0, 0, i/900).Format("20060102"), 100+i%900), "address": fmt.Sprintf("%d号", i/4)})
	}
	if err := sheet.Write(filepath.Join(dir, "名册.xlsx"), rows); err != nil {
		t.Fatal(err)
	}
	// The example notice under a 文号 of its own: the demo's archive holds the example's (one 文号
	// names one paper).
	var notice map[string]any
	if err := json.Unmarshal([]byte(docs.Kinds()[0].Example), &notice); err != nil {
		t.Fatal(err)
	}
	notice["number"] = "丹政发〔2026〕901号"
	b, err := json.Marshal(notice)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "通知.json"), b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	// The office's exchange key, made now so that an export changes no row; and another office's full
	// snapshot, to be imported.
	other := filepath.Join(dir, "县局")
	steps := [][]string{{"peer", "card", "--db", killDB, "本单位.xzid"}, {"init", "--db", "县局/县局.db", "--office", "县民政局", "--short", "县局"},
		{"roster", "import", "--db", "县局/县局.db", "名册.xlsx"}, {"bundle", "export", "--db", "县局/县局.db", "--full", "--to", "县局"}}
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range steps {
		if out, err := child(dir, args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v %s", args, err, out)
		}
	}
	found, _ := filepath.Glob(filepath.Join(other, "*.xzb"))
	if len(found) != 1 {
		t.Fatalf("the other office's snapshot: %v", found)
	}
	for _, ext := range []string{"", ".sha256"} {
		if err := os.Rename(found[0]+ext, filepath.Join(dir, "县局.xzb"+ext)); err != nil {
			t.Fatal(err)
		}
	}
}

// testIDNumber makes a valid 18-character ID number born on birth (yyyymmdd) with serial (3 digits).
func testIDNumber(birth string, serial int) string {
	body := "431129" + birth + fmt.Sprintf("%03d", serial)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

// runFolder is a new folder holding the case's starting files.
func runFolder(t *testing.T, tmpl string, kc killCase) string {
	dir, err := os.MkdirTemp(t.TempDir(), kc.name)
	if err != nil {
		t.Fatal(err)
	}
	copyFiles(t, tmpl, dir, kc.files...)
	return dir
}

// copyFiles copies the named files from one folder to another.
func copyFiles(t *testing.T, from, to string, names ...string) {
	t.Helper()
	for _, f := range names {
		b, err := os.ReadFile(filepath.Join(from, f))
		if err == nil {
			err = os.WriteFile(filepath.Join(to, f), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// reference runs the case whole once and returns the tables' rows before and after it, and its time.
func reference(t *testing.T, tmpl string, kc killCase) (before, after map[string]int, took time.Duration) {
	dir := runFolder(t, tmpl, kc)
	before = map[string]int{} // no database yet: the demo
	if _, err := os.Stat(filepath.Join(dir, killDB)); err == nil {
		before = tableRows(t, filepath.Join(dir, killDB))
	}
	start := time.Now()
	if out, err := child(dir, kc.args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v %s", kc.name, err, out)
	}
	took = time.Since(start)
	after = tableRows(t, filepath.Join(dir, killDB))
	return before, after, took
}

// tableRows counts the rows of every table of the database at path.
func tableRows(t *testing.T, path string) map[string]int {
	db, err := store.Open(path, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return countRows(t, db)
}

func countRows(t *testing.T, db *store.DB) map[string]int {
	ctx := context.Background()
	names, err := querySQL[string](db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for _, n := range names {
		var c int
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM "`+n+`"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		rows[n] = c
	}
	return rows
}

func querySQL[T any](db *store.DB, q string) ([]T, error) {
	rows, err := db.SQL().Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// checkAfterFault checks the run's folder after a kill or a failure (see TestKillAtRandom).
// It returns what the kill left: "after", "before", "empty" (the demo's new file, nothing in it) or
// "none" (no database yet), with "+partial" when files in flight were there.
func checkAfterFault(t *testing.T, where, dir string, kc killCase, before, after map[string]int) (left string) {
	t.Helper()
	allowed := append(append([]string{killDB, killDB + "-wal", killDB + "-shm"}, kc.files...), kc.made...)
	var strays, partials []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch {
		case matchesAny(kc.partial, e.Name()):
			partials = append(partials, e.Name())
		case matchesAny(kc.outputs, e.Name()):
			checkOutput(t, where, filepath.Join(dir, e.Name()))
		case !slices.Contains(allowed, e.Name()):
			strays = append(strays, e.Name())
		}
	}
	if len(strays) > 0 {
		t.Errorf("%s: left %v", where, strays)
	}
	if len(partials) > 0 {
		// Files in flight: the command run again (after the checks below) must clear them.
		defer func() {
			left += "+partial"
			// (A paper archived before the kill keeps its 文号: issued again, it is refused.)
			if out, err := child(dir, kc.args...).CombinedOutput(); err != nil && !bytes.Contains(out, []byte("已存在")) &&
				!bytes.Contains(out, []byte("已用于存档号")) {
				t.Fatalf("%s: run again after the kill: %v %s", where, err, out)
			}
			for _, p := range partials {
				if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
					t.Errorf("%s: %s is still there after the command ran again", where, p)
				}
			}
		}()
	}
	path := filepath.Join(dir, killDB)
	if _, err := os.Stat(path); err != nil {
		if len(before) > 0 {
			t.Fatalf("%s: the database is gone", where)
		}
		return "none" // the demo killed before its file was made
	}
	db, err := store.Open(path, store.Options{Clock: clock})
	if err != nil {
		t.Fatalf("%s: the database does not open: %v", where, err)
	}
	defer db.Close() // (before the command runs again)
	checkSound(t, where, db)
	rows := countRows(t, db)
	switch {
	case sameRows(rows, after):
		left = "after"
	case len(before) == 0 && rows["villages"] == 0 && rows["documents"] == 0 && rows["residents"] == 0:
		left = "empty" // the demo killed after its empty file was made, before its one transaction committed
	case sameRows(rows, before):
		left = "before"
	default:
		t.Errorf("%s: rows are neither all as before nor all as after:\n%s", where, rowsDiff(before, rows, after))
	}
	for _, m := range kc.made {
		checkOutput(t, where, filepath.Join(dir, m))
	}
	return left
}

// checkSound runs integrity_check and foreign_key_check and looks for history rows (audit entries,
// field stamps) of rows that are not there.
func checkSound(t *testing.T, where string, db *store.DB) {
	t.Helper()
	if r, err := querySQL[string](db, `PRAGMA integrity_check`); err != nil || len(r) != 1 || r[0] != "ok" {
		t.Errorf("%s: integrity_check %v %v", where, r, err)
	}
	if r, err := querySQL[string](db, `SELECT "table" FROM pragma_foreign_key_check`); err != nil || len(r) > 0 {
		t.Errorf("%s: foreign_key_check %v %v", where, r, err)
	}
	tables, err := querySQL[string](db, `SELECT tbl FROM history_tables`)
	if err != nil {
		t.Fatal(err)
	}
	uuid := `lower(substr(hex(h.row_id),1,8)||'-'||substr(hex(h.row_id),9,4)||'-'||substr(hex(h.row_id),13,4)||'-'||substr(hex(h.row_id),17,4)||'-'||substr(hex(h.row_id),21))`
	for _, tbl := range tables {
		if tbl == "local_settings" || tbl == "settings" || tbl == "exchange_peers" {
			continue // keyed by name or site id, not by a row id
		}
		for _, hist := range []string{"audit_log", "field_versions"} {
			n, err := querySQL[int](db, `SELECT count(*) FROM `+hist+` h WHERE h.tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = '`+tbl+`') AND length(h.row_id) = 16
				AND NOT EXISTS (SELECT 1 FROM "`+tbl+`" r WHERE r.id = `+uuid+`)`)
			if err != nil {
				t.Fatalf("%s: %s of %s: %v", where, hist, tbl, err)
			}
			if n[0] > 0 {
				t.Errorf("%s: %d %s rows name %s rows that are not there", where, n[0], hist, tbl)
			}
		}
	}
}

// checkOutput checks that an output file, when there, is whole: a PDF to its %%EOF, a database that
// passes Inspect.
func checkOutput(t *testing.T, where, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return // not made: as before
	}
	switch filepath.Ext(path) {
	case ".pdf":
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF")) {
			t.Errorf("%s: %s is not a whole PDF (%d bytes)", where, filepath.Base(path), len(b))
		}
	case ".db":
		if _, err := store.Inspect(context.Background(), path); err != nil {
			t.Errorf("%s: %s does not check: %v", where, filepath.Base(path), err)
		}
	case ".xzb":
		// A bundle under its final name is whole: the database beside it takes it (and, its own,
		// says so after checking it through).
		db, err := store.Open(filepath.Join(filepath.Dir(path), killDB), store.Options{Clock: clock})
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		defer db.Close()
		_, err = exchange.Import(context.Background(), db, path, exchange.ImportOptions{Preview: true}, nil)
		if !errors.Is(err, exchange.ErrNotForUs) {
			t.Errorf("%s: %s is not a whole bundle: %v", where, filepath.Base(path), err)
		}
	}
}

func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}

func sameRows(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// rowsDiff lists the tables whose rows differ between before, now and after.
func rowsDiff(before, now, after map[string]int) string {
	var lines []string
	for k, v := range now {
		if v != before[k] || v != after[k] {
			lines = append(lines, fmt.Sprintf("  %s: before %d, now %d, after %d", k, before[k], v, after[k]))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestFullDisk runs import, backup, a document and the demo on a small file system that fills (a
// tmpfs, mounted as root): each fails saying the disk is full, and leaves the database sound and as
// it was, and no file of its own behind.
func TestFullDisk(t *testing.T) {
	if os.Getenv("XIANGZHI_KILLS") == "" {
		t.Skip("XIANGZHI_KILLS is not set (make test sets it)")
	}
	if os.Getuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	tmpl := t.TempDir()
	makeTemplate(t, tmpl)
	dbSize := fileSize(t, filepath.Join(tmpl, killDB))
	// mount is a new tmpfs of size bytes with what the case starts from copied into it.
	mount := func(t *testing.T, size int64, files ...string) string {
		dir := filepath.Join(t.TempDir(), "盘")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
		copyFiles(t, tmpl, dir, files...)
		return dir
	}
	// fill leaves about room bytes free in dir.
	fill := func(t *testing.T, dir string, room int64) {
		var st syscall.Statfs_t
		if err := syscall.Statfs(dir, &st); err != nil {
			t.Fatal(err)
		}
		if free := int64(st.Bavail) * st.Bsize; free > room {
			if err := os.WriteFile(filepath.Join(dir, "占位"), make([]byte, free-room), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// fails runs args in dir and wants exit 1 with a message that the disk is full.
	fails := func(t *testing.T, dir string, args ...string) {
		out, err := child(dir, args...).CombinedOutput()
		if err == nil || !bytes.Contains(out, []byte("磁盘已满")) {
			t.Errorf("%v: %v, want a full disk: %s", args, err, out)
		}
	}
	// soundAsBefore copies the database out of the full disk (as an officer who frees space) and
	// checks it holds what it held.
	soundAsBefore := func(t *testing.T, dir string) {
		out := t.TempDir()
		for _, f := range []string{killDB, killDB + "-wal", killDB + "-shm"} {
			if b, err := os.ReadFile(filepath.Join(dir, f)); err == nil {
				os.WriteFile(filepath.Join(out, f), b, 0o644)
			}
		}
		db, err := store.Open(filepath.Join(out, killDB), store.Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		checkSound(t, "after the full disk", db)
		if rows, before := countRows(t, db), tableRows(t, filepath.Join(tmpl, killDB)); !sameRows(rows, before) {
			t.Errorf("the database changed:\n%s", rowsDiff(before, rows, before))
		}
	}
	onlyThese := func(t *testing.T, dir string, names ...string) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !slices.Contains(append(names, "占位", killDB+"-wal", killDB+"-shm"), e.Name()) {
				t.Errorf("left %s", e.Name())
			}
		}
	}

	t.Run("import", func(t *testing.T) {
		dir := mount(t, dbSize+(256<<10), killDB)
		fails(t, dir, "roster", "import", "--db", killDB, filepath.Join(tmpl, "名册.xlsx"))
		onlyThese(t, dir, killDB)
		soundAsBefore(t, dir)
	})
	t.Run("backup", func(t *testing.T) {
		dir := mount(t, dbSize/2)
		fails(t, dir, "backup", "--db", filepath.Join(tmpl, killDB), "--to", "副本.db")
		onlyThese(t, dir)
	})
	t.Run("document", func(t *testing.T) {
		dir := mount(t, 1<<20)
		fill(t, dir, 16<<10)
		fails(t, dir, "doc", "render", "--kind", docs.Kinds()[0].Name, "--in", filepath.Join(tmpl, "通知.json"), "-o", "通知.pdf")
		onlyThese(t, dir)
	})
	t.Run("demo", func(t *testing.T) {
		dir := mount(t, 2<<20)
		fails(t, dir, "demo", "--db", "新.db", "--scale", "township")
		onlyThese(t, dir)
	})
}

func fileSize(t *testing.T, path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
