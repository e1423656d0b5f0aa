package meetings_test

import (
	"encoding/json"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// A representative's year, counted by hand on a fixture: 龙大海 leads 第一邻 (four households, one of
// them a key household) from 2 January, and a fifth entered in December but visited in May; on 10
// December the key household owes the eleven months January–November, the others the three quarters
// Q1–Q3 each, the fifth Q2 and Q3 (22 periods). His eight visits to them cover six; two led to
// cases; he was called to two meetings held and came to one.
func TestRepresentativeYearCountedByHand(t *testing.T) {
	w := open(t, day("2026-01-02"))
	key, err := w.g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: w.nb[0], Address: "低保户", Tags: []string{"低保"}})
	if err != nil {
		t.Fatal(err)
	}
	homes := map[string]string{}
	for _, name := range []string{"蓝建国", "杨丽", "龙大海", "吴小花"} {
		b, err := w.g.GetResident(ctx, w.people[name])
		if err != nil {
			t.Fatal(err)
		}
		homes[name] = b.HouseholdID
	}
	w.clock.Set(day("2026-12-10"))
	visit := func(leader, household, date, followUp string) string {
		t.Helper()
		id, err := w.g.RecordVisit(ctx, grid.VisitInput{HouseholdID: household, LeaderID: leader, Date: date, Form: "入户",
			Findings: "了解家庭近况", FollowUp: followUp})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	long := w.reps["龙大海"]
	first := visit(long, key, "2026-01-15", "房屋漏雨")
	visit(long, key, "2026-02-10", "")
	visit(long, key, "2026-03-05", "")
	visit(long, key, "2026-03-20", "")          // the same month again
	visit(w.reps["吴小花"], key, "2026-04-10", "") // someone else's visit
	visit(long, homes["蓝建国"], "2026-02-01", "")
	august := visit(long, homes["蓝建国"], "2026-08-01", "路灯不亮")
	visit(long, homes["杨丽"], "2026-12-05", "")  // Q4 has not ended
	visit(long, homes["吴小花"], "2026-05-05", "") // outside his neighbourhood: not his to count
	// A household entered only now, but visited in May: it was there from May (Q2 and Q3 due).
	late, err := w.g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: w.nb[0], Address: "补录户"})
	if err != nil {
		t.Fatal(err)
	}
	visit(long, late, "2026-05-06", "")
	reg := func(visitID, on, summary string) string {
		t.Helper()
		id, _, err := w.c.Register(ctx, cases.Input{Source: "走访", Category: "民生诉求", Summary: summary, VillageID: w.village,
			HouseholdID: key, VisitID: visitID, RegisteredOn: on})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	roof := reg(first, "2026-01-15", "房屋漏雨")
	for _, st := range []cases.Step{{Action: cases.ActAccept, Date: "2026-01-16"}, {Action: cases.ActStart, Handler: "蓝建国", Date: "2026-01-16"},
		{Action: cases.ActResolve, Note: "已修缮", Date: "2026-01-20"}, {Action: cases.ActFollowUp, Satisfaction: "满意", Date: "2026-01-22"}} {
		if err := w.c.Act(ctx, roof, st); err != nil {
			t.Fatal(err)
		}
	}
	reg(august, "2026-08-01", "路灯不亮")

	member := func(id string) string {
		for _, p := range w.get(t, id).Members {
			if p.ResidentID == w.people["龙大海"] {
				return p.ID
			}
		}
		t.Fatal("龙大海 not invited")
		return ""
	}
	talk := w.held(t, meetings.KindTalk, "2026-03-25")
	if err := w.s.MarkAttendance(ctx, member(talk), meetings.Mark{Attendance: meetings.Present}); err != nil {
		t.Fatal(err)
	}
	reps := w.held(t, meetings.KindReps, "2026-06-10")
	if err := w.s.MarkAttendance(ctx, member(reps), meetings.Mark{Attendance: meetings.OnLeave, Reason: "外出务工"}); err != nil {
		t.Fatal(err)
	}
	w.meeting(t, meetings.KindTalk, "2026-12-20")  // planned, not held
	w.held(t, meetings.KindAnalysis, "2026-11-27") // 邻长 are not called to it

	y, err := w.s.RepYear(ctx, w.people["龙大海"], 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := meetings.RepYear{ResidentID: w.people["龙大海"], Name: "龙大海", VillageID: w.village, VillageName: "桃林村", Neighbourhood: "第一组第一邻",
		Year: 2026, Until: "2026-12-10", RepVisits: grid.RepVisits{Households: 5, KeyHouseholds: 1, Visits: 8, PeriodsDue: 22, PeriodsCovered: 6},
		Cases: cases.Outcomes{Cases: 2, Resolved: 1, Open: 1, Overdue: 1, Satisfied: 1}, MeetingsInvited: 2, MeetingsAttended: 1, MeetingsLeave: 1}
	y.VisitIDs = nil
	if got, _ := json.Marshal(y); string(got) != mustJSON(want) {
		t.Fatalf("year\n got %s\nwant %s", got, mustJSON(want))
	}

	// The review: a grade below 称职 needs reasons; a second review corrects the first.
	_, err = w.s.RecordReview(ctx, meetings.ReviewInput{ResidentID: w.people["龙大海"], Year: 2026, Grade: "基本称职"})
	wantErr(t, err, errs.Invalid, "reasons")
	_, err = w.s.RecordReview(ctx, meetings.ReviewInput{ResidentID: w.people["杨丽"], Year: 2026, Grade: "称职"})
	if errs.As(err).Code != errs.NotFound {
		t.Fatalf("review of someone who led no neighbourhood: %v", err)
	}
	first1, err := w.s.RecordReview(ctx, meetings.ReviewInput{ResidentID: w.people["龙大海"], Year: 2026, Grade: "优秀"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := w.s.RecordReview(ctx, meetings.ReviewInput{ResidentID: w.people["龙大海"], Year: 2026, Grade: "称职", Reasons: "走访覆盖率不足三成"})
	if err != nil || again != first1 {
		t.Fatalf("corrected review %q %q %v", first1, again, err)
	}
	all, err := w.s.RepYears(ctx, w.village, 2026)
	if err != nil || len(all) != 2 || all[1].Name != "龙大海" || all[1].Review.Grade != "称职" || all[0].Review != nil {
		t.Fatalf("the village's representatives %+v %v", all, err)
	}

	// The 公示 lists those reviewed, with the ID masked.
	n, err := w.s.IssueReviewNotice(ctx, w.archive, w.village, 2026, meetings.NoticeInput{Where: "桃林村村委会", How: "来电来访",
		Contact: "杨丽", Phone: "0739-7321234"})
	if err != nil {
		t.Fatal(err)
	}
	var g docs.Gongshi
	if err := json.Unmarshal([]byte(n.Input), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.People) != 1 || g.People[0].Name != "龙大海" || g.People[0].ID != "430529********"+validID("19700101", 14)[14:] ||
		g.People[0].Village != "第一组第一邻" || g.People[0].Reason != "评议等次：称职" || g.Days != 5 || g.Start != "2026-12-10" {
		t.Fatalf("公示 %+v", g)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// A review names who recorded it, the operator: with none recorded at this install it is refused on
// that field and nothing is written.
func TestReviewNeedsTheOperator(t *testing.T) {
	clock := storetest.NewClock(day("2027-01-10"))
	db := storetest.Open(t, store.Options{Clock: clock.Now, ShortName: "丹口", OfficeName: "丹口镇人民政府"})
	s := meetings.NewService(db, nil)
	_, err := s.RecordReview(ctx, meetings.ReviewInput{ResidentID: "x", Year: 2026, Grade: "称职"})
	if e := errs.As(err); e == nil || e.Field != "operator" {
		t.Fatalf("a review with no operator: %v", err)
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM rep_reviews`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d reviews written, %v", n, err)
	}
}
