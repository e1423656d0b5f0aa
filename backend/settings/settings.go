// Package settings is the office's own settings: its name, who is working at this install, where the
// data lives, backups and the audit log.
package settings

import (
	"context"

	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Info is what the settings screen shows.
type Info struct {
	OfficeName string `json:"officeName"`
	ShortName  string `json:"shortName"` // 单位简称, carried by every number this office allocates
	Operator   string `json:"operator"`
	SiteID     string `json:"siteId"`
	CreatedAt  string `json:"createdAt"`
	DataDir    string `json:"dataDir"`
	DBPath     string `json:"dbPath"`
	BackupDir  string `json:"backupDir"`
	// AttachmentsDir is where attached photos and scans are kept, beside the database; backups do not
	// copy it.
	AttachmentsDir string `json:"attachmentsDir"`
	SchemaVersion  int    `json:"schemaVersion"`
	AppVersion     string `json:"appVersion"`
}

// MaxNameLength is the longest office name, in characters.
const MaxNameLength = 30

// MaxOperatorLength is the longest operator's name: a person's, printed on documents as 经办人 and
// shown in the window's header (a minority name written with its dot, 阿依古丽·买买提, is 8).
const MaxOperatorLength = 20

// Service holds what the settings functions need.
type Service struct {
	DB         *store.DB
	Events     events.Emitter
	DataDir    string
	AppVersion string
	// AttachmentsDir is the attachments folder of the database (backend/attachments), shown with the
	// backups because they do not hold it.
	AttachmentsDir string
}

// Info returns the office name, operator, identity and locations.
func (s *Service) Info(ctx context.Context) (Info, error) {
	site := s.DB.Site()
	office, err := s.DB.Get(ctx, "offices", site.OfficeID)
	if err != nil {
		return Info{}, err
	}
	name, _ := office["name"].(string)
	short, _ := office["short_name"].(string)
	return Info{
		OfficeName:     name,
		ShortName:      short,
		Operator:       s.DB.Operator(),
		SiteID:         site.SiteID,
		CreatedAt:      site.CreatedAt,
		DataDir:        s.DataDir,
		DBPath:         s.DB.Path(),
		BackupDir:      s.DB.BackupDir(),
		AttachmentsDir: s.AttachmentsDir,
		SchemaVersion:  s.DB.SchemaVersion(),
		AppVersion:     s.AppVersion,
	}, nil
}

// CleanName trims a name and checks it: not empty, at most MaxNameLength characters, no control
// characters. Code invalid naming field.
func CleanName(field, label, name string) (string, error) {
	return textrule.Name(field, label, name, MaxNameLength, true)
}

// SetOfficeName renames this office. Code invalid (field officeName) for a bad name.
func (s *Service) SetOfficeName(ctx context.Context, name string) error {
	name, err := CleanName("officeName", "单位名称", name)
	if err != nil {
		return err
	}
	return s.updateOffice(ctx, "name", name)
}

// SetShortName sets this office's short name (单位简称), which every number it allocates from then on
// carries; numbers already issued keep theirs. Code invalid (field shortName) for a bad name.
func (s *Service) SetShortName(ctx context.Context, short string) error {
	short, err := store.CleanShortName(short)
	if err != nil {
		return err
	}
	return s.updateOffice(ctx, "short_name", short)
}

// updateOffice sets one column of this office's row and tells the window.
func (s *Service) updateOffice(ctx context.Context, column, value string) error {
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Update("offices", s.DB.Site().OfficeID, store.Values{column: value})
		return err
	})
	if err == nil {
		s.emit("settings:changed")
	}
	return err
}

// SetOperator records who works at this install. Code invalid (field operator) for a bad name.
func (s *Service) SetOperator(ctx context.Context, name string) error {
	name, err := textrule.Name("operator", "操作员姓名", name, MaxOperatorLength, true)
	if err != nil {
		return err
	}
	if err := s.DB.SetOperator(ctx, name); err != nil {
		return err
	}
	s.emit("settings:changed")
	return nil
}

// BackupNow backs the database up into the backups folder.
func (s *Service) BackupNow(ctx context.Context) (store.BackupResult, error) {
	r, err := s.DB.BackupNow(ctx)
	if err == nil {
		s.emit("settings:backup")
	}
	return r, err
}

// PrepareRestore readies the backup name of the backups folder to replace the database when it is
// next opened (store.PrepareRestore): an open database cannot be replaced. Code invalid (field name)
// for a name not there or a damaged backup.
func (s *Service) PrepareRestore(ctx context.Context, name string) (store.BackupFile, error) {
	return s.DB.PrepareRestore(ctx, name)
}

// CancelRestore takes back the backup readied to replace the database.
func (s *Service) CancelRestore() error { return s.DB.CancelRestore() }

// Backups says what the backups folder holds: how many backups, their total size, the newest, and
// each of them (what is kept is explained at store.KeepDaily).
func (s *Service) Backups(ctx context.Context) (store.BackupFolder, error) {
	return s.DB.BackupFolder()
}

// Audit returns a page of the audit log, newest first.
func (s *Service) Audit(ctx context.Context, offset, limit int) (store.AuditPage, error) {
	return s.DB.Audit(ctx, offset, limit)
}

// FindAudit returns the page of the audit log q picks (by operator, kind, action, time), newest first.
func (s *Service) FindAudit(ctx context.Context, q store.AuditQuery) (store.AuditPage, error) {
	return s.DB.FindAudit(ctx, q)
}

// AuditChoices returns the operators, kinds and actions the audit log can be filtered by.
func (s *Service) AuditChoices(ctx context.Context) (store.AuditChoices, error) {
	return s.DB.AuditChoices(ctx)
}

func (s *Service) emit(name string) {
	if s.Events != nil {
		s.Events.Emit(name, nil)
	}
}
