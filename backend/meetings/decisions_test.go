package meetings_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
)

// A 民情分析会's agenda comes from the village's open cases, the nearest deadline first and the overdue
// marked; a decision registers a case (its meeting recorded on it) or hands one on the agenda down with
// its 交办单, linked both ways; the decision comes back on the next analysis meeting's agenda until
// its cases are settled, and its cases then stay off it.
func TestDecisionsBecomeCasesAndComeBackUntilDone(t *testing.T) {
	w := open(t, day("2026-11-02"))
	register := func(summary string) string {
		t.Helper()
		id, _, err := w.c.Register(ctx, cases.Input{Source: "走访", Category: "民生诉求", Summary: summary, VillageID: w.village,
			ResidentID: w.people["龙大海"]})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	water := register("三组饮水管破裂")
	road := register("五组路面塌陷")
	other := cases.Input{Source: "走访", Category: "民生诉求", Summary: "别村的事", PersonName: "外村人"}
	if _, _, err := w.c.Register(ctx, other); err != nil { // no village: not on 桃林村's agenda
		t.Fatal(err)
	}
	w.clock.Set(day("2026-11-27")) // both are past their 7 working days
	id := w.held(t, meetings.KindAnalysis, "2026-11-27")
	m := w.get(t, id)
	if len(m.Items) != 2 || m.Items[0].CaseID != water || m.Items[1].CaseID != road || !m.Items[0].Case.Overdue ||
		!strings.HasSuffix(m.Items[0].Title, " 三组饮水管破裂") {
		t.Fatalf("agenda %+v", m.Items)
	}
	if m.Title != "桃林村2026年11月民情分析会" {
		t.Fatalf("title %q", m.Title)
	}
	rollCall(t, w, id)

	decide := func(item, text string) string {
		t.Helper()
		r, err := w.s.AddResolution(ctx, id, meetings.ResolutionInput{ItemID: item, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	fix := decide(m.Items[0].ID, "饮水管由组长刘志强组织维修")
	light := decide("", "新增路灯维修一事立案交办")
	// The water pipe goes down to the group with its 交办单; a new case is registered for the lights.
	down, err := w.s.OrderCase(ctx, w.archive, fix, meetings.CaseOrder{CaseID: water, Level: "组", Handler: "刘志强", Days: 5})
	if err != nil {
		t.Fatal(err)
	}
	if down.Action != "交办" || down.Slip == nil || down.Slip.Kind != "slip" || down.Slip.Source != cases.Source(water) {
		t.Fatalf("hand-down %+v", down)
	}
	fresh, err := w.s.OrderCase(ctx, w.archive, light, meetings.CaseOrder{Summary: "第一邻路灯不亮", Category: "基础设施", Handler: "杨丽"})
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Action != "立案" || fresh.Slip != nil || !strings.HasPrefix(fresh.Number, "丹口-2026-") {
		t.Fatalf("new case %+v", fresh)
	}
	c, err := w.c.Get(ctx, fresh.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if c.MeetingID != id || c.Source != "分析会" || c.State != cases.StateAccepted || c.Handler != "杨丽" || c.VillageID != w.village ||
		!strings.Contains(c.Events[len(c.Events)-1].Note, "依据桃林村2026年11月民情分析会决定：新增路灯维修一事立案交办") {
		t.Fatalf("case from the meeting %+v", c)
	}
	// A new case at the village needs its handler; a decision not passed orders nothing.
	_, err = w.s.OrderCase(ctx, w.archive, light, meetings.CaseOrder{Summary: "无人负责", Category: "其他"})
	wantErr(t, err, errs.Invalid, "handler")
	rs := w.get(t, id).Resolutions
	if len(rs[0].Cases) != 1 || rs[0].Cases[0].Case.Number == "" || rs[1].Cases[0].CaseID != fresh.CaseID {
		t.Fatalf("decisions' cases %+v", rs)
	}
	if err := w.s.RemoveResolution(ctx, fix); errs.As(err).Code != errs.Conflict {
		t.Fatalf("removed a decision with a case: %v", err)
	}
	if err := w.s.Delete(ctx, id); errs.As(err).Code != errs.Conflict {
		t.Fatalf("deleted a meeting whose decisions ordered cases: %v", err)
	}
	if err := w.s.SaveMinutes(ctx, id, meetings.Minutes{Record: "蓝建国：研究本月民情。"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Finalise(ctx, w.archive, id); err != nil {
		t.Fatal(err)
	}

	// December's meeting follows both decisions up, and lists the road (no decision on it) as a case.
	w.clock.Set(day("2026-12-28"))
	next := w.get(t, w.held(t, meetings.KindAnalysis, "2026-12-28"))
	var titles []string
	for _, it := range next.Items {
		titles = append(titles, it.Title)
	}
	if len(next.Items) != 3 || next.Items[0].ResolutionID != fix || next.Items[1].ResolutionID != light || next.Items[2].CaseID != road ||
		!strings.HasPrefix(titles[0], "跟进2026年11月27日决定：饮水管") {
		t.Fatalf("next agenda %q", titles)
	}
	// The pipe is mended and the lights fixed: January's meeting has only the road.
	for _, st := range []cases.Step{{Action: cases.ActResolve, Note: "已修好"}} {
		if err := w.c.Act(ctx, water, st); err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range []cases.Step{{Action: cases.ActStart, Handler: "蓝建国"}, {Action: cases.ActResolve, Note: "已修好"}} {
		if err := w.c.Act(ctx, fresh.CaseID, st); err != nil {
			t.Fatal(err)
		}
	}
	w.clock.Set(day("2027-01-26"))
	jan := w.get(t, w.held(t, meetings.KindAnalysis, "2027-01-26"))
	if len(jan.Items) != 1 || jan.Items[0].CaseID != road {
		t.Fatalf("January agenda %+v", jan.Items)
	}
	// A decision without cases comes back while someone is charged with it and it is not marked done.
	rollCall(t, w, jan.ID)
	chore, err := w.s.AddResolution(ctx, jan.ID, meetings.ResolutionInput{Text: "春节前走访五保户", Handler: "杨丽"})
	if err != nil {
		t.Fatal(err)
	}
	w.clock.Set(day("2027-02-24"))
	if feb := w.get(t, w.held(t, meetings.KindAnalysis, "2027-02-24")); len(feb.Items) != 2 || feb.Items[0].ResolutionID != chore {
		t.Fatalf("February agenda %+v", feb.Items)
	}
	if err := w.s.MarkDone(ctx, chore, "2027-02-05", "走访五保户8户"); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(day("2027-03-24"))
	if mar := w.get(t, w.held(t, meetings.KindAnalysis, "2027-03-24")); len(mar.Items) != 1 {
		t.Fatalf("March agenda %+v", mar.Items)
	}
}
