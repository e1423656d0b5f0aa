package meetings_test

import (
	"fmt"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
)

// A 村民代表会议 of 31 members: 21 present make the quorum (two thirds of 31 is 20⅔), 20 do not; a
// decision needs more than half of those present; a member who steps out for a conflict of interest
// leaves both counts; leave and absence count against the quorum, those attending without a vote
// (列席) do not count at all; a vote without quorum is refused with the numbers.
func TestQuorumAndMajorityAtTheThresholds(t *testing.T) {
	w := open(t, day("2026-11-27"))
	id := w.held(t, meetings.KindReps, "2026-11-27")
	m := w.get(t, id)
	// The committee (2) and the representatives (2) are called with a vote, the adviser without.
	var voting, observers int
	for _, p := range m.Members {
		if p.Voting {
			voting++
		} else if p.Name == "赵律师" && p.Role == meetings.RoleAdviser {
			observers++
		}
	}
	if voting != 4 || observers != 1 {
		t.Fatalf("invited: %+v", m.Members)
	}
	for i := len(m.Members); voting < 31; i++ {
		if _, err := w.s.AddMember(ctx, id, meetings.MemberInput{Name: fmt.Sprintf("代表%02d", i), Role: meetings.RoleRep, Voting: true}); err != nil {
			t.Fatal(err)
		}
		voting++
	}
	m = w.get(t, id)
	var members []meetings.Member
	var adviser string
	for _, p := range m.Members {
		if p.Voting {
			members = append(members, p)
		} else {
			adviser = p.ID
		}
	}
	mark := func(memberID, a, reason string) {
		t.Helper()
		if err := w.s.MarkAttendance(ctx, memberID, meetings.Mark{Attendance: a, Reason: reason}); err != nil {
			t.Fatal(err)
		}
	}
	vote := func(v meetings.VoteInput) error {
		_, err := w.s.AddResolution(ctx, id, meetings.ResolutionInput{Text: "同意将村集体山林承包给合作社经营", Vote: &v})
		return err
	}
	// Not marked yet: no vote.
	if err := vote(meetings.VoteInput{For: 1}); errs.As(err).Code != errs.Conflict || !strings.Contains(err.Error(), "未标记") {
		t.Fatalf("vote before the roll call: %v", err)
	}
	mark(adviser, meetings.Observer, "")
	for i, p := range members {
		switch {
		case i < 20:
			mark(p.ID, meetings.Present, "")
		case i < 28:
			mark(p.ID, meetings.OnLeave, "外出务工")
		default:
			mark(p.ID, meetings.Absent, "")
		}
	}
	q := w.get(t, id).Quorum
	if q.Members != 31 || q.Present != 20 || q.Leave != 8 || q.Absent != 3 || q.Observers != 1 || q.Needed != 21 || q.Met {
		t.Fatalf("20 of 31: %+v", q)
	}
	if !strings.Contains(q.Line, "应到31人，实到20人") || !strings.Contains(q.Line, "未达到应到人数的三分之二以上（至少21人）") {
		t.Fatalf("quorum line %q", q.Line)
	}
	err := vote(meetings.VoteInput{For: 20})
	if errs.As(err).Code != errs.Conflict || !strings.Contains(err.Error(), "实到20人") || !strings.Contains(err.Error(), "至少21人") {
		t.Fatalf("20 of 31 voted: %v", err)
	}
	if len(w.get(t, id).Resolutions) != 0 {
		t.Fatal("a refused vote left a decision")
	}

	mark(members[20].ID, meetings.Present, "") // 21 of 31
	if q := w.get(t, id).Quorum; !q.Met || !strings.Contains(q.Line, "符合规定") {
		t.Fatalf("21 of 31: %+v", q)
	}
	passed := func(v meetings.VoteInput) bool {
		t.Helper()
		if err := vote(v); err != nil {
			t.Fatal(err)
		}
		rs := w.get(t, id).Resolutions
		return rs[len(rs)-1].Passed
	}
	if !passed(meetings.VoteInput{For: 11, Against: 10}) {
		t.Fatal("11 of 21 is more than half")
	}
	if passed(meetings.VoteInput{For: 10, Against: 10, Abstain: 1}) {
		t.Fatal("10 of 21 is not more than half")
	}
	// One present member steps out: 30 members, 20 present voters, 20 needed; 11 of 20 pass, 10 do not.
	one := []string{members[0].ID}
	if !passed(meetings.VoteInput{For: 11, Against: 9, Recused: one}) {
		t.Fatal("11 of 20 with one recused")
	}
	if passed(meetings.VoteInput{For: 10, Against: 10, Recused: one}) {
		t.Fatal("10 of 20 with one recused")
	}
	// Two step out: 29 members need 20 present, 19 are left.
	err = vote(meetings.VoteInput{For: 19, Recused: []string{members[0].ID, members[1].ID}})
	if errs.As(err).Code != errs.Conflict || !strings.Contains(err.Error(), "回避2人") || !strings.Contains(err.Error(), "至少20人") {
		t.Fatalf("two recused: %v", err)
	}
	// A member on leave who "steps out" is no voter either: 30 members, 21 present, 21 voters.
	if !passed(meetings.VoteInput{For: 11, Against: 10, Recused: []string{members[25].ID}}) {
		t.Fatal("recusal of an absent member")
	}
	// More votes than voters; no votes; a recused observer.
	wantErr(t, vote(meetings.VoteInput{For: 15, Against: 7}), errs.Invalid, "for")
	wantErr(t, vote(meetings.VoteInput{}), errs.Invalid, "for")
	wantErr(t, vote(meetings.VoteInput{For: 11, Recused: []string{adviser}}), errs.Invalid, "recused")
	// A decision of a 村民代表会议 without a vote is refused; the recorded one prints its vote.
	_, err = w.s.AddResolution(ctx, id, meetings.ResolutionInput{Text: "同意"})
	wantErr(t, err, errs.Invalid, "vote")
	rs := w.get(t, id).Resolutions
	if len(rs) != 5 || rs[2].RecusedNames[0] != members[0].Name {
		t.Fatalf("decisions: %+v", rs)
	}
	// A decision that did not pass orders no case.
	_, err = w.s.OrderCase(ctx, w.archive, rs[1].ID, meetings.CaseOrder{Summary: "山林承包", Category: "其他", Handler: "蓝建国"})
	if errs.As(err).Code != errs.Conflict || rs[1].Passed {
		t.Fatalf("a case ordered by a failed vote: %v", err)
	}
}

// A committee meeting needs more than half of its members: 2 of 2, not 1 of 2.
func TestCommitteeNeedsMoreThanHalf(t *testing.T) {
	w := open(t, day("2026-11-27"))
	id := w.held(t, meetings.KindCommittee, "2026-11-27")
	m := w.get(t, id)
	for i, p := range m.Members {
		a := meetings.Present
		switch {
		case !p.Voting:
			a = meetings.Observer
		case i == 0:
			a = meetings.OnLeave
		}
		if err := w.s.MarkAttendance(ctx, p.ID, meetings.Mark{Attendance: a, Reason: "病假"}); err != nil {
			t.Fatal(err)
		}
	}
	q := w.get(t, id).Quorum
	if q.Members != 2 || q.Present != 1 || q.Needed != 2 || q.Met {
		t.Fatalf("1 of 2: %+v", q)
	}
	// A voting member cannot be marked 列席, nor one without a vote 出席; a leave needs its reason.
	wantErr(t, w.s.MarkAttendance(ctx, m.Members[0].ID, meetings.Mark{Attendance: meetings.Observer}), errs.Invalid, "attendance")
	wantErr(t, w.s.MarkAttendance(ctx, m.Members[0].ID, meetings.Mark{Attendance: meetings.OnLeave}), errs.Invalid, "reason")
	wantErr(t, w.s.MarkAttendance(ctx, m.Members[0].ID, meetings.Mark{Attendance: meetings.Present, Arrived: "9点"}), errs.Invalid, "arrived")
}
