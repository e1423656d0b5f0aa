package contracts

import (
	"fmt"
	"strings"
	"xiangzhi/backend/idcard"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// opinionDocIn fills the 合同审查意见书 from a review and the version it reviewed.
func opinionDocIn(tx *store.Tx, requestID, reviewID string) (*docs.Review, error) {
	req, err := tx.Get("contract_requests", requestID)
	if err != nil {
		return nil, err
	}
	reviews, err := reviewsIn(tx, requestID)
	if err != nil {
		return nil, err
	}
	var rv *Review
	for i := range reviews {
		if reviews[i].ID == reviewID {
			rv = &reviews[i]
		}
	}
	if rv == nil {
		return nil, errs.New(errs.NotFound, "审查意见不存在或已删除")
	}
	versions, err := versionsIn(tx, requestID)
	if err != nil {
		return nil, err
	}
	var ver Version
	for _, v := range versions {
		if v.Version == rv.Version {
			ver = v
		}
	}
	village, err := grid.VillageNameIn(tx, req["village_id"].(string), "villageId")
	if err != nil {
		return nil, err
	}
	adviser, err := tx.Get("legal_advisers", rv.AdviserID, store.IncludeDeleted)
	if err != nil {
		return nil, err
	}
	risks, err := risksIn(tx, requestID)
	if err != nil {
		return nil, err
	}
	number := req["number"].(string)
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
	committee := village + "村民委员会"
	if strings.HasSuffix(village, "社区") {
		committee = village + "居民委员会"
	}
	d := &docs.Review{Number: number, Contract: req["title"].(string),
		Parties: "甲方：" + committee + "；" + other, Submitter: committee,
		Received: docs.Date(ver.SubmittedOn), Adviser: rv.AdviserName, Firm: adviser["firm"].(string), Date: docs.Date(rv.IssuedOn)}
	if ver.AmountFen > 0 {
		d.Amount = fmt.Sprintf("%d.%02d", ver.AmountFen/100, ver.AmountFen%100)
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
		d.Scope += fmt.Sprintf("（履行期限%s至%s）", cnOr(ver.TermStart), cnOr(ver.TermEnd))
	}
	for _, k := range risks {
		if k.ReviewID == reviewID {
			d.Problems = append(d.Problems, docs.ReviewProblem{Clause: orDash(k.Clause), Problem: k.Problem,
				Revision: orDash(k.Revision), Risk: k.Level})
		}
	}
	var answered []string
	for _, k := range risks {
		if k.AddressedIn == rv.Version {
			s := fmt.Sprintf("第%d版%s", k.FoundIn, orDash(k.Clause))
			if k.AddressedNote != "" {
				s += "（" + k.AddressedNote + "）"
			}
			answered = append(answered, s)
		}
	}
	d.Conclusion = rv.Conclusion
	if rv.Reasons != "" {
		d.Conclusion += "。" + strings.TrimSuffix(rv.Reasons, "。")
	}
	if len(answered) > 0 {
		d.Conclusion += "。前次意见中已修改的问题：" + strings.Join(answered, "；")
	}
	d.Reserve = rv.Reservations
	return d, d.Validate()
}

func cnOr(iso string) string {
	if iso == "" {
		return "（未约定）"
	}
	return idcard.ISODateCN(iso)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
