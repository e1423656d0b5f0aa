package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/workday"
)

// A village's year of meetings: the monthly 民情分析会 and quarterly 恳谈会 (most held, some missed,
// now and then one called off), a few 两委会议 and 村民代表会议 that decide by vote, and in January the
// 述职评议会 that reviews the representatives' year before. Everyone invited is marked: most came,
// some on leave with a reason, a few absent; the legal adviser attends without a vote. The cases of
// the village registered from a 民情分析会 or a 恳谈会 are the decisions of that month's or quarter's
// meeting (立案). Past minutes are final, numbered per kind and year; this month's meeting may still
// be planned, or not called yet. The rows are written as backend/meetings writes them, without the
// PDFs of the minutes (the county's 7,000 meetings would take a quarter of an hour to print).

// villageMeetings is the plan of a village's meetings and of its representatives' reviews.
type villageMeetings struct {
	meetings []*meetingPlan // by date
	reviews  []reviewPlan
}

type meetingPlan struct {
	kind, title, date, start, end, place string
	host, recorder                       *person
	state                                string
	record, opinion, cancelReason        string
	finalisedOn, issueNo                 string
	members                              []memberPlan
	items                                []*itemPlan
	resolutions                          []*resolutionPlan
	addendum                             [2]string // on_date, text; "" for none
	id                                   string
}

type memberPlan struct {
	p                           *person // nil for the legal adviser, who is no resident
	name, role                  string
	voting                      bool
	attendance, reason, arrived string
}

// itemPlan is an agenda item: free text, a case taken up (its title is its number and matter once
// written), or an earlier decision followed up.
type itemPlan struct {
	title, note string
	c           *casePlan       // a case on the agenda
	follow      *resolutionPlan // an earlier decision followed up
	fresh       bool            // a matter the meeting registers as a case
	report      time.Time       // for the report on the cases of a period, its first day
	id          string
}

type resolutionPlan struct {
	item                               *itemPlan
	text, handler, due, done, doneNote string
	voted, passed                      bool
	votes                              [3]int // for, against, abstain
	cases                              []*casePlan
	meeting                            *meetingPlan
	id                                 string
}

type reviewPlan struct {
	rep            *person
	year           int
	grade, reasons string
	meeting        *meetingPlan
}

// meetingTitle is how backend/meetings names a meeting by default.
func meetingTitle(village, kind string, d time.Time) string {
	switch kind {
	case meetings.KindAnalysis:
		return fmt.Sprintf("%s%d年%d月%s", village, d.Year(), d.Month(), kind)
	case meetings.KindTalk:
		return fmt.Sprintf("%s%d年第%s季度%s", village, d.Year(), chineseNumber((int(d.Month())+2)/3), kind)
	}
	return village + d.Format("2006年1月2日") + kind
}

// workdaysIn lists the working days from lo to hi.
func workdaysIn(lo, hi time.Time) []time.Time {
	var out []time.Time
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		if workday.Is(d) {
			out = append(out, d)
		}
	}
	return out
}

// meetingPlanner plans one village's meetings with its own random source.
type meetingPlanner struct {
	r         *rand.Rand
	v         *villagePlan
	today     time.Time
	groups    []*groupPlan
	groupOf   map[*householdPlan]*groupPlan
	reps      []*person
	neglect   map[*person]bool // representatives of a neglectful neighbourhood
	decisions []*resolutionPlan
}

// planMeetings plans a village's meetings over the year up to today (from the month a year ago, like
// the visits) and the review of its representatives' last year. The cases registered from a meeting
// (source 分析会 or 恳谈会) in that time become its decisions: the meeting is held on the day the first of
// them was registered, and takes the others registered in the ten days after; one registered later in
// the period, or one that was not accepted, is said to have come from a visit to the office instead (a
// meeting registers what it decides to take up, when it meets).
func planMeetings(r *rand.Rand, v *villagePlan, today time.Time) *villageMeetings {
	if len(v.committee) == 0 {
		return &villageMeetings{}
	}
	mp := &meetingPlanner{r: r, v: v, today: today, groupOf: map[*householdPlan]*groupPlan{}, neglect: map[*person]bool{}}
	for _, p := range v.pieces {
		for _, g := range p.groups {
			mp.groups = append(mp.groups, g)
			for _, nb := range g.nbs {
				for _, h := range nb.households {
					mp.groupOf[h] = g
				}
				if nb.leader != nil {
					if !slices.Contains(mp.reps, nb.leader) {
						mp.reps = append(mp.reps, nb.leader)
					}
					mp.neglect[nb.leader] = mp.neglect[nb.leader] || nb.neglectful
				}
			}
		}
	}
	from := today.AddDate(-1, 0, 0)
	months := periodStarts(from, today, 1)
	quarters := periodStarts(from, today, 3)
	// Most villages miss one meeting in eleven; one in six villages nearly one in three: one in eight
	// in all.
	skip := 0.09
	if r.Float64() < 1.0/6 {
		skip = 0.3
	}
	// the cases a meeting registered, by the month (分析会) or quarter (恳谈会) they came from
	fromMeeting := map[string]map[time.Time][]*casePlan{meetings.KindAnalysis: {}, meetings.KindTalk: {}}
	for i := range v.cases {
		cp := &v.cases[i]
		kind := map[string]string{"分析会": meetings.KindAnalysis, "恳谈会": meetings.KindTalk}[cp.in.Source]
		reg, _ := time.Parse(time.DateOnly, cp.in.RegisteredOn)
		if kind == "" || reg.Before(months[0]) {
			continue
		}
		if len(cp.steps) > 0 && cp.steps[0].Action == cases.ActReject {
			cp.in.Source = "来访"
			continue
		}
		start := periodStarts(reg, reg, 1)[0]
		if kind == meetings.KindTalk {
			start = periodStarts(reg, reg, 3)[0]
		}
		fromMeeting[kind][start] = append(fromMeeting[kind][start], cp)
	}
	var all []*meetingPlan
	regular := func(kind string, starts []time.Time, step int) {
		for _, start := range starts {
			end := start.AddDate(0, step, -1)
			linked := fromMeeting[kind][start]
			m := &meetingPlan{kind: kind, state: meetings.StateFinal}
			switch {
			case len(linked) > 0: // held on the day the first of its cases was registered
				slices.SortFunc(linked, func(a, b *casePlan) int { return strings.Compare(a.in.RegisteredOn, b.in.RegisteredOn) })
				m.date = linked[0].in.RegisteredOn
				// those registered in the days after it came from it too; the later ones did not
				d, _ := time.Parse(time.DateOnly, m.date)
				soon := d.AddDate(0, 0, 10).Format(time.DateOnly)
				for i, cp := range linked {
					if cp.in.RegisteredOn > soon {
						for _, late := range linked[i:] {
							late.in.Source = "来访"
						}
						linked = linked[:i]
						break
					}
				}
			case end.Before(today) && r.Float64() < skip: // missed; now and then called and then called off
				if r.Float64() < 0.3 {
					m.date = pick(r, workdaysIn(start.AddDate(0, 0, 3), end.AddDate(0, 0, -5))).Format(time.DateOnly)
					m.state, m.cancelReason = meetings.StateCancelled, pick(r, cancelReasons)
					all = append(all, m)
				}
				continue
			default: // on a working day of the first three weeks (a quarter's: of its first eleven)
				last := start.AddDate(0, 0, 24)
				if step == 3 {
					last = start.AddDate(0, 2, 20)
				}
				day := pick(r, workdaysIn(start.AddDate(0, 0, 2), last))
				if !day.Before(today) { // this period's, still to come: called for its day, or not yet
					if r.Float64() < 0.4 {
						continue
					}
					m.state = meetings.StatePlanned
				}
				m.date = day.Format(time.DateOnly)
			}
			for _, cp := range linked {
				cp.meeting = m
			}
			m.resolutions = make([]*resolutionPlan, 0, len(linked))
			for _, cp := range linked {
				m.resolutions = append(m.resolutions, &resolutionPlan{cases: []*casePlan{cp}})
			}
			all = append(all, m)
		}
	}
	regular(meetings.KindAnalysis, months, 1)
	regular(meetings.KindTalk, quarters, 3)
	past := workdaysIn(from, today.AddDate(0, 0, -3))
	for _, k := range []struct {
		kind   string
		lo, hi int
	}{{meetings.KindCommittee, 3, 5}, {meetings.KindReps, 1, 2}} {
		for range between(r, k.lo, k.hi) {
			all = append(all, &meetingPlan{kind: k.kind, state: meetings.StateFinal, date: pick(r, past).Format(time.DateOnly)})
		}
	}
	var reviews []*meetingPlan
	for y := from.Year(); y <= today.Year(); y++ {
		d := pick(r, workdaysIn(time.Date(y, 1, 8, 0, 0, 0, 0, time.UTC), time.Date(y, 1, 25, 0, 0, 0, 0, time.UTC)))
		if !d.Before(from) && !d.After(today.AddDate(0, 0, -3)) {
			m := &meetingPlan{kind: meetings.KindReview, state: meetings.StateFinal, date: d.Format(time.DateOnly)}
			all = append(all, m)
			reviews = append(reviews, m)
		}
	}
	slices.SortStableFunc(all, func(a, b *meetingPlan) int { return strings.Compare(a.date, b.date) })
	vm := &villageMeetings{meetings: all}
	// The first year's minutes carry on the numbers of the meetings held before the demo's year.
	issues := map[string]int{}
	if y := months[0].Year(); y < today.Year() {
		before := int(months[0].Month()) - 1
		for kind, n := range map[string]int{meetings.KindAnalysis: before - before/8, meetings.KindTalk: before / 3,
			meetings.KindCommittee: before / 3, meetings.KindReps: before / 6, meetings.KindReview: min(before, 1)} {
			issues[kind+fmt.Sprint(y)] = n
		}
	}
	for _, m := range all {
		mp.fill(m)
		if m.state == meetings.StateFinal {
			key := m.kind + m.date[:4]
			issues[key]++
			m.issueNo = fmt.Sprintf("%s年第%d期", m.date[:4], issues[key])
		}
	}
	for _, m := range reviews {
		vm.reviews = append(vm.reviews, mp.review(m)...)
	}
	return vm
}

// fill gives a meeting its particulars, members, agenda, decisions and minutes, as of its state.
func (mp *meetingPlanner) fill(m *meetingPlan) {
	r, v := mp.r, mp.v
	d, _ := time.Parse(time.DateOnly, m.date)
	m.title = meetingTitle(v.name, m.kind, d)
	m.host = v.committee[0]
	m.recorder = v.committee[len(v.committee)-1]
	for i, t := range v.titles {
		if t == "文书" && i > 0 {
			m.recorder = v.committee[i]
		}
	}
	hall := v.name + "村委会议室"
	if v.community {
		hall = v.name + "居委会议室"
	}
	m.place, m.start, m.end = hall, "09:00", "11:30"
	switch m.kind {
	case meetings.KindTalk:
		m.place = pick(r, []string{v.name + "村民活动中心", v.name + "文化广场", hall})
		m.start, m.end = "14:30", "17:00"
		if r.Float64() < 0.5 { // in the evening, when people are back from the fields
			m.start, m.end = "19:30", "21:30"
		}
	case meetings.KindCommittee:
		m.start, m.end = "15:00", "17:00"
	case meetings.KindReps, meetings.KindReview:
		m.start, m.end = "09:00", "11:00"
	}
	mp.invite(m)
	if m.state == meetings.StateCancelled {
		return
	}
	if m.state == meetings.StatePlanned {
		mp.agenda(m, d)
		return
	}
	if d.After(mp.today.AddDate(0, 0, -3)) {
		m.state = meetings.StateRunning // held in the last days: the recorder has not finalised yet
	}
	mp.attend(m)
	mp.agenda(m, d)
	mp.decide(m, d)
	mp.minutes(m, d)
	if m.state == meetings.StateFinal {
		fin := workday.Add(d, r.IntN(3))
		if fin.After(mp.today) {
			fin = mp.today
		}
		m.finalisedOn = fin.Format(time.DateOnly)
		if on := fin.AddDate(0, 0, between(r, 5, 20)); r.Float64() < 0.03 && !on.After(mp.today) {
			m.addendum = [2]string{on.Format(time.DateOnly), pick(r, addenda)}
		}
	}
}

// invite lists whom a kind of meeting calls (backend/meetings' invitations), each person once, under
// the first role that calls them: the committee (its members lead the pieces), the group leaders,
// the representatives, the legal adviser without a vote.
func (mp *meetingPlanner) invite(m *meetingPlan) {
	v := mp.v
	seen := map[*person]bool{}
	add := func(p *person, role string) {
		if p != nil && !seen[p] {
			seen[p] = true
			m.members = append(m.members, memberPlan{p: p, name: p.name, role: role, voting: true})
		}
	}
	committee := func() {
		for _, p := range v.committee {
			add(p, meetings.RoleCommittee)
		}
		for _, pc := range v.pieces {
			add(pc.leader, meetings.RolePiece)
		}
	}
	groups := func() {
		for _, g := range mp.groups {
			add(g.leader, meetings.RoleGroup)
		}
	}
	reps := func() {
		for _, p := range mp.reps {
			add(p, meetings.RoleRep)
		}
	}
	adviser := func() {
		if v.adviser != nil {
			m.members = append(m.members, memberPlan{name: v.adviser.name, role: meetings.RoleAdviser})
		}
	}
	committee()
	switch m.kind {
	case meetings.KindAnalysis:
		groups()
	case meetings.KindTalk:
		groups()
		reps()
	case meetings.KindCommittee:
		adviser()
	case meetings.KindReps:
		reps()
		adviser()
	case meetings.KindReview:
		reps()
	}
}

// quorumOf is the fewest of n voting members that must be there (backend/meetings' quorum rules):
// two thirds of a 村民代表会议, more than half of a 两委会议; 0 for the kinds without a rule.
func quorumOf(kind string, n int) int {
	switch kind {
	case meetings.KindReps:
		return (2*n + 2) / 3
	case meetings.KindCommittee, meetings.KindParty:
		return n/2 + 1
	}
	return 0
}

// attend marks everyone: most came, some on leave with a reason, a few absent, now and then one
// late; the adviser attends without a vote (列席). The host and the recorder are there, and so is a
// quorum.
func (mp *meetingPlanner) attend(m *meetingPlan) {
	r := mp.r
	voters, present := 0, 0
	for i := range m.members {
		x := &m.members[i]
		switch y := r.Float64(); {
		case !x.voting && y < 0.85:
			x.attendance = meetings.Observer
		case !x.voting:
			x.attendance, x.reason = meetings.OnLeave, pick(r, adviserReasons)
		case x.p == m.host || x.p == m.recorder || y < 0.86:
			x.attendance = meetings.Present
			if r.Float64() < 0.03 {
				h, _ := time.Parse("15:04", m.start)
				x.arrived = h.Add(time.Duration(between(r, 2, 6)*5) * time.Minute).Format("15:04")
			}
		case y < 0.96:
			x.attendance, x.reason = meetings.OnLeave, leaveReasons.pick(r)
		default:
			x.attendance = meetings.Absent
		}
		if x.voting {
			voters++
			if x.attendance == meetings.Present {
				present++
			}
		}
	}
	for i := range m.members {
		if present >= quorumOf(m.kind, voters) {
			break
		}
		if x := &m.members[i]; x.voting && x.attendance != meetings.Present {
			x.attendance, x.reason = meetings.Present, ""
			present++
		}
	}
}

// presentPeople are the members with a vote who came, the host first.
func presentPeople(m *meetingPlan) []*person {
	var out []*person
	for _, x := range m.members {
		if x.voting && x.attendance == meetings.Present && x.p != nil {
			out = append(out, x.p)
		}
	}
	return out
}

// closedOn says whether a case was settled (or refused) by day, going by its steps.
func closedOn(cp *casePlan, day string) bool {
	closed := false
	for _, s := range cp.steps {
		if s.Date > day {
			break
		}
		switch {
		case s.Action == cases.ActResolve || s.Action == cases.ActReject || s.Action == cases.ActArchive:
			closed = true
		case s.Action == cases.ActFollowUp && s.Satisfaction == "不满意":
			closed = false
		}
	}
	return closed
}

func handlerOf(cp *casePlan) string {
	for _, s := range cp.steps {
		if s.Action == cases.ActAssign && s.Handler != "" {
			return s.Handler
		}
	}
	return ""
}

// anyGroup picks a group of the village with its leader (the committee's head when it has none).
func (mp *meetingPlanner) anyGroup() (string, *person) {
	g := pick(mp.r, mp.groups)
	if g.leader == nil {
		return g.name, mp.v.committee[0]
	}
	return g.name, g.leader
}

// agenda lays out the items: for a 民情分析会 the month's report, earlier decisions not yet carried out
// and the village's open cases; for the others their business. Every decision planned on a new case
// gets an item of its own.
func (mp *meetingPlanner) agenda(m *meetingPlan, d time.Time) {
	r := mp.r
	day := m.date
	add := func(it *itemPlan) *itemPlan { m.items = append(m.items, it); return it }
	switch m.kind {
	case meetings.KindAnalysis:
		last := periodStarts(d.AddDate(0, -1, 0), d, 1)[0]
		add(&itemPlan{title: fmt.Sprintf("通报%d月民情收集和办理情况", int(last.Month())), report: last})
		followed := 0
		for _, res := range mp.decisions {
			if followed < 2 && res.meeting.date < day && res.handler != "" && len(res.cases) == 0 && res.passed && (res.done == "" || res.done > day) {
				followed++
				add(&itemPlan{title: cut(fmt.Sprintf("跟进%s决定：%s", cnDay(res.meeting.date), res.text), 100), follow: res})
			}
		}
		var open []*casePlan
		for i := range mp.v.cases {
			cp := &mp.v.cases[i]
			if cp.in.RegisteredOn < day && cp.meeting != m && !closedOn(cp, day) {
				open = append(open, cp)
			}
		}
		n := min(len(open), between(r, 1, 3), max(0, 4-len(m.items)-len(m.resolutions)))
		for _, i := range r.Perm(len(open))[:n] {
			add(&itemPlan{c: open[i]})
		}
	case meetings.KindTalk:
		add(&itemPlan{title: "通报上季度群众反映问题办理情况", report: periodStarts(d.AddDate(0, -3, 0), d, 3)[0]})
	case meetings.KindReview:
		for _, t := range []string{"村民代表逐一述职", "开展民主测评", "确定年度履职评议等次"} {
			add(&itemPlan{title: t})
		}
	}
	for _, res := range m.resolutions { // the cases the meeting registers
		cp := res.cases[0]
		res.item = add(&itemPlan{title: cut(fmt.Sprintf("研究%s%s反映的%s问题", mp.groupName(cp), cp.in.PersonName, cp.in.Summary), 100), fresh: true})
	}
	if m.kind == meetings.KindReview {
		return
	}
	held := m.state != meetings.StatePlanned
	for len(m.items) < 2 || held && len(m.resolutions) == 0 || len(m.items) < 5 && r.Float64() < 0.35 {
		list := decisions[m.kind]
		dc := list[r.IntN(len(list))]
		group, handler := mp.anyGroup()
		title := cut(strings.ReplaceAll(dc.item, "%s", group), 100)
		if slices.ContainsFunc(m.items, func(it *itemPlan) bool { return it.title == title }) {
			continue
		}
		it := add(&itemPlan{title: title})
		if !held || len(m.resolutions) >= 3 {
			continue // (an item discussed without a decision)
		}
		res := &resolutionPlan{item: it, text: strings.ReplaceAll(dc.text, "%s", group)}
		if dc.days > 0 {
			res.handler = handler.name
			res.due = workday.Add(d, dc.days).Format(time.DateOnly)
		}
		m.resolutions = append(m.resolutions, res)
	}
}

// cnDay writes an ISO date as 2026年3月5日.
func cnDay(iso string) string {
	d, _ := time.Parse(time.DateOnly, iso)
	return d.Format("2006年1月2日")
}

func (mp *meetingPlanner) groupName(cp *casePlan) string {
	if g := mp.groupOf[cp.household]; g != nil {
		return g.name
	}
	return ""
}

// decide completes the decisions: the cases the meeting registers (each with its handler and the
// case's deadline), a case on the agenda chased, the votes of the kinds that decide by vote (a
// quorum is there; now and then a motion fails), and what became of the decisions since.
func (mp *meetingPlanner) decide(m *meetingPlan, d time.Time) {
	r := mp.r
	for _, it := range m.items {
		if it.c != nil && len(m.resolutions) < 3 && r.Float64() < 0.5 {
			h := handlerOf(it.c)
			if h == "" {
				continue
			}
			limit, _ := cases.LimitOf(it.c.in.Category)
			reg, _ := time.Parse(time.DateOnly, it.c.in.RegisteredOn)
			due := workday.Add(reg, limit)
			if due.Before(d) {
				due = workday.Add(d, 5)
			}
			m.resolutions = append(m.resolutions, &resolutionPlan{item: it, text: "督促加快办理" + it.c.in.Summary + "，办结后及时回访",
				handler: h, due: due.Format(time.DateOnly)})
		}
	}
	if m.kind == meetings.KindReview {
		m.resolutions = append(m.resolutions, &resolutionPlan{item: m.items[len(m.items)-1]}) // its text once the grades are known
	}
	voters := len(presentPeople(m))
	for _, res := range m.resolutions {
		res.meeting, res.passed = m, true
		if len(res.cases) > 0 {
			cp := res.cases[0]
			limit, _ := cases.LimitOf(cp.in.Category)
			reg, _ := time.Parse(time.DateOnly, cp.in.RegisteredOn)
			res.text = fmt.Sprintf("将%s%s反映的%s问题登记为民情件办理", mp.groupName(cp), cp.in.PersonName, cp.in.Summary)
			res.handler, res.due = handlerOf(cp), workday.Add(reg, limit).Format(time.DateOnly)
			if res.handler == "" {
				res.due = ""
			}
		}
		if quorumOf(m.kind, 1) > 0 {
			res.voted = true
			against, abstain := r.IntN(voters/8+1), r.IntN(voters/10+1)
			if against+abstain >= voters {
				against, abstain = 0, 0
			}
			res.votes = [3]int{voters - against - abstain, against, abstain}
			if r.Float64() < 0.06 { // the motion fails
				res.votes = [3]int{voters / 2, voters - voters/2 - abstain, abstain}
				if res.votes[1] < 0 {
					res.votes = [3]int{voters / 2, voters - voters/2, 0}
				}
				res.handler, res.due = "", ""
			}
			res.passed = 2*res.votes[0] > voters
		}
		if res.due != "" && len(res.cases) == 0 {
			due, _ := time.Parse(time.DateOnly, res.due)
			done := due.AddDate(0, 0, -r.IntN(4))
			if done.Before(d) {
				done = d
			}
			if r.Float64() < 0.85 && done.Before(mp.today) {
				res.done, res.doneNote = done.Format(time.DateOnly), pick(r, doneNotes)
			}
		}
		mp.decisions = append(mp.decisions, res)
	}
}

// review grades most representatives of the year before: mostly 称职 or 优秀, a few 基本称职 with the
// reasons (more often those who neglect their visits), and states the result as the meeting's
// decision.
func (mp *meetingPlanner) review(m *meetingPlan) []reviewPlan {
	r := mp.r
	year := atoi(m.date[:4]) - 1
	var out []reviewPlan
	count := map[string]int{}
	for _, p := range mp.reps {
		if r.Float64() < 0.1 {
			continue // not reviewed: away, or moved on
		}
		rv := reviewPlan{rep: p, year: year, meeting: m, grade: "称职"}
		switch x := r.Float64(); {
		case mp.neglect[p] && x < 0.4 || !mp.neglect[p] && x < 0.03:
			rv.grade = "基本称职"
			rv.reasons = pick(r, []string{"走访不够经常，部分重点户未按月走访", "参加会议较少，反映民情不够及时", "联系户对其走访情况满意度不高"})
		case !mp.neglect[p] && x < 0.3:
			rv.grade = "优秀"
			rv.reasons = pick(r, []string{"走访到位，及时反映和协调解决群众诉求", "热心公益，调解邻里纠纷成效明显", ""})
		}
		count[rv.grade]++
		out = append(out, rv)
	}
	if len(m.resolutions) > 0 {
		res := m.resolutions[len(m.resolutions)-1]
		res.text = fmt.Sprintf("确定%d年度村民代表履职评议结果：优秀%d名、称职%d名、基本称职%d名，在村务公开栏公示5个工作日",
			year, count["优秀"], count["称职"], count["基本称职"])
	}
	return out
}
