package contracts

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
	"xiangzhi/backend/workday"
)

// RequestInput is a contract sent for review, with its first version's terms.
type RequestInput struct {
	VillageID   string `json:"villageId"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	SubmittedBy string `json:"submittedBy"`
	SubmittedOn string `json:"submittedOn"` // ISO; today when empty
	ReviewDays  int    `json:"reviewDays"`  // working days; the office's default when 0
	AdviserID   string `json:"adviserId"`   // the village's adviser when empty
	Procedure
	Terms Terms `json:"terms"`
}

// Procedure is the democratic-procedure evidence of a major contract: the decision that approved it,
// or why none is needed.
type Procedure struct {
	ResolutionID string `json:"resolutionId"`
	NoResolution string `json:"noResolution"`
}

// Submit registers a request for review as 待审, numbered with the office's short name
// (丹口-合审-2026-0012), its review due so many working days after the next working day.
func (s *Service) Submit(ctx context.Context, in RequestInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = SubmitIn(tx, in)
		return err
	})
	return id, err
}

// SubmitIn is Submit inside a caller's transaction.
func SubmitIn(tx *store.Tx, in RequestInput) (string, error) {
	var p errs.Problems // every field's problem at once
	_, err := grid.VillageNameIn(tx, in.VillageID, "villageId")
	p.Keep(err)
	title, err := textrule.Name("title", "合同名称", in.Title, 80, true)
	p.Keep(err)
	switch {
	case in.Type == "":
		p.Keep(errs.Field("type", "请选择合同类型"))
	case !slices.Contains(Types, in.Type):
		p.Keep(errs.Field("type", "合同类型“%s”不在可选的类型中（%s）", in.Type, strings.Join(Types, "、")))
	}
	by, err := textrule.Name("submittedBy", "送审人", in.SubmittedBy, 30, true)
	p.Keep(err)
	today := tx.Today().Format(dateLayout)
	on := in.SubmittedOn
	if on == "" {
		on = today
	}
	on, err = idcard.ParseDate("submittedOn", on)
	switch {
	case err != nil:
		p.Keep(err)
		on = today // for the adviser's term below; nothing is written
	case on > today:
		p.Keep(errs.Field("submittedOn", "送审日期%s晚于今天", idcard.ISODateCN(on)))
	}
	st, err := settingsIn(tx)
	if err != nil {
		return "", err
	}
	days := in.ReviewDays
	if days == 0 {
		days = st.ReviewDays
	}
	if days < 1 || days > MaxReviewDays {
		p.Keep(errs.Field("reviewDays", "审查时限应为 1 到 %d 个工作日", MaxReviewDays))
	}
	terms, err := in.Terms.values()
	p.Keep(err)
	adviser := in.AdviserID
	switch {
	case p.Has("villageId"):
	case adviser == "":
		adviser, _, err = VillageAdviserIn(tx, in.VillageID, on)
		p.Keep(err)
	default:
		if _, err := tx.Get("legal_advisers", adviser); err != nil {
			p.Keep(errs.Field("adviserId", "所选的法律顾问不存在或已删除"))
		}
	}
	var proc store.Values
	if !p.Has("villageId") {
		proc, err = in.Procedure.values(tx, in.VillageID)
		p.Keep(err)
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	major, _ := st.Major(in.Type, terms["amount_fen"].(int64))
	short, err := tx.ShortName()
	if err != nil {
		return "", err
	}
	number, err := tx.NextNumber("contract_requests", "number", fmt.Sprintf("%s-合审-%s-", short, on[:4]), 4)
	if err != nil {
		return "", err
	}
	day, _ := parseDay(on)
	v := store.Values{"number": number, "village_id": in.VillageID, "title": title, "type": in.Type,
		"state": StateWaiting, "adviser_id": adviser, "submitted_by": by, "submitted_on": on, "review_days": days,
		"deadline": deadline(day, days), "major": major, "version": 1}
	for k, x := range proc {
		v[k] = x
	}
	id, err := tx.Insert("contract_requests", v)
	if err != nil {
		return "", err
	}
	terms["request_id"], terms["version"], terms["submitted_on"] = id, 1, on
	if _, err := tx.Insert("contract_versions", terms); err != nil {
		return "", err
	}
	return id, addEvent(tx, id, event{On: on, Action: "送审", To: StateWaiting, Version: 1,
		Note: fmt.Sprintf("审查时限%d个工作日，至%s", days, idcard.ISODateCN(v["deadline"].(string)))})
}

// deadline is the last day of a review of days working days, counted from the next working day
// after the day it came in.
func deadline(in time.Time, days int) string {
	return workday.Add(in, days).Format(dateLayout)
}

// values checks the procedure evidence: a decision of the same village, passed by vote, or a reason.
func (p Procedure) values(tx *store.Tx, villageID string) (store.Values, error) {
	reason, err := textrule.Free("noResolution", "无需表决的理由", p.NoResolution, 200)
	if err != nil {
		return nil, err
	}
	if p.ResolutionID != "" {
		if reason != "" {
			return nil, errs.Field("noResolution", "已选了会议决定，就不用再写无需表决的理由")
		}
		b, err := meetings.ResolutionBriefIn(tx, p.ResolutionID, "resolutionId")
		if err != nil {
			return nil, err
		}
		if b.VillageID != villageID {
			return nil, errs.Field("resolutionId", "所选的会议决定不是本村的")
		}
		if !b.Voted || !b.Passed {
			return nil, errs.Field("resolutionId", "所选的会议决定未经表决通过，不能作为民主程序依据")
		}
	}
	return store.Values{"resolution_id": p.ResolutionID, "no_resolution": reason}, nil
}

// SetProcedure records, until the contract is signed, the decision that approved it or why none is needed.
func (s *Service) SetProcedure(ctx context.Context, id string, p Procedure) error {
	return s.write(ctx, func(tx *store.Tx) error { return SetProcedureIn(tx, id, p, "") })
}

// SetProcedureIn is SetProcedure in a caller's transaction, recorded on the ISO day on ("" for today).
func SetProcedureIn(tx *store.Tx, id string, p Procedure, on string) error {
	r, err := requestRow(tx, id)
	if err != nil {
		return err
	}
	if r.state == StateSigned || r.state == StateAbandoned {
		return errs.New(errs.Conflict, "合同%s，不能再改民主程序依据", r.state)
	}
	if on, err = stepDay(tx, "on", on); err != nil {
		return err
	}
	v, err := p.values(tx, r.villageID)
	if err != nil {
		return err
	}
	if _, err := tx.Update("contract_requests", id, v); err != nil {
		return err
	}
	note := "无需表决：" + v["no_resolution"].(string)
	if p.ResolutionID != "" {
		b, _ := meetings.ResolutionBriefIn(tx, p.ResolutionID, "resolutionId")
		note = fmt.Sprintf("依据%s（%s）决定：%s", b.MeetingTitle, idcard.ISODateCN(b.HeldOn), b.Text)
	} else if v["no_resolution"] == "" {
		note = "撤销了民主程序依据"
	}
	return addEvent(tx, id, event{On: on, Action: "民主程序", Version: r.version, Note: note})
}

// reqRow is what the steps need of a request.
type reqRow struct {
	id, state, villageID, adviserID, typ, deadline, resolutionID, noResolution string
	version, reviewDays                                                        int
	major                                                                      bool
}

func requestRow(tx *store.Tx, id string) (reqRow, error) {
	v, err := tx.Get("contract_requests", id)
	if err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return reqRow{}, errs.New(errs.NotFound, "这份合同审查申请不存在或已删除")
		}
		return reqRow{}, err
	}
	return reqRow{id: id, state: v["state"].(string), villageID: v["village_id"].(string), adviserID: v["adviser_id"].(string),
		typ: v["type"].(string), deadline: v["deadline"].(string), resolutionID: v["resolution_id"].(string),
		noResolution: v["no_resolution"].(string), version: int(v["version"].(int64)), reviewDays: int(v["review_days"].(int64)),
		major: v["major"].(int64) == 1}, nil
}
