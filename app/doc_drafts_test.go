package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The drafts are kept per operator in the data folder and read back after a restart (a new service
// over the same folder); a draft too large is refused and the kept one stays.
func TestKeptDrafts(t *testing.T) {
	db := storetest.Open(t, store.Options{})
	dir := filepath.Join(t.TempDir(), "drafts")
	s := NewDocService(openedOn(db), &windowEvents{})
	s.draftsDir = dir
	if got, err := s.Drafts(); got != "" || err != nil {
		t.Fatalf("no drafts yet: %q %v", got, err)
	}
	if err := db.SetOperator(context.Background(), "杨明"); err != nil {
		t.Fatal(err)
	}
	const kept = `{"drafts":{"notice":{"title":"关于停水的通知"}}}`
	if err := s.KeepDrafts(kept); err != nil {
		t.Fatal(err)
	}
	again := NewDocService(openedOn(db), &windowEvents{})
	again.draftsDir = dir
	if got, err := again.Drafts(); got != kept || err != nil {
		t.Errorf("after a restart: %q %v", got, err)
	}
	if err := again.KeepDrafts(strings.Repeat("x", maxDraftsBytes+1)); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("a draft too large: %v", err)
	}
	if got, _ := again.Drafts(); got != kept {
		t.Errorf("the refused draft replaced the kept one: %d bytes", len(got))
	}
	// Another officer at the desk has drafts of their own.
	if err := db.SetOperator(context.Background(), "王丽"); err != nil {
		t.Fatal(err)
	}
	if got, _ := again.Drafts(); got != "" {
		t.Errorf("王丽 sees 杨明's drafts: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the drafts folder", len(entries))
	}
}
