package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
)

// syncWait bounds each wait on the engine: starting, and carrying one bundle across.
const syncWait = 60 * time.Second

// TestSyncthingExchange: two offices share an exchange folder through a real Syncthing — two
// instances on loopback, each with its own home and ports, introduced to each other only through
// their REST API, as a person would in the GUI. Each office watches its instance's copy of the
// folder (exchange.Watch, as the app does) and merges what arrives: a new village, then edits of the
// same field made at both offices without seeing each other, which is a conflict; one office settles
// it, and after one more exchange both hold the same data and no open conflict.
func TestSyncthingExchange(t *testing.T) {
	sa, sb := startSyncthing(t, "a"), startSyncthing(t, "b")
	pair(t, sa, sb)

	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", time.Minute)
	a.out, b.out = sa.folder, sb.folder
	introduce(t, a, b)
	wa, wb := watch(t, a), watch(t, b)

	var village string
	write(t, a, func(tx *store.Tx) (err error) {
		village, err = tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	if r := deliver(t, sa, sb, wb, send(t, a, b)); r.Inserted == 0 {
		t.Fatalf("b merged nothing: %+v", r)
	}

	// The same field edited at both offices before either hears of the other; b's write is later.
	setNotes(t, a, village, "甲")
	a.clock.Add(2 * time.Minute)
	setNotes(t, b, village, "乙")
	toB, toA := send(t, a, b), send(t, b, a)
	if r := deliver(t, sa, sb, wb, toB); r.Conflicts != 1 {
		t.Fatalf("b: %+v", r)
	}
	if r := deliver(t, sb, sa, wa, toA); r.Conflicts != 1 {
		t.Fatalf("a: %+v", r)
	}

	// A person at a keeps a's own value; the settlement is an edit that reaches b and settles it there.
	cs, err := a.db.Conflicts(ctx, false)
	if err != nil || len(cs) != 1 {
		t.Fatalf("a's conflicts: %+v %v", cs, err)
	}
	write(t, a, func(tx *store.Tx) error { return tx.SettleConflict(cs[0].ID, "local") })
	if r := deliver(t, sa, sb, wb, send(t, a, b)); r.Conflicts != 0 || r.Updated != 1 {
		t.Fatalf("b after the settlement: %+v", r)
	}

	for _, o := range []*office{a, b} {
		if v := notes(t, o, village); v != "甲" {
			t.Errorf("%s keeps %q, want the settled 甲", o.name, v)
		}
		if open, err := o.db.Conflicts(ctx, false); err != nil || len(open) != 0 {
			t.Errorf("%s still has open conflicts: %+v %v", o.name, open, err)
		}
	}
	if da, db := dump(t, a.db), dump(t, b.db); da != db {
		t.Fatalf("a and b differ: %s", firstDiff(da, db))
	}
}

// syncthing is one Syncthing instance the test runs.
type syncthing struct {
	name   string
	home   string // its configuration, keys, database and log
	folder string // its copy of the shared exchange folder
	gui    string // REST base URL
	key    string // REST API key
	listen string // the address it takes connections from the other instance on
	id     string // its device id
}

// startSyncthing generates a configuration with everything that reaches beyond loopback turned off
// (discovery, relays, NAT, usage and crash reports, upgrades), starts the engine on it and waits for
// its REST API. It is shut down when the test ends; its log is printed if the test failed.
func startSyncthing(t *testing.T, name string) *syncthing {
	t.Helper()
	bin, err := exec.LookPath("syncthing")
	if err != nil {
		// Not a skip: a skipped test would hide that the engine was never tried.
		t.Fatal("syncthing is not installed: install the Debian package syncthing (make apt)")
	}
	root := t.TempDir()
	s := &syncthing{name: name, home: filepath.Join(root, "home"), folder: filepath.Join(root, "exchange"),
		key: "xiangzhi-test-" + name, listen: "tcp://" + freeAddr(t)}
	s.gui = "http://" + freeAddr(t)
	if err := os.Mkdir(s.folder, 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "STNODEFAULTFOLDER=1", "STNOUPGRADE=1", "STNORESTART=1")
	gen := exec.Command(bin, "generate", "--home="+s.home, "--no-default-folder")
	gen.Env = env
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("syncthing generate: %v\n%s", err, out)
	}
	configure(t, filepath.Join(s.home, "config.xml"), map[string]string{
		"listenAddress":         s.listen,
		"globalAnnounceEnabled": "false",
		"localAnnounceEnabled":  "false",
		"relaysEnabled":         "false",
		"natEnabled":            "false",
		"urAccepted":            "-1",
		"crashReportingEnabled": "false",
		"autoUpgradeIntervalH":  "0",
		"startBrowser":          "false",
		"restartOnWakeup":       "false",
		"setLowPriority":        "false", // it shares two cores with the test; niced it would only be slower
		"reconnectionIntervalS": "1",     // a failed dial is tried again after a second, not a minute
	})
	logPath := filepath.Join(s.home, "syncthing.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--home="+s.home, "--no-browser", "--no-restart", "--no-upgrade",
		"--gui-address="+s.gui, "--gui-apikey="+s.key, "--logflags=3")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() { // before the TempDirs made above are removed
		// serve is a monitor process that runs the engine as its child, --no-restart or not: killing
		// the monitor would orphan the engine. Asked to shut down, the engine exits and the monitor
		// with it (seen to take up to 10 s now and then); it is killed only if it is still there
		// well after that.
		_ = s.rest("POST", "/rest/system/shutdown", nil, nil)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			t.Errorf("syncthing %s did not shut down; killing it", name)
			_ = cmd.Process.Kill()
			<-exited
		}
		logFile.Close()
		if t.Failed() {
			log, _ := os.ReadFile(logPath)
			t.Logf("syncthing %s log:\n%s", name, log)
		}
	})
	var status struct{ MyID string }
	deadline := time.Now().Add(syncWait)
	for s.rest("GET", "/rest/system/status", nil, &status) != nil || status.MyID == "" {
		if time.Now().After(deadline) {
			t.Fatalf("syncthing %s: no REST API at %s after %v", name, s.gui, syncWait)
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.id = status.MyID
	return s
}

// configure sets options in a generated config.xml. Each must be there once: an option renamed in
// another version of Syncthing fails the test instead of staying on silently.
func configure(t *testing.T, path string, options map[string]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for tag, v := range options {
		re := regexp.MustCompile("<" + tag + ">[^<]*</" + tag + ">")
		if n := len(re.FindAllIndex(b, -1)); n != 1 {
			t.Fatalf("%s: %d <%s> elements, want 1", path, n, tag)
		}
		b = re.ReplaceAllLiteral(b, []byte("<"+tag+">"+v+"</"+tag+">"))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// freeAddr returns a loopback address with a port nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// rest calls the instance's REST API with a JSON body (nil for none) and decodes the answer into out.
func (s *syncthing) rest(method, path string, body, out any) error {
	var in bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&in).Encode(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(method, s.gui+path, &in)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", s.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var msg bytes.Buffer
		_, _ = msg.ReadFrom(res.Body)
		return fmt.Errorf("syncthing %s: %s %s: %s %s", s.name, method, path, res.Status, msg.String())
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(res.Body).Decode(out)
}

const folderID = "xiangzhi-exchange"

// pair introduces the instances to each other and shares the exchange folder between them, then
// waits until they are connected. Only sa dials: sb knows sa's id but not its address ("dynamic",
// which finds nothing with discovery off). When both dial at once, Syncthing 1.19 can stall both
// handshakes until its 20 s hello timeout; one dialer, and sb set up before sa dials, make it one
// connection at the first try. The folder is rescanned often and watched besides the explicit scans.
func pair(t *testing.T, sa, sb *syncthing) {
	t.Helper()
	for _, s := range []*syncthing{sb, sa} {
		other, addr := sa, "dynamic"
		if s == sa {
			other, addr = sb, sb.listen
		}
		device := map[string]any{"deviceID": other.id, "name": other.name, "addresses": []string{addr}}
		folder := map[string]any{"id": folderID, "label": "交换", "path": s.folder, "type": "sendreceive",
			"devices":         []map[string]string{{"deviceID": s.id}, {"deviceID": other.id}},
			"rescanIntervalS": 5, "fsWatcherEnabled": true, "fsWatcherDelayS": 1}
		if err := s.rest("POST", "/rest/config/devices", device, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.rest("POST", "/rest/config/folders", folder, nil); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(syncWait)
	for {
		var conns struct {
			Connections map[string]struct{ Connected bool }
		}
		if err := sa.rest("GET", "/rest/system/connections", nil, &conns); err != nil {
			t.Fatal(err)
		}
		if conns.Connections[sb.id].Connected {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("syncthing a and b did not connect within %v", syncWait)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// watch runs exchange.Watch on the office's exchange folder until the test ends; the returned
// channel carries what it did with each bundle.
func watch(t *testing.T, o *office) <-chan exchange.WatchEvent {
	t.Helper()
	wctx, stop := context.WithCancel(ctx)
	events := make(chan exchange.WatchEvent, 64)
	done := make(chan error, 1)
	go func() {
		done <- exchange.Watch(wctx, o.db, o.out, exchange.WatchOptions{Poll: time.Second}, func(e exchange.WatchEvent) {
			select {
			case events <- e:
			case <-wctx.Done():
			}
		})
	}()
	t.Cleanup(func() { // before the office's database is closed
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return events
}

// deliver asks the sending instance to rescan its folder now (its watcher would, a second later),
// then waits until the receiving office's watcher has merged the bundle. Syncthing may bring the
// manifest before the bundle, or a bundle whose manifest is still on its way: the watcher takes a
// bundle only once its manifest matches and tries again when a file changes, so an error on the way
// is logged, not fatal; only the deadline is, and it says what the receiving folder holds.
func deliver(t *testing.T, from, to *syncthing, events <-chan exchange.WatchEvent, path string) exchange.ImportResult {
	t.Helper()
	if err := from.rest("POST", "/rest/db/scan?folder="+folderID, nil, nil); err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(path)
	timeout := time.After(syncWait)
	for {
		select {
		case e := <-events:
			if filepath.Base(e.File) != name {
				continue // another bundle: its own, or one it merged already
			}
			switch {
			case e.Err != nil:
				t.Logf("%s: %v (waiting for the rest of it)", name, e.Err)
			case e.Skipped != "":
				t.Fatalf("%s was not merged: %s", name, e.Skipped)
			case !e.Result.Manifest:
				t.Fatalf("%s was merged without its manifest", name)
			default:
				return *e.Result
			}
		case <-timeout:
			var there []string
			entries, _ := os.ReadDir(to.folder)
			for _, e := range entries {
				there = append(there, e.Name())
			}
			t.Fatalf("%s did not reach %s through syncthing within %v; its folder holds %q", name, to.name, syncWait, there)
		}
	}
}
