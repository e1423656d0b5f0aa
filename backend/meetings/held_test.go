package meetings_test

import (
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
)

// 统计's card of meetings held counts, by hand: the meetings being held or final in the period (not
// those called or cancelled), the members with a vote still invited (应到), those of them marked
// 出席 (实到), and the decisions taken.
func TestHeldCountedByHand(t *testing.T) {
	w := open(t, day("2026-10-01")) // the committee and representatives from then on
	w.clock.Set(day("2026-11-27"))
	mark := func(memberID, a, reason string) {
		t.Helper()
		if err := w.s.MarkAttendance(ctx, memberID, meetings.Mark{Attendance: a, Reason: reason}); err != nil {
			t.Fatal(err)
		}
	}
	// November: four members with a vote (three come, one is on leave), the adviser without a
	// vote, and one more member invited and taken off the list again; one decision.
	nov := w.held(t, meetings.KindReps, "2026-11-03")
	extra, err := w.s.AddMember(ctx, nov, meetings.MemberInput{Name: "代表甲", Role: meetings.RoleRep, Voting: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.RemoveMember(ctx, extra); err != nil {
		t.Fatal(err)
	}
	var voting []string
	for _, p := range w.get(t, nov).Members {
		if p.Voting {
			voting = append(voting, p.ID)
		} else {
			mark(p.ID, meetings.Observer, "")
		}
	}
	if len(voting) != 4 {
		t.Fatalf("%d members with a vote, want the committee and the two representatives", len(voting))
	}
	mark(voting[0], meetings.Present, "")
	mark(voting[1], meetings.Present, "")
	mark(voting[2], meetings.Present, "")
	mark(voting[3], meetings.OnLeave, "病假")
	if _, err := w.s.AddResolution(ctx, nov, meetings.ResolutionInput{Text: "同意修缮村道", Vote: &meetings.VoteInput{For: 2}}); err != nil {
		t.Fatal(err)
	}
	// October: all four come.
	oct := w.held(t, meetings.KindReps, "2026-10-15")
	if _, err := w.s.MarkRest(ctx, oct); err != nil {
		t.Fatal(err)
	}
	// Neither a cancelled meeting nor one only called counts, whoever was invited to it.
	if err := w.s.Cancel(ctx, w.meeting(t, meetings.KindReps, "2026-11-10"), "改期"); err != nil {
		t.Fatal(err)
	}
	w.meeting(t, meetings.KindReps, "2026-11-20")

	for _, c := range []struct {
		from, to, village       string
		total, members, present int
		resolutions             int
	}{
		{"2026-11-01", "2026-11-30", "", 1, 4, 3, 1},
		{"", "", "", 2, 8, 7, 1},
		{"2026-10-01", "2026-10-31", w.village, 1, 4, 4, 0},
		{"", "", "另一个村", 0, 0, 0, 0},
	} {
		h, err := w.s.HeldIn(ctx, c.from, c.to, c.village)
		if err != nil {
			t.Fatal(err)
		}
		if h.Total != c.total || h.Members != c.members || h.Present != c.present || h.Resolutions != c.resolutions {
			t.Errorf("%s…%s %q: %d held, %d of %d present, %d decisions; want %d, %d of %d, %d",
				c.from, c.to, c.village, h.Total, h.Present, h.Members, h.Resolutions, c.total, c.present, c.members, c.resolutions)
		}
	}
}

// A decision is refused with all that is wrong at once: a 落实期限 before the meeting and more votes
// than members present were told one after the other.
func TestResolutionRefusedWholly(t *testing.T) {
	w := open(t, day("2026-10-01"))
	w.clock.Set(day("2026-11-27"))
	id := w.held(t, meetings.KindReps, "2026-11-03")
	if _, err := w.s.MarkRest(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err := w.s.AddResolution(ctx, id, meetings.ResolutionInput{Text: "同意修缮村道", DueOn: "2026-11-01",
		Vote: &meetings.VoteInput{For: 30}})
	wantErr(t, err, errs.Invalid, "dueOn")
	if also := errs.As(err).Also; len(also) != 1 || also[0].Field != "for" {
		t.Errorf("also %+v, want the votes", also)
	}
	if m := w.get(t, id); len(m.Resolutions) != 0 {
		t.Errorf("a refused decision was recorded: %+v", m.Resolutions)
	}
}

// A late arrival is after the meeting's start (09:00) and an early departure before its end (11:30):
// an arrival at 08:00 was taken as 迟到.
func TestLateAndEarlyWithinTheMeeting(t *testing.T) {
	w := open(t, day("2026-10-01"))
	w.clock.Set(day("2026-11-27"))
	id := w.held(t, meetings.KindReps, "2026-11-03")
	var member string
	for _, p := range w.get(t, id).Members {
		if p.Voting {
			member = p.ID
		}
	}
	for _, c := range []struct{ arrived, left, field string }{{"08:00", "", "arrived"}, {"09:00", "", "arrived"},
		{"", "11:30", "leftEarly"}, {"", "12:00", "leftEarly"}} {
		err := w.s.MarkAttendance(ctx, member, meetings.Mark{Attendance: meetings.Present, Arrived: c.arrived, LeftEarly: c.left})
		wantErr(t, err, errs.Invalid, c.field)
	}
	if err := w.s.MarkAttendance(ctx, member, meetings.Mark{Attendance: meetings.Present, Arrived: "09:20", LeftEarly: "11:00"}); err != nil {
		t.Fatal(err)
	}
}
