package contracts

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Check is one item of the adviser's checklist.
type Check struct {
	Item    string `json:"item"`
	Result  string `json:"result"` // 符合, 存在问题, 不适用
	Finding string `json:"finding"`
}

// RiskInput is a risk the adviser found.
type RiskInput struct {
	Level    string `json:"level"`
	Clause   string `json:"clause"`
	Problem  string `json:"problem"`
	Revision string `json:"revision"`
}

// Answered says how a later version answered an earlier risk.
type Answered struct {
	RiskID string `json:"riskId"`
	Note   string `json:"note"`
}

// OpinionInput is the adviser's opinion on the current version.
type OpinionInput struct {
	Checklist    []Check     `json:"checklist"`
	Risks        []RiskInput `json:"risks"`
	Answered     []Answered  `json:"answered"` // earlier risks this version answered
	Conclusion   string      `json:"conclusion"`
	Reasons      string      `json:"reasons"`
	Reservations string      `json:"reservations"`
}

// Risk is a risk as kept: found in one version's review, answered (or not) by a later one.
type Risk struct {
	ID            string `json:"id"`
	ReviewID      string `json:"reviewId"`
	FoundIn       int    `json:"foundIn"` // the version reviewed
	Level         string `json:"level"`
	Clause        string `json:"clause"`
	Problem       string `json:"problem"`
	Revision      string `json:"revision"`
	AddressedIn   int    `json:"addressedIn"` // 0 while open
	AddressedNote string `json:"addressedNote"`
}

// Review is an opinion as kept.
type Review struct {
	ID           string  `json:"id"`
	Version      int     `json:"version"`
	AdviserID    string  `json:"adviserId"`
	AdviserName  string  `json:"adviserName"`
	Checklist    []Check `json:"checklist"`
	Conclusion   string  `json:"conclusion"`
	Reasons      string  `json:"reasons"`
	Reservations string  `json:"reservations"`
	IssuedOn     string  `json:"issuedOn"`
}

// MaxRisks bounds the risks of one opinion.
const MaxRisks = 50

// RecordOpinion records the adviser's opinion on the current version (审查中 → 已出具意见) and issues
// its 合同审查意见书 in the same transaction: both or neither.
func (s *Service) RecordOpinion(ctx context.Context, archive *docs.Archive, id string, in OpinionInput) (docs.Issued, error) {
	var out docs.Issued
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		out, err = RecordOpinionIn(tx, archive, id, in, "")
		return err
	})
	return out, err
}

// RecordOpinionIn is RecordOpinion inside a caller's transaction, the opinion given on the ISO day on
// ("" for today). A nil archive records the opinion without its paper: only bulk demo data does that,
// whose papers would cost more than they show.
func RecordOpinionIn(tx *store.Tx, archive *docs.Archive, id string, in OpinionInput, on string) (docs.Issued, error) {
	r, err := requestRow(tx, id)
	if err != nil {
		return docs.Issued{}, err
	}
	if r.state != StateReviewing {
		return docs.Issued{}, errs.New(errs.Conflict, "合同审查申请处于“%s”状态，不能出具意见（先“开始审查”）", r.state)
	}
	var p errs.Problems // every part of the opinion left to mend, at once
	checks, err := cleanChecklist(in.Checklist)
	p.Keep(err)
	if r.major && r.resolutionID == "" && r.noResolution == "" && slices.ContainsFunc(checks, func(c Check) bool {
		return c.Item == ProcedureItem && c.Result == CheckResults[0]
	}) {
		p.Keep(errs.Field("checklist", "这份重大合同还没有民主程序依据（村民代表会议决定或无需表决的理由），“%s”不能评为“%s”", ProcedureItem, CheckResults[0]))
	}
	if !slices.Contains(Conclusions, in.Conclusion) {
		p.Keep(errs.Field("conclusion", "请选择审查结论（%s）", strings.Join(Conclusions, "、")))
	}
	reasons, err := textrule.Free("reasons", "结论理由", in.Reasons, 2000)
	p.Keep(err)
	if err == nil && in.Conclusion != Agree && reasons == "" && !p.Has("conclusion") {
		p.Keep(errs.Field("reasons", "结论为“%s”的，请写明理由", in.Conclusion))
	}
	reserve, err := textrule.Free("reservations", "保留意见", in.Reservations, 1000)
	p.Keep(err)
	if len(in.Risks) > MaxRisks {
		p.Keep(errs.Field("risks", "风险点最多 %d 条", MaxRisks))
	}
	if in.Conclusion == AgreeRevised && len(in.Risks) == 0 {
		p.Keep(errs.Field("risks", "“修改后签订”须列出要修改的风险点"))
	}
	if err := p.Err(); err != nil {
		return docs.Issued{}, err
	}
	adviser, err := tx.Get("legal_advisers", r.adviserID)
	if err != nil {
		return docs.Issued{}, errs.Field("adviserId", "这份申请还没有指定法律顾问，或顾问已删除")
	}
	versions, err := versionsIn(tx, id)
	if err != nil {
		return docs.Issued{}, err
	}
	cur := versions[len(versions)-1]
	today, err := stepDay(tx, "on", on)
	if err != nil {
		return docs.Issued{}, err
	}
	cj, _ := json.Marshal(checks)
	reviewID, err := tx.Insert("contract_reviews", store.Values{"request_id": id, "version_id": cur.ID, "version": cur.Version,
		"adviser_id": r.adviserID, "adviser_name": adviser["name"], "checklist": string(cj), "conclusion": in.Conclusion,
		"reasons": reasons, "reservations": reserve, "issued_on": today})
	if err != nil {
		return docs.Issued{}, err
	}
	for i, k := range in.Risks {
		v, err := k.values(i)
		if err != nil {
			return docs.Issued{}, err
		}
		v["request_id"], v["review_id"], v["position"] = id, reviewID, i
		if _, err := tx.Insert("contract_risks", v); err != nil {
			return docs.Issued{}, err
		}
	}
	open, err := risksIn(tx, id)
	if err != nil {
		return docs.Issued{}, err
	}
	for _, a := range in.Answered {
		var found *Risk
		for i := range open {
			if open[i].ID == a.RiskID {
				found = &open[i]
			}
		}
		if found == nil || found.FoundIn >= cur.Version {
			return docs.Issued{}, errs.Field("answered", "要标记已修改的风险点不属于这份合同的前一版")
		}
		if found.AddressedIn != 0 {
			return docs.Issued{}, errs.Field("answered", "风险点“%s”已在第%d版修改", found.Clause, found.AddressedIn)
		}
		note, err := textrule.Free("answered", "修改情况", a.Note, 500)
		if err != nil {
			return docs.Issued{}, err
		}
		if _, err := tx.Update("contract_risks", a.RiskID, store.Values{"addressed_in": cur.Version, "addressed_note": note}); err != nil {
			return docs.Issued{}, err
		}
	}
	if _, err := tx.Update("contract_requests", id, store.Values{"state": StateOpinion}); err != nil {
		return docs.Issued{}, err
	}
	note := in.Conclusion
	if len(in.Risks) > 0 {
		note += fmt.Sprintf("；风险点%d处", len(in.Risks))
	}
	if err := addEvent(tx, id, event{On: today, Action: "出具意见", From: r.state, To: StateOpinion, Version: cur.Version, Note: note}); err != nil {
		return docs.Issued{}, err
	}
	if archive == nil {
		return docs.Issued{}, nil
	}
	doc, err := opinionDocIn(tx, id, reviewID)
	if err != nil {
		return docs.Issued{}, err
	}
	issued, _, err := archive.IssueIn(tx, doc, Source(id))
	return issued, err
}

func (k RiskInput) values(i int) (store.Values, error) {
	field := "risks"
	if !slices.Contains(RiskLevels, k.Level) {
		return nil, errs.Field(field, "第 %d 个风险点：请选择风险等级（高、中、低）", i+1)
	}
	clause, err := textrule.Name(field, "条款", k.Clause, 40, false)
	if err != nil {
		return nil, errs.Field(field, "第 %d 个风险点：%s", i+1, errs.As(err).Message)
	}
	problem, err := textrule.Free(field, "存在问题", k.Problem, 500)
	if err != nil {
		return nil, errs.Field(field, "第 %d 个风险点：%s", i+1, errs.As(err).Message)
	}
	if problem == "" {
		return nil, errs.Field(field, "第 %d 个风险点：请写明存在的问题", i+1)
	}
	revision, err := textrule.Free(field, "修改意见", k.Revision, 500)
	if err != nil {
		return nil, errs.Field(field, "第 %d 个风险点：%s", i+1, errs.As(err).Message)
	}
	return store.Values{"level": k.Level, "clause": clause, "problem": problem, "revision": revision}, nil
}

// cleanChecklist checks that every item of the checklist has a known result, a finding where it
// found a problem, and nothing twice; the items come back in the checklist's order.
func cleanChecklist(in []Check) ([]Check, error) {
	got := map[string]Check{}
	for _, c := range in {
		if !slices.Contains(ChecklistItems, c.Item) {
			return nil, errs.Field("checklist", "未知的审查项目“%s”", c.Item)
		}
		if _, dup := got[c.Item]; dup {
			return nil, errs.Field("checklist", "审查项目“%s”填了两次", c.Item)
		}
		f, err := textrule.Free("checklist", c.Item+"的审查情况", c.Finding, 500)
		if err != nil {
			return nil, err
		}
		c.Finding = f
		got[c.Item] = c
	}
	out := make([]Check, 0, len(ChecklistItems))
	var missing []string
	for _, item := range ChecklistItems {
		c, ok := got[item]
		if !ok || c.Result == "" {
			missing = append(missing, item)
			continue
		}
		if !slices.Contains(CheckResults, c.Result) {
			return nil, errs.Field("checklist", "“%s”的结果应为%s", item, strings.Join(CheckResults, "、"))
		}
		if c.Result == "存在问题" && c.Finding == "" {
			return nil, errs.Field("checklist", "“%s”存在问题，请写明审查发现", item)
		}
		out = append(out, c)
	}
	if len(missing) > 0 {
		return nil, errs.Field("checklist", "审查清单还有未填的项目：%s", strings.Join(missing, "、"))
	}
	return out, nil
}

func reviewsIn(tx *store.Tx, requestID string) ([]Review, error) {
	rows, err := tx.Query(`SELECT id, version, adviser_id, adviser_name, checklist, conclusion, reasons, reservations, issued_on
		FROM contract_reviews WHERE request_id = ? AND deleted_at IS NULL ORDER BY version, issued_on, id`, requestID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取审查意见失败")
	}
	defer rows.Close()
	out := []Review{}
	for rows.Next() {
		var r Review
		var checks string
		if err := rows.Scan(&r.ID, &r.Version, &r.AdviserID, &r.AdviserName, &checks, &r.Conclusion, &r.Reasons,
			&r.Reservations, &r.IssuedOn); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取审查意见失败")
		}
		if err := json.Unmarshal([]byte(checks), &r.Checklist); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "审查清单无法读取")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func lastConclusionIn(tx *store.Tx, requestID string) (string, error) {
	list, err := reviewsIn(tx, requestID)
	if err != nil || len(list) == 0 {
		return "", err
	}
	return list[len(list)-1].Conclusion, nil
}

func risksIn(tx *store.Tx, requestID string) ([]Risk, error) {
	rows, err := tx.Query(`SELECT k.id, k.review_id, r.version, k.level, k.clause, k.problem, k.revision, k.addressed_in, k.addressed_note
		FROM contract_risks k JOIN contract_reviews r ON r.id = k.review_id
		WHERE k.request_id = ? AND k.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY r.version, k.position`, requestID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取风险点失败")
	}
	defer rows.Close()
	out := []Risk{}
	for rows.Next() {
		var k Risk
		if err := rows.Scan(&k.ID, &k.ReviewID, &k.FoundIn, &k.Level, &k.Clause, &k.Problem, &k.Revision, &k.AddressedIn, &k.AddressedNote); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取风险点失败")
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
