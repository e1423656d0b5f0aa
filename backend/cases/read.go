package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/workday"
)

// Case is a case as its page shows it, with its supervision card and its timeline.
type Case struct {
	ID            string  `json:"id"`
	Number        string  `json:"number"`
	Source        string  `json:"source"`
	Category      string  `json:"category"`
	Urgency       string  `json:"urgency"`
	Summary       string  `json:"summary"`
	Description   string  `json:"description"`
	Location      string  `json:"location"`
	VillageID     string  `json:"villageId"`
	HouseholdID   string  `json:"householdId"`
	ResidentID    string  `json:"residentId"`
	PersonName    string  `json:"personName"`
	PersonPhone   string  `json:"personPhone"`
	VisitID       string  `json:"visitId"`
	MeetingID     string  `json:"meetingId"` // the meeting whose decision created it (backend/meetings)
	State         string  `json:"state"`
	Level         string  `json:"level"`
	Handler       string  `json:"handler"`
	RegisteredOn  string  `json:"registeredOn"`
	LimitDays     int     `json:"limitDays"`
	Deadline      string  `json:"deadline"`
	ResolvedOn    string  `json:"resolvedOn"`
	ResolvedLevel string  `json:"resolvedLevel"`
	Satisfaction  string  `json:"satisfaction"`
	Mediation     string  `json:"mediation"`   // a resolved dispute's outcome: 调解成功, 调解不成, 转交 (mediation.go); "" otherwise
	MediationTo   string  `json:"mediationTo"` // the body a dispute was handed to (转交)
	Card          string  `json:"card"`        // CardYellow, CardRed, CardFollowUp or ""
	OverdueDays   int     `json:"overdueDays"` // working days past the deadline (red card)
	Events        []Event `json:"events,omitempty"`
	Parties       []Party `json:"parties,omitempty"` // the other people it concerns (Get only)
	FollowUpBy    string  `json:"followUpBy"`        // resolved: the last day of its follow-up window (ISO)
	HandedDown    bool    `json:"handedDown"`        // it was handed down (交办) at some step: its 办结 issues a 办理回执 (Get only)
}

// Event is one entry of a case's timeline.
type Event struct {
	At       string `json:"at"` // when it was recorded
	On       string `json:"on"` // the day it happened
	Operator string `json:"operator"`
	Action   string `json:"action"`
	From     string `json:"from"`
	To       string `json:"to"`
	Level    string `json:"level"`
	Handler  string `json:"handler"`
	Deadline string `json:"deadline"`
	Note     string `json:"note"`
}

// Supervision cards: a case still open with a working day or less left (黄牌), or past its deadline
// (红牌); a case resolved and not followed up within the office's follow-up window (回访逾期).
const (
	CardYellow   = "黄牌"
	CardRed      = "红牌"
	CardFollowUp = "回访逾期"
)

const caseColumns = `id, number, source, category, urgency, summary, description, location, village_id,
	household_id, resident_id, person_name, person_phone, visit_id, meeting_id, state, level, handler, registered_on,
	limit_days, deadline, resolved_on, resolved_level, satisfaction, mediation, mediation_to`

type scanner interface{ Scan(...any) error }

func scanCase(r scanner) (Case, error) {
	var c Case
	err := r.Scan(&c.ID, &c.Number, &c.Source, &c.Category, &c.Urgency, &c.Summary, &c.Description, &c.Location,
		&c.VillageID, &c.HouseholdID, &c.ResidentID, &c.PersonName, &c.PersonPhone, &c.VisitID, &c.MeetingID, &c.State, &c.Level,
		&c.Handler, &c.RegisteredOn, &c.LimitDays, &c.Deadline, &c.ResolvedOn, &c.ResolvedLevel, &c.Satisfaction,
		&c.Mediation, &c.MediationTo)
	return c, err
}

// supervise sets a case's card as of today: on an open case by its deadline, on a resolved one by
// its follow-up window.
func (c *Case) supervise(today string, st Settings) {
	c.Card, c.OverdueDays, c.FollowUpBy = "", 0, ""
	t, err := parseDate(today)
	if err != nil {
		return
	}
	if c.State == StateResolved {
		r, err := parseDate(c.ResolvedOn)
		if err != nil {
			return
		}
		due := workday.Add(r, st.FollowUpDays)
		c.FollowUpBy = due.Format(dateLayout)
		if t.After(due) {
			c.Card, c.OverdueDays = CardFollowUp, workday.Between(due, t)
		}
		return
	}
	if !IsOpen(c.State) {
		return
	}
	d, err := parseDate(c.Deadline)
	if err != nil {
		return
	}
	switch {
	case t.After(d):
		c.Card, c.OverdueDays = CardRed, workday.Between(d, t)
	case workday.Between(t, d) <= st.YellowDays:
		c.Card = CardYellow
	}
}

// followUpCutoff is the first day of resolution whose follow-up is not late today: a case resolved
// before it and not yet followed up is 回访逾期 (supervise says the same of each case).
func followUpCutoff(today time.Time, days int) string {
	d := today
	for i := 0; i < 366; i++ {
		prev := d.AddDate(0, 0, -1)
		if workday.Add(prev, days).Before(today) {
			break
		}
		d = prev
	}
	return d.Format(dateLayout)
}

// Get returns a case with its card and its timeline, oldest entry first. Code not_found when it is
// not there (or deleted).
func (s *Service) Get(ctx context.Context, id string) (Case, error) {
	c, err := scanCase(s.db.SQL().QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, errs.New(errs.NotFound, "这件民情不存在或已删除")
	}
	if err != nil { // a failed read is said as one, not as a case that is not there
		return Case{}, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Case{}, err
	}
	c.supervise(s.db.Today().Format(dateLayout), st)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT at, on_date, operator, action, from_state, to_state, level, handler, deadline, note
		FROM case_events WHERE case_id = ? AND deleted_at IS NULL ORDER BY on_date, at, rowid`, id)
	if err != nil {
		return Case{}, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	defer rows.Close()
	c.Events = []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.On, &e.Operator, &e.Action, &e.From, &e.To, &e.Level, &e.Handler, &e.Deadline, &e.Note); err != nil {
			return Case{}, errs.Wrap(err, errs.Internal, "读取办理记录失败")
		}
		c.Events = append(c.Events, e)
		c.HandedDown = c.HandedDown || e.Action == ActHandDown
	}
	if err := rows.Err(); err != nil {
		return Case{}, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	if c.Parties, err = partiesOf(ctx, s.db.SQL(), id); err != nil {
		return Case{}, err
	}
	return c, nil
}

// ByNumber is Get by the case's number (丹口-2026-0153). Code not_found when no live case has it.
func (s *Service) ByNumber(ctx context.Context, number string) (Case, error) {
	var id string
	err := s.db.SQL().QueryRowContext(ctx, `SELECT id FROM cases WHERE number = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`, number).Scan(&id)
	if err != nil {
		return Case{}, errs.New(errs.NotFound, "没有编号为“%s”的民情", number)
	}
	return s.Get(ctx, id)
}

// OfVisits returns, for those of the given visits that a live case came from, the case's number
// (visit id → number): a visit's follow-up that became a case shows which.
func (s *Service) OfVisits(ctx context.Context, visitIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	ids, _ := json.Marshal(visitIDs) // strings always marshal
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT visit_id, number FROM cases
		WHERE visit_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY number`, string(ids))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	defer rows.Close()
	for rows.Next() {
		var visit, number string
		if err := rows.Scan(&visit, &number); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取民情失败")
		}
		if out[visit] == "" {
			out[visit] = number
		}
	}
	return out, rows.Err()
}
