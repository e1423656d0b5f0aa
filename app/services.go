package app

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"xiangzhi/backend/calendar"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/settings"
	"xiangzhi/backend/store"
)

// processStart is when this process started, for the startup time it reports.
var processStart = time.Now()

// Status says whether the database opened; when it did not, the window shows why.
type Status struct {
	OK      bool       `json:"ok"`
	Error   *ErrorJSON `json:"error,omitempty"`
	Version string     `json:"version"`
	DBPath  string     `json:"dbPath"`
	// IsBackup: the window was started on one of the program's backups, which it does not open; it
	// offers to copy it out (RestoreCopy).
	IsBackup bool `json:"isBackup"`
}

// AppService is the shell's own bound service: startup status and the first-screen signal.
type AppService struct {
	version, dbPath string
	o               *opening
	events          *windowEvents // the window, for dialogs
	shown           chan struct{} // closed when the first screen shows
	once            sync.Once
}

// NewAppService returns the service of a window started on dbPath, whose database o opens.
func NewAppService(version, dbPath string, o *opening, events *windowEvents) *AppService {
	return &AppService{version: version, dbPath: dbPath, o: o, events: events, shown: make(chan struct{})}
}

// RestoreCopy copies the backup the window was started on to a new file the officer chooses (checked;
// the backup is only read) and starts the program again on the copy. It returns the copy's path, ""
// when the officer cancels.
func (a *AppService) RestoreCopy() (string, error) {
	if !a.Status().IsBackup {
		return "", errs.New(errs.Invalid, "当前打开的不是乡治通的备份")
	}
	dest, err := saveDialog(a.events, dbFile, "把备份恢复为副本", "乡治通数据（由备份恢复）.db")
	if err != nil || dest == "" {
		return "", err
	}
	if _, err := store.RestoreCopy(context.Background(), a.dbPath, dest); err != nil {
		return "", err
	}
	return dest, relaunch(a.events, dest)
}

// Quit closes the program, as closing its window does (after RestoreBackup: the next start restores).
func (a *AppService) Quit() {
	if ctx := a.events.window(); ctx != nil {
		runtime.Quit(ctx)
	}
}

// Status returns whether the database opened and, if not, why (once the opening has ended).
func (a *AppService) Status() Status {
	err := a.o.wait()
	s := Status{OK: err == nil, Version: a.version, DBPath: a.dbPath, IsBackup: err != nil && store.IsBackupName(a.dbPath)}
	if err != nil {
		e := formatError(err).(ErrorJSON)
		s.Error = &e
	}
	return s
}

// Opening says what the opening of the database is doing, at once (Status waits for it to end): the
// window shows that an older file is being upgraded rather than stay blank.
func (a *AppService) Opening() OpeningState { return a.o.state() }

// Ready is called by the frontend when its first screen shows data; it logs the startup time.
func (a *AppService) Ready() {
	a.once.Do(func() {
		fmt.Fprintf(os.Stdout, "xiangzhi: first screen shown %d ms after start\n", time.Since(processStart).Milliseconds())
		close(a.shown)
	})
}

// SettingsService is the bound service of the 设置 screen.
type SettingsService struct{ o *opening }

// NewSettingsService returns the service over the database o opens; when it does not open every call
// fails with the reason.
func NewSettingsService(o *opening) *SettingsService { return &SettingsService{o: o} }

func (s *SettingsService) ready() error { return s.o.wait() }

// notOpen is the error of every call when the database did not open.
func notOpen(openErr error) error {
	if openErr != nil {
		return openErr
	}
	return errs.New(errs.Internal, "数据库未打开")
}

// Info returns the office, operator, locations and schema version.
func (s *SettingsService) Info() (settings.Info, error) {
	if err := s.ready(); err != nil {
		return settings.Info{}, err
	}
	return s.o.settings.Info(context.Background())
}

// SetOfficeName renames the office.
func (s *SettingsService) SetOfficeName(name string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.settings.SetOfficeName(context.Background(), name)
}

// SetShortName sets the office's short name (单位简称), carried by every number it allocates.
func (s *SettingsService) SetShortName(short string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.settings.SetShortName(context.Background(), short)
}

// SetOperator sets who is working at this install.
func (s *SettingsService) SetOperator(name string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.settings.SetOperator(context.Background(), name)
}

// BackupNow backs the database up into the backups folder.
func (s *SettingsService) BackupNow() (store.BackupResult, error) {
	if err := s.ready(); err != nil {
		return store.BackupResult{}, err
	}
	return s.o.settings.BackupNow(context.Background())
}

// Backups says what the backups folder holds.
func (s *SettingsService) Backups() (store.BackupFolder, error) {
	if err := s.ready(); err != nil {
		return store.BackupFolder{}, err
	}
	return s.o.settings.Backups(context.Background())
}

// RestoreBackup readies the backup name of the backups folder to replace the database when the
// program next starts (an open database cannot be replaced); the window then offers to close it.
func (s *SettingsService) RestoreBackup(name string) (store.BackupFile, error) {
	if err := s.ready(); err != nil {
		return store.BackupFile{}, err
	}
	return s.o.settings.PrepareRestore(context.Background(), name)
}

// CancelRestore takes back the backup readied to replace the database.
func (s *SettingsService) CancelRestore() error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.settings.CancelRestore()
}

// Audit returns the page of the audit log q picks (by operator, kind, action, time), newest first;
// code invalid naming the field for a bad filter.
func (s *SettingsService) Audit(q store.AuditQuery) (store.AuditPage, error) {
	if err := s.ready(); err != nil {
		return store.AuditPage{}, err
	}
	return s.o.settings.FindAudit(context.Background(), q)
}

// AuditChoices returns the operators, kinds and actions the audit log can be filtered by.
func (s *SettingsService) AuditChoices() (store.AuditChoices, error) {
	if err := s.ready(); err != nil {
		return store.AuditChoices{}, err
	}
	return s.o.settings.AuditChoices(context.Background())
}

// Holidays lists the years the working-day calendar knows, with the holidays the office entered.
func (s *SettingsService) Holidays() ([]calendar.YearInfo, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return calendar.Years(context.Background(), s.o.db)
}

// SetHolidays makes hs the office's arrangement of year (replacing the one entered before); deadlines
// count on it from now on.
func (s *SettingsService) SetHolidays(year int, hs []calendar.Holiday) error {
	if err := s.ready(); err != nil {
		return err
	}
	return calendar.SetYear(context.Background(), s.o.db, year, hs)
}

// ClearHolidays removes the arrangement the office entered for year.
func (s *SettingsService) ClearHolidays(year int) error {
	if err := s.ready(); err != nil {
		return err
	}
	return calendar.ClearYear(context.Background(), s.o.db, year)
}

// HolidayWarning names the year whose arrangement is missing while it is needed (next year from
// December on), Year 0 when none is.
func (s *SettingsService) HolidayWarning() (calendar.Warning, error) {
	if err := s.ready(); err != nil {
		return calendar.Warning{}, err
	}
	return calendar.Missing(s.o.db.Today()), nil
}
