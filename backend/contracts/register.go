package contracts

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"xiangzhi/backend/idcard"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store"
)

// registerColumns are the columns of the contract register (合同审查台账).
var registerColumns = []string{"序号", "审查编号", "村", "合同名称", "类型", "合同相对方", "金额（元）", "送审日期",
	"法律顾问", "审查结论", "状态", "签订日期", "备注"}

// Register is the register of one village's requests (or every village's, "") submitted in a year,
// as a table for the workbook; Ledger prints the same rows.
func (s *Service) Register(ctx context.Context, villageID string, year int) (sheet.Table, error) {
	t := sheet.Table{Columns: make([]sheet.TableColumn, len(registerColumns)), Rows: [][]string{}}
	for i, c := range registerColumns {
		t.Columns[i] = sheet.TableColumn{Title: c, Number: c == "序号" || c == "金额（元）"}
	}
	scope := "各村"
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		if villageID != "" {
			name, err := villageNames{}.of(tx, villageID)
			if err != nil {
				return err
			}
			scope = name
		}
		return nil
	})
	if err != nil {
		return t, err
	}
	t.Title = fmt.Sprintf("%s%d年合同审查台账", scope, year)
	for offset := 0; ; offset += 500 {
		p, err := s.List(ctx, Query{VillageID: villageID, Year: year, Limit: 500, Offset: offset})
		if err != nil {
			return t, err
		}
		for _, r := range p.Items {
			req, err := s.Get(ctx, r.ID)
			if err != nil {
				return t, err
			}
			t.Rows = append(t.Rows, registerRow(len(t.Rows)+1, req))
		}
		if offset+len(p.Items) >= p.Total || len(p.Items) == 0 {
			break
		}
	}
	// the list is the latest first; a register reads from the first of the year
	for i, j := 0, len(t.Rows)-1; i < j; i, j = i+1, j-1 {
		t.Rows[i], t.Rows[j] = t.Rows[j], t.Rows[i]
	}
	for i := range t.Rows {
		t.Rows[i][0] = strconv.Itoa(i + 1)
	}
	return t, nil
}

func registerRow(n int, r Request) []string {
	amount := ""
	if r.AmountFen > 0 {
		amount = fmt.Sprintf("%d.%02d", r.AmountFen/100, r.AmountFen%100)
	}
	var note []string
	if r.Major {
		p := "重大合同"
		switch {
		case r.Resolution != nil:
			p += "，" + r.Resolution.MeetingTitle + "决定"
		case r.NoResolution != "":
			p += "，无需表决：" + r.NoResolution
		default:
			p += "，无村民代表会议决定"
		}
		note = append(note, p)
	}
	if r.OverrideReason != "" {
		note = append(note, "越过意见签订："+r.OverrideReason)
	}
	if r.ClosedReason != "" {
		note = append(note, "放弃："+r.ClosedReason)
	}
	if r.Overdue {
		note = append(note, fmt.Sprintf("审查超期%d个工作日", r.DaysOver))
	}
	if r.Version > 1 {
		note = append(note, fmt.Sprintf("第%d版", r.Version))
	}
	signed := ""
	if r.SignedOn != "" {
		signed = idcard.ISODateCN(r.SignedOn)
	}
	return []string{strconv.Itoa(n), r.Number, r.VillageName, r.Title, r.Type, r.Counterparty, amount, idcard.ISODateCN(r.SubmittedOn),
		r.AdviserName, orDash(r.Conclusion), r.State, signed, strings.Join(note, "；")}
}

// Ledger is the register as a printed 台账.
func (s *Service) Ledger(ctx context.Context, villageID string, year int) (*docs.Ledger, error) {
	t, err := s.Register(ctx, villageID, year)
	if err != nil {
		return nil, err
	}
	// The printed register has no 村 column (a page holds twelve): a register of every village names
	// the village before the contract.
	cols := append(append([]string{}, registerColumns[:2]...), registerColumns[3:]...)
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		row := append(append([]string{}, r[:2]...), r[3:]...)
		if villageID == "" {
			row[2] = r[2] + "：" + row[2]
		}
		rows[i] = row
	}
	l := &docs.Ledger{Title: t.Title, Columns: cols, Rows: rows,
		Widths: []float64{0.8, 2.4, 3.3, 1.4, 2.6, 1.6, 1.7, 1.1, 1.5, 1.3, 1.7, 3.4},
		Date:   docs.Date(s.db.Today().Format(dateLayout))}
	if len(l.Rows) == 0 {
		l.Rows = [][]string{{"", "", "（本年度没有合同审查申请）", "", "", "", "", "", "", "", "", ""}}
	}
	return l, l.Validate()
}
