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

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/calendar"
	"xiangzhi/backend/cases"
	"xiangzhi/backend/contracts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/points"
	"xiangzhi/backend/selections"
	"xiangzhi/backend/settings"
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
	var svc *settings.Service
	var gridSvc *grid.Service
	var caseSvc *cases.Service
	var meetingSvc *meetings.Service
	var contractSvc *contracts.Service
	var pointSvc *points.Service
	var selectionSvc *selections.Service
	var attSvc *attachments.Service
	var lock *instanceLock
	var db *store.DB
	var openErr error
	if generatingBindings {
		// wails generate module runs the app only to read its bound methods: that run opens nothing
		// and leaves the officer's data folder as it is (the Makefile checks it).
		openErr = errs.New(errs.Internal, "仅生成前端接口，未打开数据库")
	} else {
		if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
			return err
		}
		openErr = store.RefuseBackup(dbPath) // before the lock: no lock file beside a backup
	}
	if openErr == nil {
		lock, openErr = lockDatabase(dbPath)
	}
	if openErr == nil {
		// The quick_check of a large file (seconds for a county) runs once the first screen shows
		// (dailyBackup starts it); a write before that starts it and waits for it, and a damaged file
		// is never written (store.Options.CheckInBackground).
		db, openErr = store.Open(dbPath, store.Options{AppVersion: Version, CheckInBackground: true})
	}
	if openErr == nil {
		// Deadlines count on the holidays this office entered, besides the built-in ones.
		if openErr = calendar.Apply(context.Background(), db); openErr != nil {
			db.Close()
			db = nil
		}
	}
	if openErr == nil {
		go db.WarmReaders(context.Background(), 2) // the first screen's two reads, while the window is made
		svc = &settings.Service{DB: db, Events: emitter, DataDir: dataDir, AppVersion: Version,
			AttachmentsDir: attachments.FolderIn(filepath.Dir(dbPath))}
		gridSvc = grid.NewService(db, emitter)
		caseSvc = cases.NewService(db, emitter)
		meetingSvc = meetings.NewService(db, emitter)
		contractSvc = contracts.NewService(db, emitter)
		pointSvc = points.NewService(db, emitter)
		selectionSvc = selections.NewService(db, emitter)
		// Attached files live beside the database, like its backups folder: the data folder for the
		// per-user database, and a database opened with --db keeps its own.
		attSvc = attachments.NewService(db, filepath.Dir(dbPath)) // files in attachments.FolderIn(that)
		defer db.Close()
	} else if !generatingBindings {
		log.Printf("xiangzhi: %v", openErr)
	}
	defer lock.release()

	appSvc := NewAppService(Version, dbPath, openErr, emitter)
	settingsSvc := NewSettingsService(svc, openErr)
	gridBound := NewGridService(gridSvc, openErr)
	taskBound := NewTaskService(emitter)
	rosterBound := NewRosterService(db, gridSvc, openErr, emitter, taskBound)
	docBound := NewDocService(db, openErr, emitter)
	caseBound := NewCaseService(caseSvc, db, docBound, emitter, openErr)
	meetingBound := NewMeetingService(meetingSvc, caseBound, docBound, openErr)
	contractBound := NewContractService(contractSvc, meetingSvc, docBound, emitter, openErr)
	pointBound := NewPointService(pointSvc, gridSvc, docBound, openErr)
	selectionBound := NewSelectionService(selectionSvc, gridSvc, docBound, openErr)
	tableBound := NewTableService(emitter, docBound)
	attBound := NewAttachmentService(attSvc, emitter, openErr)
	exchangeBound := NewExchangeService(db, openErr, emitter, taskBound)
	docBound.draftsDir = filepath.Join(dataDir, "drafts")

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
			if db != nil {
				go dailyBackup(db, emitter, appSvc.shown)
			}
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
