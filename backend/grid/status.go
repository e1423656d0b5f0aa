package grid

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Statuses are what takes a resident out of the register while their record stays: they moved
// away (迁出) or died (死亡). A resident without a status is in the register.
var Statuses = []string{"迁出", "死亡"}

// StatusInput is a change of a resident's status as typed.
type StatusInput struct {
	Status string `json:"status"` // 迁出 or 死亡; "" puts the resident back in the register
	Date   string `json:"date"`   // when it happened (required with a status; not after today)
	Note   string `json:"note"`   // where to, or what else is worth keeping
}

// SetResidentStatus marks a resident 迁出 or 死亡 as of a date, or (Status "") puts them back in the
// register. The record, the household's history and the audit trail keep them; the register's lists
// and counts leave them out. Codes: invalid (naming the field), not_found.
func (s *Service) SetResidentStatus(ctx context.Context, id string, in StatusInput) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Get("residents", id)
		if err != nil {
			return err
		}
		birth, _ := cur["birth_date"].(string)
		v, err := in.values(s.today().Format(dateLayout), birth)
		if err != nil {
			return err
		}
		_, err = tx.Update("residents", id, v)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// values checks a status change against today and the resident's birth date (both ISO, birth may be
// "") and gives the fields it sets.
func (in StatusInput) values(today, birth string) (store.Values, error) {
	status := strings.TrimSpace(in.Status)
	if status == "" {
		return store.Values{"status": "", "status_date": "", "status_note": ""}, nil
	}
	if !contains(Statuses, status) {
		return nil, errs.Field("status", "人口状态只能是“迁出”或“死亡”")
	}
	what := status + "日期"
	if strings.TrimSpace(in.Date) == "" {
		return nil, errs.Field("date", "请填写%s", what)
	}
	date, err := idcard.ParseDate("date", in.Date)
	if err != nil {
		return nil, err
	}
	switch {
	case date > today:
		return nil, errs.Field("date", "%s不能晚于今天（%s）", what, idcard.ISODateCN(today))
	case birth != "" && date < birth:
		return nil, errs.Field("date", "%s不能早于出生日期（%s）", what, idcard.ISODateCN(birth))
	}
	note, err := textrule.Free("note", "去向或说明", in.Note, 200)
	if err != nil {
		return nil, err
	}
	return store.Values{"status": status, "status_date": date, "status_note": note}, nil
}
