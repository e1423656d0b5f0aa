package demo

import (
	"math/rand/v2"
	"time"
)

// adviser is a legal adviser: a lawyer, not a resident, serving 3–4 villages. The rest of their
// profile (licence number) is made by profileAdvisers; id is theirs once written (contract_write.go).
type adviser struct {
	name, phone, firm, sex string
	birth                  time.Time
	licence, id            string
}

// planAdvisers returns the legal adviser of each of n villages (n >= 3): one lawyer per 3–4
// neighbouring villages.
func planAdvisers(r *rand.Rand, reg *registry, today time.Time, n int) []*adviser {
	groups := between(r, (n+3)/4, max(n/3, (n+3)/4))
	sizes := make([]int, groups)
	for i := range sizes {
		sizes[i] = 3
	}
	for extra := n - 3*groups; extra > 0; {
		if i := r.IntN(groups); sizes[i] == 3 {
			sizes[i], extra = 4, extra-1
		}
	}
	out := make([]*adviser, 0, n)
	for _, size := range sizes {
		birth := today.AddDate(-between(r, 30, 58), 0, 0)
		sex := "男"
		if r.Float64() < 0.35 {
			sex = "女"
		}
		a := &adviser{name: fullName(r, surnames.pick(r), sex, birth.Year()), sex: sex, birth: birth}
		a.phone = reg.landline(r)
		a.firm = pick(r, lawFirms)
		for range size {
			out = append(out, a)
		}
	}
	return out
}

// leaderPicker chooses leaders among residents, each person for one role only.
type leaderPicker struct {
	r     *rand.Rand
	today time.Time
	reg   *registry
	taken map[*person]bool
}

// choose returns a person aged minAge–maxAge from households, preferring one with a mobile; when
// nobody fits it widens to any adult, then to anyone already holding a role. The leader gets a
// mobile if they had none: the office must be able to reach them.
func (lp *leaderPicker) choose(households []*householdPlan, minAge, maxAge int) *person {
	var withPhone, without, free, taken []*person
	for _, h := range households {
		for _, p := range h.members {
			a := p.age(lp.today)
			switch {
			case a < 18:
			case lp.taken[p]:
				taken = append(taken, p)
			case a >= minAge && a <= maxAge && p.phone != "":
				withPhone = append(withPhone, p)
			case a >= minAge && a <= maxAge:
				without = append(without, p)
			default:
				free = append(free, p)
			}
		}
	}
	var p *person
	switch {
	case len(withPhone) > 0 && (len(without) == 0 || lp.r.Float64() < 0.9):
		p = pick(lp.r, withPhone)
	case len(without) > 0:
		p = pick(lp.r, without)
	case len(free) > 0:
		p = pick(lp.r, free)
	case len(taken) > 0:
		p = pick(lp.r, taken)
	default:
		return nil
	}
	lp.taken[p] = true
	if p.phone == "" {
		p.phone = lp.reg.mobile(lp.r)
	}
	return p
}

func (g *groupPlan) households() []*householdPlan {
	var out []*householdPlan
	for _, nb := range g.nbs {
		out = append(out, nb.households...)
	}
	return out
}

func (p *piecePlan) households() []*householdPlan {
	var out []*householdPlan
	for _, g := range p.groups {
		out = append(out, g.households()...)
	}
	return out
}

// committeeTitles are the posts of a 两委 after the first (书记 and 主任 in one person).
var committeeTitles = []string{"村委会副主任", "村务监督委员会主任", "党支部委员", "村委委员", "村委委员", "文书"}

// planLeaders chooses 5–7 committee members (one living in each piece, who leads it), a group
// leader for each group and a neighbourhood leader for each neighbourhood, among the residents.
func (pl *planner) planLeaders(v *villagePlan) {
	lp := &leaderPicker{r: pl.r, today: pl.today, reg: pl.reg, taken: map[*person]bool{}}
	var all []*householdPlan
	for _, p := range v.pieces {
		p.leader = lp.choose(p.households(), 28, 60)
		if p.leader != nil {
			v.committee = append(v.committee, p.leader)
		}
		all = append(all, p.households()...)
	}
	for size := between(pl.r, 5, 7); len(v.committee) < size; {
		m := lp.choose(all, 28, 62)
		if m == nil || isMember(v.committee, m) {
			break
		}
		v.committee = append(v.committee, m)
	}
	for i, m := range v.committee {
		title := committeeTitles[(i-1+len(committeeTitles))%len(committeeTitles)]
		switch {
		case i == 0 && v.community:
			title = "党支部书记、居委会主任"
		case i == 0:
			title = "党支部书记、村委会主任"
		case m.sex == "女" && !contains(v.titles, "妇女主任"):
			title = "妇女主任"
		}
		if v.community {
			title = replaceVillage(title)
		}
		v.titles = append(v.titles, title)
		m.party = m.party || i == 0 || pl.r.Float64() < 0.8
	}
	for _, p := range v.pieces {
		for _, g := range p.groups {
			g.leader = lp.choose(g.households(), 30, 66)
			for _, nb := range g.nbs {
				nb.leader = lp.choose(nb.households, 25, 72)
			}
		}
	}
}

// replaceVillage turns 村委 into 居委 for a community.
func replaceVillage(title string) string {
	rs := []rune(title)
	for i := 0; i+1 < len(rs); i++ {
		if rs[i] == '村' && (rs[i+1] == '委' || rs[i+1] == '务') {
			rs[i] = '居'
		}
	}
	return string(rs)
}

func isMember(list []*person, p *person) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}
