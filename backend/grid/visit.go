package grid

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// VisitForms are the ways a visit is made.
var VisitForms = []string{"入户", "电话", "集中"}

// VisitInput is a representative's visit to a household.
type VisitInput struct {
	HouseholdID string `json:"householdId"`
	LeaderID    string `json:"leaderId"`    // the visiting leader; empty means the neighbourhood's leader in office
	VisitorName string `json:"visitorName"` // used when there is no leader record
	Date        string `json:"date"`        // ISO; empty means today
	Form        string `json:"form"`        // 入户, 电话 or 集中
	Findings    string `json:"findings"`    // what was learned
	FollowUp    string `json:"followUp"`    // what is to be done (later: turned into a case)
}

// Visit is a recorded visit.
type Visit struct {
	VisitInput
	ID string `json:"id"`
}

// RecordVisit records a visit and returns its id. Code invalid for a date in the future, a bad form or
// no findings.
func (s *Service) RecordVisit(ctx context.Context, in VisitInput) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = s.recordVisit(tx, in)
		return err
	})
	if err == nil {
		s.emit("grid:visits", nil)
	}
	return id, err
}

func (s *Service) recordVisit(tx *store.Tx, in VisitInput) (string, error) {
	v, err := s.visitValues(tx, in)
	if err != nil {
		return "", err
	}
	return tx.Insert("visits", v)
}

// UpdateVisit corrects a recorded visit (a wrong date, form, visitor or text) with the checks of
// recording one; the household stays. Code not_found for a visit that is not there (or withdrawn).
func (s *Service) UpdateVisit(ctx context.Context, id string, in VisitInput) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Get("visits", id)
		if err != nil {
			return errs.New(errs.NotFound, "这条走访记录不存在或已撤回")
		}
		in.HouseholdID = cur["household_id"].(string)
		v, err := s.visitValues(tx, in)
		if err != nil {
			return err
		}
		_, err = tx.Update("visits", id, v)
		return err
	})
	if err == nil {
		s.emit("grid:visits", nil)
	}
	return err
}

// MaxWithdrawReason bounds the reason a visit is withdrawn for.
const MaxWithdrawReason = 200

// WithdrawVisit withdraws a visit recorded by mistake (the wrong household, never made): it leaves the
// lists and the cadence (an overdue household it cleared is overdue again), and the reason stays with
// the record and in the audit log. Code invalid without a reason (field reason), not_found for a visit
// that is not there.
func (s *Service) WithdrawVisit(ctx context.Context, id, reason string) error {
	reason, err := textrule.Free("reason", "撤回原因", reason, MaxWithdrawReason)
	if err != nil {
		return err
	}
	if reason == "" {
		return errs.Field("reason", "请写明撤回原因")
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Get("visits", id); err != nil {
			return errs.New(errs.NotFound, "这条走访记录不存在或已撤回")
		}
		if _, err := tx.Update("visits", id, store.Values{"withdraw_reason": reason}); err != nil {
			return err
		}
		return tx.Delete("visits", id)
	})
	if err == nil {
		s.emit("grid:visits", nil)
	}
	return err
}

// visitValues checks a visit as typed and gives the values of its row.
func (s *Service) visitValues(tx *store.Tx, in VisitInput) (store.Values, error) {
	h, err := tx.Get("households", in.HouseholdID)
	if err != nil {
		return nil, errs.Field("householdId", "要走访的户不存在或已删除")
	}
	today := s.today().Format(dateLayout)
	if in.Date == "" {
		in.Date = today
	}
	var p errs.Problems // every typed field's problem at once
	date, err := idcard.ParseDate("date", in.Date)
	switch {
	case err != nil:
		p.Keep(err)
	case date > today:
		p.Keep(errs.Field("date", "走访日期不能晚于今天"))
	case date < "2000-01-01":
		p.Keep(errs.Field("date", "走访日期太早，请核对"))
	}
	form := strings.TrimSpace(in.Form)
	if form == "" {
		form = VisitForms[0]
	}
	if !contains(VisitForms, form) {
		p.Keep(errs.Field("form", "走访方式只能是入户、电话或集中"))
	}
	findings, err := textrule.Free("findings", "走访情况", in.Findings, 2000)
	p.Keep(err)
	if err == nil && findings == "" { // an empty visit would still clear an overdue household
		p.Keep(errs.Field("findings", "请填写走访情况：了解到的家庭情况、诉求或意见"))
	}
	followUp, err := textrule.Free("followUp", "后续跟进", in.FollowUp, 2000)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return nil, err
	}
	v := store.Values{"household_id": in.HouseholdID, "visit_date": date, "form": form, "findings": findings, "follow_up": followUp}
	leaderID := in.LeaderID
	if leaderID == "" && strings.TrimSpace(in.VisitorName) == "" {
		// The neighbourhood leader in office on the day; for a visit entered late from paper, when
		// nobody held the office then, the one in office now.
		for _, day := range []string{date, today} {
			if leaderID != "" {
				break
			}
			err := tx.QueryRow(`SELECT id FROM leaders WHERE role = 'neighbourhood_leader' AND scope_id = ?1 AND deleted_at IS NULL
				AND term_start <= ?2 AND (term_end = '' OR term_end >= ?2) ORDER BY term_start DESC LIMIT 1`,
				h["neighbourhood_id"], day).Scan(&leaderID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				// Not "no leader": a failed read must not be taken for a neighbourhood without one.
				return nil, &errs.Error{Code: errs.Internal, Field: "leaderId", Message: "读取邻长失败", Err: err}
			}
		}
	}
	if leaderID != "" {
		l, err := tx.Get("leaders", leaderID)
		if err != nil {
			return nil, errs.Field("leaderId", "走访人不存在")
		}
		v["leader_id"], v["visitor_name"] = leaderID, l["person_name"]
	} else {
		name, err := textrule.Name("visitorName", "走访人", idcard.Normalize(in.VisitorName), 30, false)
		if err != nil {
			return nil, err
		}
		if name == "" {
			return nil, errs.Field("visitorName", "这个邻还没有邻长，请填写走访人")
		}
		v["leader_id"], v["visitor_name"] = nil, name
	}
	return v, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Visits lists a household's visits, newest first.
func (s *Service) Visits(ctx context.Context, householdID string) ([]Visit, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, household_id, coalesce(leader_id, ''), visitor_name,
		visit_date, form, findings, follow_up FROM visits WHERE household_id = ? AND deleted_at IS NULL
		ORDER BY visit_date DESC, id DESC`, householdID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取走访记录失败")
	}
	defer rows.Close()
	out := []Visit{}
	for rows.Next() {
		var v Visit
		if err := rows.Scan(&v.ID, &v.HouseholdID, &v.LeaderID, &v.VisitorName, &v.Date, &v.Form, &v.Findings, &v.FollowUp); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取走访记录失败")
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
