package points

import (
	"context"
	"fmt"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// EarnInput credits a household for a deed by a rule: quantity units of it (half days of 志愿服务).
type EarnInput struct {
	HouseholdID string `json:"householdId"`
	RuleID      string `json:"ruleId"`
	On          string `json:"on"` // ISO day of the deed; today when empty
	Quantity    int    `json:"quantity"`
	Approver    string `json:"approver"`
	Note        string `json:"note"`
}

// DeductInput takes points from a household, with the reason.
type DeductInput struct {
	HouseholdID string `json:"householdId"`
	Points      int    `json:"points"` // how many, > 0
	On          string `json:"on"`
	Reason      string `json:"reason"`
	Approver    string `json:"approver"`
}

// RedeemInput exchanges a household's points for goods of its village's shop.
type RedeemInput struct {
	HouseholdID string `json:"householdId"`
	GoodsID     string `json:"goodsId"`
	Quantity    int    `json:"quantity"`
	On          string `json:"on"`
	Approver    string `json:"approver"`
}

// Entry is a line of a household's ledger.
type Entry struct {
	ID        string `json:"id"`
	On        string `json:"on"`
	Kind      string `json:"kind"`
	Activity  string `json:"activity"`
	Quantity  int    `json:"quantity"`
	Unit      string `json:"unit"`   // the rule's (半天, 次), or the goods' (袋)
	Points    int    `json:"points"` // signed
	Reason    string `json:"reason"`
	Approver  string `json:"approver"`
	Operator  string `json:"operator"`  // who recorded it (经办人)
	Withdrawn string `json:"withdrawn"` // the reason, for a withdrawn entry
	// WithdrawnBy is who withdrew it, for a withdrawn entry.
	WithdrawnBy string `json:"withdrawnBy"`
}

// Account is a household's points: what it earned, lost and spent, and what is left.
type Account struct {
	Household grid.HouseholdBrief `json:"household"`
	Earned    int                 `json:"earned"`
	Deducted  int                 `json:"deducted"` // as a positive number
	Redeemed  int                 `json:"redeemed"` // as a positive number
	Balance   int                 `json:"balance"`
	Entries   []Entry             `json:"entries,omitempty"` // the latest first, withdrawn ones too (AccountOf only)
}

// entryIn checks what every entry needs: the household, the day (not after today) and the approver.
// Each field's problem is kept in p, so that the form names them all at once.
func entryIn(tx *store.Tx, p *errs.Problems, householdID, on, approver string) (grid.HouseholdBrief, string, string) {
	p.Keep(tx.NeedOperator("积分台账"))
	h, err := grid.HouseholdIn(tx, householdID, "householdId")
	p.Keep(err)
	today := tx.Today().Format(dateLayout)
	if on == "" {
		on = today
	}
	on, err = idcard.ParseDate("on", on)
	p.Keep(err)
	if err == nil && on > today {
		p.Keep(errs.Field("on", "日期%s晚于今天", idcard.ISODateCN(on)))
	}
	approver, err = textrule.Name("approver", "审核人", approver, 30, true)
	p.Keep(err)
	return h, on, approver
}

// balanceIn is a household's balance as its live entries add up.
func balanceIn(tx *store.Tx, householdID string) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? AND deleted_at IS NULL`,
		householdID).Scan(&n)
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取积分失败")
	}
	return n, nil
}

// Earn credits a household by a rule. The same rule is credited to a household once a day.
func (s *Service) Earn(ctx context.Context, in EarnInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = EarnIn(tx, in)
		return err
	})
	return id, err
}

// EarnIn is Earn inside a caller's transaction.
func EarnIn(tx *store.Tx, in EarnInput) (string, error) {
	var p errs.Problems
	h, on, approver := entryIn(tx, &p, in.HouseholdID, in.On, in.Approver)
	var rule store.Values
	if strings.TrimSpace(in.RuleID) == "" {
		p.Keep(errs.Field("ruleId", "请选择积分规则"))
	} else if r, err := tx.Get("point_rules", in.RuleID); err != nil {
		p.Keep(errs.Field("ruleId", "所选的积分规则不存在或已删除"))
	} else if v := r["village_id"].(string); v != "" && !p.Has("householdId") && v != h.VillageID {
		p.Keep(errs.Field("ruleId", "所选的积分规则不是本村的"))
	} else if r["active"].(int64) == 0 {
		p.Keep(errs.Field("ruleId", "积分规则“%s”已停用", r["activity"]))
	} else {
		rule = r
	}
	q := in.Quantity
	if q == 0 {
		q = 1
	}
	if q < 1 || q > 100 {
		p.Keep(errs.Field("quantity", "数量应为 1 到 100"))
	}
	note, err := textrule.Free("note", "说明", in.Note, 200)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return "", err
	}
	var same int
	if err := tx.QueryRow(`SELECT count(*) FROM point_entries WHERE household_id = ? AND rule_id = ? AND on_date = ?
		AND kind = ? AND deleted_at IS NULL`, in.HouseholdID, in.RuleID, on, Earn).Scan(&same); err != nil {
		return "", errs.Wrap(err, errs.Internal, "读取积分失败")
	}
	if same > 0 {
		return "", errs.Field("ruleId", "%s户%s已记过“%s”的积分，同一事项同一天只记一次", h.Head, idcard.ISODateCN(on), rule["activity"])
	}
	points := int(rule["points"].(int64)) * q
	return tx.Insert("point_entries", store.Values{"household_id": in.HouseholdID, "village_id": h.VillageID, "on_date": on,
		"kind": Earn, "rule_id": in.RuleID, "activity": rule["activity"], "quantity": q, "points": points, "reason": note,
		"approver": approver, "clerk": tx.Operator()})
}

// Deduct takes points from a household, with the reason; never below zero.
func (s *Service) Deduct(ctx context.Context, in DeductInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = DeductIn(tx, in)
		return err
	})
	return id, err
}

// DeductIn is Deduct inside a caller's transaction.
func DeductIn(tx *store.Tx, in DeductInput) (string, error) {
	var p errs.Problems
	h, on, approver := entryIn(tx, &p, in.HouseholdID, in.On, in.Approver)
	reason, err := textrule.Free("reason", "扣分理由", in.Reason, 200)
	p.Keep(err)
	if err == nil && reason == "" {
		p.Keep(errs.Field("reason", "请写明扣分理由"))
	}
	if in.Points < 1 || in.Points > 100000 {
		p.Keep(errs.Field("points", "扣分应为 1 到 100000 分"))
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	balance, err := balanceIn(tx, in.HouseholdID)
	if err != nil {
		return "", err
	}
	if in.Points > balance {
		return "", errs.Field("points", "%s户积分只有%d分，不能扣%d分（积分不会扣成负数）", h.Head, balance, in.Points)
	}
	return tx.Insert("point_entries", store.Values{"household_id": in.HouseholdID, "village_id": h.VillageID, "on_date": on,
		"kind": Deduct, "activity": "扣分", "points": -in.Points, "reason": reason, "approver": approver, "clerk": tx.Operator()})
}

// Redeem exchanges points for goods: the stock and the balance go down in the same write, and
// neither below zero.
func (s *Service) Redeem(ctx context.Context, in RedeemInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = RedeemIn(tx, in)
		return err
	})
	return id, err
}

// RedeemIn is Redeem inside a caller's transaction.
func RedeemIn(tx *store.Tx, in RedeemInput) (string, error) {
	var p errs.Problems
	h, on, approver := entryIn(tx, &p, in.HouseholdID, in.On, in.Approver)
	var g store.Values
	if strings.TrimSpace(in.GoodsID) == "" {
		p.Keep(errs.Field("goodsId", "请选择要兑换的商品"))
	} else if row, err := tx.Get("point_goods", in.GoodsID); err != nil {
		p.Keep(errs.Field("goodsId", "所选的商品不存在或已下架"))
	} else if !p.Has("householdId") && row["village_id"] != h.VillageID {
		p.Keep(errs.Field("goodsId", "只能兑换本村道德超市的商品"))
	} else {
		g = row
	}
	q := in.Quantity
	if q == 0 {
		q = 1
	}
	if q < 1 || q > 1000 {
		p.Keep(errs.Field("quantity", "数量应为 1 到 1000"))
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	stock, price := int(g["stock"].(int64)), int(g["price"].(int64))
	if q > stock {
		return "", errs.Field("quantity", "“%s”库存只剩%d%s", g["name"], stock, g["unit"])
	}
	balance, err := balanceIn(tx, in.HouseholdID)
	if err != nil {
		return "", err
	}
	if cost := price * q; cost > balance {
		return "", errs.Field("quantity", "兑换%d%s“%s”要%d分，%s户积分只有%d分", q, g["unit"], g["name"], cost, h.Head, balance)
	}
	if _, err := tx.Update("point_goods", in.GoodsID, store.Values{"stock": stock - q}); err != nil {
		return "", err
	}
	return tx.Insert("point_entries", store.Values{"household_id": in.HouseholdID, "village_id": h.VillageID, "on_date": on,
		"kind": Redeem, "goods_id": in.GoodsID, "activity": g["name"], "quantity": q, "points": -price * q,
		"reason": fmt.Sprintf("%d%s×%d分", q, g["unit"], price), "approver": approver, "clerk": tx.Operator()})
}

// Withdraw takes back an entry made by mistake, with the reason: a redemption returns its goods to
// the stock; an entry whose withdrawal would leave the balance below zero is refused.
func (s *Service) Withdraw(ctx context.Context, entryID, reason string) error {
	return s.write(ctx, func(tx *store.Tx) error { return WithdrawIn(tx, entryID, reason) })
}

// WithdrawIn is Withdraw inside a caller's transaction.
func WithdrawIn(tx *store.Tx, entryID, reason string) error {
	if err := tx.NeedOperator("撤销积分记录"); err != nil {
		return err
	}
	reason, err := textrule.Free("reason", "撤销理由", reason, 200)
	if err != nil {
		return err
	}
	if reason == "" {
		return errs.Field("reason", "请写明撤销的理由")
	}
	e, err := tx.Get("point_entries", entryID)
	if err != nil {
		return errs.New(errs.NotFound, "这条积分记录不存在或已撤销")
	}
	points := int(e["points"].(int64))
	household := e["household_id"].(string)
	balance, err := balanceIn(tx, household)
	if err != nil {
		return err
	}
	if balance-points < 0 {
		return errs.New(errs.Conflict, "撤销这条%d分的记录后积分会成为%d分；请先撤销之后的兑换或扣分", points, balance-points)
	}
	if e["kind"] == Redeem {
		g, err := tx.Get("point_goods", e["goods_id"].(string), store.IncludeDeleted)
		if err != nil {
			return err
		}
		if _, err := tx.Update("point_goods", g["id"].(string), store.Values{"stock": g["stock"].(int64) + e["quantity"].(int64)}); err != nil {
			return err
		}
	}
	if _, err := tx.Update("point_entries", entryID, store.Values{"withdrawn": reason}); err != nil {
		return err
	}
	return tx.Delete("point_entries", entryID)
}

// AccountOf reads a household's account with every entry, the latest first.
func (s *Service) AccountOf(ctx context.Context, householdID string) (Account, error) {
	var a Account
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		h, err := grid.HouseholdIn(tx, householdID, "householdId")
		if err != nil {
			return err
		}
		a = Account{Household: h, Entries: []Entry{}}
		rows, err := tx.Query(`SELECT e.id, e.on_date, e.kind, e.activity, e.quantity,
			coalesce((SELECT unit FROM point_rules r WHERE r.id = e.rule_id), (SELECT unit FROM point_goods g WHERE g.id = e.goods_id), ''),
			e.points, e.reason, e.approver, e.clerk, e.operator, e.withdrawn, e.deleted_at IS NOT NULL
			FROM point_entries e WHERE e.household_id = ? ORDER BY e.on_date DESC, e.created_at DESC, e.id DESC`, householdID)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取积分失败")
		}
		defer rows.Close()
		for rows.Next() {
			var e Entry
			var gone bool
			var last string // who last changed the row: for a withdrawn entry, who withdrew it
			if err := rows.Scan(&e.ID, &e.On, &e.Kind, &e.Activity, &e.Quantity, &e.Unit, &e.Points, &e.Reason, &e.Approver, &e.Operator,
				&last, &e.Withdrawn, &gone); err != nil {
				return errs.Wrap(err, errs.Internal, "读取积分失败")
			}
			if gone && e.Withdrawn == "" {
				e.Withdrawn = "已撤销"
			}
			if gone {
				e.WithdrawnBy = last
			}
			a.Entries = append(a.Entries, e)
			if !gone {
				a.add(e.Kind, e.Points)
			}
		}
		return rows.Err()
	})
	return a, err
}

// add counts an entry's points into the account.
func (a *Account) add(kind string, points int) {
	switch kind {
	case Earn:
		a.Earned += points
	case Deduct:
		a.Deducted -= points
	case Redeem:
		a.Redeemed -= points
	}
	a.Balance += points
}

// EarnedInYearIn is what a household earned in a year (credits, not less what it spent), read in tx:
// the points a selection may ask of a 五星级文明户.
func EarnedInYearIn(tx *store.Tx, householdID string, year int) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? AND kind = ?
		AND on_date BETWEEN ? AND ? AND deleted_at IS NULL`, householdID, Earn, fmt.Sprintf("%04d-01-01", year),
		fmt.Sprintf("%04d-12-31", year)).Scan(&n)
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取积分失败")
	}
	return n, nil
}
