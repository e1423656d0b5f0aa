package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"xiangzhi/backend/idcard"
)

// registry keeps the ID numbers and phones given so far, so that no two people share one.
type registry struct {
	ids, phones map[string]bool
}

func newRegistry() *registry {
	return &registry{ids: map[string]bool{}, phones: map[string]bool{}}
}

// idNumber returns a new ID number of 城步 (430529) for the birth date and sex: odd serial for men.
func (reg *registry) idNumber(r *rand.Rand, birth time.Time, sex string) string {
	for {
		serial := r.IntN(100)*10 + 2*r.IntN(5)
		if sex == "男" {
			serial++
		}
		first17 := fmt.Sprintf("430529%s%03d", birth.Format("20060102"), serial)
		if !reg.ids[first17] {
			reg.ids[first17] = true
			return first17 + string(idcard.CheckDigit(first17))
		}
	}
}

var mobilePrefixes = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
	"152", "155", "157", "158", "159", "173", "177", "180", "181", "182", "183", "185", "187", "188", "189",
	"191", "198", "199"}

// mobile returns a new 11-digit mobile number.
func (reg *registry) mobile(r *rand.Rand) string {
	for {
		p := fmt.Sprintf("%s%08d", pick(r, mobilePrefixes), r.IntN(100000000))
		if !reg.phones[p] {
			reg.phones[p] = true
			return p
		}
	}
}

// landline returns a new 城步 (0739) landline number.
func (reg *registry) landline(r *rand.Rand) string {
	for {
		p := fmt.Sprintf("0739-7%06d", r.IntN(1000000))
		if !reg.phones[p] {
			reg.phones[p] = true
			return p
		}
	}
}

// finish gives ID numbers (not to babies and some of the very old), mobiles and party membership.
func (f *family) finish() {
	for _, p := range f.members {
		age := p.age(f.today)
		noID := 0.005
		switch {
		case age < 1:
			noID = 1
		case age < 3:
			noID = 0.4
		case age >= 85:
			noID = 0.3
		}
		if f.r.Float64() >= noID {
			p.idNumber = f.reg.idNumber(f.r, p.birth, p.sex)
		}
		if age < 18 {
			continue
		}
		mobile := 0.88
		switch {
		case age >= 75:
			mobile = 0.2
		case age >= 60:
			mobile = 0.55
		}
		if f.r.Float64() < mobile {
			p.phone = f.reg.mobile(f.r)
		}
		party := 0.11
		switch {
		case age < 25:
			party = 0.03
		case p.sex == "女":
			party = 0.05
		}
		p.party = f.r.Float64() < party
	}
}
