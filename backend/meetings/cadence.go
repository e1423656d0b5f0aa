package meetings

import (
	"context"
	"fmt"
	"time"

	"xiangzhi/backend/errs"
)

// The regular meetings (DESIGN.md §1): every village holds a 民情分析会 each calendar month and a
// 村(居)民恳谈会 each calendar quarter. A meeting counts for the period its day falls in once it has
// been held (being held or its minutes final); one only planned does not.

// Due statuses.
const (
	DueOpen    = "due"     // not yet held this period
	DuePlanned = "planned" // not yet held, but called for a day in the period
	DueMissed  = "missed"  // the last period ended without one
)

// Due is a regular meeting a village owes: this period's, not yet held, or the last period's, missed.
type Due struct {
	VillageID   string `json:"villageId"`
	VillageName string `json:"villageName"`
	Kind        string `json:"kind"`
	Status      string `json:"status"`
	Period      string `json:"period"`    // 2026年12月, 2026年第四季度
	PeriodEnd   string `json:"periodEnd"` // ISO: the last day of the period
	MeetingID   string `json:"meetingId"` // the planned meeting, for DuePlanned
	PlannedOn   string `json:"plannedOn"`
	MissedYear  int    `json:"missedYear"` // periods of this year (ended) without one, this one's village and kind
}

// periodOf returns the first and last day of the month (monthly) or quarter holding d, and its name.
func periodOf(d time.Time, monthly bool) (time.Time, time.Time, string) {
	m := d.Month()
	if monthly {
		start := time.Date(d.Year(), m, 1, 0, 0, 0, 0, time.Local)
		return start, start.AddDate(0, 1, -1), fmt.Sprintf("%d年%d月", d.Year(), m)
	}
	q := (int(m)-1)/3 + 1
	start := time.Date(d.Year(), time.Month(q*3-2), 1, 0, 0, 0, 0, time.Local)
	return start, start.AddDate(0, 3, -1), fmt.Sprintf("%d年第%s季度", d.Year(), chineseNumber(q))
}

// periodKey numbers the month (monthly) or quarter of an ISO date: 202611, or 20264 for Q4.
func periodKey(iso string, monthly bool) int {
	if len(iso) < 7 {
		return 0
	}
	y := int(iso[0]-'0')*1000 + int(iso[1]-'0')*100 + int(iso[2]-'0')*10 + int(iso[3]-'0')
	m := int(iso[5]-'0')*10 + int(iso[6]-'0')
	if monthly {
		return y*100 + m
	}
	return y*10 + (m+2)/3
}

// regular are the kinds with a cadence, monthly or not (quarterly).
var regular = []struct {
	kind    string
	monthly bool
}{{KindAnalysis, true}, {KindTalk, false}}

// Due lists, for one village or all (""), the regular meetings due this period and those missed in
// the last, as of today: missed first, then due, each by village in pinyin order.
func (s *Service) Due(ctx context.Context, villageID string) ([]Due, error) {
	today := s.db.Today()
	villages, err := s.Villages(ctx)
	if err != nil {
		return nil, err
	}
	// the year before the last quarter's start: every period this reads
	from := time.Date(today.Year()-1, 10, 1, 0, 0, 0, 0, time.Local).Format(dateLayout)
	type slot struct {
		village, kind string
		period        int // periodKey
	}
	held := map[slot]bool{}
	planned := map[slot][2]string{}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT kind, held_on, village_id, state, id FROM meetings
		WHERE kind IN (?, ?) AND held_on >= ? AND deleted_at IS NULL AND state <> ?`, KindAnalysis, KindTalk, from, StateCancelled)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议失败")
	}
	defer rows.Close()
	for rows.Next() {
		var kind, day, village, state, id string
		if err := rows.Scan(&kind, &day, &village, &state, &id); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取会议失败")
		}
		k := slot{village, kind, periodKey(day, kind == KindAnalysis)}
		if state == StatePlanned {
			if p, ok := planned[k]; !ok || day < p[1] {
				planned[k] = [2]string{id, day}
			}
		} else {
			held[k] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议失败")
	}
	// the periods each regular kind looks at, the same for every village
	type periods struct {
		name, end, lastName, lastEnd string
		now, last                    int
		ended                        []int // the periods of this year that have ended
	}
	cal := make([]periods, len(regular))
	for i, r := range regular {
		start, end, name := periodOf(today, r.monthly)
		_, le, ln := periodOf(start.AddDate(0, 0, -1), r.monthly)
		p := periods{name: name, end: end.Format(dateLayout), lastName: ln, lastEnd: le.Format(dateLayout)}
		p.now, p.last = periodKey(p.end, r.monthly), periodKey(p.lastEnd, r.monthly)
		for _, pe, _ := periodOf(time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.Local), r.monthly); pe.Before(start); _, pe, _ = periodOf(pe.AddDate(0, 0, 1), r.monthly) {
			p.ended = append(p.ended, periodKey(pe.Format(dateLayout), r.monthly))
		}
		cal[i] = p
	}
	var missed, due []Due
	for _, v := range villages {
		if villageID != "" && v.ID != villageID {
			continue
		}
		for i, r := range regular {
			p := cal[i]
			count := 0 // the periods of this year that ended without one
			for _, k := range p.ended {
				if !held[slot{v.ID, r.kind, k}] {
					count++
				}
			}
			if !held[slot{v.ID, r.kind, p.last}] {
				missed = append(missed, Due{VillageID: v.ID, VillageName: v.Name, Kind: r.kind, Status: DueMissed, Period: p.lastName,
					PeriodEnd: p.lastEnd, MissedYear: count})
			}
			if held[slot{v.ID, r.kind, p.now}] {
				continue
			}
			d := Due{VillageID: v.ID, VillageName: v.Name, Kind: r.kind, Status: DueOpen, Period: p.name, PeriodEnd: p.end, MissedYear: count}
			if pl, ok := planned[slot{v.ID, r.kind, p.now}]; ok {
				d.Status, d.MeetingID, d.PlannedOn = DuePlanned, pl[0], pl[1]
			}
			due = append(due, d)
		}
	}
	return append(missed, due...), nil
}
