package demo

import (
	"cmp"
	"context"
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

// requestWriter takes a request's steps through backend/contracts, each on its own day.
type requestWriter struct {
	tx      *store.Tx
	c       *contractPlan
	archive *docs.Archive // nil: the opinions are recorded without their papers (the county)
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
	w := &requestWriter{tx: tx, c: c, archive: archive}
	for _, s := range c.steps {
		if err := w.take(s); err != nil {
			return fmt.Errorf("%s %s：%w", s.on, s.action, err)
		}
	}
	return nil
}

func (w *requestWriter) take(s contractStep) error {
	tx, id := w.tx, w.c.id
	switch s.action {
	case actStart:
		return contracts.StartReviewIn(tx, id, w.c.adviser.id, s.on)
	case actReturn:
		return contracts.ReturnForMoreIn(tx, id, s.text, s.on)
	case actResubmit:
		return contracts.ResubmitIn(tx, id, s.terms.input(), s.on)
	case actOpinion:
		return w.opinion(s)
	case actProcedure:
		p := contracts.Procedure{NoResolution: s.noVote}
		if s.decision != nil {
			p = contracts.Procedure{ResolutionID: s.decision.id}
		}
		return contracts.SetProcedureIn(tx, id, p, s.on)
	case actSign:
		return contracts.SignIn(tx, id, contracts.SignInput{SignedOn: s.on, Override: s.text})
	case actAbandon:
		return contracts.AbandonIn(tx, id, s.text, s.on)
	}
	return errs.New(errs.Internal, "演示数据中未知的合同审查步骤“%s”", s.action)
}

// opinion records the adviser's opinion on the current version with the earlier risks it answered
// (and its 合同审查意见书 when the demo issues them), and keeps the ids of the risks it found for the
// version that answers them.
func (w *requestWriter) opinion(s contractStep) error {
	o := s.opinion
	in := contracts.OpinionInput{Checklist: o.checklist, Risks: o.risks, Conclusion: o.conclusion, Reasons: o.reasons,
		Reservations: o.reservations}
	if a := o.answers; a != nil {
		for _, i := range o.answered {
			in.Answered = append(in.Answered, contracts.Answered{RiskID: a.riskIDs[i], Note: o.answerNote})
		}
	}
	if _, err := contracts.RecordOpinionIn(w.tx, w.archive, w.c.id, in, s.on); err != nil {
		return err
	}
	req, err := contracts.GetIn(w.tx, w.c.id)
	if err != nil {
		return err
	}
	last := req.Reviews[len(req.Reviews)-1].ID
	o.riskIDs = o.riskIDs[:0]
	for _, k := range req.Risks {
		if k.ReviewID == last {
			o.riskIDs = append(o.riskIDs, k.ID)
		}
	}
	return nil
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

func yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }
