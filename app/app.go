// Package app is the desktop shell: it opens the database, builds the bound services and runs the
// Wails window. It holds no application logic; that lives in backend/.
package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// generatingBindings is true in the build that wails generate module makes (build tag bindings),
// which runs the app only to write the frontend's bindings (bindings_mode.go).
var generatingBindings bool

// Version is the program's version, set at build time with -ldflags "-X xiangzhi/app.Version=…".
var Version = "0.1.0-dev"

// Run opens the database (the per-user one, or --db PATH, or $XIANGZHI_DB), and shows the window
// until it is closed.
// When the database cannot be opened the window still shows, with the reason.
func Run(assets fs.FS) error {
	dataDir, err := DataDir()
	if err != nil {
		return err
	}
	dbPath := dbFlag(os.Args[1:])
	if dbPath == "" {
		dbPath = os.Getenv("XIANGZHI_DB")
	}
	if dbPath == "" {
		dbPath = filepath.Join(dataDir, "xiangzhi.db")
	} else if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	emitter := &windowEvents{}
	var refused error
	if generatingBindings {
		// wails generate module runs the app only to read its bound methods: that run opens nothing
		// and leaves the officer's data folder as it is (the Makefile checks it).
		refused = errs.New(errs.Internal, "仅生成前端接口，未打开数据库")
	} else {
		if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
			return err
		}
		refused = store.RefuseBackup(dbPath) // before the lock: no lock file beside a backup
	}
	var lock *instanceLock
	if refused == nil {
		lock, refused = lockDatabase(dbPath)
	}
	defer lock.release()
	// The database opens while the window is made; every bound service waits for it on its first call.
	o := openBeside(dbPath, dataDir, refused, emitter)
	defer o.close() // before the lock is released

	appSvc := NewAppService(Version, dbPath, o, emitter)
	settingsSvc := NewSettingsService(o)
	gridBound := NewGridService(o)
	taskBound := NewTaskService(emitter)
	rosterBound := NewRosterService(o, emitter, taskBound)
	docBound := NewDocService(o, emitter)
	docBound.draftsDir = filepath.Join(dataDir, "drafts")
	caseBound := NewCaseService(o, docBound, emitter)
	meetingBound := NewMeetingService(o, docBound)
	contractBound := NewContractService(o, docBound, emitter)
	pointBound := NewPointService(o, docBound)
	selectionBound := NewSelectionService(o, docBound)
	tableBound := NewTableService(emitter, docBound)
	attBound := NewAttachmentService(o, emitter)
	exchangeBound := NewExchangeService(o, emitter, taskBound)

	sum := sha256.Sum256([]byte(dbPath))
	placePath := filepath.Join(dataDir, "window.json")
	place := loadPlace(placePath)
	start := options.Normal
	if place.Maximised {
		start = options.Maximised
	}
	var placed sync.Once
	return wails.Run(&options.App{
		Title:            "乡治通",
		Width:            place.Width,
		Height:           place.Height,
		MinWidth:         minWidth,
		MinHeight:        minHeight,
		WindowStartState: start,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		BackgroundColour: &options.RGBA{R: 245, G: 247, B: 250, A: 1},
		OnStartup: func(ctx context.Context) {
			emitter.start(ctx)
			go func() {
				if o.wait() == nil {
					dailyBackup(o.db, emitter, appSvc.shown)
				}
			}()
		},
		// The window opens where it was closed, at the size it had (window.json in the data folder).
		OnDomReady: func(ctx context.Context) { placed.Do(func() { restorePlace(ctx, place) }) },
		OnBeforeClose: func(ctx context.Context) bool {
			rememberPlace(ctx, placePath, place)
			return false
		},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "xiangzhi-" + hex.EncodeToString(sum[:8]),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				if ctx := emitter.window(); ctx != nil {
					runtime.WindowUnminimise(ctx)
					runtime.WindowShow(ctx)
				}
			},
		},
		ErrorFormatter: formatError,
		Bind:           []any{appSvc, settingsSvc, gridBound, caseBound, meetingBound, contractBound, pointBound, selectionBound, rosterBound, docBound, taskBound, tableBound, attBound, exchangeBound},
		// Ctrl + / Ctrl − / Ctrl + wheel zoom the page in WebView2, for officers who need larger text.
		Windows: &windows.Options{IsZoomControlEnabled: true, ZoomFactor: 1.0},
	})
}

// dailyBackup, once the first screen shows (or 20 s after start when it does not report), runs the
// file's quick_check and then makes the day's first backup, and tells the window. Checking, copying
// and verifying a large file would otherwise compete with the first screen for the disk and the two
// cores. A file the check finds damaged is not backed up; the window is told why.
func dailyBackup(db *store.DB, ev *windowEvents, shown <-chan struct{}) {
	select {
	case <-shown:
	case <-time.After(20 * time.Second):
	}
	if err := db.Checked(context.Background()); err != nil {
		log.Printf("xiangzhi: %v", err)
		ev.Emit("settings:backup:failed", formatError(err))
		return
	}
	r, err := db.BackupDaily(context.Background())
	switch {
	case err != nil:
		log.Printf("xiangzhi: daily backup: %v", err)
		ev.Emit("settings:backup:failed", formatError(err))
	case r != nil:
		ev.Emit("settings:backup", r)
	}
}
