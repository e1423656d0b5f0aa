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
	st, _, err := s.byState(ctx, from, to, villageID)
	return st, err
}

// byState reads the period's cases counted by state, and adds them up into the figures: both in one
// read, so that the 统计 screen's figures and its states agree.
func (s *Service) byState(ctx context.Context, from, to, villageID string) (Stats, []Tally, error) {
	st := Stats{From: strings.TrimSpace(from), To: strings.TrimSpace(to)}
	where, args, err := periodWhere(st.From, st.To, villageID)
	if err != nil {
		return Stats{}, nil, err
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT state, count(*),
		coalesce(sum(resolved_on <> ''), 0),
		coalesce(sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), 0),
		coalesce(sum(resolved_on <> '' AND resolved_on <= deadline), 0),
		coalesce(sum(satisfaction <> ''), 0),
		coalesce(sum(satisfaction IN ('满意', '基本满意')), 0)
		FROM `+byDay(villageID)+` WHERE `+where+` GROUP BY state`, args...)
	if err != nil {
		return Stats{}, nil, errs.Wrap(err, errs.Internal, "统计民情失败")
	}
	defer rows.Close()
	counted := map[string]Tally{}
	for rows.Next() {
		var state string
		var n, resolved, inVillage, onTime, followedUp, satisfied int
		if err := rows.Scan(&state, &n, &resolved, &inVillage, &onTime, &followedUp, &satisfied); err != nil {
			return Stats{}, nil, errs.Wrap(err, errs.Internal, "统计民情失败")
		}
		counted[state] = Tally{Name: state, Cases: n, Resolved: resolved}
		st.Registered += n
		st.Resolved += resolved
		st.InVillage += inVillage
		st.OnTime += onTime
		st.FollowedUp += followedUp
		st.Satisfied += satisfied
		switch state { // turned away: 不予受理, or archived without being resolved
		case StateRejected:
			st.Rejected += n
		case StateArchived:
			st.Rejected += n - resolved
		}
	}
	if err := rows.Err(); err != nil {
		return Stats{}, nil, errs.Wrap(err, errs.Internal, "统计民情失败")
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
	states := make([]Tally, len(States)) // every state, those without cases too, in the loop's order
	for i, name := range States {
		states[i] = counted[name]
		states[i].Name = name
	}
	return st, states, nil
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
