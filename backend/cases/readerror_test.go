package cases_test

import (
	"database/sql"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// A case whose row cannot be read is said to be unreadable, not missing: an officer told that a case
// does not exist would register it again. A case that is not there is still not_found.
func TestCaseReadFails(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	id, _, err := s.Register(ctx, input())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+db.Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// Its time limit made text, outside the write path (as another program could, checks off): the
	// row is there, reading it fails.
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec(`PRAGMA ignore_check_constraints = ON`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE cases SET limit_days = '七天' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, id); errs.CodeOf(err) != errs.Internal {
		t.Errorf("Get of an unreadable case: %v (%s)", err, errs.CodeOf(err))
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := cases.ActIn(tx, id, cases.Step{Action: cases.ActRemind, Days: 3}); err != nil && errs.CodeOf(err) != errs.Conflict {
			return err
		}
		_, err := cases.ReminderIn(tx, id, 3)
		return err
	})
	if errs.CodeOf(err) != errs.Internal {
		t.Errorf("a notice of an unreadable case: %v (%s)", err, errs.CodeOf(err))
	}
	if _, err := s.Get(ctx, "no-such-case"); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("Get of no case: %v", err)
	}
}
