package demo

import (
	"xiangzhi/backend/errs"
	"xiangzhi/backend/points"
	"xiangzhi/backend/store"
)

// writePoints writes a village's merit shop: the rules of every village with the first village, the
// village's own rules and goods, and its ledger through backend/points' EarnIn, DeductIn, RedeemIn
// and WithdrawIn, which check every entry as they would the window's. It counts the entries in st.
func writePoints(tx *store.Tx, villageID string, p *pointsPlan, st *Stats) error {
	if p == nil {
		return nil
	}
	// (backend/points has no In form of AddRule and AddGoods: their rows are written here as it
	// writes them)
	for _, r := range p.shared.rules {
		if r.id == "" {
			if err := writeRule(tx, "", r); err != nil {
				return err
			}
		}
	}
	for _, r := range p.rules {
		if err := writeRule(tx, villageID, r); err != nil {
			return err
		}
	}
	for _, g := range p.goods {
		var err error
		if g.id, err = points.AddGoodsIn(tx, points.GoodsInput{VillageID: villageID, Name: g.spec.name, Unit: g.spec.unit,
			Price: g.price, Stock: g.stock}); err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入道德超市商品“%s”失败", g.spec.name)
		}
	}
	// The ledger's entries are the clerk's, as the village's own would be.
	defer tx.ActAs(tx.Operator())
	tx.ActAs(p.clerk)
	for _, e := range p.entries {
		var id string
		var err error
		switch e.kind {
		case points.Earn:
			id, err = points.EarnIn(tx, points.EarnInput{HouseholdID: e.household.id, RuleID: e.rule.id, On: e.on, Quantity: e.quantity,
				Approver: e.approver, Note: e.text})
		case points.Deduct:
			id, err = points.DeductIn(tx, points.DeductInput{HouseholdID: e.household.id, Points: e.points, On: e.on, Reason: e.text,
				Approver: e.approver})
		case points.Redeem:
			id, err = points.RedeemIn(tx, points.RedeemInput{HouseholdID: e.household.id, GoodsID: e.goods.id, Quantity: e.quantity,
				On: e.on, Approver: e.approver})
		}
		if err == nil && e.withdraw != "" {
			err = points.WithdrawIn(tx, id, e.withdraw)
		}
		if err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入积分记录（%s，户%s）失败", e, e.household.code)
		}
		st.PointEntries++
	}
	return nil
}

func writeRule(tx *store.Tx, villageID string, r *rulePlan) error {
	s := r.spec
	var err error
	r.id, err = points.AddRuleIn(tx, points.RuleInput{VillageID: villageID, Activity: s.activity, Category: s.category,
		Points: s.points, Unit: s.unit, Active: r.active})
	if err != nil {
		return errs.Wrap(err, errs.CodeOf(err), "写入积分规则“%s”失败", s.activity)
	}
	return nil
}
