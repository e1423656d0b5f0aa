package meetings_test

import (
	"encoding/json"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store/storetest"
)

// rollCall marks everyone of a meeting: the first voting member on leave, the rest come.
func rollCall(t *testing.T, w *world, id string) {
	t.Helper()
	m := w.get(t, id)
	for i, p := range m.Members {
		mk := meetings.Mark{Attendance: meetings.Present}
		switch {
		case !p.Voting:
			mk.Attendance = meetings.Observer
		case i == 0:
			mk = meetings.Mark{Attendance: meetings.OnLeave, Reason: "外出务工"}
		case i == 1:
			mk.Arrived = "09:20"
		}
		if err := w.s.MarkAttendance(ctx, p.ID, mk); err != nil {
			t.Fatal(err)
		}
	}
}

// Finalising locks the minutes and issues the 会议记录 and 会议纪要 from the meeting's own data in the
// same transaction: a failure of either leaves the minutes a draft and no paper in the archive. Once
// final, every change is refused; an addendum is dated, kept, and printed in a record issued again.
func TestFinalMinutesLockAndAddenda(t *testing.T) {
	w := open(t, day("2026-11-27"))
	id := w.held(t, meetings.KindTalk, "2026-11-27")
	// Not everyone marked, no record: refused, naming all that is missing at once (one per attempt
	// before: the roll call, then the record).
	// The check the window makes before it asks 确定？ says the same, and changes nothing.
	_, err := w.s.Finalise(ctx, w.archive, id)
	wantErr(t, err, errs.Invalid, "attendance")
	if also := errs.As(err).Also; len(also) != 1 || also[0].Field != "record" {
		t.Errorf("finalising with the roll call and the record missing: also %+v", also)
	}
	if check := w.s.CheckFinalise(ctx, id); check == nil || check.Error() != err.Error() || len(errs.As(check).Also) != 1 {
		t.Errorf("the check before finalising says %v, finalising says %v", check, err)
	}
	rollCall(t, w, id)
	_, err = w.s.Finalise(ctx, w.archive, id)
	wantErr(t, err, errs.Invalid, "record")
	wantErr(t, w.s.CheckFinalise(ctx, id), errs.Invalid, "record")
	if err := w.s.SaveMinutes(ctx, id, meetings.Minutes{Record: "蓝建国：通报第四季度民情办理情况。\n龙大海：第一邻的路灯坏了三盏。",
		Opinion: "本季度民情总体平稳，路灯维修要抓紧"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AddResolution(ctx, id, meetings.ResolutionInput{Text: "修复第一邻路灯", Handler: "刘志强", DueOn: "2026-12-10"}); err != nil {
		t.Fatal(err)
	}

	// The archive fails to take the 纪要 (after the lock and the 会议记录 are written): nothing remains.
	storetest.Tamper(t, w.db, `CREATE TRIGGER fail_summary BEFORE INSERT ON documents WHEN NEW.kind = 'summary'
		BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
	if _, err := w.s.Finalise(ctx, w.archive, id); err == nil {
		t.Fatal("finalised though the 纪要 could not be archived")
	}
	if m := w.get(t, id); m.State != meetings.StateRunning || m.IssueNo != "" {
		t.Fatalf("a failed finalising left %q %q", m.State, m.IssueNo)
	}
	if list, err := w.archive.BySource(ctx, meetings.Source(id)); err != nil || len(list) != 0 {
		t.Fatalf("a failed finalising left papers: %v %v", list, err)
	}
	storetest.Tamper(t, w.db, `DROP TRIGGER fail_summary`)
	if err := w.s.CheckFinalise(ctx, id); err != nil {
		t.Fatalf("minutes ready to finalise: the check says %v", err)
	}
	if m := w.get(t, id); m.State != meetings.StateRunning {
		t.Fatalf("the check changed the meeting to %q", m.State)
	}
	f, err := w.s.Finalise(ctx, w.archive, id)
	if err != nil {
		t.Fatal(err)
	}
	if f.Record.Kind != "record" || f.Summary.Kind != "summary" || f.Summary.Source != meetings.Source(id) {
		t.Fatalf("issued %+v", f)
	}
	var sum docs.Summary
	if err := json.Unmarshal([]byte(f.Summary.Input), &sum); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"应到5人，实到4人，请假1人", "会议认为，本季度民情总体平稳", "会议决定：", "一、修复第一邻路灯，由刘志强负责落实，2026年12月10日前完成"} {
		if !strings.Contains(sum.Intro+"\n"+sum.Body, want) {
			t.Errorf("纪要 lacks %q:\n%s\n%s", want, sum.Intro, sum.Body)
		}
	}
	if sum.Number != "2026年第1期" || !strings.Contains(sum.Leave, "外出务工") || !strings.Contains(sum.Present, "（09:20到会）") || sum.Issuer != "桃林村村民委员会" {
		t.Errorf("纪要 %+v", sum)
	}

	m := w.get(t, id)
	if m.State != meetings.StateFinal || m.FinalisedBy != "王丽" || m.FinalisedOn != "2026-11-27" {
		t.Fatalf("final: %+v", m)
	}
	// Locked: the minutes, the particulars, the roll, the agenda and the decisions.
	locked := []error{
		w.s.SaveMinutes(ctx, id, meetings.Minutes{Record: "改过的记录"}),
		w.s.Update(ctx, id, meetings.Input{Date: "2026-11-27", Place: "别处"}),
		w.s.MarkAttendance(ctx, m.Members[0].ID, meetings.Mark{Attendance: meetings.Present}),
		w.s.RemoveMember(ctx, m.Members[0].ID),
		w.s.Cancel(ctx, id, "不开了"),
		w.s.Delete(ctx, id),
	}
	_, err = w.s.AddItem(ctx, id, meetings.ItemInput{Title: "新议题"})
	locked = append(locked, err)
	_, err = w.s.AddResolution(ctx, id, meetings.ResolutionInput{Text: "新决定"})
	locked = append(locked, err)
	_, err = w.s.Finalise(ctx, w.archive, id)
	locked = append(locked, err)
	for i, err := range locked {
		if errs.As(err).Code != errs.Conflict {
			t.Errorf("change %d to final minutes: %v", i, err)
		}
	}
	if w.get(t, id).Record != m.Record {
		t.Fatal("final minutes changed")
	}

	// An addendum: dated, kept, printed in a new record; the first record stays in the archive.
	_, err = w.s.AddAddendum(ctx, w.archive, id, "2026-11-28", "补充")
	wantErr(t, err, errs.Invalid, "date") // tomorrow
	rec, err := w.s.AddAddendum(ctx, w.archive, id, "", "龙大海会后补充：第二邻也有一盏路灯不亮。")
	if err != nil {
		t.Fatal(err)
	}
	var r docs.Record
	if err := json.Unmarshal([]byte(rec.Input), &r); err != nil {
		t.Fatal(err)
	}
	if r.Addenda != "2026年11月27日补充：龙大海会后补充：第二邻也有一盏路灯不亮。" || !strings.Contains(r.Content, "龙大海：第一邻的路灯坏了三盏") {
		t.Fatalf("record with addendum: %+v", r)
	}
	list, err := w.archive.BySource(ctx, meetings.Source(id))
	if err != nil || len(list) != 3 {
		t.Fatalf("papers of the meeting: %v %v", list, err)
	}
	if a := w.get(t, id).Addenda; len(a) != 1 || a[0].Operator != "王丽" {
		t.Fatalf("addenda %+v", a)
	}
	// The addendum is append-only, in the database too.
	if _, err := w.db.SQL().Exec(`UPDATE meeting_addenda SET text = '改'`); err == nil {
		t.Fatal("an addendum was edited")
	}
	// Addenda belong to final minutes only.
	draft := w.held(t, meetings.KindAnalysis, "2026-11-27")
	_, err = w.s.AddAddendum(ctx, w.archive, draft, "", "补充")
	if errs.As(err).Code != errs.Conflict {
		t.Fatalf("addendum to a draft: %v", err)
	}
}

// A planned meeting's 会议通知 names its time, place, agenda and who must come; a meeting under way has
// none to issue, and a meeting's day cannot be started before it comes.
func TestNoticeOfAPlannedMeeting(t *testing.T) {
	w := open(t, day("2026-11-27"))
	_, err := w.s.Create(ctx, meetings.Input{Kind: meetings.KindReps, Date: "2026-12-03", Start: "09:00", End: "11:30", Place: "会议室"})
	if e := errs.As(err); e.Code != errs.Invalid || e.Field != "villageId" || e.Message != "请选择村（社区）" {
		t.Errorf("a meeting with no village chosen: %v", err)
	}
	id := w.meeting(t, meetings.KindReps, "2026-12-03")
	if err := w.s.Start(ctx, id); errs.As(err).Field != "date" {
		t.Fatalf("started before its day: %v", err)
	}
	if _, err := w.s.AddItem(ctx, id, meetings.ItemInput{Title: "审议村集体山林承包方案"}); err != nil {
		t.Fatal(err)
	}
	n, err := w.s.IssueNotice(ctx, w.archive, id)
	if err != nil {
		t.Fatal(err)
	}
	var notice docs.Notice
	if err := json.Unmarshal([]byte(n.Input), &notice); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2026年12月3日 上午9:00—11:30", "桃林村村委会议室", "（一）审议村集体山林承包方案。", "龙大海", "赵律师", "向蓝建国请假"} {
		if !strings.Contains(notice.Body, want) {
			t.Errorf("notice lacks %q:\n%s", want, notice.Body)
		}
	}
	if notice.Title != "关于召开桃林村2026年12月3日村民代表会议的通知" || n.Source != meetings.Source(id) {
		t.Errorf("notice %q %+v", notice.Title, n.Source)
	}
	w.clock.Set(day("2026-12-03"))
	if err := w.s.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.IssueNotice(ctx, w.archive, id); errs.As(err).Code != errs.Conflict {
		t.Fatalf("notice of a meeting under way: %v", err)
	}
}
