package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/points"
)

// A village's year of its merit shop (道德超市): the rules households earn points by — five the
// township sets for every village (志愿服务 by the half day, the monthly 环境卫生评比, 孝老爱亲, 参与调解,
// 移风易俗) and one to three of the village's own, now and then one it has stopped — the goods on
// its shelves, and the ledger up to today. Part of the households take part (a few of them very
// active, most now and then): they turn out on the village's volunteer days, are judged 清洁户 at the
// monthly evaluation, look after their old, help settle the disputes the village mediated; they
// spend their points on the shop's days, on goods they can pay for out of stock the shop had; a few
// lose points with the reason, and an entry or two made by mistake is withdrawn. The ledger is
// written through backend/points' EarnIn, DeductIn, RedeemIn and WithdrawIn, in the order the days
// came, so every balance and stock the plan keeps is what those functions check: no credit twice a
// day, no balance or stock below zero.

// pointsPlan is a village's merit shop and its year.
type pointsPlan struct {
	shared  *sharedRules
	rules   []*rulePlan // the village's own
	goods   []*goodsPlan
	entries []pointEntry // in the order they are written
	clerk   string       // who keeps the ledger (the 文书), its entries' 经办人
}

// sharedRules are the rules of every village, written with the first village.
type sharedRules struct {
	rules []*rulePlan
}

func newSharedRules() *sharedRules {
	s := &sharedRules{}
	for i := range commonRules {
		s.rules = append(s.rules, &rulePlan{spec: &commonRules[i], active: true})
	}
	return s
}

type rulePlan struct {
	spec   *ruleSpec
	active bool
	id     string // once written
}

type goodsPlan struct {
	spec  goodsSpec
	price int
	stock int    // what the shop took in over the year: all it gave out and what is left
	id    string // once written
}

// pointEntry is an entry of the ledger; withdraw, when set, withdraws it right after with the
// reason.
type pointEntry struct {
	on        string
	kind      string // points.Earn, points.Deduct, points.Redeem
	household *householdPlan
	rule      *rulePlan  // Earn
	goods     *goodsPlan // Redeem
	quantity  int
	points    int    // Deduct
	text      string // Earn: the note; Deduct: the reason
	approver  string
	withdraw  string
}

// How much a household takes part.
const (
	idle = iota
	occasional
	active
)

type pointPlanner struct {
	r                   *rand.Rand
	v                   *villagePlan
	plan                *pointsPlan
	today, start        time.Time
	households          []*householdPlan
	level               map[*householdPlan]int
	engaged             []*householdPlan // occasional and active, in the village's order
	approver, keeper    string           // who approves credits and deductions; who runs the shop
	credits             map[string][]pointEntry
	credited            map[creditKey]bool
	balance             map[*householdPlan]int
	evalDay, shopDay    int // the day of the month of the evaluation and of the shop's second opening
	deductions          map[string]int
	withdrawnCreditDay  string
	withdrawnRedeemDays map[string]bool
}

type creditKey struct {
	h    *householdPlan
	rule *rulePlan
	on   string
}

// planPoints plans a village's merit shop and its year up to today, or nil for a village of the
// scale's share that runs none.
func planPoints(r *rand.Rand, v *villagePlan, shared *sharedRules, today time.Time, info scaleInfo) *pointsPlan {
	if r.IntN(100) >= info.shops {
		return nil
	}
	pp := &pointPlanner{r: r, v: v, plan: &pointsPlan{shared: shared}, today: today, start: today.AddDate(-1, 0, 1),
		level: map[*householdPlan]int{}, credits: map[string][]pointEntry{}, credited: map[creditKey]bool{},
		balance: map[*householdPlan]int{}, deductions: map[string]int{}, withdrawnRedeemDays: map[string]bool{}}
	for _, p := range v.pieces {
		pp.households = append(pp.households, p.households()...)
	}
	if len(pp.households) == 0 {
		return nil
	}
	pp.approver, pp.keeper = "村委会", "村委会"
	if n := len(v.committee); n > 0 {
		pp.approver, pp.keeper = v.committee[min(1, n-1)].name, v.committee[n-1].name
		for i, t := range v.titles {
			if t == "文书" {
				pp.keeper = v.committee[i].name
			}
		}
	}
	pp.plan.clerk = pp.keeper
	pp.evalDay, pp.shopDay = between(r, 20, 28), between(r, 8, 12)
	// who takes part: a tenth to a fifth of them very active
	part := float64(between(r, info.points[0], info.points[1])) / 100
	keen := part * (0.1 + 0.1*r.Float64())
	for _, h := range pp.households {
		switch x := r.Float64(); {
		case x < keen:
			pp.level[h] = active
		case x < part:
			pp.level[h] = occasional
		default:
			continue
		}
		pp.engaged = append(pp.engaged, h)
	}
	if len(pp.engaged) == 0 {
		pp.level[pp.households[0]] = active
		pp.engaged = append(pp.engaged, pp.households[0])
	}
	pp.planRules()
	pp.planGoods()
	pp.planCredits()
	pp.planDeductions()
	pp.run()
	return pp.plan
}

// planRules takes one to three of the village's own rules, and now and then one it stopped.
func (pp *pointPlanner) planRules() {
	r := pp.r
	for _, i := range r.Perm(len(villageRules))[:between(r, 1, 3)] {
		pp.plan.rules = append(pp.plan.rules, &rulePlan{spec: &villageRules[i], active: true})
	}
	if r.Float64() < 0.3 {
		pp.plan.rules = append(pp.plan.rules, &rulePlan{spec: &idleRules[r.IntN(len(idleRules))]})
	}
}

// planGoods stocks the shelves: the core goods and four to eight others, priced within a fifth of
// the usual.
func (pp *pointPlanner) planGoods() {
	r := pp.r
	list := slices.Clone(coreGoods)
	for _, i := range r.Perm(len(otherGoods))[:between(r, 4, 8)] {
		list = append(list, otherGoods[i])
	}
	for _, g := range list {
		price := g.price * between(r, 80, 120) / 100
		if g.price >= 50 {
			price = (price + 2) / 5 * 5
		}
		pp.plan.goods = append(pp.plan.goods, &goodsPlan{spec: g, price: max(price, 1)})
	}
}

// days lists the days of the year up to today in the given months (nil: all).
func (pp *pointPlanner) days(months []int) []time.Time {
	var out []time.Time
	for d := pp.start; !d.After(pp.today); d = d.AddDate(0, 0, 1) {
		if months == nil || slices.Contains(months, int(d.Month())) {
			out = append(out, d)
		}
	}
	return out
}

// monthly lists the day of each month of the year on which something monthly falls (day of the
// month, moved back to a working day), up to today.
func (pp *pointPlanner) monthly(day int) []time.Time {
	var out []time.Time
	for m := time.Date(pp.start.Year(), pp.start.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(pp.today); m = m.AddDate(0, 1, 0) {
		d := backWorkdays(time.Date(m.Year(), m.Month(), day, 0, 0, 0, 0, time.UTC), 0)
		if !d.Before(pp.start) && !d.After(pp.today) {
			out = append(out, d)
		}
	}
	return out
}

// credit plans a credit, unless the household already has one of the rule that day.
func (pp *pointPlanner) credit(h *householdPlan, rule *rulePlan, on time.Time, quantity int, note string) bool {
	key := creditKey{h, rule, iso(on)}
	if pp.credited[key] {
		return false
	}
	pp.credited[key] = true
	pp.credits[key.on] = append(pp.credits[key.on], pointEntry{on: key.on, kind: points.Earn, household: h, rule: rule,
		quantity: quantity, text: note, approver: pp.approver})
	return true
}

// takesPart says whether a household takes part, by how keen it is.
func (pp *pointPlanner) takesPart(h *householdPlan, activeChance, occasionalChance float64) bool {
	switch pp.level[h] {
	case active:
		return pp.r.Float64() < activeChance
	case occasional:
		return pp.r.Float64() < occasionalChance
	}
	return false
}

// planCredits plans the credits of every rule over the year.
func (pp *pointPlanner) planCredits() {
	r := pp.r
	rules := append(slices.Clone(pp.plan.shared.rules), pp.plan.rules...)
	for _, rule := range rules {
		s := rule.spec
		if !rule.active {
			continue
		}
		switch s.how {
		case ruleDays:
			days := pp.days(s.months)
			n := min(len(days), between(r, s.n[0], s.n[1]))
			for _, i := range r.Perm(len(days))[:n] {
				d := days[i]
				note := pick(r, orWork(s.notes, d))
				for _, h := range pp.engaged {
					if !pp.takesPart(h, s.active, s.occasional) {
						continue
					}
					q := 1
					if s.unit == "半天" && r.Float64() < 0.25 {
						q = 2 // a whole day
					}
					pp.credit(h, rule, d, q, note)
				}
			}
		case ruleMonthly:
			for _, d := range pp.monthly(pp.evalDay) {
				for _, h := range pp.engaged {
					if pp.takesPart(h, s.active, s.occasional) {
						pp.credit(h, rule, d, 1, pick(r, s.notes))
					}
				}
			}
		case ruleFilial:
			var carers []*householdPlan
			for _, h := range pp.households {
				if len(h.members) > 1 && len(h.adults(pp.today, 70, 200)) > 0 {
					carers = append(carers, h)
				}
			}
			if len(carers) == 0 {
				continue
			}
			for _, d := range pp.monthly(pp.evalDay) {
				for range between(r, 0, 2) {
					h := pick(r, carers)
					if pp.level[h] == idle && r.Float64() < 0.7 {
						continue // mostly households that take part anyway
					}
					pp.credit(h, rule, d, 1, pick(r, s.notes))
				}
			}
		case ruleMediation:
			pp.planMediation(rule)
		case ruleRare:
			days := pp.days(s.months)
			for range between(r, s.n[0], s.n[1]) {
				h := pick(r, pp.households)
				if r.Float64() < 0.6 {
					h = pick(r, pp.engaged)
				}
				pp.credit(h, rule, pick(r, days), 1, pick(r, s.notes))
			}
		}
	}
}

// orWork is a rule's notes, or for 志愿服务 what the village did that day.
func orWork(notes []string, d time.Time) []string {
	if len(notes) > 0 {
		return notes
	}
	var out []string
	for _, w := range volunteerWork {
		if w.months == nil || slices.Contains(w.months, int(d.Month())) {
			out = append(out, w.text)
		}
	}
	return out
}

// planMediation credits 参与调解 on the day each dispute of the village was settled by mediation: a
// household of the same group with a party member or an elder of fifty or more, other than the
// case's own.
func (pp *pointPlanner) planMediation(rule *rulePlan) {
	groupOf := map[*householdPlan]*groupPlan{}
	for _, p := range pp.v.pieces {
		for _, g := range p.groups {
			for _, h := range g.households() {
				groupOf[h] = g
			}
		}
	}
	for _, c := range pp.v.cases {
		if c.in.Category != cases.CategoryDispute {
			continue
		}
		on := ""
		for _, s := range c.steps {
			if s.Action == cases.ActResolve && s.Mediation == cases.MediationAgreed {
				on = s.Date
			}
		}
		d, err := time.Parse(time.DateOnly, on)
		if err != nil || d.Before(pp.start) || d.After(pp.today) {
			continue
		}
		g := groupOf[c.household]
		if g == nil {
			continue
		}
		var elders []*householdPlan
		for _, h := range g.households() {
			if h == c.household {
				continue
			}
			for _, m := range h.members {
				if m.age(pp.today) >= 50 && (m.party || m.age(pp.today) >= 60) {
					elders = append(elders, h)
					break
				}
			}
		}
		if len(elders) == 0 {
			continue
		}
		for range between(pp.r, 1, 2) {
			pp.credit(pick(pp.r, elders), rule, d, 1, "协助调解"+c.in.Summary)
		}
	}
}

// planDeductions picks the days points were taken: three to eight in the year.
func (pp *pointPlanner) planDeductions() {
	days := pp.days(nil)
	for range between(pp.r, 3, 8) {
		pp.deductions[iso(pick(pp.r, days))]++
	}
	// an entry or two made by mistake and withdrawn: a credit on one of the village's volunteer days,
	// a redemption on one of the shop's days
	if pp.r.Float64() < 0.8 {
		var volunteerDays []string
		for on, list := range pp.credits {
			if list[0].rule.spec.how == ruleDays {
				volunteerDays = append(volunteerDays, on)
			}
		}
		if len(volunteerDays) > 0 {
			slices.Sort(volunteerDays)
			pp.withdrawnCreditDay = pick(pp.r, volunteerDays)
		}
	}
	if pp.r.Float64() < 0.7 {
		shop := pp.shopDays()
		pp.withdrawnRedeemDays[iso(pick(pp.r, shop))] = true
	}
}

// shopDays are the days the shop opens: the evaluation day and another early in the month.
func (pp *pointPlanner) shopDays() []time.Time {
	out := append(pp.monthly(pp.evalDay), pp.monthly(pp.shopDay)...)
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// run walks the year day by day, in the order the ledger is written: the day's credits, then its
// deductions, then, on the shop's days, its redemptions; it keeps every household's balance and
// what the shop gave out, and finally how much stock the shop must have taken in.
func (pp *pointPlanner) run() {
	r := pp.r
	shop := map[string]bool{}
	for _, d := range pp.shopDays() {
		shop[iso(d)] = true
	}
	given := map[*goodsPlan]int{}
	thrift := map[*householdPlan]int{} // the balance a household waits for before it goes shopping
	for _, h := range pp.engaged {
		thrift[h] = between(r, 15, 50)
		if pp.level[h] == active {
			thrift[h] = between(r, 20, 100) // some save up for the oil or the rice
		}
	}
	out := &pp.plan.entries
	for _, d := range pp.days(nil) {
		on := iso(d)
		for i, e := range pp.credits[on] {
			*out = append(*out, e)
			pp.balance[e.household] += e.rule.spec.points * e.quantity
			if on == pp.withdrawnCreditDay && i == 0 {
				pp.withdrawnCredit(e, d)
			}
		}
		for range pp.deductions[on] {
			pp.deduct(on)
		}
		if !shop[on] {
			continue
		}
		for _, h := range pp.engaged {
			b := pp.balance[h]
			if b < thrift[h] || r.Float64() < 0.4 && b < 150 {
				continue
			}
			budget := b * between(r, 50, 100) / 100
			for range between(r, 1, 3) {
				g, q := pp.choose(budget)
				if g == nil {
					break
				}
				*out = append(*out, pointEntry{on: on, kind: points.Redeem, household: h, goods: g, quantity: q, approver: pp.keeper})
				given[g] += q
				budget -= g.price * q
				pp.balance[h] -= g.price * q
			}
			if pp.withdrawnRedeemDays[on] {
				if g, q := pp.choose(pp.balance[h]); g != nil {
					delete(pp.withdrawnRedeemDays, on)
					*out = append(*out, pointEntry{on: on, kind: points.Redeem, household: h, goods: g, quantity: q, approver: pp.keeper,
						withdraw: pick(r, withdrawnRedemptions)})
					given[g] += q // given out and taken back: the stock must have held it
				}
			}
		}
	}
	// The shop took in what it gave out, and has some left; now and then an article has run out.
	for _, g := range pp.plan.goods {
		left := between(r, 3, 30)
		if r.Float64() < 0.12 {
			left = 0
		}
		g.stock = given[g] + left
	}
}

// withdrawnCredit adds, after a volunteer day's first credit, the same credit made by mistake to
// another household that took no part that day, withdrawn at once.
func (pp *pointPlanner) withdrawnCredit(e pointEntry, d time.Time) {
	for range 20 {
		h := pick(pp.r, pp.households)
		key := creditKey{h, e.rule, e.on}
		if pp.credited[key] {
			continue
		}
		w := e
		w.household, w.withdraw = h, pick(pp.r, withdrawnCredits)
		pp.plan.entries = append(pp.plan.entries, w)
		return
	}
}

// deduct takes points from a household that has enough of them, with the reason.
func (pp *pointPlanner) deduct(on string) {
	reason := pick(pp.r, deductionReasons)
	for range 20 {
		h := pick(pp.r, pp.engaged)
		if pp.balance[h] < reason.points {
			continue
		}
		pp.plan.entries = append(pp.plan.entries, pointEntry{on: on, kind: points.Deduct, household: h, points: reason.points,
			text: reason.text, approver: pp.approver})
		pp.balance[h] -= reason.points
		return
	}
}

// choose picks goods worth at most budget and how many of them: the cheap daily goods more often;
// two or three of a cheap one now and then.
func (pp *pointPlanner) choose(budget int) (*goodsPlan, int) {
	total := 0
	for _, g := range pp.plan.goods {
		if g.price <= budget {
			total += g.spec.weight
		}
	}
	if total == 0 {
		return nil, 0
	}
	x := pp.r.IntN(total)
	for _, g := range pp.plan.goods {
		if g.price > budget {
			continue
		}
		if x -= g.spec.weight; x < 0 {
			q := 1
			if g.price <= 10 && pp.r.Float64() < 0.3 {
				q = min(between(pp.r, 2, 3), budget/g.price)
			}
			return g, q
		}
	}
	return nil, 0
}

// String says what an entry is, for errors.
func (e pointEntry) String() string {
	what := ""
	switch {
	case e.rule != nil:
		what = e.rule.spec.activity
	case e.goods != nil:
		what = e.goods.spec.name
	default:
		what = e.text
	}
	return fmt.Sprintf("%s %s %s", e.on, e.kind, what)
}
