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
	type slot struct{ village, kind, period string }
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
		d, err := time.ParseInLocation(dateLayout, day, time.Local)
		if err != nil {
			continue
		}
		_, _, name := periodOf(d, kind == KindAnalysis)
		k := slot{village, kind, name}
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
	var missed, due []Due
	for _, v := range villages {
		if villageID != "" && v.ID != villageID {
			continue
		}
		for _, r := range regular {
			start, end, name := periodOf(today, r.monthly)
			// the periods of this year that have ended without one
			count := 0
			for _, pe, pn := periodOf(time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.Local), r.monthly); pe.Before(start); _, pe, pn = periodOf(pe.AddDate(0, 0, 1), r.monthly) {
				if !held[slot{v.ID, r.kind, pn}] {
					count++
				}
			}
			_, le, ln := periodOf(start.AddDate(0, 0, -1), r.monthly)
			if !held[slot{v.ID, r.kind, ln}] {
				missed = append(missed, Due{VillageID: v.ID, VillageName: v.Name, Kind: r.kind, Status: DueMissed, Period: ln,
					PeriodEnd: le.Format(dateLayout), MissedYear: count})
			}
			if held[slot{v.ID, r.kind, name}] {
				continue
			}
			d := Due{VillageID: v.ID, VillageName: v.Name, Kind: r.kind, Status: DueOpen, Period: name, PeriodEnd: end.Format(dateLayout), MissedYear: count}
			if p, ok := planned[slot{v.ID, r.kind, name}]; ok {
				d.Status, d.MeetingID, d.PlannedOn = DuePlanned, p[0], p[1]
			}
			due = append(due, d)
		}
	}
	return append(missed, due...), nil
}
