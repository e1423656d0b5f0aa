package exchange_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/store"
)

// TestWatchFolder: an office watching a shared folder merges a bundle for it once its manifest is
// there (not before), leaves alone a bundle sealed for another office and its own, and handles each
// version of a file once.
func TestWatchFolder(t *testing.T) {
	a, b, c := newOffice(t, "丹口镇", "丹口", 0), newOffice(t, "县民政局", "县局", 0), newOffice(t, "新华镇", "新华", 0)
	introduce(t, a, b, c)
	write(t, a, func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	share := t.TempDir()
	forC, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Peer: "新华", Dir: share}, nil)
	if err != nil {
		t.Fatal(err)
	}
	own, err := exchange.Export(ctx, b.db, exchange.ExportOptions{Peer: "丹口", Dir: share}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	events := make(chan exchange.WatchEvent, 16)
	done := make(chan error, 1)
	go func() {
		done <- exchange.Watch(wctx, b.db, share, exchange.WatchOptions{Poll: 100 * time.Millisecond},
			func(e exchange.WatchEvent) { events <- e })
	}()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	next := func() exchange.WatchEvent {
		t.Helper()
		select {
		case e := <-events:
			return e
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
		}
		return exchange.WatchEvent{}
	}
	skipped := map[string]bool{}
	for i := 0; i < 2; i++ {
		e := next()
		if e.Skipped == "" || e.Err != nil {
			t.Fatalf("event %+v", e)
		}
		skipped[e.File] = true
	}
	if !skipped[forC.Path] || !skipped[own.Path] {
		t.Fatalf("skipped %v", skipped)
	}
	// A bundle for b arrives as a sync engine delivers it: the bundle first, its manifest later.
	staged := t.TempDir()
	forB, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Peer: "县局", Dir: staged}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(share, filepath.Base(forB.Path))
	copyFile(t, forB.Path, dest)
	select {
	case e := <-events:
		t.Fatalf("taken before its manifest: %+v", e)
	case <-time.After(500 * time.Millisecond):
	}
	copyFile(t, forB.Manifest, dest+exchange.ManifestExtension)
	e := next()
	if e.File != dest || e.Result == nil || e.Result.Inserted != 2 {
		t.Fatalf("event %+v", e)
	}
	select {
	case e := <-events:
		t.Fatalf("handled twice: %+v", e)
	case <-time.After(500 * time.Millisecond):
	}
	if vs := ids(t, b.db, "villages"); len(vs) != 1 {
		t.Fatalf("b's villages: %v", vs)
	}
	if _, err := os.Stat(dest); err != nil || strings.Contains(dest, ".partial") {
		t.Fatal(err)
	}
}

// TestWatchRefuses: a negative poll (it panicked the ticker), a missing folder and a file given as the
// folder are refused before anything is watched, each naming its field.
func TestWatchRefuses(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir   string
		poll  time.Duration
		field string
		want  string
	}{
		{dir, -time.Second, "poll", "不能是负数"},
		{filepath.Join(dir, "none"), 0, "dir", "不存在"},
		{file, 0, "dir", "不是文件夹"},
	} {
		err := exchange.Watch(ctx, a.db, c.dir, exchange.WatchOptions{Poll: c.poll}, func(exchange.WatchEvent) {})
		if e := errs.As(err); e.Field != c.field || !strings.Contains(e.Message, c.want) {
			t.Errorf("%s %v: %v", c.dir, c.poll, err)
		}
	}
}

// TestUnnamedOfficeSpeaksForNobody: an office without its name or short name writes no card and no
// bundle — another office could not tell whose they are — and says what to fill in.
func TestUnnamedOfficeSpeaksForNobody(t *testing.T) {
	for _, o := range []*office{newOffice(t, "", "", 0), newOffice(t, "丹口镇", "", 0)} {
		card := filepath.Join(t.TempDir(), "c.xzid")
		if _, err := exchange.WriteCard(ctx, o.db, card); errs.As(err).Field != "shortName" {
			t.Errorf("card of %q: %v", o.name, err)
		}
		if _, err := os.Stat(card); err == nil {
			t.Errorf("card of %q written", o.name)
		}
		if _, err := exchange.Export(ctx, o.db, exchange.ExportOptions{Full: true, Dir: o.out}, nil); !strings.Contains(errs.As(err).Message, "名称和简称") {
			t.Errorf("bundle of %q: %v", o.name, err)
		}
		if left, _ := os.ReadDir(o.out); len(left) != 0 {
			t.Errorf("bundle of %q left %d files", o.name, len(left))
		}
	}
}
