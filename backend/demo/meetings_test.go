package demo_test

import (
	"regexp"
	"testing"
	"time"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
)

// checkMeetings checks the township demo's year of meetings (TestTownship): every village held its
// meetings, some months were missed, the minutes of the past are final and numbered, everyone on a
// held meeting's list is marked, every vote has its quorum and a result that agrees with its counts,
// the cases a meeting registered point back to it through a decision, the representatives of last
// year are mostly reviewed, and the meetings read and print through backend/meetings.
func checkMeetings(t *testing.T, s *grid.Service, stats demo.Stats) {
	ms := meetings.NewService(dbOf(s), nil)
	today := dbOf(s).Today()
	iso := today.Format(time.DateOnly)
	yearAgo := today.AddDate(-1, 0, 0).Format(time.DateOnly)

	t.Run("EveryVillage", func(t *testing.T) {
		if stats.Meetings < stats.Villages*15 {
			t.Errorf("%d meetings in %d villages", stats.Meetings, stats.Villages)
		}
		for _, r := range query(t, s, `SELECT v.name,
			(SELECT count(*) FROM meetings m WHERE m.village_id = v.id AND m.kind = '民情分析会' AND m.state IN ('进行中', '已定稿') AND m.held_on >= ?1),
			(SELECT count(*) FROM meetings m WHERE m.village_id = v.id AND m.kind = '村(居)民恳谈会' AND m.state IN ('进行中', '已定稿') AND m.held_on >= ?1),
			(SELECT count(*) FROM meetings m WHERE m.village_id = v.id AND m.kind = '两委会议' AND m.state = '已定稿'),
			(SELECT count(*) FROM meetings m WHERE m.village_id = v.id AND m.kind = '村民代表会议' AND m.state = '已定稿')
			FROM villages v`, yearAgo) {
			if atoi(t, r[1]) < 4 || atoi(t, r[2]) < 2 || atoi(t, r[3]) < 3 || atoi(t, r[4]) < 1 {
				t.Errorf("%s held in the last year %s 民情分析会, %s 恳谈会, %s 两委会议, %s 村民代表会议", r[0], r[1], r[2], r[3], r[4])
			}
		}
		// held and called-off meetings lie in the past, planned ones in the future
		if n := count(t, s, `SELECT count(*) FROM meetings WHERE state IN ('进行中', '已定稿', '已取消') AND held_on > ?1
			OR state = '筹备' AND held_on < ?1 OR state = '已定稿' AND (finalised_on < held_on OR finalised_on > ?1)`, iso); n > 0 {
			t.Errorf("%d meetings dated against their state", n)
		}
	})

	// Some village missed a month: a month of the last twelve ended without a 民情分析会 held.
	t.Run("Missed", func(t *testing.T) {
		missed, cancelled := 0, count(t, s, `SELECT count(*) FROM meetings WHERE state = '已取消' AND cancel_reason <> ''`)
		for _, v := range query(t, s, `SELECT id FROM villages`) {
			for m := 1; m <= 12; m++ {
				start := time.Date(today.Year(), today.Month()-time.Month(m), 1, 0, 0, 0, 0, time.UTC)
				if count(t, s, `SELECT count(*) FROM meetings WHERE village_id = ? AND kind = '民情分析会' AND state IN ('进行中', '已定稿')
					AND held_on BETWEEN ? AND ?`, v[0], start.Format(time.DateOnly), start.AddDate(0, 1, -1).Format(time.DateOnly)) == 0 {
					missed++
				}
			}
		}
		if missed == 0 || missed > stats.Villages*12/4 || cancelled == 0 {
			t.Errorf("%d village-months of %d without a 民情分析会, %d called off", missed, stats.Villages*12, cancelled)
		}
		due, err := ms.Due(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		shown := 0
		for _, d := range due {
			if d.Status == meetings.DueMissed || d.MissedYear > 0 {
				shown++
			}
		}
		if len(due) == 0 || shown == 0 {
			t.Errorf("the due list has %d entries, %d of them missed", len(due), shown)
		}
	})

	// The minutes of the past are final, numbered 2026年第N期 in order per village, kind and year (the
	// first year's carry on from the meetings before the demo's year).
	t.Run("Final", func(t *testing.T) {
		number := regexp.MustCompile(`^(\d{4})年第(\d+)期$`)
		last := map[string]int{}
		for _, r := range query(t, s, `SELECT village_id || kind, held_on, issue_no, record, opinion, host, recorder FROM meetings
			WHERE state = '已定稿' ORDER BY village_id, kind, held_on, id`) {
			m := number.FindStringSubmatch(r[2])
			if m == nil || m[1] != r[1][:4] || r[3] == "" || r[4] == "" || r[5] == "" || r[6] == "" {
				t.Fatalf("final minutes %v", r)
			}
			key := r[0] + m[1]
			n := atoi(t, m[2])
			if prev, ok := last[key]; ok && n != prev+1 || !ok && m[1] == iso[:4] && n != 1 {
				t.Errorf("%s: issue %d after %d", r[2], n, prev)
			}
			last[key] = n
		}
	})

	// Every vote: the quorum was there and the result agrees with the counts (more than half of those
	// present for); a 村民代表会议 decides only by vote.
	t.Run("Votes", func(t *testing.T) {
		reps, votes := 0, 0
		for _, r := range query(t, s, `SELECT id, kind FROM meetings WHERE state IN ('进行中', '已定稿') AND kind IN ('村民代表会议', '两委会议')`) {
			m, err := ms.Get(ctx, r[0])
			if err != nil {
				t.Fatal(err)
			}
			if !m.Quorum.Met || m.Quorum.Unmarked > 0 || len(m.Resolutions) == 0 {
				t.Errorf("%s: %s, %d unmarked, %d decisions", m.Title, m.Quorum.Line, m.Quorum.Unmarked, len(m.Resolutions))
			}
			if m.Kind == meetings.KindReps {
				reps++
			}
			for _, res := range m.Resolutions {
				votes++
				if !res.Voted || res.Passed != (2*res.For > m.Quorum.Present) || res.For+res.Against+res.Abstain > m.Quorum.Present {
					t.Errorf("%s: %q voted %v %d/%d/%d of %d present, passed %v", m.Title, res.Text, res.Voted, res.For, res.Against,
						res.Abstain, m.Quorum.Present, res.Passed)
				}
			}
		}
		if reps < stats.Villages || votes == 0 {
			t.Errorf("%d 村民代表会议, %d votes", reps, votes)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_resolutions WHERE voted = 1 AND passed <> (2 * votes_for > (SELECT count(*)
			FROM meeting_members x WHERE x.meeting_id = meeting_resolutions.meeting_id AND x.voting = 1 AND x.attendance = '出席'))`); n > 0 {
			t.Errorf("%d votes whose result does not follow from the counts", n)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_resolutions WHERE voted = 0 AND passed = 0`); n > 0 {
			t.Errorf("%d decisions without a vote that did not pass", n)
		}
	})

	// Attendance: everyone on a held meeting's list is marked, most came, some on leave with a reason,
	// a few absent, the adviser without a vote; a planned meeting's list is not marked yet.
	t.Run("Attendance", func(t *testing.T) {
		held := `SELECT id FROM meetings WHERE state IN ('进行中', '已定稿')`
		all := count(t, s, `SELECT count(*) FROM meeting_members WHERE meeting_id IN (`+held+`)`)
		by := map[string]int{}
		for _, r := range query(t, s, `SELECT attendance, count(*) FROM meeting_members WHERE meeting_id IN (`+held+`) GROUP BY attendance`) {
			by[r[0]] = atoi(t, r[1])
		}
		if by[""] > 0 || by["出席"] < all*3/4 || by["请假"] == 0 || by["缺席"] == 0 || by["列席"] == 0 {
			t.Errorf("attendance of %d: %v", all, by)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_members WHERE attendance = '请假' AND reason = ''
			OR attendance = '列席' AND voting = 1 OR attendance = '出席' AND voting = 0`); n > 0 {
			t.Errorf("%d marks that do not fit", n)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_members x JOIN meetings m ON m.id = x.meeting_id
			WHERE m.state = '筹备' AND x.attendance <> ''`); n > 0 {
			t.Errorf("%d members of planned meetings marked", n)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_members x WHERE x.resident_id <> '' AND NOT EXISTS (SELECT 1 FROM leaders l
			WHERE l.resident_id = x.resident_id AND l.deleted_at IS NULL)`); n > 0 {
			t.Errorf("%d members from the registry hold no role", n)
		}
	})

	// The cases a meeting registered: the case names the meeting, of the kind its source says, and a
	// decision of that meeting links the case (立案). Items on agendas name live cases of the village.
	t.Run("Cases", func(t *testing.T) {
		fromMeetings := count(t, s, `SELECT count(*) FROM cases WHERE meeting_id <> ''`)
		if fromMeetings == 0 {
			t.Fatal("no case came from a meeting")
		}
		if n := count(t, s, `SELECT count(*) FROM cases c LEFT JOIN meetings m ON m.id = c.meeting_id AND m.village_id = c.village_id
			WHERE c.meeting_id <> '' AND (m.id IS NULL OR m.state NOT IN ('进行中', '已定稿') OR m.held_on > c.registered_on
			OR c.source <> CASE m.kind WHEN '民情分析会' THEN '分析会' WHEN '村(居)民恳谈会' THEN '恳谈会' END)`); n > 0 {
			t.Errorf("%d cases name a meeting that is not theirs", n)
		}
		if n := count(t, s, `SELECT count(*) FROM cases c WHERE c.meeting_id <> '' AND NOT EXISTS (SELECT 1 FROM meeting_case_links l
			JOIN meeting_resolutions r ON r.id = l.resolution_id WHERE l.case_id = c.id AND l.meeting_id = c.meeting_id
			AND r.meeting_id = c.meeting_id AND l.action = '立案')`); n > 0 {
			t.Errorf("%d cases from a meeting without its decision", n)
		}
		if n := count(t, s, `SELECT count(*) FROM cases WHERE source IN ('分析会', '恳谈会') AND meeting_id = ''`); n > 0 {
			t.Errorf("%d cases from a meeting in the year of meetings name none", n)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id LEFT JOIN cases c ON c.id = i.case_id
			WHERE i.case_id <> '' AND (c.village_id IS NOT m.village_id OR c.registered_on >= m.held_on)`); n > 0 {
			t.Errorf("%d agenda items name a case of another village or a later one", n)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_items WHERE case_id <> ''`); n == 0 {
			t.Error("no agenda item takes up a case")
		}
		if n := count(t, s, `SELECT count(*) FROM (SELECT count(*) AS n FROM meeting_items GROUP BY meeting_id) WHERE n < 2`); n > 0 {
			t.Errorf("%d meetings with fewer than two items", n)
		}
		h, err := ms.HeldIn(ctx, yearAgo, iso, "")
		if err != nil || h.Total == 0 || h.Cases != fromMeetings || h.Present == 0 || h.Resolutions == 0 {
			t.Errorf("held %+v, %d cases from meetings: %v", h, fromMeetings, err)
		}
	})

	// Most representatives of last year are reviewed at the January 述职评议会, mostly 称职 or 优秀 (early
	// in January, before it, those of the year before).
	t.Run("Reviews", func(t *testing.T) {
		year := count(t, s, `SELECT coalesce(max(year), 0) FROM rep_reviews`)
		if year != today.Year()-1 && !(year == today.Year()-2 && today.Month() == time.January) {
			t.Fatalf("the last year reviewed is %d", year)
		}
		reps := count(t, s, `SELECT count(DISTINCT resident_id) FROM leaders WHERE role = 'neighbourhood_leader'`)
		reviewed := count(t, s, `SELECT count(*) FROM rep_reviews WHERE year = ?`, year)
		grades := map[string]int{}
		for _, r := range query(t, s, `SELECT grade, count(*) FROM rep_reviews WHERE year = ? GROUP BY grade`, year) {
			grades[r[0]] = atoi(t, r[1])
		}
		if reviewed < reps*8/10 || reviewed > reps || grades["称职"] < reviewed/2 || grades["优秀"] == 0 || grades["基本称职"] == 0 {
			t.Errorf("%d of %d representatives reviewed for %d: %v", reviewed, reps, year, grades)
		}
		if n := count(t, s, `SELECT count(*) FROM rep_reviews r LEFT JOIN meetings m ON m.id = r.meeting_id WHERE m.kind IS NOT '述职评议会'
			OR m.village_id <> r.village_id OR r.reviewed_on <> m.held_on OR r.grade IN ('基本称职', '不称职') AND r.reasons = ''`); n > 0 {
			t.Errorf("%d reviews without their meeting or reasons", n)
		}
		rep := query(t, s, `SELECT resident_id FROM rep_reviews WHERE year = ? ORDER BY id LIMIT 1`, year)[0][0]
		y, err := ms.RepYear(ctx, rep, year)
		if err != nil || y.Review == nil || y.Review.Grade == "" {
			t.Errorf("RepYear %d: %+v %v", year, y, err)
		}
		if y, err = ms.RepYear(ctx, rep, year+1); err != nil || y.MeetingsInvited == 0 || y.MeetingsAttended+y.MeetingsLeave+y.MeetingsAbsent != y.MeetingsInvited {
			t.Errorf("RepYear %d: %+v %v", year+1, y, err)
		}
	})

	// Every meeting reads, and every final one prints: its 会议记录 and 会议纪要 built from the data pass
	// the documents' checks.
	t.Run("Print", func(t *testing.T) {
		for _, r := range query(t, s, `SELECT id, state FROM meetings ORDER BY held_on`) {
			m, err := ms.Get(ctx, r[0])
			if err != nil || m.Title == "" || len(m.Members) == 0 {
				t.Fatalf("Get %s: %v", r[0], err)
			}
			if r[1] != meetings.StateFinal && r[1] != meetings.StateRunning {
				continue
			}
			for _, form := range []string{"record", "summary"} {
				doc, err := ms.Draft(ctx, r[0], form)
				if err == nil {
					err = doc.Validate()
				}
				if err != nil {
					t.Fatalf("%s %s: %v", m.Title, form, err)
				}
			}
		}
	})
}
