package contracts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/contracts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store/storetest"
)

// signed takes a contract of these terms through review to signing, on the world's day.
func (w *world) signed(t *testing.T, title string, terms contracts.Terms) string {
	t.Helper()
	id, err := w.s.Submit(ctx, contracts.RequestInput{VillageID: w.village, Title: title, Type: "服务", SubmittedBy: "杨丽", Terms: terms})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.StartReview(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(), Conclusion: contracts.Agree}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Sign(ctx, id, contracts.SignInput{}); err != nil {
		t.Fatal(err)
	}
	return id
}

// Alerts come from today to 30 days ahead (the default), both ends included, and a review is overdue
// from the day after its deadline.
func TestAlertsAtTheBoundaryDays(t *testing.T) {
	w := open(t, day("2026-11-02"))
	// today 2026-11-02; 30 days ahead is 2026-12-02
	w.signed(t, "保洁服务合同", contracts.Terms{Counterparty: "城步县洁美保洁服务部", Amount: "6000", TermStart: "2026-01-01",
		TermEnd: "2026-12-02", NoticeDays: 30,
		Payments: []contracts.PaymentInput{{Due: "2026-11-01", Amount: "3000"}, {Due: "2026-11-02", Amount: "3000"}}})
	w.signed(t, "路灯维护合同", contracts.Terms{Counterparty: "城步县光明电器维修店", Amount: "2000", TermEnd: "2026-12-03",
		Payments: []contracts.PaymentInput{{Due: "2026-12-03", Amount: "2000"}}})
	pending, err := w.s.Submit(ctx, contracts.RequestInput{VillageID: w.village, Title: "村部电脑采购合同", Type: "采购", SubmittedBy: "杨丽",
		Terms: contracts.Terms{Counterparty: "城步县新华书店"}})
	if err != nil {
		t.Fatal(err)
	}
	// due five working days after Monday 11-02, counted from the next: 11-03, 04, 05, 06 and Monday 11-09
	alerts := func() string {
		t.Helper()
		list, err := w.s.Alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, fmt.Sprintf("%s %s %s %d", a.Title, a.Kind, a.Date, a.DaysLeft))
		}
		return strings.Join(out, "|")
	}
	want := "保洁服务合同 续约通知 2026-11-02 0|保洁服务合同 付款 2026-11-02 0|保洁服务合同 合同到期 2026-12-02 30"
	if got := alerts(); got != want {
		t.Fatalf("alerts on 11-02:\n%s\nwant\n%s", got, want)
	}
	w.clock.Set(day("2026-11-09")) // the review's last day: not yet overdue
	if got := alerts(); strings.Contains(got, "审查超期") {
		t.Fatalf("overdue on its last day: %s", got)
	}
	w.clock.Set(day("2026-11-10")) // the next working day: one working day over
	list, err := w.s.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 || list[0].RequestID != pending || list[0].Kind != contracts.AlertOverdue || list[0].Note != "审查已超期1个工作日（待审）" ||
		list[0].DaysLeft != -1 {
		t.Fatalf("overdue: %+v", list)
	}
	p, err := w.s.List(ctx, contracts.Query{Overdue: true})
	if err != nil || p.Total != 1 || p.Items[0].DaysOver != 1 {
		t.Fatalf("overdue list: %+v %v", p, err)
	}
	// The 路灯 contract's end and payment (12-03) come into view 30 days before.
	w.clock.Set(day("2026-11-03"))
	if got := alerts(); !strings.Contains(got, "路灯维护合同 合同到期 2026-12-03 30") || !strings.Contains(got, "路灯维护合同 付款 2026-12-03 30") {
		t.Fatalf("alerts on 11-03: %s", got)
	}
}

// The opinion and its 意见书 are one write: an archive that fails leaves no opinion, no risk, no step.
func TestOpinionAndItsPaperTogether(t *testing.T) {
	w := open(t, day("2026-11-02"))
	id := w.submit(t, landTransfer())
	if err := w.s.StartReview(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	storetest.Tamper(t, w.db, `CREATE TRIGGER fail_review BEFORE INSERT ON documents WHEN NEW.kind = 'review'
		BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
	in := contracts.OpinionInput{Checklist: checklist("违约责任", contracts.ProcedureItem), Conclusion: contracts.AgreeRevised, Reasons: "见风险点",
		Risks: []contracts.RiskInput{{Level: "高", Clause: "第五条", Problem: "没有违约责任"}}}
	if _, err := w.s.RecordOpinion(ctx, w.archive, id, in); err == nil {
		t.Fatal("an opinion was recorded though its paper could not be archived")
	}
	if r := w.get(t, id); r.State != contracts.StateReviewing || len(r.Reviews) != 0 || len(r.Risks) != 0 || len(r.Events) != 2 {
		t.Fatalf("a failed opinion left %s, %d reviews, %d risks, %d events", r.State, len(r.Reviews), len(r.Risks), len(r.Events))
	}
	storetest.Tamper(t, w.db, `DROP TRIGGER fail_review`)
	if _, err := w.s.RecordOpinion(ctx, w.archive, id, in); err != nil {
		t.Fatal(err)
	}
}

// A village has one adviser: assigning another ends the first's service (and registry post) the day
// before; the adviser's attendance is counted from the village's 两委会议 while they served it; the
// licence number is 17 digits.
func TestAdvisersServeVillagesAndAttend(t *testing.T) {
	w := open(t, day("2026-03-01"))
	_, err := w.s.AddAdviser(ctx, contracts.AdviserInput{Name: "刘明", LicenceNo: "1430520"})
	wantErr(t, err, errs.Invalid, "licenceNo")
	_, err = w.s.AssignVillage(ctx, w.adviser, w.village, "2026-03-01")
	wantErr(t, err, errs.Invalid, "adviserId")
	committee := func(date string, mark string) {
		t.Helper()
		w.clock.Set(day(date))
		id, err := w.m.Create(ctx, meetings.Input{VillageID: w.village, Kind: meetings.KindCommittee, Date: date, Host: "蓝建国", Recorder: "杨丽"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.m.Start(ctx, id); err != nil {
			t.Fatal(err)
		}
		m, err := w.m.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m.Members {
			if p.Role == meetings.RoleAdviser {
				if err := w.m.MarkAttendance(ctx, p.ID, meetings.Mark{Attendance: mark, Reason: "开庭"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	committee("2026-04-10", meetings.Observer)
	committee("2026-05-10", meetings.OnLeave)
	other, err := w.s.AddAdviser(ctx, contracts.AdviserInput{Name: "刘明", Firm: "湖南楚信律师事务所", LicenceNo: "14305202011654321"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AssignVillage(ctx, other, w.village, "2026-06-01"); err != nil {
		t.Fatal(err)
	}
	committee("2026-06-10", meetings.Observer)
	list, err := w.s.Advisers(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("advisers: %+v %v", list, err)
	}
	byName := map[string]contracts.Adviser{}
	for _, a := range list {
		byName[a.Name] = a
	}
	zhou, liu := byName["周敏"], byName["刘明"]
	if len(zhou.Villages) != 1 || zhou.Villages[0].Until != "2026-05-31" || zhou.Attendance != (meetings.Attendance{Invited: 2, Present: 1}) {
		t.Fatalf("周敏: %+v", zhou)
	}
	if len(liu.Villages) != 1 || liu.Villages[0].Until != "" || liu.Attendance != (meetings.Attendance{Invited: 1, Present: 1}) {
		t.Fatalf("刘明: %+v", liu)
	}
	// A new request goes to the adviser serving the village now.
	id := w.submit(t, landTransfer())
	if r := w.get(t, id); r.AdviserName != "刘明" {
		t.Fatalf("sent to %s", r.AdviserName)
	}
}

// A contract's file is attached to its version, kept by content, and read back only while its SHA-256
// still matches.
func TestContractFileIsCheckedWhenOpened(t *testing.T) {
	w := open(t, day("2026-11-02"))
	id := w.submit(t, landTransfer())
	v := w.get(t, id).Versions[0]
	dir := t.TempDir()
	files := attachments.NewService(w.db, dir)
	src := filepath.Join(t.TempDir(), "流转合同.docx")
	if err := os.WriteFile(src, zipWith("[Content_Types].xml", "word/document.xml"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := files.Add(ctx, attachments.Owner{Table: "contract_versions", ID: v.ID}, src, "第一版合同文本")
	if err != nil || a.Mime != attachments.DOCX {
		t.Fatalf("attach: %+v %v", a, err)
	}
	if _, _, err := files.Open(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(files.Path(a), []byte("PK\x03\x04 changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := files.Open(ctx, a.ID); err == nil {
		t.Fatal("a changed file was read back")
	}
}
