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
	period, args, err := periodConds(st.From, st.To)
	if err != nil {
		return Stats{}, err
	}
	conds := append([]string{"deleted_at IS NULL"}, period...)
	if v := strings.TrimSpace(villageID); v != "" {
		conds = append(conds, "village_id = ?")
		args = append(args, v)
	}
	err = s.db.SQL().QueryRowContext(ctx, `SELECT count(*),
		coalesce(sum(state = '不予受理' OR (state = '已归档' AND resolved_on = '')), 0),
		coalesce(sum(resolved_on <> ''), 0),
		coalesce(sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), 0),
		coalesce(sum(resolved_on <> '' AND resolved_on <= deadline), 0),
		coalesce(sum(satisfaction <> ''), 0),
		coalesce(sum(satisfaction IN ('满意', '基本满意')), 0)
		FROM `+byDay(villageID)+` WHERE `+strings.Join(conds, " AND "), args...).
		Scan(&st.Registered, &st.Rejected, &st.Resolved, &st.InVillage, &st.OnTime, &st.FollowedUp, &st.Satisfied)
	if err != nil {
		return Stats{}, errs.Wrap(err, errs.Internal, "统计民情失败")
	}
	rate := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return float64(n) / float64(of)
	}
	st.ResolvedRate = rate(st.Resolved, st.Registered-st.Rejected)
	st.VillageRate = rate(st.InVillage, st.Resolved)
	st.OnTimeRate = rate(st.OnTime, st.Resolved)
	st.SatisfyRate = rate(st.Satisfied, st.FollowedUp)
	return st, nil
}
