package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/workday"
)

// A village's year of contract reviews: the contracts it sent its legal adviser (土地流转, 工程承包, the
// lease and contracting-out of collective assets, purchases, services), each carried as far as its
// story goes by today — most reviewed in time and signed, some on a revised second version, some
// signed against the opinion or without the vote a major contract needs (with the reason), some given
// up; the recent ones still waiting, under review (some past their deadline), sent back for what is
// missing, or with the opinion given and not yet signed. A major contract names the 村民代表会议
// decision that approved it (added to one of the village's meetings of the year), or why none is
// needed. The requests are written through backend/contracts' SubmitIn, which numbers them and
// computes their deadlines; the steps after it are written as backend/contracts writes them, dated
// on their own days (its step functions date a step on the clock's today). In the township demo
// every opinion is issued as its 合同审查意见书; the county's reviews have no archived PDFs.

// contractPlan is a contract a village sends for review, and what became of it.
type contractPlan struct {
	kind     contractKind
	in       contracts.RequestInput // VillageID, AdviserID and the decision once written
	terms    termsPlan              // the first version
	where    string                 // the group it concerns ("" for the whole village)
	quantity int                    // 亩, for the kinds priced by the 亩
	years    int
	major    bool
	decision *resolutionPlan // the 村民代表会议 decision named when it was sent, if any
	steps    []contractStep
	adviser  *adviser
	order    int // the village's place, to write requests of one day in village order

	villageID, id, number string // once written
}

// termsPlan is a version of the terms, amounts in 分.
type termsPlan struct {
	counterparty, code, rep string
	amountFen               int64
	start, end              string
	renewal                 string
	notice                  int
	payments                []contracts.Payment
	change                  string
}

// contractStep is a step taken on a request after it was sent, on its day.
type contractStep struct {
	on       string // ISO
	action   string // the timeline's action (steps.go)
	text     string // what is missing, why it was given up, why it was signed against the opinion
	terms    *termsPlan
	opinion  *opinionPlan
	decision *resolutionPlan // 民主程序: the decision named after the opinion
	noVote   string          // 民主程序: why no vote is needed
}

// The actions of the timeline, as backend/contracts names them.
const (
	actStart     = "开始审查"
	actReturn    = "退回补充"
	actResubmit  = "重新送审"
	actOpinion   = "出具意见"
	actProcedure = "民主程序"
	actSign      = "签订"
	actAbandon   = "放弃"
)

// opinionPlan is an adviser's opinion on a version.
type opinionPlan struct {
	checklist                         []contracts.Check
	risks                             []contracts.RiskInput
	answers                           *opinionPlan // the earlier opinion whose risks this version answered
	answered                          []int        // which of them (finishSteps)
	answerNote                        string
	conclusion, reasons, reservations string
	riskIDs                           []string // once written
}

// contractTargets are the states a village's requests stand in today, by weight; the first request
// of each village stands in one of firstTargets in turn, so that every state is there, and some
// requests are past their deadline, in any demo.
var (
	contractTargets = newWeighted(contracts.StateSigned+":60", contracts.StateAbandoned+":12", contracts.StateOpinion+":9",
		contracts.StateReturned+":5", contracts.StateReviewing+":7", contracts.StateWaiting+":5")
	firstTargets = []string{contracts.StateWaiting + overdueMark, contracts.StateReviewing + overdueMark, contracts.StateReturned,
		contracts.StateOpinion, contracts.StateReviewing, contracts.StateWaiting}
)

// overdueMark marks a target past its deadline.
const overdueMark = "/超期"

type contractPlanner struct {
	r       *rand.Rand
	v       *villagePlan
	today   time.Time
	yearAgo time.Time
	groups  []*groupPlan
	reps    []*meetingPlan       // the village's 村民代表会议 held and final, by date
	taken   map[string]bool      // the contracts planned so far: no village signs the same one twice
	agenda  map[*meetingPlan]int // the contracts each meeting approved
}

// planContracts plans a village's contracts over the year up to today, and adds to its 村民代表会议
// the decisions that approved the major ones.
func planContracts(r *rand.Rand, v *villagePlan, today time.Time, info scaleInfo, order int) []*contractPlan {
	if v.adviser == nil || len(v.committee) == 0 {
		return nil
	}
	cp := &contractPlanner{r: r, v: v, today: today, yearAgo: today.AddDate(-1, 0, 0), taken: map[string]bool{}, agenda: map[*meetingPlan]int{}}
	for _, p := range v.pieces {
		cp.groups = append(cp.groups, p.groups...)
	}
	if v.meetings != nil {
		for _, m := range v.meetings.meetings {
			if m.kind == meetings.KindReps && m.state == meetings.StateFinal && len(presentPeople(m)) > 0 {
				cp.reps = append(cp.reps, m)
			}
		}
	}
	n := between(r, info.contracts[0], info.contracts[1])
	out := make([]*contractPlan, 0, n)
	for i := range n {
		target := contractTargets.pick(r)
		if i == 0 {
			target = firstTargets[order%len(firstTargets)]
		}
		c := cp.plan(target)
		c.order = order
		out = append(out, c)
	}
	return out
}

// civil is the calendar day of t at UTC midnight, as the demo keeps its days.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// iso writes a day as 2006-01-02.
func iso(t time.Time) string { return t.Format(time.DateOnly) }

// addWorkdays is workday.Add on the demo's days.
func addWorkdays(d time.Time, n int) time.Time { return civil(workday.Add(d, n)) }

// backWorkdays is the working day n working days before d (d itself, or the working day before it,
// for 0).
func backWorkdays(d time.Time, n int) time.Time {
	for !workday.Is(d) {
		d = d.AddDate(0, 0, -1)
	}
	for ; n > 0; n-- {
		d = d.AddDate(0, 0, -1)
		for !workday.Is(d) {
			d = d.AddDate(0, 0, -1)
		}
	}
	return d
}

// onWorkday is d, or the next working day.
func onWorkday(d time.Time) time.Time {
	for !workday.Is(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// gap is how far a step comes after the one before: working days, or calendar days moved on to a
// working day.
type gap struct {
	workdays bool
	n        int
}

// scripted is a step and its gap, before it is dated.
type scripted struct {
	step contractStep
	gap  gap
}

// layout dates a script from the day the request was sent.
func layout(sent time.Time, script []scripted) []contractStep {
	out := make([]contractStep, len(script))
	d := sent
	for i, s := range script {
		if s.gap.workdays {
			d = addWorkdays(d, s.gap.n)
		} else {
			d = onWorkday(d.AddDate(0, 0, s.gap.n))
		}
		out[i] = s.step
		out[i].on = iso(d)
	}
	return out
}

// lastOn is the day of a script's last step when sent on sent (sent itself for none).
func lastOn(sent time.Time, script []scripted) time.Time {
	steps := layout(sent, script)
	if len(steps) == 0 {
		return sent
	}
	d, _ := time.Parse(time.DateOnly, steps[len(steps)-1].on)
	return d
}

// sentFor is the latest working day a request can be sent on for its script's last step to fall on
// or before last.
func sentFor(last time.Time, script []scripted) time.Time {
	sent := backWorkdays(last, 0)
	span := int(lastOn(sent, script).Sub(sent).Hours() / 24)
	sent = backWorkdays(sent.AddDate(0, 0, -span), 0)
	for lastOn(sent, script).After(last) {
		sent = backWorkdays(sent, 1)
	}
	return sent
}

// plan plans one contract whose request stands in target today.
func (cp *contractPlanner) plan(target string) *contractPlan {
	r, v := cp.r, cp.v
	overdue := strings.HasSuffix(target, overdueMark)
	target = strings.TrimSuffix(target, overdueMark)
	var k contractKind
	var title string
	c := &contractPlan{adviser: v.adviser}
	for try := 0; try == 0 || cp.taken[title] && try < 20; try++ {
		k = pick(r, contractKinds[contractTypes.pick(r)])
		title, c.where = k.title, ""
		if strings.Contains(title, "%s") {
			c.where = pick(r, cp.groups).name
			title = fmt.Sprintf(title, c.where)
		}
	}
	cp.taken[title] = true
	typ := k.typ
	c.kind = k
	title = v.name + title
	if v.community {
		// (城南社区服务中心, not 城南社区社区服务中心)
		title = v.name + strings.NewReplacer("村部", "服务中心", "村务", "", "村庄", "", "村道", "道路", "村小学", "小学").Replace(strings.TrimPrefix(title, v.name))
	}
	// the price: by the 亩 and the year, by the year, or the whole
	var perYear, total int64
	if k.units[1] > 0 {
		c.quantity = between(r, k.units[0]/5, k.units[1]/5) * 5
		perYear = int64(c.quantity * between(r, k.unit[0], k.unit[1]) * 10)
	} else {
		perYear = int64(between(r, k.per[0]*10, k.per[1]*10)*1000 + between(r, 0, 9)*100)
	}
	months := between(r, k.months[0], k.months[1])
	total = perYear
	if k.years[1] > 0 {
		c.years = between(r, k.years[0], k.years[1])
		months, total = 12*c.years, perYear*int64(c.years)
	}
	c.major, _ = contracts.DefaultSettings().Major(typ, total*100)
	name, code := company(r, pick(r, k.party), v.name)
	sex := "男"
	if r.Float64() < 0.25 {
		sex = "女"
	}
	c.terms = termsPlan{counterparty: name, code: code, rep: fullName(r, surnames.pick(r), sex, cp.today.Year()-between(r, 32, 60)),
		amountFen: total * 100}
	if k.renewal != "" {
		c.terms.notice = pick(r, k.notice)
		c.terms.renewal = fmt.Sprintf(k.renewal, c.terms.notice)
	}
	by := v.committee[0].name
	for i, t := range v.titles {
		if t == "文书" && r.Float64() < 0.5 {
			by = v.committee[i].name
		}
	}
	c.in = contracts.RequestInput{Title: title, Type: typ, SubmittedBy: by}
	days := contracts.DefaultSettings().ReviewDays
	if total >= 500000 {
		c.in.ReviewDays, days = 10, 10 // a big contract: ten working days
	}

	b := &storyBuilder{cp: cp, c: c, days: days, overdue: overdue}
	sent := b.tell(target)
	var from time.Time // the term's first day, when the story sets it
	if target == contracts.StateSigned && c.years == 1 && b.meeting == nil && b.later == nil && r.Float64() < 0.7 {
		// a one-year contract signed about a year ago, whose end (or the last day to give notice
		// about renewing it) comes up in the next weeks: 首页 says so
		end := cp.today.AddDate(0, 0, between(r, 3, 25))
		if c.terms.notice > 0 && r.Float64() < 0.5 {
			end = end.AddDate(0, 0, c.terms.notice)
		}
		start := end.AddDate(-1, 0, 1)
		if s := sentFor(backWorkdays(start.AddDate(0, 0, -between(r, 1, 3)), 0), b.script); !s.Before(cp.yearAgo) {
			sent, from = s, start
		}
	}
	c.in.SubmittedOn = iso(sent)
	c.steps = layout(sent, b.script)
	for len(c.steps) > 0 && c.steps[len(c.steps)-1].on > iso(cp.today) { // (a story that has not got that far yet)
		c.steps = c.steps[:len(c.steps)-1]
	}
	if b.meeting != nil {
		c.decision = cp.addDecision(c, b.meeting)
	}
	for i := range c.steps {
		if s := &c.steps[i]; s.action == actProcedure && b.later != nil {
			s.decision = cp.addDecision(c, b.later)
		}
	}
	cp.finishSteps(c)

	// The term runs from the month after the contract was (or would be) signed; later versions keep it.
	signed := cp.today.AddDate(0, 0, between(r, 10, 40))
	for _, s := range c.steps {
		if s.action == actSign || s.action == actAbandon {
			signed, _ = time.Parse(time.DateOnly, s.on)
		}
	}
	if from.IsZero() {
		from = time.Date(signed.Year(), signed.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	}
	c.terms.setTerm(from, months, perYear, total, k)
	for i := range c.steps {
		if t := c.steps[i].terms; t != nil {
			t.start, t.end = c.terms.start, c.terms.end
			t.payments = scaledPayments(c.terms.payments, c.terms.amountFen, t.amountFen)
		}
	}
	return c
}

// setTerm sets the term from start for months and the payment schedule of its kind.
func (t *termsPlan) setTerm(start time.Time, months int, perYear, total int64, k contractKind) {
	end := start.AddDate(0, months, -1)
	t.start, t.end = iso(start), iso(end)
	var pays []contracts.Payment
	add := func(due time.Time, fen int64, note string) {
		pays = append(pays, contracts.Payment{Due: iso(due), AmountFen: fen, Note: note})
	}
	fee := map[string]string{"土地流转": "流转费", "集体资产租赁": "租金", "集体资产发包": "承包费"}[k.typ]
	if fee == "" {
		fee = "服务费"
	}
	year, whole := perYear*100, total*100
	switch k.pay {
	case "yearly":
		for y := 0; y < months/12; y++ {
			add(start.AddDate(y, 0, 14), year, fmt.Sprintf("第%s年%s", chineseNumber(y+1), fee))
		}
	case "quarterly":
		for q := 0; q < months/3; q++ {
			add(start.AddDate(0, 3*q+3, -1), year/4, fmt.Sprintf("第%s季度%s", chineseNumber(q%4+1), fee))
		}
	case "monthly":
		for m := 0; m < months; m++ {
			add(start.AddDate(0, m+1, 9), year/12, fmt.Sprintf("%d月%s", int(start.AddDate(0, m, 0).Month()), fee))
		}
	case "works":
		add(start.AddDate(0, 0, 7), whole*30/100, "预付款")
		if months > 1 {
			add(start.AddDate(0, months/2, 14), whole*40/100, "进度款")
			add(end.AddDate(0, 0, 20), whole*25/100, "竣工验收合格后支付")
		} else {
			add(end.AddDate(0, 0, 20), whole*65/100, "竣工验收合格后支付")
		}
		add(end.AddDate(1, 0, 0), whole-whole*95/100, "质量保证金，缺陷责任期满后返还")
	case "goods":
		add(end.AddDate(0, 0, 10), whole*95/100, "到货验收合格后支付")
		add(end.AddDate(1, 0, 0), whole-whole*95/100, "质量保证金，质保期满后返还")
	default:
		add(end.AddDate(0, 0, 10), whole, "验收合格后一次付清")
	}
	t.payments = pays
}

// scaledPayments is a schedule for another amount: each instalment in proportion (in whole 元), the
// last taking what rounding leaves.
func scaledPayments(pays []contracts.Payment, from, to int64) []contracts.Payment {
	out := slices.Clone(pays)
	if from == to || from == 0 || len(out) == 0 {
		return out
	}
	var sum int64
	for i := range out {
		out[i].AmountFen = out[i].AmountFen * to / from / 100 * 100
		sum += out[i].AmountFen
	}
	out[len(out)-1].AmountFen += to - sum
	return out
}

// revised is the terms as a village revises them after an opinion: the price raised for an asset it
// lets out, the advance cut for works and goods, a longer notice for a service; and what it says
// it changed.
func (t termsPlan) revised(r *rand.Rand, k contractKind, o *opinionPlan) termsPlan {
	var clauses []string
	for _, k := range o.risks {
		clauses = append(clauses, k.Clause)
	}
	t.change = "按审查意见修改了" + strings.Join(clauses, "、")
	switch k.pay {
	case "yearly":
		t.amountFen = t.amountFen * int64(100+between(r, 5, 10)) / 100 / 10000 * 10000
		t.change += "，价款提高到" + yuanText(t.amountFen)
	case "monthly", "quarterly":
		if t.notice > 0 {
			t.notice *= 2
			t.renewal = strings.Replace(t.renewal, fmt.Sprint(t.notice/2), fmt.Sprint(t.notice), 1)
			t.change += fmt.Sprintf("，续约通知期改为%d日", t.notice)
		}
	}
	return t
}

// yuanText writes an amount of 分 as 12.5万元 or 8600元.
func yuanText(fen int64) string {
	yuan := fen / 100
	if yuan >= 10000 {
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", float64(yuan)/10000), "0"), ".") + "万元"
	}
	return fmt.Sprintf("%d元", yuan)
}

// storyBuilder scripts the steps of a request.
type storyBuilder struct {
	cp       *contractPlanner
	c        *contractPlan
	days     int
	startGap gap
	script   []scripted
	meeting  *meetingPlan // the 村民代表会议 that approved it before it was sent
	later    *meetingPlan // the one that approved it after the opinion
	overdue  bool         // an open request past its deadline
}

func (b *storyBuilder) wd(lo, hi int) gap  { return gap{workdays: true, n: between(b.cp.r, lo, hi)} }
func (b *storyBuilder) cal(lo, hi int) gap { return gap{n: between(b.cp.r, lo, hi)} }

func (b *storyBuilder) add(st contractStep, g gap) {
	b.script = append(b.script, scripted{step: st, gap: g})
}

func (b *storyBuilder) start() { b.add(contractStep{action: actStart}, b.startGap) }

// opinion is given in the time allowed from the start of the review, now and then late.
func (b *storyBuilder) opinion(conclusion string, answers *opinionPlan) *opinionPlan {
	r := b.cp.r
	o := &opinionPlan{conclusion: conclusion, answers: answers}
	risks := append(slices.Clone(typeRisks[b.c.in.Type]), commonRisks...)
	switch conclusion {
	case contracts.AgreeRevised:
		for _, i := range r.Perm(len(risks))[:between(r, 1, 3)] {
			o.risks = append(o.risks, risks[i].input())
		}
		o.reasons = "合同存在上述问题，按修改意见修改后可以签订。"
	case contracts.Disagree:
		refusal := refusals[b.c.in.Type]
		o.risks = append(o.risks, refusal.risk.input())
		for _, i := range r.Perm(len(risks))[:between(r, 1, 2)] {
			if risks[i].item != refusal.risk.item {
				o.risks = append(o.risks, risks[i].input())
			}
		}
		o.reasons = refusal.reason
	default:
		if r.Float64() < 0.3 {
			k := pick(r, risks).input()
			k.Level = "低"
			o.risks = append(o.risks, k)
			o.reasons = "合同主体适格，内容合法，主要条款完备；所提问题可在签订时一并完善。"
		}
	}
	if answers != nil {
		o.answerNote = "已按意见修改"
	}
	o.reservations = pick(r, reservations)
	g := b.wd(1, max(1, b.days-b.startGap.n))
	if r.Float64() < 0.12 { // the adviser was late
		g = b.wd(b.days-b.startGap.n+1, b.days+4)
	}
	b.add(contractStep{action: actOpinion, opinion: o}, g)
	return o
}

func (r riskTemplate) input() contracts.RiskInput {
	return contracts.RiskInput{Level: r.level, Clause: r.clause, Problem: r.problem, Revision: r.revision}
}

func (b *storyBuilder) giveBack() {
	b.add(contractStep{action: actReturn, text: pick(b.cp.r, missingFor[b.c.in.Type])}, b.wd(1, 3))
}

// resend sends a version again: with what was missing, or revised after an opinion.
func (b *storyBuilder) resend(after *opinionPlan, g gap) {
	var t termsPlan
	if after != nil {
		t = b.c.terms.revised(b.cp.r, b.c.kind, after)
	} else {
		t = b.c.terms
		missing := b.script[len(b.script)-1].step.text
		t.change = "补充了" + strings.TrimPrefix(missing, "未附")
	}
	b.add(contractStep{action: actResubmit, terms: &t}, g)
}

func (b *storyBuilder) sign(override string) {
	b.add(contractStep{action: actSign, text: override}, b.cal(2, 25))
}

func (b *storyBuilder) abandon(reason string, g gap) {
	b.add(contractStep{action: actAbandon, text: reason}, g)
}

// repsMeeting picks a 村民代表会议 of the village held between lo and hi, nil when it held none.
func (cp *contractPlanner) repsMeeting(lo, hi time.Time) *meetingPlan {
	var in []*meetingPlan
	for _, m := range cp.reps {
		if m.date >= iso(lo) && m.date <= iso(hi) && cp.agenda[m] < 4 {
			in = append(in, m)
		}
	}
	if len(in) == 0 {
		return nil
	}
	return pick(cp.r, in)
}

// tell scripts the story of the request for it to stand in target today and returns the day it was
// sent.
func (b *storyBuilder) tell(target string) time.Time {
	cp, c := b.cp, b.c
	r := cp.r
	b.startGap = b.wd(0, 1)
	// A major contract names, when it is sent, the decision of a 村民代表会议 held before (most), or why
	// none is needed; or, now and then, nothing yet.
	procedure := ""
	if c.major {
		switch x := r.Float64(); {
		case x < 0.15 && noResolutionWhy[c.in.Type] != "":
			procedure = "reason"
			c.in.NoResolution = noResolutionWhy[c.in.Type]
		case x < 0.27:
			procedure = "none"
		default:
			procedure = "decision"
		}
	}
	sent := b.script0(target, procedure)
	if procedure == "decision" {
		if b.meeting == nil {
			b.meeting = cp.repsMeeting(cp.yearAgo, sent.AddDate(0, 0, -3))
		}
		if b.meeting == nil && r.Float64() < 0.7 { // no meeting: none needed, or signed with the reason
			c.in.NoResolution = noResolutionWhy[c.in.Type]
		}
	}
	return sent
}

// script0 scripts the story and returns the day the request was sent: back from today for an open
// one; for a closed one, some day of the year (after the 村民代表会议 that approved it) that lets it
// end by yesterday.
func (b *storyBuilder) script0(target, procedure string) time.Time {
	cp := b.cp
	r, today := cp.r, cp.today
	recent := func(lo, hi int) time.Time { return today.AddDate(0, 0, -between(r, lo, hi)) }
	switch target {
	case contracts.StateWaiting:
		switch x := r.Float64(); {
		case x < 0.3 || b.overdue: // waiting past its deadline: the adviser has not taken it up
			return backWorkdays(today, b.days+between(r, 1, 10))
		case x < 0.5: // a second version, sent again with what was missing
			b.start()
			b.giveBack()
			b.resend(nil, b.cal(5, 25))
			return sentFor(backWorkdays(today, between(r, 0, 2)), b.script)
		}
		return backWorkdays(today, between(r, 0, 2))
	case contracts.StateReviewing:
		if r.Float64() < 0.3 || b.overdue { // under review past its deadline
			b.startGap = b.wd(0, 2)
			b.start()
			return backWorkdays(today, b.days+between(r, 1, 12))
		}
		b.startGap = gap{workdays: true}
		b.start()
		return backWorkdays(today, between(r, 1, b.days-1))
	case contracts.StateReturned:
		if r.Float64() < 0.7 {
			b.start()
		}
		b.giveBack()
		return sentFor(recent(1, 25), b.script)
	case contracts.StateOpinion:
		b.start()
		conclusion := pick(r, []string{contracts.Agree, contracts.Agree, contracts.AgreeRevised, contracts.AgreeRevised, contracts.Disagree})
		o := b.opinion(conclusion, nil)
		if conclusion == contracts.AgreeRevised && r.Float64() < 0.3 { // revised and reviewed again, now to be signed
			b.resend(o, b.cal(7, 25))
			b.start()
			b.opinion(contracts.Agree, o)
		}
		return sentFor(recent(0, 35), b.script)
	case contracts.StateSigned:
		if procedure == "none" {
			if sent, ok := b.procedureLater(); ok {
				return sent
			}
			// signed without it, with the reason (given when the signing is written: settleOverrides)
			b.start()
			b.opinion(contracts.AgreeRevised, nil)
			b.sign("")
			break
		}
		switch x := r.Float64(); {
		case x < 0.45:
			b.start()
			b.opinion(contracts.Agree, nil)
			b.sign("")
		case x < 0.6:
			b.start()
			b.opinion(contracts.AgreeRevised, nil)
			b.sign("")
		case x < 0.82:
			b.start()
			o := b.opinion(contracts.AgreeRevised, nil)
			b.resend(o, b.cal(7, 30))
			b.start()
			b.opinion(contracts.Agree, o)
			b.sign("")
		case x < 0.95:
			b.start()
			b.giveBack()
			b.resend(nil, b.cal(5, 25))
			b.start()
			b.opinion(pick(r, []string{contracts.Agree, contracts.AgreeRevised}), nil)
			b.sign("")
		default: // against 不同意签订
			b.start()
			b.opinion(contracts.Disagree, nil)
			b.sign("")
		}
	default: // given up
		switch x := r.Float64(); {
		case x < 0.5:
			b.start()
			b.opinion(contracts.Disagree, nil)
			b.abandon(pick(r, abandonAfterNo), b.cal(5, 30))
		case x < 0.75:
			b.start()
			b.giveBack()
			b.abandon(pick(r, abandonOther), b.cal(10, 40))
		case x < 0.9:
			b.start()
			b.opinion(pick(r, []string{contracts.Agree, contracts.AgreeRevised}), nil)
			b.abandon(pick(r, abandonOther), b.cal(10, 40))
		default:
			b.abandon("乙方撤回合作意向", b.wd(1, 3))
		}
	}
	latest := sentFor(today.AddDate(0, 0, -1), b.script)
	earliest := cp.yearAgo.AddDate(0, 0, 1)
	if procedure == "decision" {
		if b.meeting = cp.repsMeeting(cp.yearAgo, latest.AddDate(0, 0, -3)); b.meeting != nil {
			held, _ := time.Parse(time.DateOnly, b.meeting.date)
			earliest = held.AddDate(0, 0, between(r, 3, 20))
		}
	}
	sent := onWorkday(earliest)
	if !latest.After(sent) {
		return latest
	}
	return backWorkdays(sent.AddDate(0, 0, r.IntN(int(latest.Sub(sent).Hours()/24)+1)), 0)
}

// procedureLater: a major contract sent without the vote, flagged by the adviser, voted on at the
// next 村民代表会议 (or found to need none) and then signed. False when the village held no meeting
// that fits.
func (b *storyBuilder) procedureLater() (time.Time, bool) {
	cp := b.cp
	r := cp.r
	if r.Float64() < 0.4 {
		return time.Time{}, false
	}
	b.start()
	b.opinion(contracts.AgreeRevised, nil)
	if why := noResolutionWhy[b.c.in.Type]; why != "" && r.Float64() < 0.3 {
		b.add(contractStep{action: actProcedure, noVote: why}, b.cal(5, 20))
		b.sign("")
		return sentFor(cp.today.AddDate(0, 0, -between(r, 1, 200)), b.script), true
	}
	m := cp.repsMeeting(cp.yearAgo.AddDate(0, 0, 30), cp.today.AddDate(0, 0, -15))
	if m == nil {
		b.script = nil
		return time.Time{}, false
	}
	held, _ := time.Parse(time.DateOnly, m.date)
	sent := sentFor(held.AddDate(0, 0, -between(r, 1, 10)), b.script)
	if sent.Before(cp.yearAgo) {
		b.script = nil
		return time.Time{}, false
	}
	opinionOn := lastOn(sent, b.script)
	b.later = m
	b.add(contractStep{action: actProcedure}, gap{n: int(held.Sub(opinionOn).Hours()/24) + between(r, 1, 5)})
	b.add(contractStep{action: actSign}, b.cal(1, 10))
	return sent, true
}

// addDecision adds to a 村民代表会议 the item and the decision, passed by vote, that approves a
// contract, and says it in the minutes.
func (cp *contractPlanner) addDecision(c *contractPlan, m *meetingPlan) *resolutionPlan {
	r := cp.r
	cp.agenda[m]++
	item, text := decisionText(c)
	it := &itemPlan{title: cut(item, 100)}
	m.items = append(m.items, it)
	voters := len(presentPeople(m))
	against, abstain := r.IntN(voters/8+1), r.IntN(voters/10+1)
	if against+abstain >= voters {
		against, abstain = 0, 0
	}
	res := &resolutionPlan{item: it, text: text, voted: true, meeting: m, votes: [3]int{voters - against - abstain, against, abstain}}
	res.passed = 2*res.votes[0] > voters
	m.resolutions = append(m.resolutions, res)
	// the minutes: said before the host's closing words
	present := presentPeople(m)
	speaker := m.host.name
	if len(present) > 1 {
		speaker = present[1+r.IntN(len(present)-1)].name
	}
	line := fmt.Sprintf("%s：关于%s，%s，提请会议表决。", speaker, strings.TrimPrefix(item, "审议"),
		pick(r, []string{"方案已征求各组群众意见，并在村务公开栏公示", "村两委已经商议，党员大会已经审议"}))
	if lines := strings.Split(m.record, "\n"); len(lines) > 1 {
		m.record = strings.Join(slices.Insert(lines, len(lines)-1, line), "\n")
	}
	return res
}

// finishSteps fills each opinion's checklist as things stood when it was given: the risks found
// under their items, the democratic procedure of a major contract (the decision, the reason none is
// needed, or its lack, then a risk of its own), the rest in order. A signing against 不同意签订, or of
// a major contract without the procedure, gets the village's reason; any other none.
func (cp *contractPlanner) finishSteps(c *contractPlan) {
	r := cp.r
	procedure := ""
	if c.decision != nil {
		procedure = "经" + c.decision.meeting.title + "表决通过"
	} else if c.in.NoResolution != "" {
		procedure = "无需村民代表会议表决：" + c.in.NoResolution
	}
	major, conclusion := c.major, ""
	const vote = contracts.ProcedureItem
	for i := range c.steps {
		s := &c.steps[i]
		switch s.action {
		case actResubmit:
			major, _ = contracts.DefaultSettings().Major(c.in.Type, s.terms.amountFen)
		case actProcedure:
			procedure = "无需村民代表会议表决：" + s.noVote
			if s.decision != nil {
				procedure = "经" + s.decision.meeting.title + "表决通过"
			}
		case actSign:
			s.text = ""
			switch {
			case conclusion == contracts.Disagree:
				s.text = pick(r, overrideNo)
			case major && procedure == "":
				s.text = overrideNoProcedure[c.in.Type]
			}
		case actOpinion:
			o := s.opinion
			if a := o.answers; a != nil {
				o.answered = o.answered[:0]
				for i, k := range a.risks {
					if k.Clause != "民主程序" || procedure != "" {
						o.answered = append(o.answered, i)
					}
				}
			}
			problems := map[string]string{}
			for _, k := range o.risks {
				for _, t := range append(append(slices.Clone(typeRisks[c.in.Type]), commonRisks...), refusals[c.in.Type].risk) {
					if t.clause == k.Clause && problems[t.item] == "" {
						problems[t.item] = k.Problem
					}
				}
			}
			if major && procedure == "" {
				problems[vote] = "重大合同，未见村民代表会议决议"
				o.risks = append(o.risks, contracts.RiskInput{Level: "高", Clause: "民主程序", Problem: "合同未经村民代表会议表决，不符合“四议两公开”的要求",
					Revision: "签订前提请村民代表会议表决，并将决议附后"})
				if o.conclusion == contracts.Agree {
					o.conclusion, o.reasons = contracts.AgreeRevised, "须经村民代表会议表决通过后签订。"
				}
			}
			o.checklist = o.checklist[:0]
			for _, item := range contracts.ChecklistItems {
				ch := contracts.Check{Item: item, Result: "符合"}
				switch {
				case problems[item] != "":
					ch.Result, ch.Finding = "存在问题", problems[item]
				case item == vote && !major:
					ch.Result, ch.Finding = "不适用", "非重大合同，不需村民代表会议表决"
				case item == vote:
					ch.Finding = procedure
				case r.Float64() < 0.4:
					if list := fineFindings[item]; len(list) > 0 {
						ch.Finding = pick(r, list)
					}
				}
				o.checklist = append(o.checklist, ch)
			}
			conclusion = o.conclusion
		}
	}
}
