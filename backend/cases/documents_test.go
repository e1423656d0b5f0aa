package cases_test

import (
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The 催办通知书 says what the case's timeline says: the matter was assigned to the unit on the day it
// was handed down (the day its 交办单 bears), not the day it was registered; and the notice is dated
// the day of its 催办 — recorded later, that day still — so the working days overdue and the new
// deadline count from it. A case never handed down was assigned when it was registered, and its notice
// names no 交办单 (its paper says 登记、由你单位承办, tested in docs). Asked for
// after any step but a 催办, it is refused.
func TestReminderIn(t *testing.T) {
	clock := storetest.NewClock(day("2026-11-27"))
	db := storetest.Open(t, store.Options{Clock: clock.Now, ShortName: "丹口", OfficeName: "丹口镇民情办"})
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	s := cases.NewService(db, nil)
	in := input()
	in.Level, in.RegisteredOn = "乡镇", "2026-11-02"
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []cases.Step{
		{Action: cases.ActAccept, Date: "2026-11-02"},
		{Action: cases.ActHandDown, Level: "村", Handler: "桃林村委会", Days: 5, Note: "五个工作日内修复", Date: "2026-11-09"},
	} {
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	remind := func(id string, st cases.Step) (m *docs.Reminder, err error) {
		err = db.Write(ctx, func(tx *store.Tx) error {
			if err := cases.ActIn(tx, id, st); err != nil {
				return err
			}
			m, err = cases.ReminderIn(tx, id, st.Days)
			if err == nil {
				err = m.Validate()
			}
			return err
		})
		return m, err
	}
	// 催办 recorded on the 27th, made on the 25th: the deadline was the 16th (five working days from the 9th).
	m, err := remind(id, cases.Step{Action: cases.ActRemind, Days: 3, Date: "2026-11-25"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Assigned != "2026-11-09" || m.Deadline != "2026-11-16" || m.Date != "2026-11-25" || m.To != "桃林村委会" || m.NewDays != 3 ||
		m.SlipNo == "" {
		t.Fatalf("the notice of a case handed down: %+v", m)
	}
	if n := m.Overdue(); n != 7 { // 17–20, 23–25 November
		t.Fatalf("overdue %d working days on the 25th, want 7", n)
	}

	// Never handed down: assigned at registration, to the level's office while no one is assigned.
	in = input()
	in.RegisteredOn = "2026-11-02" // 民生诉求: 7 working days, to the 11th
	other, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	m, err = remind(other, cases.Step{Action: cases.ActRemind, Days: 5})
	if err != nil {
		t.Fatal(err)
	}
	if m.Assigned != "2026-11-02" || m.Deadline != "2026-11-11" || m.Date != "2026-11-27" || m.To != "村级承办人" || m.Overdue() != 12 ||
		m.SlipNo != "" {
		t.Fatalf("the notice of a case never handed down: %+v (overdue %d)", m, m.Overdue())
	}

	// After another step there is no 催办 to write up.
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := cases.ActIn(tx, other, cases.Step{Action: cases.ActAccept}); err != nil {
			return err
		}
		_, err := cases.ReminderIn(tx, other, 3)
		return err
	})
	if errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("a notice after a 受理: %v", err)
	}
}
