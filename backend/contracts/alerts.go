package contracts

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"xiangzhi/backend/idcard"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// The kinds of alert on 首页.
const (
	AlertOverdue = "审查超期"
	AlertEnd     = "合同到期"
	AlertNotice  = "续约通知"
	AlertPayment = "付款"
)

// Alert is something about a contract that needs doing by a date: a review past its deadline, or,
// for a signed contract, its end, the last day to give notice about renewal, or a payment.
type Alert struct {
	RequestID   string `json:"requestId"`
	Number      string `json:"number"`
	Title       string `json:"title"`
	VillageName string `json:"villageName"`
	Kind        string `json:"kind"`
	Date        string `json:"date"`     // ISO
	DaysLeft    int    `json:"daysLeft"` // calendar days from today; negative when past (overdue reviews)
	Note        string `json:"note"`
}

// Alerts lists, for 首页, the reviews past their deadline and, for signed contracts, the ends,
// renewal notice dates and payments from today to AlertDays ahead, the soonest first.
func (s *Service) Alerts(ctx context.Context) ([]Alert, error) {
	out := []Alert{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		st, err := settingsIn(tx)
		if err != nil {
			return err
		}
		today := tx.Today()
		t, until := today.Format(dateLayout), today.AddDate(0, 0, st.AlertDays).Format(dateLayout)
		rows, err := tx.Query(`SELECT `+summaryColumns+` WHERE q.deleted_at IS NULL AND q.state IN (?, ?) AND q.deadline < ?
			ORDER BY q.deadline`, StateWaiting, StateReviewing, t)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取合同提醒失败")
		}
		var items []Summary
		for rows.Next() {
			sum, err := scanSummary(rows, t)
			if err != nil {
				rows.Close()
				return errs.Wrap(err, errs.Internal, "读取合同提醒失败")
			}
			items = append(items, sum)
		}
		rows.Close()
		names := villageNames{}
		if err := names.fill(tx, items); err != nil {
			return err
		}
		for _, sum := range items {
			out = append(out, Alert{RequestID: sum.ID, Number: sum.Number, Title: sum.Title, VillageName: sum.VillageName,
				Kind: AlertOverdue, Date: sum.Deadline, DaysLeft: daysFrom(t, sum.Deadline),
				Note: fmt.Sprintf("审查已超期%d个工作日（%s）", sum.DaysOver, sum.State)})
		}
		rows, err = tx.Query(`SELECT q.id, q.number, q.title, q.village_id, v.term_end, v.notice_days, v.payments
			FROM contract_requests q JOIN contract_versions v ON v.request_id = q.id AND v.version = q.version AND v.deleted_at IS NULL
			WHERE q.deleted_at IS NULL AND q.state = ?`, StateSigned)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取合同提醒失败")
		}
		var signed []Alert
		for rows.Next() {
			var a Alert
			var villageID, end, pays string
			var notice int
			if err := rows.Scan(&a.RequestID, &a.Number, &a.Title, &villageID, &end, &notice, &pays); err != nil {
				rows.Close()
				return errs.Wrap(err, errs.Internal, "读取合同提醒失败")
			}
			if a.VillageName, err = names.of(tx, villageID); err != nil {
				rows.Close()
				return err
			}
			add := func(kind, date, note string) {
				if date >= t && date <= until {
					b := a
					b.Kind, b.Date, b.DaysLeft, b.Note = kind, date, daysFrom(t, date), note
					signed = append(signed, b)
				}
			}
			if end != "" {
				add(AlertEnd, end, "合同于"+idcard.ISODateCN(end)+"到期")
				if notice > 0 {
					d, _ := parseDay(end)
					add(AlertNotice, d.AddDate(0, 0, -notice).Format(dateLayout), fmt.Sprintf("到期前%d天须通知是否续约", notice))
				}
			}
			var list []Payment
			if err := json.Unmarshal([]byte(pays), &list); err != nil {
				rows.Close()
				return errs.Wrap(err, errs.Internal, "合同的付款计划无法读取")
			}
			for _, p := range list {
				note := "应付" + amountText(p.AmountFen)
				if p.Note != "" {
					note += "，" + p.Note
				}
				add(AlertPayment, p.Due, note)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, errs.Internal, "读取合同提醒失败")
		}
		sort.SliceStable(signed, func(i, j int) bool { return signed[i].Date < signed[j].Date })
		out = append(out, signed...)
		return nil
	})
	return out, err
}

// daysFrom counts the calendar days from one ISO day to another.
func daysFrom(from, to string) int {
	a, err1 := parseDay(from)
	b, err2 := parseDay(to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(math.Round(b.Sub(a).Hours() / 24))
}
