package contracts_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
)

// A land transfer goes round the whole loop: submitted (numbered, due after the National Day
// holidays), reviewed with two risks and 修改后签订 (its 意见书 archived under it), resubmitted as
// version 2 (the changes listed), reviewed again with one risk answered, agreed, and signed once the
// 村民代表会议's decision is named. Every step refused from a state it does not start from names the
// state and changes nothing.
func TestStepsVersionsAndTheOpinion(t *testing.T) {
	w := open(t, day("2026-09-30"))
	id := w.submit(t, landTransfer())
	r := w.get(t, id)
	// 2026-09-30 is a Wednesday before the National Day holidays (10-01..10-07); 10-10, a Saturday, is a
	// make-up working day: the five working days are 10-08, 10-09, 10-10, 10-12 and 10-13.
	if r.Number != "丹口-合审-2026-0001" || r.State != contracts.StateWaiting || r.Deadline != "2026-10-13" || r.Version != 1 ||
		!r.Major || r.MajorWhy != "土地流转合同" || !r.NeedsProcedure || r.AdviserName != "周敏" || r.AmountFen != 3750000 {
		t.Fatalf("submitted: %+v", r.Summary)
	}
	if v := r.Versions[0]; v.AmountCapital != "人民币叁万柒仟伍佰元整" || len(v.Payments) != 3 {
		t.Fatalf("version 1: %+v", v)
	}
	// Refused before the review begins.
	_, err := w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(), Conclusion: contracts.Agree})
	wantState(t, err, contracts.StateWaiting)
	wantState(t, w.s.Sign(ctx, id, contracts.SignInput{}), contracts.StateWaiting)
	wantState(t, w.s.Resubmit(ctx, id, landTransfer(), ""), contracts.StateWaiting)
	if err := w.s.StartReview(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	wantState(t, w.s.StartReview(ctx, id, ""), contracts.StateReviewing)
	// The opinion needs the whole checklist, reasons for anything but 同意, and risks for 修改后签订.
	// Saved empty, it names the checklist and the conclusion at once.
	_, err = w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{})
	wantErr(t, err, errs.Invalid, "checklist")
	if also := errs.As(err).Also; len(also) != 1 || also[0].Field != "conclusion" {
		t.Errorf("an empty opinion: also %+v, want the conclusion", also)
	}
	partial := checklist("违约责任")[:7]
	_, err = w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: partial, Conclusion: contracts.AgreeRevised, Reasons: "x"})
	wantErr(t, err, errs.Invalid, "checklist")
	// A major contract without its procedure cannot pass 民主程序: the shortcut 其余符合 made the
	// 意见书 certify a procedure nobody had given.
	_, err = w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(), Conclusion: contracts.Agree})
	wantErr(t, err, errs.Invalid, "checklist")
	if !strings.Contains(err.Error(), "没有民主程序依据") {
		t.Errorf("民主程序 passed without its evidence: %v", err)
	}
	_, err = w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(contracts.ProcedureItem), Conclusion: contracts.AgreeRevised})
	wantErr(t, err, errs.Invalid, "reasons")
	_, err = w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(contracts.ProcedureItem), Conclusion: contracts.AgreeRevised, Reasons: "见风险点"})
	wantErr(t, err, errs.Invalid, "risks")
	if got := w.get(t, id); got.State != contracts.StateReviewing || len(got.Reviews) != 0 || len(got.Events) != 2 {
		t.Fatalf("refused opinions changed the request: %+v %d reviews %d events", got.State, len(got.Reviews), len(got.Events))
	}
	issued, err := w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{
		Checklist: checklist("违约责任", "价款与支付", contracts.ProcedureItem), Conclusion: contracts.AgreeRevised, Reasons: "按风险点修改后可以签订",
		Risks: []contracts.RiskInput{
			{Level: "高", Clause: "第五条", Problem: "流转费逾期未付没有违约责任", Revision: "增加逾期30日可解除合同"},
			{Level: "中", Clause: "第八条", Problem: "未约定地上附着物的处理", Revision: "约定期满后附着物归甲方"}},
		Reservations: "本意见仅依据送审材料作出。"})
	if err != nil {
		t.Fatal(err)
	}
	list, err := w.archive.BySource(ctx, contracts.Source(id))
	if err != nil || len(list) != 1 || list[0].ID != issued.ID || list[0].Kind != "review" {
		t.Fatalf("the opinion under the request: %+v %v", list, err)
	}
	_, pdfBytes, err := w.archive.PDF(ctx, issued.ID)
	if err != nil || docs.Pages(pdfBytes) < 1 {
		t.Fatalf("opinion pdf: %v", err)
	}
	r = w.get(t, id)
	if r.State != contracts.StateOpinion || r.Conclusion != contracts.AgreeRevised || len(r.Risks) != 2 || r.Risks[0].FoundIn != 1 {
		t.Fatalf("after the opinion: %+v %+v", r.Summary, r.Risks)
	}
	// Version 2: the amount and the renewal notice changed, and the first risk answered.
	v2 := landTransfer()
	v2.Amount, v2.NoticeDays = "45000", 60
	v2.Payments[0].Amount, v2.Payments[1].Amount, v2.Payments[2].Amount = "15000", "15000", "15000"
	wantErr(t, w.s.Resubmit(ctx, id, v2, ""), errs.Invalid, "changeNote")
	v2.ChangeNote = "流转费提高到每年15000元，增加逾期付款责任"
	w.clock.Set(day("2026-10-09"))
	if err := w.s.Resubmit(ctx, id, v2, ""); err != nil {
		t.Fatal(err)
	}
	r = w.get(t, id)
	// due five working days after Friday 10-09: 10-10 (make-up), 10-12, 10-13, 10-14, 10-15
	if r.Version != 2 || r.State != contracts.StateWaiting || r.Deadline != "2026-10-15" || len(r.Changes) != 1 {
		t.Fatalf("resubmitted: %+v %+v", r.Summary, r.Changes)
	}
	var fields []string
	for _, c := range r.Changes[0].Changes {
		fields = append(fields, c.Field+":"+c.Before+"→"+c.After)
	}
	want := "合同金额:¥37,500.00（人民币叁万柒仟伍佰元整）→¥45,000.00（人民币肆万伍仟元整）|续约通知期:90天→60天|" +
		"付款计划:2027年1月15日 ¥12,500.00（第一年流转费）；2028年1月15日 ¥12,500.00；2029年1月15日 ¥12,500.00→" +
		"2027年1月15日 ¥15,000.00（第一年流转费）；2028年1月15日 ¥15,000.00；2029年1月15日 ¥15,000.00"
	if got := strings.Join(fields, "|"); got != want {
		t.Fatalf("changes:\n%s\nwant\n%s", got, want)
	}
	if err := w.s.StartReview(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	// An answered risk must be one of an earlier version.
	_, err = w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(contracts.ProcedureItem), Conclusion: contracts.Agree,
		Answered: []contracts.Answered{{RiskID: "nonsense"}}})
	wantErr(t, err, errs.Invalid, "answered")
	if _, err := w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist(contracts.ProcedureItem), Conclusion: contracts.Agree,
		Answered: []contracts.Answered{{RiskID: r.Risks[0].ID, Note: "第五条已增加解除权"}}}); err != nil {
		t.Fatal(err)
	}
	r = w.get(t, id)
	if r.Risks[0].AddressedIn != 2 || r.Risks[1].AddressedIn != 0 || len(r.Reviews) != 2 || r.Conclusion != contracts.Agree {
		t.Fatalf("second opinion: %+v %+v", r.Risks, r.Reviews)
	}
	list, _ = w.archive.BySource(ctx, contracts.Source(id))
	if len(list) != 2 || !strings.Contains(list[1].Number+list[1].Title, "") {
		t.Fatalf("two opinions: %+v", list)
	}
	// A major contract without its procedure needs an override; naming the decision lifts it.
	wantErr(t, w.s.Sign(ctx, id, contracts.SignInput{}), errs.Invalid, "override")
	decision := w.passedDecision(t, "2026-10-08")
	if err := w.s.SetProcedure(ctx, id, contracts.Procedure{ResolutionID: decision}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, w.s.Sign(ctx, id, contracts.SignInput{Override: "无"}), errs.Invalid, "override")
	if err := w.s.Sign(ctx, id, contracts.SignInput{SignedOn: "2026-10-09"}); err != nil {
		t.Fatal(err)
	}
	r = w.get(t, id)
	if r.State != contracts.StateSigned || r.SignedOn != "2026-10-09" || r.OverrideReason != "" || r.Resolution == nil {
		t.Fatalf("signed: %+v", r)
	}
	wantState(t, w.s.Abandon(ctx, id, "不签了"), contracts.StateSigned)
	wantState(t, w.s.ReturnForMore(ctx, id, "缺少附件"), contracts.StateSigned)
	var actions []string
	for _, e := range r.Events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "送审,开始审查,出具意见,重新送审,开始审查,出具意见,民主程序,签订" {
		t.Fatalf("timeline: %s", got)
	}
}

// Signing against 不同意签订 needs a reason, which the register prints; a 退回补充 asks for what is
// missing and the resubmission clears it; a request can be given up with a reason.
func TestOverridesReturnsAndTheRegister(t *testing.T) {
	w := open(t, day("2026-11-02"))
	small := contracts.Terms{Counterparty: "城步县宏达建筑工程有限公司", Amount: "8000"}
	id, err := w.s.Submit(ctx, contracts.RequestInput{VillageID: w.village, Title: "村部围墙维修合同", Type: "工程承包",
		SubmittedBy: "杨丽", Terms: small})
	if err != nil {
		t.Fatal(err)
	}
	if r := w.get(t, id); r.Major || r.NeedsProcedure {
		t.Fatalf("8,000 元 of building work is not major: %+v", r.Summary)
	}
	wantErr(t, w.s.ReturnForMore(ctx, id, ""), errs.Invalid, "missing")
	if err := w.s.ReturnForMore(ctx, id, "请补充施工方资质证书"); err != nil {
		t.Fatal(err)
	}
	if r := w.get(t, id); r.State != contracts.StateReturned || r.Missing != "请补充施工方资质证书" {
		t.Fatalf("returned: %+v", r)
	}
	small.ChangeNote = "补充了资质证书"
	if err := w.s.Resubmit(ctx, id, small, ""); err != nil {
		t.Fatal(err)
	}
	if r := w.get(t, id); r.Missing != "" || r.Version != 2 || len(r.Changes[0].Changes) != 0 {
		t.Fatalf("resubmitted: %+v %+v", r.Summary, r.Changes)
	}
	if err := w.s.StartReview(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.RecordOpinion(ctx, w.archive, id, contracts.OpinionInput{Checklist: checklist("主体资格"),
		Conclusion: contracts.Disagree, Reasons: "施工方资质等级不够"}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, w.s.Sign(ctx, id, contracts.SignInput{}), errs.Invalid, "override")
	if r := w.get(t, id); r.State != contracts.StateOpinion {
		t.Fatalf("a refused signing changed the state: %s", r.State)
	}
	if err := w.s.Sign(ctx, id, contracts.SignInput{Override: "围墙倒塌有安全隐患，急需施工，经村两委研究决定签订"}); err != nil {
		t.Fatal(err)
	}
	other := w.submit(t, landTransfer())
	wantErr(t, w.s.Abandon(ctx, other, ""), errs.Invalid, "reason")
	if err := w.s.Abandon(ctx, other, "合作社退出"); err != nil {
		t.Fatal(err)
	}
	reg, err := w.s.Register(ctx, w.village, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if reg.Title != "桃林村2026年合同审查台账" || len(reg.Rows) != 2 {
		t.Fatalf("register: %+v", reg)
	}
	first, second := strings.Join(reg.Rows[0], "|"), strings.Join(reg.Rows[1], "|")
	if !strings.HasPrefix(first, "1|丹口-合审-2026-0001|桃林村|村部围墙维修合同|工程承包|城步县宏达建筑工程有限公司|8000.00|2026年11月2日|周敏|不同意签订|已签订|2026年11月2日|越过意见签订：围墙倒塌") ||
		!strings.Contains(first, "第2版") {
		t.Fatalf("first row: %s", first)
	}
	if !strings.Contains(second, "已放弃") || !strings.Contains(second, "放弃：合作社退出") || !strings.Contains(second, "重大合同，无村民代表会议决定") {
		t.Fatalf("second row: %s", second)
	}
	if _, err := w.s.Ledger(ctx, w.village, 2026); err != nil {
		t.Fatal(err)
	}
}

// passedDecision holds a 村民代表会议 in 桃林村 on date whose decision to transfer the land passes.
func (w *world) passedDecision(t *testing.T, date string) string {
	t.Helper()
	id, err := w.m.Create(ctx, meetings.Input{VillageID: w.village, Kind: meetings.KindReps, Date: date, Host: "蓝建国", Recorder: "杨丽"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.m.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"代表甲", "代表乙", "代表丙"} {
		if _, err := w.m.AddMember(ctx, id, meetings.MemberInput{Name: name, Role: meetings.RoleRep, Voting: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.m.MarkRest(ctx, id); err != nil {
		t.Fatal(err)
	}
	res, err := w.m.AddResolution(ctx, id, meetings.ResolutionInput{Text: "同意流转村集体土地给合作社经营",
		Vote: &meetings.VoteInput{For: 3}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
