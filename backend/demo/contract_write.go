package demo

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/store"
)

// profileAdvisers gives each adviser a licence number (执业证号, 17 digits: 1, the region 4305 of
// 邵阳, the year first licensed, 1 for a full-time lawyer, the sex, a serial), each with a random
// source of its own so the rest of the demo stays as it was.
func profileAdvisers(seed int64, list []*adviser, today time.Time) {
	seen := map[*adviser]bool{}
	used := map[string]bool{}
	k := 0
	for _, a := range list {
		if seen[a] {
			continue
		}
		seen[a] = true
		k++
		r := rand.New(rand.NewPCG(uint64(seed), 0x1A3E*uint64(k)))
		year := min(a.birth.Year()+between(r, 25, 32), today.Year()-1)
		sex := "1"
		if a.sex == "女" {
			sex = "0"
		}
		for a.licence == "" || used[a.licence] {
			a.licence = fmt.Sprintf("14305%04d1%s%06d", year, sex, r.IntN(1000000))
		}
		used[a.licence] = true
	}
}

// writeAdviser writes a village's legal adviser (their profile the first time) and makes them the
// village's adviser from since, which makes the village's 法律顾问 post in the registry
// (contracts.AssignVillageIn). The village's requests are sent from it.
func writeAdviser(tx *store.Tx, v *villagePlan, villageID, since string) error {
	a := v.adviser
	if a.id == "" {
		phone, err := idcard.ParsePhone("phone", a.phone)
		if err != nil {
			return err
		}
		if a.id, err = tx.Insert("legal_advisers", store.Values{"name": a.name, "firm": a.firm, "licence_no": a.licence,
			"phone": phone, "notes": ""}); err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入法律顾问%s失败", a.name)
		}
	}
	if _, err := contracts.AssignVillageIn(tx, a.id, villageID, since); err != nil {
		return errs.Wrap(err, errs.CodeOf(err), "%s：聘请法律顾问%s失败", v.name, a.name)
	}
	for _, c := range v.contracts {
		c.villageID = villageID
	}
	return nil
}

// writeContracts writes the requests of every village in the order they came in (so their numbers
// run by date), each with its steps; with issue, each opinion's 合同审查意见书 too.
func writeContracts(ctx context.Context, tx *store.Tx, plans []*contractPlan, issue bool, st *Stats) error {
	slices.SortStableFunc(plans, func(a, b *contractPlan) int {
		return cmp.Or(strings.Compare(a.in.SubmittedOn, b.in.SubmittedOn), cmp.Compare(a.order, b.order))
	})
	var archive *docs.Archive
	if issue && len(plans) > 0 {
		set, err := fonts.Default()
		if err != nil {
			return err
		}
		archive = &docs.Archive{Fonts: set, Issuer: "演示数据"}
	}
	for i, c := range plans {
		if i%50 == 0 {
			if err := progress.Cancelled(ctx); err != nil {
				return err
			}
		}
		if err := writeContract(tx, c, archive); err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入合同审查申请“%s”失败", c.in.Title)
		}
		st.Contracts++
	}
	return nil
}

// requestWriter takes a request's steps as backend/contracts takes them (steps.go, opinion.go), each
// on its own day.
type requestWriter struct {
	tx                 *store.Tx
	c                  *contractPlan
	archive            *docs.Archive
	state, versionID   string
	version, days      int
	major              bool
	resolution, noVote string
	conclusion         string // the last opinion's
}

func writeContract(tx *store.Tx, c *contractPlan, archive *docs.Archive) error {
	in := c.in
	in.VillageID, in.AdviserID, in.Terms = c.villageID, c.adviser.id, c.terms.input()
	if c.decision != nil {
		in.ResolutionID = c.decision.id
	}
	id, err := contracts.SubmitIn(tx, in)
	if err != nil {
		return err
	}
	req, err := contracts.GetIn(tx, id)
	if err != nil {
		return err
	}
	c.id, c.number = id, req.Number
	w := &requestWriter{tx: tx, c: c, archive: archive, state: contracts.StateWaiting, versionID: req.Versions[0].ID, version: 1,
		days: req.ReviewDays, major: req.Major, resolution: in.ResolutionID, noVote: in.NoResolution}
	for _, s := range c.steps {
		if err := w.take(s); err != nil {
			return fmt.Errorf("%s %s：%w", s.on, s.action, err)
		}
	}
	return nil
}

// event appends a timeline entry, recorded now and dated on its day.
func (w *requestWriter) event(on, action, from, to, note string) error {
	_, err := w.tx.Insert("contract_events", store.Values{"request_id": w.c.id, "at": w.tx.Now().UTC().Format(time.RFC3339),
		"on_date": on, "action": action, "from_state": from, "to_state": to, "version": w.version, "note": note})
	return err
}

// move changes the state with the step's own values, and writes the timeline entry.
func (w *requestWriter) move(on, action, to string, v store.Values, note string) error {
	if v == nil {
		v = store.Values{}
	}
	v["state"] = to
	if _, err := w.tx.Update("contract_requests", w.c.id, v); err != nil {
		return err
	}
	from := w.state
	w.state = to
	return w.event(on, action, from, to, note)
}

func (w *requestWriter) take(s contractStep) error {
	tx, c := w.tx, w.c
	switch s.action {
	case actStart:
		return w.move(s.on, actStart, contracts.StateReviewing, store.Values{"adviser_id": c.adviser.id}, "法律顾问："+c.adviser.name)
	case actReturn:
		return w.move(s.on, actReturn, contracts.StateReturned, store.Values{"missing": s.text}, s.text)
	case actResubmit:
		t := s.terms
		w.version++
		v := t.values()
		v["request_id"], v["version"], v["submitted_on"] = c.id, w.version, s.on
		var err error
		if w.versionID, err = tx.Insert("contract_versions", v); err != nil {
			return err
		}
		w.major, _ = contracts.DefaultSettings().Major(c.in.Type, t.amountFen)
		on, _ := time.Parse(time.DateOnly, s.on)
		due := iso(addWorkdays(on, w.days))
		return w.move(s.on, actResubmit, contracts.StateWaiting, store.Values{"version": w.version, "deadline": due, "missing": "", "major": w.major},
			fmt.Sprintf("第%d版：%s；审查至%s", w.version, t.change, cnDay(due)))
	case actOpinion:
		return w.opinion(s)
	case actProcedure:
		v, note := store.Values{"resolution_id": "", "no_resolution": s.noVote}, "无需表决："+s.noVote
		if s.decision != nil {
			b, err := meetings.ResolutionBriefIn(tx, s.decision.id, "resolutionId")
			if err != nil {
				return err
			}
			v["resolution_id"], v["no_resolution"] = s.decision.id, ""
			note = fmt.Sprintf("依据%s（%s）决定：%s", b.MeetingTitle, cnDay(b.HeldOn), b.Text)
		}
		if _, err := tx.Update("contract_requests", c.id, v); err != nil {
			return err
		}
		w.resolution, w.noVote = v["resolution_id"].(string), v["no_resolution"].(string)
		return w.event(s.on, actProcedure, "", "", note)
	case actSign:
		var why []string
		if w.conclusion == contracts.Disagree {
			why = append(why, "法律顾问的意见是不同意签订")
		}
		if w.major && w.resolution == "" && w.noVote == "" {
			why = append(why, "重大合同没有村民代表会议决定")
		}
		if (len(why) > 0) != (s.text != "") {
			return errs.New(errs.Internal, "演示数据的签订与越过意见的理由不相符（%s；理由“%s”）", strings.Join(why, "、"), s.text)
		}
		note := "签订于" + cnDay(s.on)
		if s.text != "" {
			note += "。越过意见签订（" + strings.Join(why, "、") + "），理由：" + s.text
		}
		return w.move(s.on, actSign, contracts.StateSigned, store.Values{"signed_on": s.on, "override_reason": s.text}, note)
	case actAbandon:
		return w.move(s.on, actAbandon, contracts.StateAbandoned, store.Values{"closed_reason": s.text}, s.text)
	}
	return errs.New(errs.Internal, "演示数据中未知的合同审查步骤“%s”", s.action)
}

// opinion records the adviser's opinion on the current version, its risks and the earlier risks
// this version answered, and issues its 合同审查意见书 when the demo issues them.
func (w *requestWriter) opinion(s contractStep) error {
	tx, c, o := w.tx, w.c, s.opinion
	checks, err := json.Marshal(o.checklist)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "审查清单无法保存")
	}
	reviewID, err := tx.Insert("contract_reviews", store.Values{"request_id": c.id, "version_id": w.versionID, "version": w.version,
		"adviser_id": c.adviser.id, "adviser_name": c.adviser.name, "checklist": string(checks), "conclusion": o.conclusion,
		"reasons": o.reasons, "reservations": o.reservations, "issued_on": s.on})
	if err != nil {
		return err
	}
	o.riskIDs = o.riskIDs[:0]
	for i, k := range o.risks {
		id, err := tx.Insert("contract_risks", store.Values{"request_id": c.id, "review_id": reviewID, "position": i,
			"level": k.Level, "clause": k.Clause, "problem": k.Problem, "revision": k.Revision})
		if err != nil {
			return err
		}
		o.riskIDs = append(o.riskIDs, id)
	}
	if a := o.answers; a != nil {
		for _, i := range o.answered {
			if _, err := tx.Update("contract_risks", a.riskIDs[i], store.Values{"addressed_in": w.version, "addressed_note": o.answerNote}); err != nil {
				return err
			}
		}
	}
	note := o.conclusion
	if len(o.risks) > 0 {
		note += fmt.Sprintf("；风险点%d处", len(o.risks))
	}
	if err := w.move(s.on, actOpinion, contracts.StateOpinion, nil, note); err != nil {
		return err
	}
	w.conclusion = o.conclusion
	if w.archive == nil {
		return nil
	}
	req, err := contracts.GetIn(tx, c.id)
	if err != nil {
		return err
	}
	doc := opinionDoc(req, reviewID, c.adviser.firm)
	if err := doc.Validate(); err != nil {
		return err
	}
	_, _, err = w.archive.IssueIn(tx, doc, contracts.Source(c.id))
	return err
}

// input is the first version as the village types it (amounts in 元).
func (t termsPlan) input() contracts.Terms {
	out := contracts.Terms{Counterparty: t.counterparty, CreditCode: t.code, Representative: t.rep, Amount: yuan(t.amountFen),
		TermStart: t.start, TermEnd: t.end, Renewal: t.renewal, NoticeDays: t.notice, ChangeNote: t.change}
	for _, p := range t.payments {
		out.Payments = append(out.Payments, contracts.PaymentInput{Due: p.Due, Amount: yuan(p.AmountFen), Note: p.Note})
	}
	return out
}

// values are the columns of a later version, as backend/contracts keeps them.
func (t termsPlan) values() store.Values {
	pays, _ := json.Marshal(t.payments)
	return store.Values{"counterparty": t.counterparty, "credit_code": t.code, "representative": t.rep, "amount_fen": t.amountFen,
		"term_start": t.start, "term_end": t.end, "renewal": t.renewal, "notice_days": t.notice, "payments": string(pays),
		"change_note": t.change}
}

func yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

// opinionDoc fills the 合同审查意见书 of a review from the request as backend/contracts reads it,
// as contracts fills it when it records an opinion (documents.go).
func opinionDoc(r contracts.Request, reviewID, firm string) *docs.Review {
	var rv contracts.Review
	for _, x := range r.Reviews {
		if x.ID == reviewID {
			rv = x
		}
	}
	var ver contracts.Version
	for _, v := range r.Versions {
		if v.Version == rv.Version {
			ver = v
		}
	}
	number := r.Number
	if rv.Version > 1 {
		number += fmt.Sprintf("（第%d版）", rv.Version)
	}
	other := "乙方：" + ver.Counterparty
	var ids []string
	if ver.CreditCode != "" {
		ids = append(ids, "统一社会信用代码"+ver.CreditCode)
	}
	if ver.Representative != "" {
		ids = append(ids, "法定代表人"+ver.Representative)
	}
	if len(ids) > 0 {
		other += "（" + strings.Join(ids, "，") + "）"
	}
	committee := r.VillageName + "村民委员会"
	if strings.HasSuffix(r.VillageName, "社区") {
		committee = r.VillageName + "居民委员会"
	}
	d := &docs.Review{Number: number, Contract: r.Title, Parties: "甲方：" + committee + "；" + other,
		Submitter: committee, Received: docs.Date(ver.SubmittedOn), Adviser: rv.AdviserName, Firm: firm,
		Date: docs.Date(rv.IssuedOn)}
	if ver.AmountFen > 0 {
		d.Amount = yuan(ver.AmountFen)
	}
	var scope []string
	for _, c := range rv.Checklist {
		d.Checks = append(d.Checks, docs.ReviewCheck{Item: c.Item, Result: c.Result, Finding: c.Finding})
		if c.Result != "不适用" {
			scope = append(scope, c.Item)
		}
	}
	d.Scope = "按" + strings.Join(scope, "、") + "逐项审查了第" + fmt.Sprint(rv.Version) + "版合同文本"
	if ver.TermStart != "" || ver.TermEnd != "" {
		d.Scope += fmt.Sprintf("（履行期限%s至%s）", cnDay(ver.TermStart), cnDay(ver.TermEnd))
	}
	var answered []string
	for _, k := range r.Risks {
		if k.ReviewID == reviewID {
			d.Problems = append(d.Problems, docs.ReviewProblem{Clause: k.Clause, Problem: k.Problem, Revision: k.Revision, Risk: k.Level})
		}
		if k.AddressedIn == rv.Version {
			s := fmt.Sprintf("第%d版%s", k.FoundIn, k.Clause)
			if k.AddressedNote != "" {
				s += "（" + k.AddressedNote + "）"
			}
			answered = append(answered, s)
		}
	}
	d.Conclusion = rv.Conclusion
	if rv.Reasons != "" {
		d.Conclusion += "。" + rv.Reasons
	}
	if len(answered) > 0 {
		d.Conclusion = strings.TrimSuffix(d.Conclusion, "。") + "。前次意见中已修改的问题：" + strings.Join(answered, "；")
	}
	d.Reserve = rv.Reservations
	return d
}
