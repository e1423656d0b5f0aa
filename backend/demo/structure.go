package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The plan of one village, made in memory before it is written in one transaction.
type villagePlan struct {
	name      string
	community bool
	pieces    []*piecePlan
	committee []*person // 两委 members, with their titles
	titles    []string
	adviser   *adviser
	cases     []casePlan
	meetings  *villageMeetings
	contracts []*contractPlan
	points    *pointsPlan
}

type piecePlan struct {
	name   string
	groups []*groupPlan
	leader *person // one of the committee
}

type groupPlan struct {
	name   string
	nbs    []*nbPlan
	leader *person
}

type nbPlan struct {
	id, name   string
	households []*householdPlan
	leader     *person
	neglectful bool // skips many visits
	leaderID   string
}

type householdPlan struct {
	id, code, address, phone string
	tags                     []string
	members                  []*person
	visits                   []visitPlan
}

func (h *householdPlan) adults(today time.Time, minAge, maxAge int) []*person {
	var out []*person
	for _, p := range h.members {
		if a := p.age(today); a >= minAge && a <= maxAge {
			out = append(out, p)
		}
	}
	return out
}

// planner plans villages; one per village, with its own random source, sharing the registry.
type planner struct {
	r     *rand.Rand
	today time.Time
	reg   *registry
	fam   family
}

func newPlanner(seed int64, village int, today time.Time, reg *registry) *planner {
	r := rand.New(rand.NewPCG(uint64(seed), 0x9E3779B97F4A7C15*uint64(village+1)))
	return &planner{r: r, today: today, reg: reg, fam: family{r: r, today: today, reg: reg}}
}

// neighbourhoodSize is mostly 6–14 households; a few fall outside 5–15 so the warnings show.
func (pl *planner) neighbourhoodSize() int {
	if pl.r.Float64() < 0.03 {
		return pick(pl.r, []int{3, 4, 16, 17})
	}
	return between(pl.r, 6, 14)
}

// planVillage lays out a village of about households households: 3–5 pieces of 2–4 groups, each
// group several neighbourhoods.
func (pl *planner) planVillage(name string, community bool, households int) *villagePlan {
	r := pl.r
	v := &villagePlan{name: name, community: community}
	var groups []*groupPlan
	for i := range between(r, 3, 5) {
		p := &piecePlan{name: "第" + chineseNumber(i+1) + "片"}
		for range between(r, 2, 4) {
			g := &groupPlan{name: chineseNumber(len(groups)+1) + "组"}
			p.groups = append(p.groups, g)
			groups = append(groups, g)
		}
		v.pieces = append(v.pieces, p)
	}
	// About ten households a neighbourhood: share the neighbourhoods out among the groups.
	nbs := max(len(groups), (households+5)/10)
	counts := make([]int, len(groups))
	for i := range counts {
		counts[i] = nbs / len(groups)
	}
	for i := 0; i < nbs%len(groups); i++ {
		counts[r.IntN(len(groups))]++
	}
	for range len(groups) / 3 { // some groups are bigger than others
		a, b := r.IntN(len(groups)), r.IntN(len(groups))
		if counts[a] > 1 {
			counts[a]--
			counts[b]++
		}
	}
	code := 0
	for gi, g := range groups {
		house := 0
		for k := range counts[gi] {
			nb := &nbPlan{name: fmt.Sprintf("第%d邻", k+1), neglectful: r.Float64() < 0.15}
			for range pl.neighbourhoodSize() {
				code++
				house += 1 + r.IntN(8)/7 // now and then a number is skipped
				h := &householdPlan{
					code:    fmt.Sprintf("%04d", code),
					address: fmt.Sprintf("%s%s%d号", name, g.name, house),
					members: pl.fam.household(),
				}
				if r.Float64() < 0.15 {
					h.phone = pl.reg.landline(r)
				}
				h.tags = pl.tags(h)
				nb.households = append(nb.households, h)
			}
			g.nbs = append(g.nbs, nb)
		}
	}
	return v
}

// keyTags are the key-household tags, weighted: 留守老人 most.
var keyTags = newWeighted("留守老人:40", "低保户:20", "留守儿童:15", "残疾人:12", "五保户:7", "特殊人群:6")

// tags makes about 12% of households key households, with tags that fit who lives there.
func (pl *planner) tags(h *householdPlan) []string {
	if pl.r.Float64() >= 0.12 {
		return nil
	}
	n := 1
	if pl.r.Float64() < 0.15 {
		n = 2
	}
	var out []string
	for tries := 0; len(out) < n && tries < 20; tries++ {
		t := keyTags.pick(pl.r)
		if !pl.fits(h, t) || contains(out, t) {
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		out = []string{pick(pl.r, []string{"低保户", "残疾人", "特殊人群"})}
	}
	return out
}

// fits says whether a tag suits a household: 留守老人 needs someone over 60, 留守儿童 a child,
// 五保户 old people living without children.
func (pl *planner) fits(h *householdPlan, tag string) bool {
	switch tag {
	case "留守老人":
		return len(h.adults(pl.today, 60, 200)) > 0
	case "留守儿童":
		return len(h.adults(pl.today, 0, 15)) > 0
	case "五保户":
		return len(h.members) <= 2 && len(h.adults(pl.today, 60, 200)) == len(h.members)
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
