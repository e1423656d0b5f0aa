package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/settings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// A hand-down and its 交办单 are one transaction: without an operator to sign the slip neither is
// written; with one, the case is handed down and the slip is archived under the case. A 催办 issues
// its 催办通知书 the same way, its 办结 its 办理回执, and an archived case is not chased.
func TestCaseDocumentsInOneTransaction(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	db := storetest.Open(t, store.Options{ShortName: "丹口", OfficeName: "丹口镇人民政府", Clock: clock.Now})
	o := openedOn(db)
	s := NewCaseService(o, NewDocService(o, &windowEvents{}), &windowEvents{})
	r, err := s.Register(cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "宅基地界址纠纷", Description: "两家为围墙位置争执",
		PersonName: "龙大海", Level: "乡镇"})
	if err != nil {
		t.Fatal(err)
	}
	id := r["id"]
	if err := s.Act(id, cases.Step{Action: cases.ActAccept}); err != nil {
		t.Fatal(err)
	}
	handDown := cases.Step{Action: cases.ActHandDown, Level: "村", Handler: "桃林村委会", Days: 5, Note: "五个工作日内组织调解"}
	if _, err := s.ActAndIssue(id, handDown); errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "操作员") {
		t.Fatalf("hand-down without an operator: %v", err)
	}
	if k, _ := s.Get(id); k.State != cases.StateAccepted || k.Level != "乡镇" || len(k.Events) != 2 {
		t.Fatalf("a failed slip left the hand-down: %+v", k)
	}
	if docsOf, _ := s.Documents(id); len(docsOf) != 0 {
		t.Fatalf("documents after a failed hand-down: %+v", docsOf)
	}
	if err := db.SetOperator(context.Background(), "王丽"); err != nil {
		t.Fatal(err)
	}
	slip, err := s.ActAndIssue(id, handDown)
	if err != nil || slip.Kind != "slip" || !strings.Contains(slip.Title, r["number"]) {
		t.Fatalf("hand-down: %+v %v", slip, err)
	}
	if k, _ := s.Get(id); k.State != cases.StateHandling || k.Level != "村" || k.Handler != "桃林村委会" {
		t.Fatalf("after the hand-down: %+v", k)
	}
	if _, err := s.ActAndIssue(id, cases.Step{Action: cases.ActRemind, Days: 3}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("chasing a case not yet overdue: %v", err)
	}
	clock.Set(time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)) // the deadline was 11月30日
	reminder, err := s.ActAndIssue(id, cases.Step{Action: cases.ActRemind, Days: 3})
	if err != nil || reminder.Kind != "reminder" {
		t.Fatalf("remind: %+v %v", reminder, err)
	}
	list, err := s.Documents(id)
	if err != nil || len(list) != 2 || list[0].ID != slip.ID || list[1].ID != reminder.ID {
		t.Fatalf("the case's documents: %+v %v", list, err)
	}
	k, _ := s.Get(id)
	if last := k.Events[len(k.Events)-1]; last.Action != cases.ActRemind || last.Note != "限 3 个工作日内办结。" || k.State != cases.StateHandling {
		t.Fatalf("the 催办 entry: %+v", last)
	}
	// 办结 of a case handed down issues its 办理回执, even through the plain Act.
	resolve := cases.Step{Action: cases.ActResolve, Mediation: cases.MediationAgreed, Note: "经村调委会调解，双方同意按原界址砌墙"}
	if err := s.Act(id, resolve); err != nil {
		t.Fatal(err)
	}
	list, err = s.Documents(id)
	if err != nil || len(list) != 3 || list[2].Kind != "receipt" || !strings.Contains(list[2].Title, r["number"]) {
		t.Fatalf("the receipt: %+v %v", list, err)
	}
	for _, st := range []cases.Step{{Action: cases.ActFollowUp, Satisfaction: "满意"}, {Action: cases.ActArchive}} {
		if err := s.Act(id, st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ActAndIssue(id, cases.Step{Action: cases.ActRemind, Days: 3}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("chasing an archived case: %v", err)
	}
	if _, err := s.ActAndIssue(id, cases.Step{Action: cases.ActAccept}); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("an action without a document: %v", err)
	}
	if list, _ := s.Documents(id); len(list) != 3 {
		t.Fatalf("a refused 催办 issued something: %d documents", len(list))
	}
	// Mediated to an agreement, the dispute's 人民调解协议书: prefilled, completed, issued under the case.
	draft, err := s.AgreementDraft(id)
	if err != nil || draft.Parties[0].Name != "龙大海" || draft.Terms[0] != "经村调委会调解，双方同意按原界址砌墙" {
		t.Fatalf("draft %+v %v", draft, err)
	}
	draft.Committee, draft.Parties[1].Name, draft.Performance = "桃林村人民调解委员会", "杨秀英", "当场履行。"
	input, _ := json.Marshal(draft)
	if _, err := s.IssueAgreement(id, `{"nope": 1}`); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("an unknown field: %v", err)
	}
	agreement, err := s.IssueAgreement(id, string(input))
	if err != nil || agreement.Kind != "agreement" {
		t.Fatalf("agreement: %+v %v", agreement, err)
	}
	if list, _ := s.Documents(id); len(list) != 4 || !slices.ContainsFunc(list, func(d docs.Issued) bool { return d.ID == agreement.ID }) {
		t.Fatalf("the case's documents after the agreement: %+v", list)
	}

	// A case never handed down is resolved with no receipt; asking for one is refused.
	r2, err := s.Register(cases.Input{Source: "电话", Category: "政策咨询", Summary: "咨询低保申请条件", PersonName: "龙小梅", Level: "村"})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []cases.Step{{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}} {
		if err := s.Act(r2["id"], st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ActAndIssue(r2["id"], cases.Step{Action: cases.ActResolve, Note: "已电话答复"}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("a receipt for a case not handed down: %v", err)
	}
	if err := s.Act(r2["id"], cases.Step{Action: cases.ActResolve, Note: "已电话答复"}); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Documents(r2["id"]); len(list) != 0 {
		t.Fatalf("a case not handed down got documents: %+v", list)
	}
}

// 统计 prints as a 民情统计报表 (not archived): refused while the office has no name to fill it in.
func TestPrintReport(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local))
	db := storetest.Open(t, store.Options{ShortName: "丹口", Clock: clock.Now})
	o := openedOn(db)
	d := NewDocService(o, &windowEvents{})
	s := NewCaseService(o, d, &windowEvents{})
	if _, err := s.Register(cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "宅基地界址纠纷", PersonName: "龙大海", Level: "村"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PrintReport("2026-01-01", "", "", ""); errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "单位名称") {
		t.Fatalf("no office name: %v", err)
	}
	set := &settings.Service{DB: db}
	if err := set.SetOfficeName(context.Background(), "丹口镇人民政府"); err != nil {
		t.Fatal(err)
	}
	// A meeting of every kind held this year: the report counts them beside the cases, by kind.
	village, err := grid.NewService(db, nil).CreateNode(bg, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"})
	if err != nil {
		t.Fatal(err)
	}
	m := meetings.NewService(db, nil)
	for _, kind := range meetings.Kinds {
		id, err := m.Create(bg, meetings.Input{VillageID: village, Kind: kind, Date: "2026-11-20"})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Start(bg, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.Create(bg, meetings.Input{VillageID: village, Kind: meetings.KindTalk, Date: "2026-11-30"}); err != nil { // planned: not held
		t.Fatal(err)
	}
	r, err := s.Report("2026-01-01", "", "")
	if err != nil || r.Meetings == nil || r.Meetings.Held != 6 || r.Meetings.Note != "分析会 1，恳谈会 1，两委会 1，代表会 1，党员大会 1，述职会 1" {
		t.Fatalf("meetings held: %+v %v", r.Meetings, err)
	}
	f, err := s.PrintReport("2026-01-01", "", "", "")
	if err != nil || f.Pages < 1 || f.Title != "丹口镇人民政府民情工作统计报表" || f.Issued.ID != "" || f.PDF == "" {
		t.Fatalf("the report: %d pages, %q, issued %q (%v)", f.Pages, f.Title, f.Issued.ID, err)
	}
	if list, _ := d.List("", "", "", false, 10, 0); list.Total != 0 {
		t.Fatalf("printing the report archived %d documents", list.Total)
	}
	pdf, _ := base64.StdEncoding.DecodeString(f.PDF)
	if text := pdfText(t, pdf); !strings.Contains(text, "召开会议") || !strings.Contains(text, "分析会 1") {
		t.Fatalf("the printed report lacks the meetings:\n%s", text)
	}
}

// pdfText is the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
