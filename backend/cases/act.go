package cases

import (
	"context"
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
	"xiangzhi/backend/workday"
)

// Step is one action on a case, with what the action needs.
type Step struct {
	Action       string `json:"action"`       // one of Actions
	Note         string `json:"note"`         // the reason, the requirements, or what was done
	Level        string `json:"level"`        // 上报, 交办: the level it goes to
	Handler      string `json:"handler"`      // 指派, 交办: who deals with it
	Days         int    `json:"days"`         // 延期: extra working days; 交办: working days from today
	Satisfaction string `json:"satisfaction"` // 回访: 满意, 基本满意 or 不满意
	Mediation    string `json:"mediation"`    // 办结 of a 矛盾纠纷: 调解成功, 调解不成 or 转交 (mediation.go)
	To           string `json:"to"`           // 办结 of a 矛盾纠纷 that is 转交: the body it is handed to
	Date         string `json:"date"`         // the day it happened (ISO); "" for today
}

// Act applies a step to a case and adds its timeline entry. An action its state does not allow is
// refused (code conflict, naming the state); bad input is refused naming the field (code invalid);
// nothing changes then.
func (s *Service) Act(ctx context.Context, id string, st Step) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error { return ActIn(tx, id, st) })
	if err == nil {
		s.events.Emit("cases:changed", nil)
	}
	return err
}

// Satisfactions are the answers of a follow-up; the last reopens the case.
var Satisfactions = []string{"满意", "基本满意", "不满意"}

// ActIn is Act inside a caller's transaction.
func ActIn(tx *store.Tx, id string, st Step) error {
	row, err := tx.Get("cases", id)
	if err != nil {
		return errs.New(errs.NotFound, "这件民情不存在或已删除")
	}
	str := func(k string) string { s, _ := row[k].(string); return s }
	state, level, handler, deadline := str("state"), str("level"), str("handler"), str("deadline")
	action := strings.TrimSpace(st.Action)
	from, ok := allowed[action]
	if !ok {
		return errs.Field("action", "没有“%s”这项操作", action)
	}
	if !contains(from, state) {
		return errs.New(errs.Conflict, "这件民情现在是“%s”，不能%s", state, action)
	}
	note, err := textrule.Free("note", "说明", st.Note, 2000)
	if err != nil {
		return err
	}
	needNote := func(what string) error {
		if note == "" {
			return errs.Field("note", "请填写%s", what)
		}
		return nil
	}
	var last string // the day of the case's latest step: a step cannot have happened before it
	if err := tx.QueryRow(`SELECT coalesce(max(on_date), '') FROM case_events WHERE case_id = ? AND deleted_at IS NULL`, id).Scan(&last); err != nil {
		return errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	on, err := stepDay(tx, st.Date, max(last, str("registered_on"))) // the day the step happened
	if err != nil {
		return err
	}
	v := store.Values{}
	to := state
	switch action {
	case ActAccept:
		to = StateAccepted
	case ActReject:
		if err := needNote("不予受理的理由"); err != nil {
			return err
		}
		to = StateRejected
	case ActStart:
		// A case is handled by someone: the 责任人 is named here when none is yet (上报 and 退回
		// leave the level above or below to name one), or changed.
		if strings.TrimSpace(st.Handler) != "" || handler == "" {
			if handler, err = textrule.Name("handler", "责任人", st.Handler, 30, true); err != nil {
				return err
			}
		}
		to = StateHandling
	case ActAssign:
		if handler, err = textrule.Name("handler", "责任人", st.Handler, 30, true); err != nil {
			return err
		}
	case ActEscalate:
		if err := needNote("上报的理由"); err != nil {
			return err
		}
		if levelIndex(st.Level) <= levelIndex(level) {
			return errs.Field("level", "上报要交给比“%s”更高的一级", level)
		}
		level, to = st.Level, StateAccepted
		handler = ""
	case ActHandDown:
		if err := needNote("交办要求"); err != nil {
			return err
		}
		if i := levelIndex(st.Level); i < 0 || i >= levelIndex(level) {
			return errs.Field("level", "交办要交给比“%s”更低的一级", level)
		}
		if handler, err = textrule.Name("handler", "责任人", st.Handler, 30, true); err != nil {
			return err
		}
		if st.Days < 1 || st.Days > 365 {
			return errs.Field("days", "交办的办理时限应为 1 到 365 个工作日")
		}
		level, to = st.Level, StateHandling
		// the time limit now runs from the hand-down
		deadline = workday.Add(on, st.Days).Format(dateLayout)
		v["limit_days"] = st.Days
	case ActReturn:
		if err := needNote("退回的理由"); err != nil {
			return err
		}
		i := levelIndex(level)
		if i <= 0 {
			return errs.New(errs.Conflict, "这件民情已在最低一级（%s），不能再退回", level)
		}
		level, to, handler = Levels[i-1], StateAccepted, ""
	case ActExtend:
		if err := needNote("延期的理由"); err != nil {
			return err
		}
		limit, _ := row["limit_days"].(int64)
		if st.Days < 1 || st.Days > 365 {
			return errs.Field("days", "延期应为 1 到 365 个工作日")
		}
		if limit+int64(st.Days) > 365 { // the whole time limit, extensions included, is at most 365
			return errs.Field("days", "这件民情的办理时限已有 %d 个工作日，最多还能延期 %d 个工作日", limit, max(365-limit, 0))
		}
		d, err := parseDate(deadline)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "这件民情的办理期限“%s”无法读取", deadline)
		}
		deadline = workday.Add(d, st.Days).Format(dateLayout)
		v["limit_days"] = limit + int64(st.Days)
	case ActResolve:
		if handler == "" {
			return errs.New(errs.Conflict, "这件民情还没有责任人，请先“指派”责任人，再办结")
		}
		outcome, body, err := mediationOf(str("category"), st)
		if err != nil {
			return err
		}
		if err := needNote(resolveNote(outcome)); err != nil {
			return err
		}
		to = StateResolved
		v["resolved_on"], v["resolved_level"] = on.Format(dateLayout), level
		v["mediation"], v["mediation_to"] = outcome, body
		note = mediationNote(outcome, body, note)
	case ActFollowUp:
		sat := strings.TrimSpace(st.Satisfaction)
		if !contains(Satisfactions, sat) {
			return errs.Field("satisfaction", "请选择回访结果：%s", strings.Join(Satisfactions, "、"))
		}
		v["satisfaction"] = sat
		to = StateFollowedUp
		if sat == "不满意" { // 重新办理: the case is open again, its resolution undone
			if err := needNote("群众不满意的原因"); err != nil {
				return err
			}
			to = StateHandling
			v["resolved_on"], v["resolved_level"] = "", ""
			v["mediation"], v["mediation_to"] = "", "" // asked again at the next 办结
			note = "回访不满意，重新办理：" + note
		} else {
			note = strings.TrimSuffix("群众"+sat+"："+note, "：") // the timeline says how it went
		}
	case ActArchive:
		to = StateArchived
	case ActRemind:
		if st.Days < 1 || st.Days > 30 {
			return errs.Field("days", "催办的限期应为 1 到 30 个工作日")
		}
		if on.Format(dateLayout) <= deadline {
			return errs.New(errs.Conflict, "这件民情的办理期限是%s，还没有超期，无需催办", idcard.ISODateCN(deadline))
		}
		note = strings.TrimSpace(fmt.Sprintf("限 %d 个工作日内办结。%s", st.Days, note))
	}
	v["state"], v["level"], v["handler"], v["deadline"] = to, level, handler, deadline
	if _, err := tx.Update("cases", id, v); err != nil {
		return err
	}
	return addEvent(tx, id, event{On: on.Format(dateLayout), Action: action, From: state, To: to, Level: level, Handler: handler,
		Deadline: deadline, Note: note})
}

// stepDay is the day a step happened: today, or the date given, which may be neither after today
// nor before earliest (ISO: the day of the case's latest step).
func stepDay(tx *store.Tx, date, earliest string) (time.Time, error) {
	today := tx.Today()
	date = strings.TrimSpace(date)
	if date == "" {
		return today, nil
	}
	d, err := typedDate("date", "日期", date)
	if err != nil {
		return time.Time{}, err
	}
	if d.After(today) {
		return time.Time{}, errs.Field("date", "日期不能晚于今天")
	}
	if d.Format(dateLayout) < earliest {
		return time.Time{}, errs.Field("date", "日期不能早于这件民情上一步的日期（%s）", idcard.ISODateCN(earliest))
	}
	return d, nil
}

// event is one timeline entry; On is the day it happened (ISO); At when it is recorded (RFC 3339),
// "" for now.
type event struct{ On, At, Action, From, To, Level, Handler, Deadline, Note string }

func addEvent(tx *store.Tx, caseID string, e event) error {
	if e.At == "" {
		e.At = tx.Now().UTC().Format(time.RFC3339)
	}
	_, err := tx.Insert("case_events", store.Values{
		"case_id": caseID, "at": e.At, "on_date": e.On, "action": e.Action, "from_state": e.From,
		"to_state": e.To, "level": e.Level, "handler": e.Handler, "deadline": e.Deadline, "note": e.Note,
	})
	return err
}
