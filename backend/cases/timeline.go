package cases

import (
	"context"
	"fmt"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Two offices acting on one case without seeing each other's step — one resolves it while the other
// escalates it — both stand after a merge: the timeline forks (a step starts from a state the step
// before did not leave it in), and the case's state, merged field by field, is one side's.
// TimelineClashes lists such cases for a person, who says where the case stands (SettleTimeline): a
// 核对 step, which the timeline keeps and which reaches every office.

// ActReconcile is the step a person records when settling a forked timeline; the check starts again
// from it. Officers do not take it from the case page (it is not in Actions).
const ActReconcile = "核对"

// Standing is where a case stands: its state and level.
type Standing struct {
	State string `json:"state"`
	Level string `json:"level"`
}

// TimelineClash is a case whose timeline and state disagree.
type TimelineClash struct {
	CaseID  string     `json:"caseId"`
	Number  string     `json:"number"`
	Summary string     `json:"summary"`
	Now     Standing   `json:"now"`     // as merged
	Steps   []Event    `json:"steps"`   // since its last 核对 (or all), in order
	Options []Standing `json:"options"` // where it may stand: as merged, and where each branch of the fork ends
}

// timelineQuery reads the live steps of live cases in the order they were recorded (ties by id, the
// same at every office), with each case's standing; the caller adds a condition on the case.
const timelineQuery = `SELECT c.id, c.number, c.summary, c.state, c.level, e.at, e.on_date, e.operator, e.action,
	e.from_state, e.to_state, e.level, e.handler, e.deadline, e.note
	FROM case_events e JOIN cases c ON c.id = e.case_id
	WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL %s ORDER BY c.id, e.at, e.id`

// timelineClashes reads steps (timelineQuery) and returns the cases whose timeline forks or does not
// end where the case stands.
func timelineClashes(rows rowsScanner) ([]TimelineClash, error) {
	out := []TimelineClash{}
	var cur *TimelineClash
	flush := func() {
		if cur != nil && cur.check() {
			out = append(out, *cur)
		}
	}
	for rows.Next() {
		var id, number, summary, state, level string
		var e Event
		if err := rows.Scan(&id, &number, &summary, &state, &level, &e.At, &e.On, &e.Operator, &e.Action, &e.From, &e.To,
			&e.Level, &e.Handler, &e.Deadline, &e.Note); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
		}
		if cur == nil || cur.CaseID != id {
			flush()
			cur = &TimelineClash{CaseID: id, Number: number, Summary: summary, Now: Standing{state, level}}
		}
		if e.Action == ActReconcile {
			cur.Steps = cur.Steps[:0]
		}
		cur.Steps = append(cur.Steps, e)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	flush()
	return out, nil
}

// rowsScanner is what timelineClashes reads (*sql.Rows).
type rowsScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// check reports whether the case's steps since its last 核对 fork or end elsewhere than the case
// stands, and then fills Options.
func (c *TimelineClash) check() bool {
	forked := false
	for i := 1; i < len(c.Steps); i++ {
		forked = forked || c.Steps[i].From != c.Steps[i-1].To
	}
	last := c.Steps[len(c.Steps)-1]
	if !forked && last.To == c.Now.State && (last.Level == "" || last.Level == c.Now.Level) {
		return false
	}
	c.Options = []Standing{c.Now}
	for i, e := range c.Steps {
		continued := false // a later step went on from where this one left the case
		for _, f := range c.Steps[i+1:] {
			continued = continued || f.From == e.To
		}
		end := Standing{e.To, e.Level}
		if end.Level == "" {
			end.Level = c.Now.Level
		}
		if !continued && !containsStanding(c.Options, end) {
			c.Options = append(c.Options, end)
		}
	}
	return true
}

func containsStanding(list []Standing, s Standing) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TimelineClashes lists the cases whose timeline forks, or ends elsewhere than the case stands. Only
// a merge makes one, of a case steps were taken on at two offices: those are the ones read whole.
func (s *Service) TimelineClashes(ctx context.Context) ([]TimelineClash, error) {
	out := []TimelineClash{}
	if merged, err := s.db.Bundles(ctx); err != nil || len(merged) == 0 {
		return out, err
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT case_id FROM case_events WHERE deleted_at IS NULL
		GROUP BY case_id HAVING min(site_id) <> max(site_id)`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	for _, id := range ids {
		rows, err := s.db.SQL().QueryContext(ctx, fmt.Sprintf(timelineQuery, "AND c.id = ?"), id)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
		}
		c, err := timelineClashes(rows)
		rows.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, c...)
	}
	return out, nil
}

// SettleTimeline says where a case listed by TimelineClashes stands: one of its Options. The case is
// set there and a 核对 step recorded. Code conflict when the case's timeline no longer disagrees,
// invalid (field state) for a standing that is not among its options. The state and level are written
// as a decision (store.Tx.Decide): conflicts the merge recorded on them are settled with it.
func (s *Service) SettleTimeline(ctx context.Context, caseID string, to Standing) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(fmt.Sprintf(timelineQuery, "AND c.id = ?"), caseID)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取办理记录失败")
		}
		clashes, err := timelineClashes(rows)
		rows.Close()
		if err != nil {
			return err
		}
		if len(clashes) == 0 {
			return errs.New(errs.Conflict, "这件民情的办理经过已经一致（可能已有人处理），请刷新")
		}
		c := clashes[0]
		if !containsStanding(c.Options, to) {
			return errs.Field("state", "“%s（%s）”不是这件民情可选的状态，请刷新后重选", to.State, to.Level)
		}
		row, err := tx.Get("cases", caseID)
		if err != nil {
			return err
		}
		handler, _ := row["handler"].(string)
		deadline, _ := row["deadline"].(string)
		if err := tx.Decide("cases", caseID, store.Values{"state": to.State, "level": to.Level}); err != nil {
			return err
		}
		// Recorded after every step it settles, whatever the clocks of the offices that took them.
		at := tx.Now().UTC()
		for _, e := range c.Steps {
			if t, err := time.Parse(time.RFC3339, e.At); err == nil && !t.Before(at) {
				at = t.Add(time.Second)
			}
		}
		return addEvent(tx, caseID, event{On: tx.Today().Format(dateLayout), At: at.Format(time.RFC3339), Action: ActReconcile, From: c.Now.State, To: to.State,
			Level: to.Level, Handler: handler, Deadline: deadline,
			Note: fmt.Sprintf("数据合并后两处的办理经过不一致，经核对以“%s（%s）”为准", to.State, to.Level)})
	})
	if err == nil {
		s.Changed()
	}
	return err
}
