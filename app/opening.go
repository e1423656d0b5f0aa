package app

import (
	"context"
	"log"
	"path/filepath"
	"sync/atomic"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/calendar"
	"xiangzhi/backend/cases"
	"xiangzhi/backend/contracts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/events"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/points"
	"xiangzhi/backend/selections"
	"xiangzhi/backend/settings"
	"xiangzhi/backend/store"
)

// opening is the database and the domain services over it, opened beside the window: the window
// takes some 600 ms to ask its first question, and opening a county's file takes 30 ms or more (far
// more on a cold disk), which no longer come before the window starts. It is the bound services' one
// way to the database: each method calls wait (directly or through its service's ready) before it
// reads a field, and wait returns once the opening has ended, with the reason when it failed.
// The fields are set once, before done is closed.
type opening struct {
	done    chan struct{}
	err     error                        // why the database did not open (nil: it did)
	upgrade atomic.Pointer[OpeningState] // set when the file is being upgraded (store.Options.Upgrading)

	db          *store.DB
	settings    *settings.Service
	grid        *grid.Service
	cases       *cases.Service
	meetings    *meetings.Service
	contracts   *contracts.Service
	points      *points.Service
	selections  *selections.Service
	attachments *attachments.Service
}

// openStore is store.Open (a test puts a fault in its place).
var openStore = store.Open

// openBeside opens the database at dbPath on its own goroutine and returns at once; refused (when
// not nil) is why it must not be opened at all. emitter tells the window of the domains' events.
func openBeside(dbPath, dataDir string, refused error, emitter *windowEvents) *opening {
	o := &opening{done: make(chan struct{})}
	go func() {
		defer func() {
			// A fault in the opening is shown in the window as its reason, like a damaged file, and
			// every call waits no longer: the program does not vanish.
			if r := recover(); r != nil {
				o.db, o.err = nil, errs.New(errs.Internal, "打开数据库时程序出错：%v", r)
			}
			if o.err != nil && !generatingBindings {
				log.Printf("xiangzhi: %v", o.err)
			}
			close(o.done)
		}()
		if o.err = refused; o.err != nil {
			return
		}
		// The quick_check of a large file (seconds for a county) runs once the first screen shows
		// (dailyBackup starts it); a write before that starts it and waits for it, and a damaged file
		// is never written (store.Options.CheckInBackground).
		db, err := openStore(dbPath, store.Options{AppVersion: Version, CheckInBackground: true,
			Upgrading: func(from, to int) { o.upgrade.Store(&OpeningState{Upgrading: true, From: from, To: to}) }})
		if err == nil {
			// Deadlines count on the holidays this office entered, besides the built-in ones.
			if err = calendar.Apply(context.Background(), db); err != nil {
				db.Close()
			}
		}
		if err != nil {
			o.err = err
			return
		}
		go db.WarmReaders(context.Background(), 2) // the first screen's two reads, while the window is made
		o.set(db, dataDir, emitter)
	}()
	return o
}

// openedOn is the opening of a database that is already open (the tests of the bound services).
// Attached files are kept beside it.
func openedOn(db *store.DB) *opening {
	o := &opening{done: make(chan struct{})}
	o.set(db, "", nil)
	close(o.done)
	return o
}

// notOpened is an opening that ended without a database, because of err.
func notOpened(err error) *opening {
	o := &opening{done: make(chan struct{}), err: err}
	close(o.done)
	return o
}

// set makes the domain services over db.
func (o *opening) set(db *store.DB, dataDir string, emitter events.Emitter) {
	// Attached files live beside the database, like its backups folder: the data folder for the
	// per-user database, and a database opened with --db keeps its own.
	beside := filepath.Dir(db.Path())
	o.db = db
	o.settings = &settings.Service{DB: db, Events: emitter, DataDir: dataDir, AppVersion: Version,
		AttachmentsDir: attachments.FolderIn(beside)}
	o.grid = grid.NewService(db, emitter)
	o.cases = cases.NewService(db, emitter)
	o.meetings = meetings.NewService(db, emitter)
	o.contracts = contracts.NewService(db, emitter)
	o.points = points.NewService(db, emitter)
	o.selections = selections.NewService(db, emitter)
	o.attachments = attachments.NewService(db, beside) // files in attachments.FolderIn(beside)
}

// OpeningState is what the opening of the database is doing while the window waits for it.
type OpeningState struct {
	// Upgrading: the file was written by an older version and is being checked, backed up and
	// upgraded from schema version From to To.
	Upgrading bool `json:"upgrading"`
	From      int  `json:"from"`
	To        int  `json:"to"`
}

// state says what the opening is doing, without waiting for it; nothing once it has ended.
func (o *opening) state() OpeningState {
	select {
	case <-o.done:
		return OpeningState{}
	default:
	}
	if u := o.upgrade.Load(); u != nil {
		return *u
	}
	return OpeningState{}
}

// wait waits for the opening to end and says why there is no database, if there is none.
func (o *opening) wait() error {
	<-o.done
	if o.db == nil {
		return notOpen(o.err)
	}
	return nil
}

// close closes the database once the opening has ended (at the window's close).
func (o *opening) close() {
	if o.wait() == nil {
		o.db.Close()
	}
}
