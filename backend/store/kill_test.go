//go:build !windows

package store_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"xiangzhi/backend/store"
)

const killChildEnv = "XIANGZHI_KILL_CHILD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(killChildEnv); path != "" {
		os.Exit(killChild(path))
	}
	os.Exit(m.Run())
}

// killChild writes through the write path in a loop and prints each committed id, until killed.
func killChild(path string) int {
	db, err := store.Open(path, store.Options{Migrations: testMigrations()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	for i := 0; ; i++ {
		var id string
		err := db.Write(ctx, func(tx *store.Tx) (err error) {
			if id, err = tx.Insert("parents", store.Values{"name": "写入中", "n": i}); err != nil {
				return err
			}
			_, err = tx.Update("parents", id, store.Values{"note": fmt.Sprint("第", i, "次")})
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		os.Stdout.WriteString(id + "\n")
	}
}

// TestKillDuringWrites kills a writing process with SIGKILL at random moments, again and again, and
// checks that the file stays sound and every write the child reported as committed is there.
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var committed []string
	const runs = 60
	for run := 0; run < runs; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var ids []string
		done, first := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				mu.Lock()
				if ids = append(ids, sc.Text()); len(ids) == 1 {
					close(first)
				}
				mu.Unlock()
			}
		}()
		// Every other run is killed at a random moment from its start (opening, upgrading the first
		// time, writing); the others at a random moment after their first commit, so that writes are
		// killed however slowly a busy machine starts the child.
		if run%2 == 1 {
			select {
			case <-first:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("run %d: the child committed nothing in 60 s", run)
			}
		}
		time.Sleep(time.Duration(20+rng.Intn(180)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("run %d: child ended by itself: %v", run, err)
		}
		mu.Lock()
		committed = append(committed, ids...)
		mu.Unlock()
	}

	db, err := store.Open(path, store.Options{Migrations: testMigrations()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	db.SQL().QueryRow("PRAGMA integrity_check").Scan(&integrity)
	if integrity != "ok" {
		t.Fatalf("integrity_check: %s", integrity)
	}
	ctx := context.Background()
	for _, id := range committed {
		row, err := db.Get(ctx, "parents", id)
		if err != nil || row["note"] == nil {
			t.Fatalf("committed row %s: %v %v", id, row, err)
		}
	}
	// Every row in the file, reported or not, came with its stamps (the insert's row stamp and the
	// update's note stamp) and its two audit entries: all or nothing.
	var rows, stamps, audits int
	db.SQL().QueryRow("SELECT count(*) FROM parents").Scan(&rows)
	db.SQL().QueryRow("SELECT count(*) FROM field_versions WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'parents')").Scan(&stamps)
	db.SQL().QueryRow("SELECT count(*) FROM audit_log WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'parents')").Scan(&audits)
	if rows < len(committed) || stamps != 2*rows || audits != 2*rows {
		t.Errorf("%d rows (%d reported), %d stamps, %d audit entries", rows, len(committed), stamps, audits)
	}
	t.Logf("%d kills, %d committed writes reported, %d rows in the file", runs, len(committed), rows)
}
