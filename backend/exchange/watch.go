package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/fsplace"
	"xiangzhi/backend/store"
)

// WatchOptions say how to watch an exchange folder.
type WatchOptions struct {
	Passphrase string              // for bundles sealed with a passphrase
	Poll       time.Duration       // how often the folder is read again whatever the events; 0: PollShare or PollLocal
	Contained  []store.Containment // see ImportOptions
}

// How often a watched folder is read again: on a network share change events from other computers do
// not arrive, so it is read often; on a local disk events do the work, and the slow rescan only
// catches what a lost event missed.
const (
	PollShare = 10 * time.Second
	PollLocal = 5 * time.Minute
)

// CheckWatch says why Watch would refuse dir and opts, before anything is opened: the folder must be
// one, and the poll not negative. Code invalid, naming dir or poll.
func CheckWatch(dir string, opts WatchOptions) error {
	if opts.Poll < 0 {
		return errs.Field("poll", "重新查看文件夹的间隔（%s）不能是负数", opts.Poll)
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errs.Field("dir", "交换文件夹“%s”不存在", dir)
	case err != nil:
		return errs.Wrap(err, errs.Invalid, "无法读取交换文件夹“%s”", dir)
	case !fi.IsDir():
		return errs.Field("dir", "“%s”是一个文件，不是文件夹；请指明交换文件夹", dir)
	}
	return nil
}

// WatchEvent says what the watcher did with one bundle in the folder.
type WatchEvent struct {
	File    string        `json:"file"`
	Result  *ImportResult `json:"result,omitempty"`  // merged (or found merged before)
	Skipped string        `json:"skipped,omitempty"` // why it was left alone: not for this office, its own, …
	Err     error         `json:"-"`                 // it could not be merged; it is tried again when it changes
}

// Watch watches an exchange folder until ctx ends, and merges every bundle that arrives whole — its
// checksum manifest written and matching — and is for this office: first all that are there, then
// each as it comes. Change events (fsnotify) start a rescan; so do the watcher's errors and a lost
// event (overflow), and a poll (PollShare on a network share, where events do not arrive, PollLocal
// elsewhere). Bundles from an office that is not yet a peer are reported, not merged: a person confirms
// them. on is called for every bundle handled, once per version of its file.
func Watch(ctx context.Context, db *store.DB, dir string, opts WatchOptions, on func(WatchEvent)) error {
	if err := CheckWatch(dir, opts); err != nil {
		return err
	}
	poll := opts.Poll
	if poll == 0 {
		poll = PollLocal
		if fsplace.Where(dir).Network {
			poll = PollShare
		}
	}
	w := &watcher{db: db, dir: dir, opts: opts, on: on, seen: map[string]fileVersion{}}
	events, err := fsnotify.NewWatcher()
	if err == nil {
		if err = events.Add(dir); err != nil {
			events.Close()
		}
	}
	var changes <-chan fsnotify.Event
	var faults <-chan error
	if err == nil { // without events (a system that has none for this folder) the poll does it all
		defer events.Close()
		changes, faults = events.Events, events.Errors
	}
	w.scan(ctx)
	tick := time.NewTicker(poll)
	defer tick.Stop()
	var settle <-chan time.Time // a burst of events gives one rescan, once it has settled
	for {
		select {
		case <-ctx.Done():
			return nil
		case e, ok := <-changes:
			if !ok {
				changes = nil
				continue
			}
			if strings.HasSuffix(e.Name, ManifestExtension) || isBundleName(e.Name) {
				settle = time.After(300 * time.Millisecond)
			}
		case _, ok := <-faults: // an error, or events lost (fsnotify.ErrEventOverflow): read it all again
			if !ok {
				faults = nil
				continue
			}
			w.scan(ctx)
		case <-settle:
			settle = nil
			w.scan(ctx)
		case <-tick.C:
			w.scan(ctx)
		}
	}
}

// watcher remembers which version of each file it has handled.
type watcher struct {
	db   *store.DB
	dir  string
	opts WatchOptions
	on   func(WatchEvent)
	seen map[string]fileVersion
}

type fileVersion struct {
	size     int64
	modified time.Time
	manifest time.Time
}

func isBundleName(name string) bool {
	return strings.HasSuffix(name, Extension) || strings.HasSuffix(name, Extension+AgeExtension)
}

// scan handles every bundle in the folder whose manifest is there and which it has not handled in
// this version.
func (w *watcher) scan(ctx context.Context) {
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		w.on(WatchEvent{File: w.dir, Err: errs.Wrap(err, errs.Internal, "无法读取交换文件夹 %s", w.dir)})
		return
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && isBundleName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names) // oldest first: names carry the time they were made
	for _, name := range names {
		if ctx.Err() != nil {
			return
		}
		path := filepath.Join(w.dir, name)
		fi, err1 := os.Stat(path)
		mi, err2 := os.Stat(path + ManifestExtension)
		if err1 != nil || err2 != nil {
			continue // not whole yet: its manifest is written last
		}
		v := fileVersion{fi.Size(), fi.ModTime(), mi.ModTime()}
		if w.seen[name] == v {
			continue
		}
		w.seen[name] = v
		w.on(w.handle(ctx, path))
	}
}

// handle merges one bundle, or says why it leaves it.
func (w *watcher) handle(ctx context.Context, path string) WatchEvent {
	ev := WatchEvent{File: path}
	res, err := Import(ctx, w.db, path, ImportOptions{Passphrase: w.opts.Passphrase, Contained: w.opts.Contained}, nil)
	switch {
	case err == nil:
		ev.Result = &res
	case errors.Is(err, ErrNotForUs):
		ev.Skipped = errs.As(err).Message
	default:
		ev.Err = err
	}
	return ev
}
