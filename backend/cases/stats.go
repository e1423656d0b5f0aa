package cases

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
)

// Stats are the figures officers report upward for the cases registered in a period: how many,
// how many were turned away, settled, settled inside the village (村内化解: at 村 or below), settled
// by their deadline, followed up, and found satisfactory (满意 or 基本满意) — with the rates.
type Stats struct {
	From         string  `json:"from"`
	To           string  `json:"to"`
	Registered   int     `json:"registered"`
	Rejected     int     `json:"rejected"`
	Resolved     int     `json:"resolved"`
	InVillage    int     `json:"inVillage"`
	OnTime       int     `json:"onTime"`
	FollowedUp   int     `json:"followedUp"`
	Satisfied    int     `json:"satisfied"`
	ResolvedRate float64 `json:"resolvedRate"` // of those accepted
	VillageRate  float64 `json:"villageRate"`  // 村内化解率: of those resolved
	OnTimeRate   float64 `json:"onTimeRate"`   // of those resolved
	SatisfyRate  float64 `json:"satisfyRate"`  // of those followed up
}

// Statistics counts the cases registered from from to to (ISO dates, both included; "" for no
// bound), of one village or all (""). Code invalid for a date that is not one.
func (s *Service) Statistics(ctx context.Context, from, to, villageID string) (Stats, error) {
	st := Stats{From: strings.TrimSpace(from), To: strings.TrimSpace(to)}
	if _, _, err := periodConds(st.From, st.To); err != nil {
		return Stats{}, err
	}
	kinds, err := s.kindCounts(ctx, days{st.From, st.To}, strings.TrimSpace(villageID))
	if err != nil {
		return Stats{}, errs.Wrap(err, errs.Internal, "统计民情失败")
	}
	addKinds(&st, kinds)
	return st, nil
}

// periodWhere is the condition that picks the cases registered from from to to of one village or
// all (""), with its arguments. Code invalid for a bad date.
func periodWhere(from, to, villageID string) (string, []any, error) {
	period, args, err := periodConds(from, to)
	if err != nil {
		return "", nil, err
	}
	conds := append([]string{"deleted_at IS NULL"}, period...)
	if v := strings.TrimSpace(villageID); v != "" {
		conds = append(conds, "village_id = ?")
		args = append(args, v)
	}
	return strings.Join(conds, " AND "), args, nil
}
