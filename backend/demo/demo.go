// Package demo fills an empty database with invented but believable grid data of 城步苗族自治县:
// villages, pieces, groups, neighbourhoods, households and residents, who leads what, a year
// of visits, the 民情 cases, a year of meetings (meetings.go), a year of the legal advisers'
// contract reviews (contracts.go) and a year of each village's merit shop (points.go). The same seed
// and scale always give the same data. Every name, ID number and phone is made up.
package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/store"
)

// Scale is how much data to make.
type Scale string

// The scales.
const (
	Township Scale = "township" // 12 villages, about 3,000 households, 10,000 residents
	County   Scale = "county"   // 300 villages (25 townships), about 100,000 households, 350,000 residents
)

// villagesPerTownship is how many villages a township has; the first of each is its seat, a 社区.
const villagesPerTownship = 12

type scaleInfo struct {
	villages   int
	households int // per village, on average
	// 民情 cases: registered over the last caseYears years, casesPer6 a year for every six households.
	// The county holds three years of a busy county (over 200,000 cases), for the figures of search,
	// lists and statistics at the size the app must stay fast at.
	caseYears, casesPer6 int
	contracts            [2]int // requests for contract review a village sent in the year, fewest and most
	// merit shops (道德超市): how many villages in a hundred run one (城步 has 212 for its villages), and
	// the percentage of a village's households that take part, fewest and most
	shops  int
	points [2]int
}

var scales = map[Scale]scaleInfo{
	Township: {villages: villagesPerTownship, households: 250, caseYears: 1, casesPer6: 1, contracts: [2]int{6, 12}, shops: 100,
		points: [2]int{35, 65}},
	County: {villages: 25 * villagesPerTownship, households: 335, caseYears: 3, casesPer6: 4, contracts: [2]int{2, 4}, shops: 70,
		points: [2]int{15, 35}},
}

// Stats counts what Generate wrote.
type Stats struct {
	Villages       int `json:"villages"`
	Pieces         int `json:"pieces"`
	Groups         int `json:"groups"`
	Neighbourhoods int `json:"neighbourhoods"`
	Households     int `json:"households"`
	Residents      int `json:"residents"`
	Leaders        int `json:"leaders"`
	Visits         int `json:"visits"`
	Cases          int `json:"cases"`
	Meetings       int `json:"meetings"`
	Contracts      int `json:"contracts"`    // requests for contract review
	PointEntries   int `json:"pointEntries"` // entries of the merit shops' ledgers (withdrawn ones too)
	Campaigns      int `json:"campaigns"`    // 文明家庭 campaigns: last year's finished, this year's running
}

func (s *Stats) add(o Stats) {
	s.Villages += o.Villages
	s.Pieces += o.Pieces
	s.Groups += o.Groups
	s.Neighbourhoods += o.Neighbourhoods
	s.Households += o.Households
	s.Residents += o.Residents
	s.Leaders += o.Leaders
	s.Visits += o.Visits
	s.Cases += o.Cases
	s.Meetings += o.Meetings
	s.Contracts += o.Contracts
	s.PointEntries += o.PointEntries
}

// ParseScale checks a scale's name. Code invalid, on field scale, for an unknown one.
func ParseScale(name string) (Scale, error) {
	if _, ok := scales[Scale(name)]; !ok {
		return "", errs.Field("scale", "未知的演示数据规模“%s”，只能是 township（一个乡镇）或 county（全县）", name)
	}
	return Scale(name), nil
}

// today is the current date on the database's clock, as a civil date.
func today(s *grid.Service) time.Time {
	y, m, d := s.Today().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Generate writes the demo data of a scale into an empty database in one transaction: all of it or,
// when it fails or ctx is cancelled, none of it. It reports the villages written as stage 生成 to rep
// (may be nil). Code invalid for an unknown scale, conflict when the database already has villages or
// when ctx is cancelled (wrapping the context's error).
func Generate(ctx context.Context, s *grid.Service, scale Scale, seed int64, rep progress.Reporter) (Stats, error) {
	return GenerateThen(ctx, s, scale, seed, rep, nil)
}

// GenerateThen is Generate with then (may be nil) run last in the same transaction, for what other
// domains add to the demo (its example documents): a failure there, a cancel or a killed process
// leaves none of the demo.
func GenerateThen(ctx context.Context, s *grid.Service, scale Scale, seed int64, rep progress.Reporter,
	then func(tx *store.Tx) error) (Stats, error) {
	rep = progress.Or(rep)
	var stats Stats
	info, ok := scales[scale]
	if !ok {
		_, err := ParseScale(string(scale))
		return stats, err
	}
	n, err := s.VillageCount(ctx)
	if err != nil {
		return stats, err
	}
	if n > 0 {
		return stats, errs.New(errs.Conflict, "数据库中已有网格数据，演示数据只写入空数据库")
	}
	day := today(s)
	r := rand.New(rand.NewPCG(uint64(seed), 0x5EED))
	reg := newRegistry()
	names, community := villageNames(r, info.villages)
	advisers := planAdvisers(r, reg, day, info.villages)
	profileAdvisers(seed, advisers, day)
	shared := newSharedRules() // the merit shops' rules of every village, written with the first
	// Village sizes vary by ±25% (a township's seat is a fifth bigger) around the scale's mean, which
	// their total keeps exactly.
	weights := make([]int, info.villages)
	sum := 0
	for i := range weights {
		weights[i] = between(r, 75, 125)
		if community[i] {
			weights[i] = weights[i] * 6 / 5
		}
		sum += weights[i]
	}
	sizes := make([]int, info.villages)
	for i, w := range weights {
		sizes[i] = info.households * info.villages * w / sum
	}

	// Plan the next village while the current one is written: planning is sequential (the
	// registry of ID numbers is shared), so the data do not depend on timing.
	plans := make(chan *villagePlan, 2)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(plans)
		for i, name := range names {
			pl := newPlanner(seed, i, day, reg)
			v := pl.planVillage(name, community[i], sizes[i])
			v.adviser = advisers[i]
			pl.planLeaders(v)
			pl.planVisits(v)
			// (cases draw on a generator of their own, so the registry and visits stay as they were)
			v.cases = planCases(rand.New(rand.NewPCG(uint64(seed), 0xCA5E*uint64(i+1))), v, day, info)
			// (and so do the meetings, which take up the cases)
			v.meetings = planMeetings(rand.New(rand.NewPCG(uint64(seed), 0x3EE7*uint64(i+1))), v, day)
			// (and the contracts, whose major ones the 村民代表会议 approved)
			v.contracts = planContracts(rand.New(rand.NewPCG(uint64(seed), 0xC047*uint64(i+1))), v, day, info, i)
			// (and the merit shop, whose 参与调解 follows the disputes settled)
			v.points = planPoints(rand.New(rand.NewPCG(uint64(seed), 0x9017*uint64(i+1))), v, shared, day, info)
			select {
			case plans <- v:
			case <-stop:
				return
			}
		}
	}()
	termStart := "2024-01-01"
	if from := day.AddDate(-1, 0, 0).Format(time.DateOnly); from < termStart {
		termStart = from
	}
	rep.Report(StageGenerate, 0, info.villages)
	err = s.Batch(ctx, func(b *grid.Batch) error {
		done := 0
		var requests []*contractPlan
		var township []*villagePlan // the first township's villages, whose households the campaigns draw on
		for v := range plans {
			if err := progress.Cancelled(ctx); err != nil {
				return err
			}
			var vs Stats
			if err := writeVillage(b, v, termStart, &vs); err != nil {
				return err
			}
			stats.add(vs)
			requests = append(requests, v.contracts...)
			if len(township) < villagesPerTownship {
				township = append(township, v)
			}
			done++
			rep.Report(StageGenerate, done, info.villages)
		}
		// the contract reviews of every village, in the order they came in; the township's opinions
		// issued as their 合同审查意见书 (contract_write.go)
		if err := writeContracts(ctx, b.Tx(), requests, scale == Township, &stats); err != nil {
			return err
		}
		// the 文明家庭 campaigns of last year and this (selections.go)
		if err := writeSelections(b.Tx(), township, day, seed, &stats); err != nil {
			return err
		}
		if err := progress.Cancelled(ctx); err != nil || then == nil {
			return err
		}
		return then(b.Tx())
	})
	if err != nil {
		if c := progress.Cancelled(ctx); c != nil {
			return Stats{}, c // the read or write that noticed it first says "context canceled"
		}
		return Stats{}, err
	}
	return stats, nil
}

// StageGenerate is the stage Generate reports its villages under.
const StageGenerate = "生成演示数据"
