package contracts

import (
	"encoding/json"
	"fmt"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Terms are a version of the contract as the village submits it. Amounts are typed in 元
// ("120000", "1,234.50") and kept in 分.
type Terms struct {
	Counterparty   string         `json:"counterparty"`
	CreditCode     string         `json:"creditCode"`
	Representative string         `json:"representative"`
	Amount         string         `json:"amount"`
	TermStart      string         `json:"termStart"`
	TermEnd        string         `json:"termEnd"`
	Renewal        string         `json:"renewal"`
	NoticeDays     int            `json:"noticeDays"`
	Payments       []PaymentInput `json:"payments"`
	ChangeNote     string         `json:"changeNote"` // on a resubmission: what was changed
}

// PaymentInput is one instalment as typed.
type PaymentInput struct {
	Due    string `json:"due"`
	Amount string `json:"amount"`
	Note   string `json:"note"`
}

// Payment is one instalment of the payment schedule.
type Payment struct {
	Due       string `json:"due"`
	AmountFen int64  `json:"amountFen"`
	Note      string `json:"note"`
}

// Version is one version of the terms as kept, with the amount written out.
type Version struct {
	ID             string    `json:"id"`
	Version        int       `json:"version"`
	SubmittedOn    string    `json:"submittedOn"`
	Counterparty   string    `json:"counterparty"`
	CreditCode     string    `json:"creditCode"`
	Representative string    `json:"representative"`
	AmountFen      int64     `json:"amountFen"`
	AmountYuan     string    `json:"amountYuan"`    // ¥120,000.00
	AmountCapital  string    `json:"amountCapital"` // 壹拾贰万元整
	TermStart      string    `json:"termStart"`
	TermEnd        string    `json:"termEnd"`
	Renewal        string    `json:"renewal"`
	NoticeDays     int       `json:"noticeDays"`
	Payments       []Payment `json:"payments"`
	ChangeNote     string    `json:"changeNote"`
	By             string    `json:"by"`
}

// MaxPayments bounds a payment schedule.
const MaxPayments = 60

// values checks the terms and returns the columns of contract_versions. Code invalid naming the field,
// every field's problem at once.
func (t Terms) values() (store.Values, error) {
	var p errs.Problems
	name, err := textrule.Name("counterparty", "合同相对方", t.Counterparty, 60, true)
	p.Keep(err)
	code, err := idcard.ParseCreditCode("creditCode", t.CreditCode)
	p.Keep(err)
	rep, err := textrule.Name("representative", "法定代表人", t.Representative, 30, false)
	p.Keep(err)
	var fen int64
	if t.Amount != "" {
		fen, err = docs.ParseYuan("amount", "合同金额（元）", t.Amount)
		p.Keep(err)
	}
	start, err := idcard.ParseDate("termStart", t.TermStart)
	p.Keep(err)
	end, err := idcard.ParseDate("termEnd", t.TermEnd)
	p.Keep(err)
	if start != "" && end != "" && end < start {
		p.Keep(errs.Field("termEnd", "合同期限的结束日期（%s）早于开始日期（%s）", idcard.ISODateCN(end), idcard.ISODateCN(start)))
	}
	renewal, err := textrule.Free("renewal", "续约条款", t.Renewal, 500)
	p.Keep(err)
	if t.NoticeDays < 0 || t.NoticeDays > 366 {
		p.Keep(errs.Field("noticeDays", "续约通知期应为 0 到 366 天"))
	}
	if t.NoticeDays > 0 && end == "" && !p.Has("termEnd") {
		p.Keep(errs.Field("termEnd", "有续约通知期的合同须写明结束日期，才能算出通知日"))
	}
	pays, paid, err := payments(t.Payments)
	p.Keep(err)
	if err == nil && fen > 0 && paid > fen {
		p.Keep(errs.Field("payments", "付款计划合计%s，超过合同金额%s", docs.Yuan(paid), docs.Yuan(fen)))
	}
	note, err := textrule.Free("changeNote", "修改说明", t.ChangeNote, 500)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return nil, err
	}
	pj, err := json.Marshal(pays)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "保存付款计划失败")
	}
	return store.Values{"counterparty": name, "credit_code": code, "representative": rep, "amount_fen": fen,
		"term_start": start, "term_end": end, "renewal": renewal, "notice_days": t.NoticeDays,
		"payments": string(pj), "change_note": note}, nil
}

// payments checks a payment schedule and returns it with its total in fen.
func payments(in []PaymentInput) ([]Payment, int64, error) {
	if len(in) > MaxPayments {
		return nil, 0, errs.Field("payments", "付款计划最多 %d 期", MaxPayments)
	}
	pays := make([]Payment, 0, len(in))
	var paid int64
	for i, p := range in {
		due, err := idcard.ParseDate("payments", p.Due)
		if err != nil || due == "" {
			return nil, 0, errs.Field("payments", "付款计划第 %d 期：请填写有效的付款日期", i+1)
		}
		amount, err := docs.ParseYuan("payments", fmt.Sprintf("付款计划第 %d 期金额", i+1), p.Amount)
		if err != nil {
			return nil, 0, err
		}
		note, err := textrule.Free("payments", "付款说明", p.Note, 100)
		if err != nil {
			return nil, 0, err
		}
		pays = append(pays, Payment{Due: due, AmountFen: amount, Note: note})
		paid += amount
	}
	return pays, paid, nil
}

// versionsIn reads a request's versions, the first first.
func versionsIn(tx *store.Tx, requestID string) ([]Version, error) {
	rows, err := tx.Query(`SELECT id, version, submitted_on, counterparty, credit_code, representative, amount_fen,
		term_start, term_end, renewal, notice_days, payments, change_note, operator
		FROM contract_versions WHERE request_id = ? AND deleted_at IS NULL ORDER BY version`, requestID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取合同版本失败")
	}
	defer rows.Close()
	out := []Version{}
	for rows.Next() {
		var v Version
		var pays string
		if err := rows.Scan(&v.ID, &v.Version, &v.SubmittedOn, &v.Counterparty, &v.CreditCode, &v.Representative,
			&v.AmountFen, &v.TermStart, &v.TermEnd, &v.Renewal, &v.NoticeDays, &pays, &v.ChangeNote, &v.By); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取合同版本失败")
		}
		if err := json.Unmarshal([]byte(pays), &v.Payments); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "合同版本的付款计划无法读取")
		}
		v.AmountYuan, v.AmountCapital = docs.Yuan(v.AmountFen), docs.Capital(v.AmountFen)
		out = append(out, v)
	}
	return out, rows.Err()
}
