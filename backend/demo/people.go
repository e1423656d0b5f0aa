package demo

import (
	"math/rand/v2"
	"time"
)

// person is one invented resident.
type person struct {
	name, relation, sex, ethnicity, phone, idNumber string
	birth                                           time.Time // a civil date, UTC midnight
	party                                           bool
	id                                              string // the resident's id once written
}

func (p *person) age(today time.Time) int {
	a := today.Year() - p.birth.Year()
	if today.Month() < p.birth.Month() || today.Month() == p.birth.Month() && today.Day() < p.birth.Day() {
		a--
	}
	return a
}

// family makes the members of households: consistent ages, relations, surnames and ethnicity.
type family struct {
	r       *rand.Rand
	today   time.Time
	reg     *registry
	members []*person
}

var (
	householdSizes = newWeighted("1:10", "2:20", "3:22", "4:25", "5:15", "6:8") // mean 3.39
	ethnicities    = newWeighted("苗族:55", "汉族:36", "侗族:5", "瑶族:4")
)

// birthFor returns a birth date for someone aged age today; babies are at least a month old.
func (f *family) birthFor(age int) time.Time {
	days := f.r.IntN(365)
	if age == 0 {
		days = 30 + f.r.IntN(335)
	}
	return f.today.AddDate(-age, 0, -days)
}

// add appends a member; surname "" draws one.
func (f *family) add(relation, sex, surname, ethnicity string, age int) *person {
	if surname == "" {
		surname = surnames.pick(f.r)
	}
	if ethnicity == "" {
		ethnicity = ethnicities.pick(f.r)
	}
	birth := f.birthFor(age)
	p := &person{name: fullName(f.r, surname, sex, birth.Year()), relation: relation, sex: sex, ethnicity: ethnicity, birth: birth}
	f.members = append(f.members, p)
	return p
}

func surnameOf(p *person) string {
	if len([]rune(p.name)) >= 3 && string([]rune(p.name)[:2]) == "欧阳" {
		return "欧阳"
	}
	return string([]rune(p.name)[:1])
}

func (f *family) spouseEthnicity(of string) string {
	if f.r.Float64() < 0.6 {
		return of
	}
	return ethnicities.pick(f.r)
}

// childEthnicity: a child of a mixed marriage is usually registered with the minority.
func childEthnicity(a, b string) string {
	if a != "汉族" {
		return a
	}
	return b
}

func (f *family) sex() string {
	if f.r.Float64() < 0.52 {
		return "男"
	}
	return "女"
}

func opposite(sex string) string {
	if sex == "男" {
		return "女"
	}
	return "男"
}

func childRelation(sex string) string {
	if sex == "男" {
		return "子"
	}
	return "女"
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// household returns the members of a new household, head first.
func (f *family) household() []*person {
	f.members = nil
	n := atoi(householdSizes.pick(f.r))
	switch {
	case n == 1:
		f.single()
	case n == 2 && f.r.Float64() < 0.55:
		f.couple(between(f.r, 58, 88), 0)
	case n == 2 && f.r.Float64() < 0.45:
		head := f.add("户主", f.sex(), "", "", between(f.r, 35, 62))
		f.parent(head, head.sex == "女")
	case n == 2:
		head := f.add("户主", f.sex(), "", "", between(f.r, 42, 75))
		f.children(head, nil, 1, head.age(f.today)-between(f.r, 22, 34))
	case f.r.Float64() < 0.3:
		f.threeGenerations(n)
	default:
		f.nuclear(n)
	}
	f.finish()
	return f.members
}

func (f *family) single() {
	if f.r.Float64() < 0.65 {
		sex := "女"
		if f.r.Float64() < 0.45 {
			sex = "男"
		}
		f.add("户主", sex, "", "", between(f.r, 60, 92))
		return
	}
	sex := "男"
	if f.r.Float64() < 0.25 {
		sex = "女"
	}
	f.add("户主", sex, "", "", between(f.r, 30, 59))
}

// couple adds a head of the given age and a spouse a few years apart.
func (f *family) couple(age int, femaleHead float64) (head, spouse *person) {
	sex := "男"
	if f.r.Float64() < femaleHead {
		sex = "女"
	}
	head = f.add("户主", sex, "", "", age)
	sAge := age + between(f.r, -5, 2)
	if sex == "女" {
		sAge = age + between(f.r, -2, 5)
	}
	spouse = f.add("配偶", opposite(sex), "", f.spouseEthnicity(head.ethnicity), max(sAge, 20))
	return head, spouse
}

// parent adds the head's widowed parent (mother more often), when one can still be alive.
func (f *family) parent(head *person, motherOnly bool) bool {
	age := head.age(f.today) + between(f.r, 22, 34)
	if age > 96 {
		return false
	}
	if motherOnly || f.r.Float64() < 0.65 {
		f.add("母亲", "女", "", head.ethnicity, age)
	} else {
		f.add("父亲", "男", surnameOf(head), head.ethnicity, age)
	}
	return true
}

// children adds up to n children of father and mother (either may be nil), the eldest aged first;
// it returns how many could be added (none younger than 0).
func (f *family) children(a, b *person, n, first int) int {
	father, mother := a, b
	if a.sex == "女" {
		father, mother = b, a
	}
	surname, eth := surnameOf(a), a.ethnicity
	if father != nil {
		surname = surnameOf(father)
	}
	if father != nil && mother != nil {
		eth = childEthnicity(father.ethnicity, mother.ethnicity)
	}
	age := first
	for i := 0; i < n; i++ {
		if age < 0 {
			return i
		}
		sex := f.sex()
		f.add(childRelation(sex), sex, surname, eth, age)
		age -= between(f.r, 1, 6)
	}
	return n
}

// nuclear: a couple, their children and maybe one or two of the head's parents.
func (f *family) nuclear(n int) {
	head, spouse := f.couple(between(f.r, 25, 58), 0.1)
	rest := n - 2
	parents := 0
	switch {
	case rest >= 3:
		parents = between(f.r, 1, 2)
	case rest == 2 && f.r.Float64() < 0.4:
		parents = 1
	}
	kids := rest - parents
	mother := spouse
	if head.sex == "女" {
		mother = head
	}
	added := f.children(head, spouse, kids, mother.age(f.today)-between(f.r, 21, 30))
	if parents == 2 {
		parents = 1 // unless both can still be alive
		if pAge := head.age(f.today) + between(f.r, 24, 32); pAge <= 96 {
			f.add("父亲", "男", surnameOf(head), head.ethnicity, pAge)
			f.add("母亲", "女", "", head.ethnicity, max(pAge-between(f.r, 0, 4), head.age(f.today)+20))
			parents, added = 0, added+2
		}
	}
	for parents > 0 && added < rest {
		if !f.parent(head, false) {
			break
		}
		parents--
		added++
	}
	for ; added < rest; added++ {
		sex := f.sex()
		f.add("兄弟姐妹", sex, surnameOf(head), head.ethnicity, max(18, head.age(f.today)+between(f.r, -8, 8)))
	}
}

// threeGenerations: grandparents head the household with a son and his wife (or a daughter and a
// son-in-law who married in) and their children.
func (f *family) threeGenerations(n int) {
	age := between(f.r, 50, 80)
	var head, spouse *person
	if f.r.Float64() < 0.85 {
		head, spouse = f.couple(age, 0.05)
	} else {
		head = f.add("户主", "女", "", "", age)
	}
	childAge := head.age(f.today) - between(f.r, 22, 32)
	sex := "男"
	if f.r.Float64() < 0.25 {
		sex = "女"
	}
	parent := f.add(childRelation(sex), sex, surnameOf(head), head.ethnicity, childAge)
	rest := n - len(f.members)
	if rest >= 2 && childAge >= 22 {
		rel := "儿媳"
		if sex == "女" {
			rel = "女婿"
		}
		in := f.add(rel, opposite(sex), "", f.spouseEthnicity(parent.ethnicity), max(20, childAge+between(f.r, -3, 3)))
		rest--
		eth := childEthnicity(parent.ethnicity, in.ethnicity)
		g := childAge - between(f.r, 20, 28)
		for ; rest > 0 && g >= 0; rest-- {
			gs := f.sex()
			rel := "孙子"
			if gs == "女" {
				rel = "孙女"
			}
			f.add(rel, gs, surnameOf(head), eth, g)
			g -= between(f.r, 1, 5)
		}
	}
	if rest > 0 {
		f.children(head, spouse, rest, childAge-between(f.r, 1, 5))
	}
}
