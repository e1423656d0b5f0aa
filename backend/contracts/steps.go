package contracts

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// The steps a request goes through. Each checks the state it starts from and is refused, naming the
// state, from any other; each is a timeline entry.
//
//	待审 → 审查中 → 已出具意见 → 已签订 | 已放弃
//	待审, 审查中 → 退回补充 (what is missing) → 待审 (a new version)
//	已出具意见 → 待审 (a revised version)
//	any but 已签订, 已放弃 → 已放弃 (with a reason)

// event is a timeline entry.
type event struct {
	On, Action, From, To, Note string
	Version                    int
}

func addEvent(tx *store.Tx, requestID string, e event) error {
	_, err := tx.Insert("contract_events", store.Values{"request_id": requestID, "at": tx.Now().UTC().Format(time.RFC3339),
		"on_date": e.On, "action": e.Action, "from_state": e.From, "to_state": e.To, "version": e.Version, "note": e.Note})
	return err
}

// write runs fn in one write and tells the window when it succeeded.
func (s *Service) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	err := s.db.Write(ctx, fn)
	if err == nil {
		s.changed()
	}
	return err
}

// stepDay reads the day a step is taken on: an ISO date not after today, today when empty.
func stepDay(tx *store.Tx, field, on string) (string, error) {
	today := tx.Today().Format(dateLayout)
	if on == "" {
		return today, nil
	}
	on, err := idcard.ParseDate(field, on)
	if err != nil {
		return "", err
	}
	if on > today {
		return "", errs.Field(field, "日期%s晚于今天", idcard.ISODateCN(on))
	}
	return on, nil
}

// stepIn runs a change of state in tx, taken on the ISO day on: the request must be in one of from;
// do makes the change's own writes and returns the values to set besides the state and the timeline
// entry's note.
func stepIn(tx *store.Tx, id, action, to string, from []string, on string, do func(r reqRow) (store.Values, string, error)) error {
	r, err := requestRow(tx, id)
	if err != nil {
		return err
	}
	if !slices.Contains(from, r.state) {
		return errs.New(errs.Conflict, "合同审查申请处于“%s”状态，不能%s", r.state, action)
	}
	v, note, err := do(r)
	if err != nil {
		return err
	}
	if v == nil {
		v = store.Values{}
	}
	v["state"] = to
	if _, err := tx.Update("contract_requests", id, v); err != nil {
		return err
	}
	version := r.version
	if n, ok := v["version"].(int); ok {
		version = n
	}
	return addEvent(tx, id, event{On: on, Action: action, From: r.state, To: to, Version: version, Note: note})
}

// StartReview: the adviser takes the request up (待审 → 审查中). adviserID may name another adviser
// than the one it was sent to; empty keeps it.
func (s *Service) StartReview(ctx context.Context, id, adviserID string) error {
	return s.write(ctx, func(tx *store.Tx) error { return StartReviewIn(tx, id, adviserID, "") })
}

// StartReviewIn is StartReview in a caller's transaction, taken on the ISO day on ("" for today).
func StartReviewIn(tx *store.Tx, id, adviserID, on string) error {
	on, err := stepDay(tx, "on", on)
	if err != nil {
		return err
	}
	return stepIn(tx, id, "开始审查", StateReviewing, []string{StateWaiting}, on, func(r reqRow) (store.Values, string, error) {
		if adviserID == "" {
			adviserID = r.adviserID
		}
		if adviserID == "" {
			return nil, "", errs.Field("adviserId", "本村还没有法律顾问，请选择审查的法律顾问")
		}
		a, err := tx.Get("legal_advisers", adviserID)
		if err != nil {
			return nil, "", errs.Field("adviserId", "所选的法律顾问不存在或已删除")
		}
		return store.Values{"adviser_id": adviserID}, "法律顾问：" + a["name"].(string), nil
	})
}

// ReturnForMore sends the request back for what is missing (待审 or 审查中 → 退回补充).
func (s *Service) ReturnForMore(ctx context.Context, id, missing string) error {
	return s.write(ctx, func(tx *store.Tx) error { return ReturnForMoreIn(tx, id, missing, "") })
}

// ReturnForMoreIn is ReturnForMore in a caller's transaction, taken on the ISO day on ("" for today).
func ReturnForMoreIn(tx *store.Tx, id, missing, on string) error {
	missing, err := textrule.Free("missing", "需补充的材料", missing, 500)
	if err != nil {
		return err
	}
	if missing == "" {
		return errs.Field("missing", "退回补充须写明缺少什么材料或需要说明什么")
	}
	if on, err = stepDay(tx, "on", on); err != nil {
		return err
	}
	return stepIn(tx, id, "退回补充", StateReturned, []string{StateWaiting, StateReviewing}, on, func(reqRow) (store.Values, string, error) {
		return store.Values{"missing": missing}, missing, nil
	})
}

// Resubmit sends a revised version (from 退回补充, or after an opinion) for review again: version n+1
// with its terms, submitted on the ISO day on ("" for today) and due so many working days after it.
func (s *Service) Resubmit(ctx context.Context, id string, terms Terms, on string) error {
	return s.write(ctx, func(tx *store.Tx) error { return ResubmitIn(tx, id, terms, on) })
}

// ResubmitIn is Resubmit in a caller's transaction.
func ResubmitIn(tx *store.Tx, id string, terms Terms, on string) error {
	v, err := terms.values()
	if err != nil {
		return err
	}
	if on, err = stepDay(tx, "submittedOn", on); err != nil {
		return err
	}
	return stepIn(tx, id, "重新送审", StateWaiting, []string{StateReturned, StateOpinion}, on, func(r reqRow) (store.Values, string, error) {
		if v["change_note"] == "" {
			return nil, "", errs.Field("changeNote", "重新送审须写明改了什么")
		}
		st, err := settingsIn(tx)
		if err != nil {
			return nil, "", err
		}
		n := r.version + 1
		v["request_id"], v["version"], v["submitted_on"] = id, n, on
		if _, err := tx.Insert("contract_versions", v); err != nil {
			return nil, "", err
		}
		major, _ := st.Major(r.typ, v["amount_fen"].(int64))
		day, _ := parseDay(on)
		due := deadline(day, r.reviewDays)
		return store.Values{"version": n, "deadline": due, "missing": "", "major": major},
			fmt.Sprintf("第%d版：%s；审查至%s", n, v["change_note"], idcard.ISODateCN(due)), nil
	})
}

// SignInput records the signing: the day and, where the signing goes against the last opinion
// (不同意签订) or a major contract lacks its procedure evidence, the reason the village signs anyway.
type SignInput struct {
	SignedOn string `json:"signedOn"`
	Override string `json:"override"`
}

// Sign marks the contract signed (已出具意见 → 已签订). Against an opinion of 不同意签订, or for a
// major contract without the decision that approved it or a reason why none is needed, it is refused
// unless an override reason is given; the reason stays on the request, its timeline and the register.
func (s *Service) Sign(ctx context.Context, id string, in SignInput) error {
	return s.write(ctx, func(tx *store.Tx) error { return SignIn(tx, id, in) })
}

// SignIn is Sign in a caller's transaction; the step is dated on the day signed.
func SignIn(tx *store.Tx, id string, in SignInput) error {
	override, err := textrule.Free("override", "越过意见签订的理由", in.Override, 500)
	if err != nil {
		return err
	}
	on, err := stepDay(tx, "signedOn", in.SignedOn)
	if err != nil {
		return err
	}
	return stepIn(tx, id, "签订", StateSigned, []string{StateOpinion}, on, func(r reqRow) (store.Values, string, error) {
		var why []string
		last, err := lastConclusionIn(tx, id)
		if err != nil {
			return nil, "", err
		}
		if last == Disagree {
			why = append(why, "法律顾问的意见是不同意签订")
		}
		if r.major && r.resolutionID == "" && r.noResolution == "" {
			why = append(why, "重大合同没有村民代表会议决定")
		}
		if len(why) > 0 && override == "" {
			return nil, "", errs.Field("override", "%s；确需签订的，请写明理由（将记入审计并印在台账上）", strings.Join(why, "、"))
		}
		if len(why) == 0 && override != "" {
			return nil, "", errs.Field("override", "按意见签订，不需要写越过意见的理由")
		}
		note := "签订于" + idcard.ISODateCN(on)
		if override != "" {
			note += "。越过意见签订（" + strings.Join(why, "、") + "），理由：" + override
		}
		return store.Values{"signed_on": on, "override_reason": override}, note, nil
	})
}

// Abandon gives the contract up, with the reason.
func (s *Service) Abandon(ctx context.Context, id, reason string) error {
	return s.write(ctx, func(tx *store.Tx) error { return AbandonIn(tx, id, reason, "") })
}

// AbandonIn is Abandon in a caller's transaction, taken on the ISO day on ("" for today).
func AbandonIn(tx *store.Tx, id, reason, on string) error {
	reason, err := textrule.Free("reason", "放弃理由", reason, 500)
	if err != nil {
		return err
	}
	if reason == "" {
		return errs.Field("reason", "请写明放弃签订的理由")
	}
	if on, err = stepDay(tx, "on", on); err != nil {
		return err
	}
	return stepIn(tx, id, "放弃", StateAbandoned, []string{StateWaiting, StateReviewing, StateOpinion, StateReturned}, on,
		func(reqRow) (store.Values, string, error) {
			return store.Values{"closed_reason": reason}, reason, nil
		})
}

// Delete removes a request entered by mistake: only while no opinion has been given on it.
func (s *Service) Delete(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		r, err := requestRow(tx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM contract_reviews WHERE request_id = ? AND deleted_at IS NULL`, id).Scan(&n); err != nil {
			return errs.Wrap(err, errs.Internal, "读取审查意见失败")
		}
		if n > 0 || r.state == StateSigned {
			return errs.New(errs.Conflict, "已出具过审查意见的申请不能删除，请改为“放弃”")
		}
		return tx.Delete("contract_requests", id)
	})
}
