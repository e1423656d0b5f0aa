package points

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// Balances lists the households of a village (every village when villageID is "") that have any
// points entry, with what they earned, lost and spent and their balance, in the order of the grid.
func (s *Service) Balances(ctx context.Context, villageID string) ([]Account, error) {
	out := []Account{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		q := `SELECT household_id, kind, sum(points) FROM point_entries WHERE deleted_at IS NULL`
		var args []any
		if villageID != "" {
			q += ` AND village_id = ?`
			args = append(args, villageID)
		}
		rows, err := tx.Query(q+` GROUP BY household_id, kind`, args...)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取积分失败")
		}
		byHousehold := map[string]*Account{}
		var order []string
		for rows.Next() {
			var id, kind string
			var points int
			if err := rows.Scan(&id, &kind, &points); err != nil {
				rows.Close()
				return errs.Wrap(err, errs.Internal, "读取积分失败")
			}
			a := byHousehold[id]
			if a == nil {
				a = &Account{}
				byHousehold[id] = a
				order = append(order, id)
			}
			a.add(kind, points)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, errs.Internal, "读取积分失败")
		}
		for _, id := range order {
			h, err := grid.HouseholdIn(tx, id, "householdId")
			if err != nil {
				if errs.CodeOf(err) == errs.NotFound {
					continue // a household deleted since: its points go with it
				}
				return err
			}
			a := byHousehold[id]
			a.Household = h
			out = append(out, *a)
		}
		sortAccounts(out)
		return nil
	})
	return out, err
}

// sortAccounts orders accounts as the grid orders households: village, piece, group, neighbourhood,
// code.
func sortAccounts(list []Account) {
	slices.SortFunc(list, func(a, b Account) int {
		return cmp.Or(strings.Compare(a.Household.Order, b.Household.Order), strings.Compare(a.Household.ID, b.Household.ID))
	})
}

// NoticeInput is what a monthly points 公示 says besides the points: how long it is posted and where
// and how to object.
type NoticeInput struct {
	Start   string `json:"start"` // ISO; today when empty
	Days    int    `json:"days"`  // working days; 5 when 0
	Where   string `json:"where"`
	How     string `json:"how"`
	Contact string `json:"contact"`
	Phone   string `json:"phone"`
	Monitor string `json:"monitor"` // 监督电话, optional
	Issuer  string `json:"issuer"`  // e.g. 桃林村村民委员会; the village's committee when empty
}

// MonthNotice fills a village's points 公示 for a month (2026-11): each household with entries that
// month, what it earned (by activity), lost and spent, and its balance at the month's end.
func (s *Service) MonthNotice(ctx context.Context, villageID, month string, in NoticeInput) (*docs.Gongshi, error) {
	var g *docs.Gongshi
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		g, err = monthNoticeIn(tx, villageID, month, in)
		return err
	})
	return g, err
}

// IssueMonthNotice issues the month's 公示 and archives it under the village.
func (s *Service) IssueMonthNotice(ctx context.Context, archive *docs.Archive, villageID, month string, in NoticeInput) (docs.Issued, error) {
	var out docs.Issued
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		out, err = IssueMonthNoticeIn(tx, archive, villageID, month, in)
		return err
	})
	return out, err
}

// IssueMonthNoticeIn is IssueMonthNotice inside a caller's transaction.
func IssueMonthNoticeIn(tx *store.Tx, archive *docs.Archive, villageID, month string, in NoticeInput) (docs.Issued, error) {
	g, err := monthNoticeIn(tx, villageID, month, in)
	if err != nil {
		return docs.Issued{}, err
	}
	out, _, err := archive.IssueIn(tx, g, noticeSource(villageID))
	return out, err
}

// noticeSource is what a village's points 公示 are archived under.
func noticeSource(villageID string) docs.Source { return docs.Source{Table: "villages", ID: villageID} }

// Notices lists the points 公示 issued for a village, oldest first.
func (s *Service) Notices(ctx context.Context, archive *docs.Archive, villageID string) ([]docs.Issued, error) {
	list, err := archive.BySource(ctx, noticeSource(villageID))
	if err != nil {
		return nil, err
	}
	out := []docs.Issued{}
	for _, d := range list {
		if d.Kind == "gongshi" && strings.Contains(d.Title, "道德超市") {
			out = append(out, d)
		}
	}
	return out, nil
}

func monthNoticeIn(tx *store.Tx, villageID, month string, in NoticeInput) (*docs.Gongshi, error) {
	village, err := grid.VillageNameIn(tx, villageID, "villageId")
	if err != nil {
		return nil, err
	}
	first, err := time.ParseInLocation("2006-01", month, time.Local)
	if err != nil {
		return nil, errs.Field("month", "月份应写成 2026-11 的样子，“%s”不是", month)
	}
	from, to := first.Format(dateLayout), first.AddDate(0, 1, -1).Format(dateLayout)
	if from > tx.Today().Format(dateLayout) {
		return nil, errs.Field("month", "%d年%d月还没到", first.Year(), first.Month())
	}
	type line struct {
		earned, deducted, redeemed int
		deeds                      map[string]int // activity and unit -> quantity
		order                      []string
	}
	lines := map[string]*line{}
	var households []string
	rows, err := tx.Query(`SELECT e.household_id, e.kind, e.activity, e.points, e.quantity, coalesce(r.unit, '次')
		FROM point_entries e LEFT JOIN point_rules r ON r.id = e.rule_id
		WHERE e.village_id = ? AND e.on_date BETWEEN ? AND ? AND e.deleted_at IS NULL ORDER BY e.on_date, e.created_at, e.id`, villageID, from, to)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取积分失败")
	}
	for rows.Next() {
		var h, kind, activity, unit string
		var points, quantity int
		if err := rows.Scan(&h, &kind, &activity, &points, &quantity, &unit); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取积分失败")
		}
		l := lines[h]
		if l == nil {
			l = &line{deeds: map[string]int{}}
			lines[h] = l
			households = append(households, h)
		}
		switch kind {
		case Earn:
			l.earned += points
			key := activity + "\x00" + unit
			if l.deeds[key] == 0 {
				l.order = append(l.order, key)
			}
			l.deeds[key] += quantity
		case Deduct:
			l.deducted -= points
		case Redeem:
			l.redeemed -= points
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取积分失败")
	}
	if len(households) == 0 {
		return nil, errs.Field("month", "%s%d年%d月没有积分记录，无需公示", village, first.Year(), first.Month())
	}
	var accounts []Account
	for _, id := range households {
		h, err := grid.HouseholdIn(tx, id, "householdId")
		if err != nil {
			if errs.CodeOf(err) == errs.NotFound {
				continue
			}
			return nil, err
		}
		accounts = append(accounts, Account{Household: h})
	}
	sortAccounts(accounts)
	g := &docs.Gongshi{Title: fmt.Sprintf("%s道德超市%d年%d月积分公示", village, first.Year(), first.Month()),
		Basis:   "根据" + village + "道德超市积分评定规则",
		Process: fmt.Sprintf("经村道德评议小组审核%d年%d月各户积分获得、扣减和兑换情况", first.Year(), first.Month()),
		Start:   docs.Date(in.Start), Days: in.Days, Where: in.Where, How: in.How, Contact: in.Contact, Phone: in.Phone,
		Monitor: in.Monitor,
		Issuer:  in.Issuer, Date: docs.Date(tx.Today().Format(dateLayout))}
	if g.Start == "" {
		g.Start = g.Date
	}
	if g.Days == 0 {
		g.Days = 5
	}
	if g.Issuer == "" {
		g.Issuer = village + "村民委员会"
		if strings.HasSuffix(village, "社区") {
			g.Issuer = village + "居民委员会"
		}
	}
	if g.Where == "" {
		g.Where = village + "村务公开栏"
	}
	if g.How == "" {
		g.How = "对公示的积分有异议的，请在公示期内向村道德评议小组实名反映"
	}
	for _, a := range accounts {
		l := lines[a.Household.ID]
		balance, err := balanceUntil(tx, a.Household.ID, to)
		if err != nil {
			return nil, err
		}
		var parts []string
		if l.earned > 0 {
			var deeds []string
			for _, key := range l.order {
				activity, unit, _ := strings.Cut(key, "\x00")
				deeds = append(deeds, fmt.Sprintf("%s%d%s", activity, l.deeds[key], unit))
			}
			parts = append(parts, fmt.Sprintf("获得%d分（%s）", l.earned, strings.Join(deeds, "、")))
		}
		if l.deducted > 0 {
			parts = append(parts, fmt.Sprintf("扣%d分", l.deducted))
		}
		if l.redeemed > 0 {
			parts = append(parts, fmt.Sprintf("兑换%d分", l.redeemed))
		}
		parts = append(parts, fmt.Sprintf("月末结余%d分", balance))
		name := a.Household.Head
		if name == "" {
			name = "户" + a.Household.Code
		}
		g.People = append(g.People, docs.GongshiItem{Name: name, Village: a.Household.Place, Reason: strings.Join(parts, "，")})
	}
	return g, g.Validate()
}

// balanceUntil is a household's balance at the end of an ISO day.
func balanceUntil(tx *store.Tx, householdID, day string) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? AND on_date <= ? AND deleted_at IS NULL`,
		householdID, day).Scan(&n)
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取积分失败")
	}
	return n, nil
}

// Households lists a village's households, to credit one that has no entry yet.
func (s *Service) Households(ctx context.Context, villageID string) ([]grid.HouseholdBrief, error) {
	var out []grid.HouseholdBrief
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = grid.HouseholdsOfVillageIn(tx, villageID)
		return err
	})
	return out, err
}
