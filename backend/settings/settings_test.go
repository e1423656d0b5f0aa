package settings_test

import (
	"context"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/settings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

type recorder struct{ names []string }

func (r *recorder) Emit(name string, _ any) { r.names = append(r.names, name) }

func mustService(t *testing.T) (*settings.Service, *recorder) {
	t.Helper()
	db := storetest.Open(t, store.Options{OfficeName: "丹口镇"})
	rec := &recorder{}
	return &settings.Service{DB: db, Events: rec, DataDir: "/data", AppVersion: "1.2.3", AttachmentsDir: "/data/attachments"}, rec
}

func TestInfo(t *testing.T) {
	s, _ := mustService(t)
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.OfficeName != "丹口镇" || info.DataDir != "/data" || info.AppVersion != "1.2.3" || info.AttachmentsDir != "/data/attachments" ||
		info.SchemaVersion != len(store.Migrations()) || len(info.SiteID) != 32 || !strings.HasSuffix(info.DBPath, "xiangzhi.db") {
		t.Errorf("%+v", info)
	}
}

func TestSetNames(t *testing.T) {
	s, rec := mustService(t)
	ctx := context.Background()
	if err := s.SetOperator(ctx, "  杨明 "); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOfficeName(ctx, "丹口镇人民政府"); err != nil {
		t.Fatal(err)
	}
	info, _ := s.Info(ctx)
	if info.OfficeName != "丹口镇人民政府" || info.Operator != "杨明" {
		t.Errorf("%+v", info)
	}
	page, _ := s.Audit(ctx, 0, 1)
	if e := page.Entries[0]; e.Operator != "杨明" || e.Action != "update" || e.Table != "offices" {
		t.Errorf("audit %+v", e)
	}
	if len(rec.names) != 2 || rec.names[0] != "settings:changed" {
		t.Errorf("events %v", rec.names)
	}
}

func TestBadNamesChangeNothing(t *testing.T) {
	s, rec := mustService(t)
	ctx := context.Background()
	before, _ := s.Audit(ctx, 0, 1)
	cases := map[string]struct {
		field string
		call  func() error
		want  string
	}{
		"ErrOfficeNameRequired": {"officeName", func() error { return s.SetOfficeName(ctx, " \t") }, "不能为空"},
		"ErrOfficeNameTooLong":  {"officeName", func() error { return s.SetOfficeName(ctx, strings.Repeat("镇", 31)) }, "不能超过 30 个字"},
		"ErrOfficeNameNewline":  {"officeName", func() error { return s.SetOfficeName(ctx, "丹口\n镇") }, "换行"},
		"ErrOperatorRequired":   {"operator", func() error { return s.SetOperator(ctx, "") }, "不能为空"},
		// a person's name, printed as 经办人 and shown in the header: 28 characters filled it
		"ErrOperatorTooLong": {"operator", func() error { return s.SetOperator(ctx, strings.Repeat("王", 21)) }, "不能超过 20 个字"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := c.call()
			if err == nil || errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("got %v", err)
			}
			e := errs.As(err)
			if e.Field != c.field || !strings.Contains(e.Message, c.want) {
				t.Errorf("field %q message %q", e.Field, e.Message)
			}
		})
	}
	after, _ := s.Audit(ctx, 0, 1)
	info, _ := s.Info(ctx)
	if after.Total != before.Total || info.OfficeName != "丹口镇" || len(rec.names) != 0 {
		t.Errorf("bad input changed something: audit %d -> %d, office %q, events %v", before.Total, after.Total, info.OfficeName, rec.names)
	}
}

func TestBackupNow(t *testing.T) {
	s, rec := mustService(t)
	r, err := s.BackupNow(context.Background())
	if err != nil || !r.Verified || rec.names[0] != "settings:backup" {
		t.Errorf("%+v %v %v", r, err, rec.names)
	}
}

func TestBackupsFolder(t *testing.T) {
	s, _ := mustService(t)
	ctx := context.Background()
	empty, err := s.Backups(ctx)
	if err != nil || empty.Count != 0 || empty.Newest != nil || empty.Files == nil {
		t.Fatalf("%+v %v", empty, err)
	}
	r, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.Backups(ctx)
	if err != nil || f.Count != 1 || f.TotalBytes != r.Bytes || f.Newest == nil || f.Newest.Kind != "manual" ||
		!strings.HasSuffix(r.Path, f.Newest.Name) || f.Dir != s.DB.BackupDir() {
		t.Errorf("%+v %v (backup %+v)", f, err, r)
	}
}
