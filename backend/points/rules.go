package points

import (
	"context"
	"slices"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// RuleInput is a rule as the office sets it.
type RuleInput struct {
	VillageID string `json:"villageId"` // "" for every village
	Activity  string `json:"activity"`
	Category  string `json:"category"`
	Points    int    `json:"points"`
	Unit      string `json:"unit"`
	Active    bool   `json:"active"`
}

// Rule is a rule as kept.
type Rule struct {
	RuleInput
	ID string `json:"id"`
}

func (in RuleInput) values(tx *store.Tx) (store.Values, error) {
	var p errs.Problems
	if in.VillageID != "" {
		_, err := grid.VillageNameIn(tx, in.VillageID, "villageId")
		p.Keep(err)
	}
	activity, err := textrule.Name("activity", "积分事项", in.Activity, 40, true)
	p.Keep(err)
	if in.Category != "" && !slices.Contains(Categories, in.Category) {
		p.Keep(errs.Field("category", "未知的类别“%s”", in.Category))
	}
	if in.Points < 1 || in.Points > 1000 {
		p.Keep(errs.Field("points", "分值应为 1 到 1000 分"))
	}
	unit, err := textrule.Name("unit", "计分单位", in.Unit, 10, false)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if unit == "" {
		unit = "次"
	}
	return store.Values{"village_id": in.VillageID, "activity": activity, "category": in.Category, "points": in.Points,
		"unit": unit, "active": in.Active}, nil
}

// AddRule adds a rule.
func (s *Service) AddRule(ctx context.Context, in RuleInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = AddRuleIn(tx, in)
		return err
	})
	return id, err
}

// AddRuleIn is AddRule inside a caller's transaction.
func AddRuleIn(tx *store.Tx, in RuleInput) (string, error) {
	v, err := in.values(tx)
	if err != nil {
		return "", err
	}
	return tx.Insert("point_rules", v)
}

// UpdateRule changes a rule; entries made by it keep the points they were given.
func (s *Service) UpdateRule(ctx context.Context, id string, in RuleInput) error {
	return s.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Get("point_rules", id); err != nil {
			return err
		}
		v, err := in.values(tx)
		if err != nil {
			return err
		}
		_, err = tx.Update("point_rules", id, v)
		return err
	})
}

// Rules lists the rules that apply in a village (its own and those of every village; all rules when
// villageID is ""), active ones first.
func (s *Service) Rules(ctx context.Context, villageID string) ([]Rule, error) {
	q := `SELECT id, village_id, activity, category, points, unit, active FROM point_rules WHERE deleted_at IS NULL`
	var args []any
	if villageID != "" {
		q += ` AND village_id IN ('', ?)`
		args = append(args, villageID)
	}
	rows, err := s.db.SQL().QueryContext(ctx, q+` ORDER BY active DESC, category, activity COLLATE pinyin, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取积分规则失败")
	}
	defer rows.Close()
	out := []Rule{}
	for rows.Next() {
		var r Rule
		if err := rows.Scan(&r.ID, &r.VillageID, &r.Activity, &r.Category, &r.Points, &r.Unit, &r.Active); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取积分规则失败")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
