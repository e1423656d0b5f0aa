package demo_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
)

// checkPoints checks the township demo's merit shops (TestTownship): the five rules of every village
// and each village's own, its goods and a year of entries; part of the households with points, a few
// of them very active; no balance below zero at the end of any day, no stock below zero, no rule
// credited to a household twice a day, every credit by a rule active in its village; deductions and
// withdrawals with their reasons; the balances as backend/points adds them up; and last month's 公示
// of each village.
func checkPoints(t *testing.T, s *grid.Service, stats demo.Stats) {
	db := dbOf(s)
	ps := points.NewService(db, nil)
	today := db.Today().Format(time.DateOnly)
	yearAgo := db.Today().AddDate(-1, 0, 0).Format(time.DateOnly)
	villages, err := s.Villages(ctx)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Shops", func(t *testing.T) {
		common, err := ps.Rules(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		var everywhere []string
		for _, r := range common {
			if r.VillageID == "" {
				everywhere = append(everywhere, r.Activity)
			}
		}
		slices.Sort(everywhere)
		if strings.Join(everywhere, ",") != "参与调解,孝老爱亲,志愿服务,环境卫生评比,移风易俗" {
			t.Errorf("the rules of every village: %v", everywhere)
		}
		for _, v := range villages {
			rules, err := ps.Rules(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			own := 0
			for _, r := range rules {
				if r.VillageID == v.ID && r.Active {
					own++
				}
			}
			goods, err := ps.GoodsOf(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]bool{}
			for _, g := range goods {
				names[g.Name] = true
				if g.Stock < 0 || g.Price < 1 || g.Unit == "" {
					t.Errorf("%s: %+v", v.Name, g)
				}
			}
			if own < 1 || own > 3 || len(goods) < 10 || !names["洗衣粉"] || !names["食用油"] || !names["大米"] {
				t.Errorf("%s: %d rules of its own, %d goods %v", v.Name, own, len(goods), names)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM point_goods WHERE stock < 0`); n > 0 {
			t.Errorf("%d goods below zero in stock", n)
		}
	})

	t.Run("Entries", func(t *testing.T) {
		if n := count(t, s, `SELECT count(*) FROM point_entries`); n != stats.PointEntries || n < stats.Households*2 {
			t.Fatalf("%d entries, Generate says %d, for %d households", n, stats.PointEntries, stats.Households)
		}
		for _, r := range query(t, s, `SELECT v.name, (SELECT count(*) FROM point_entries e WHERE e.village_id = v.id AND e.kind = '获得'),
			(SELECT count(*) FROM point_entries e WHERE e.village_id = v.id AND e.kind = '兑换') FROM villages v`) {
			if atoi(t, r[1]) < 100 || atoi(t, r[2]) < 20 {
				t.Errorf("%s: %s credits, %s redemptions", r[0], r[1], r[2])
			}
		}
		by := map[string]int{}
		for _, r := range query(t, s, `SELECT kind, count(*) FROM point_entries WHERE deleted_at IS NULL GROUP BY kind`) {
			by[r[0]] = atoi(t, r[1])
		}
		withdrawn := map[string]int{}
		for _, r := range query(t, s, `SELECT kind, count(*) FROM point_entries WHERE deleted_at IS NOT NULL AND withdrawn <> '' GROUP BY kind`) {
			withdrawn[r[0]] = atoi(t, r[1])
		}
		t.Logf("entries %v, withdrawn %v", by, withdrawn)
		if by[points.Deduct] < len(villages)*2 || withdrawn[points.Earn] == 0 || withdrawn[points.Redeem] == 0 {
			t.Errorf("entries %v, withdrawn %v", by, withdrawn)
		}
		if n := count(t, s, `SELECT count(*) FROM point_entries WHERE deleted_at IS NOT NULL AND withdrawn = ''`); n > 0 {
			t.Errorf("%d entries withdrawn without a reason", n)
		}
		if n := count(t, s, `SELECT count(*) FROM point_entries WHERE kind = '扣分' AND reason = ''`); n > 0 {
			t.Errorf("%d deductions without a reason", n)
		}
		if n := count(t, s, `SELECT count(*) FROM point_entries WHERE on_date > ? OR on_date <= ? OR approver = ''`, today, yearAgo); n > 0 {
			t.Errorf("%d entries outside the year or without an approver", n)
		}
		for _, r := range query(t, s, `SELECT r.activity, count(e.id) FROM point_rules r LEFT JOIN point_entries e ON e.rule_id = r.id
			WHERE r.village_id = '' GROUP BY r.id`) {
			if atoi(t, r[1]) == 0 {
				t.Errorf("nobody was credited for %s", r[0])
			}
		}
		// by a rule active and of its village, once a household and day
		if n := count(t, s, `SELECT count(*) FROM point_entries e JOIN point_rules r ON r.id = e.rule_id
			WHERE NOT r.active OR r.village_id NOT IN ('', e.village_id)`); n > 0 {
			t.Errorf("%d credits by a rule stopped or of another village", n)
		}
		if n := count(t, s, `SELECT count(*) FROM (SELECT 1 FROM point_entries WHERE kind = '获得' AND deleted_at IS NULL
			GROUP BY household_id, rule_id, on_date HAVING count(*) > 1)`); n > 0 {
			t.Errorf("%d credits of a rule twice a day to a household", n)
		}
		if n := count(t, s, `SELECT count(*) FROM point_entries WHERE kind = '获得' AND rule_id = ''
			OR kind = '兑换' AND goods_id = '' OR kind <> '获得' AND points > 0 OR kind = '获得' AND points < 0`); n > 0 {
			t.Errorf("%d entries whose points or rule or goods do not fit their kind", n)
		}
		// at the end of no day is a balance below zero
		if n := count(t, s, `SELECT count(*) FROM (SELECT sum(day) OVER (PARTITION BY household_id ORDER BY on_date) AS balance
			FROM (SELECT household_id, on_date, sum(points) AS day FROM point_entries WHERE deleted_at IS NULL
			GROUP BY household_id, on_date)) WHERE balance < 0`); n > 0 {
			t.Errorf("%d days a household ended below zero", n)
		}
	})

	t.Run("Balances", func(t *testing.T) {
		list, err := ps.Balances(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		households := count(t, s, `SELECT count(DISTINCT household_id) FROM point_entries WHERE deleted_at IS NULL`)
		sum := count(t, s, `SELECT sum(points) FROM point_entries WHERE deleted_at IS NULL`)
		if len(list) != households || households < stats.Households/4 || households > stats.Households*3/4 {
			t.Errorf("%d households with points listed, %d with entries, of %d", len(list), households, stats.Households)
		}
		total, redeemed, most := 0, 0, 0
		var entries []int
		for _, a := range list {
			if a.Balance < 0 || a.Balance != a.Earned-a.Deducted-a.Redeemed || a.Household.Head == "" {
				t.Errorf("%s %s: %+v", a.Household.VillageName, a.Household.Code, a)
			}
			total += a.Balance
			if a.Redeemed > 0 {
				redeemed++
			}
			most = max(most, a.Earned)
		}
		for _, r := range query(t, s, `SELECT count(*) FROM point_entries WHERE kind = '获得' AND deleted_at IS NULL GROUP BY household_id`) {
			entries = append(entries, atoi(t, r[0]))
		}
		slices.Sort(entries)
		median, top := entries[len(entries)/2], entries[len(entries)*19/20]
		t.Logf("%d households with points of %d, %d of them redeemed; credits a household: median %d, top 5%% %d; most earned %d",
			len(list), stats.Households, redeemed, median, top, most)
		if total != sum || redeemed < len(list)/4 || median > 8 || top < 20 {
			t.Errorf("balances add up to %d of %d; %d redeemed; median %d, top %d credits", total, sum, redeemed, median, top)
		}
	})

	// Last month's 公示 of every village fills, with a line for each household with entries then.
	t.Run("MonthNotice", func(t *testing.T) {
		month := time.Date(db.Today().Year(), db.Today().Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
		for _, v := range villages {
			g, err := ps.MonthNotice(ctx, v.ID, month, points.NoticeInput{Contact: "杨丽", Phone: "0739-7321234"})
			if err != nil {
				t.Errorf("%s %s: %v", v.Name, month, err)
				continue
			}
			n := count(t, s, `SELECT count(DISTINCT household_id) FROM point_entries WHERE village_id = ? AND on_date LIKE ?
				AND deleted_at IS NULL`, v.ID, month+"-%")
			if len(g.People) != n || !strings.Contains(g.Title, v.Name+"道德超市") || !strings.Contains(g.People[0].Reason, "月末结余") {
				t.Errorf("%s: %d lines for %d households: %s %+v", v.Name, len(g.People), n, g.Title, g.People[0])
			}
		}
	})
}

// pointsQuery is what two runs of the demo must agree on of the merit shops (TestTownship).
const pointsQuery = `SELECT v.name, h.code, e.on_date, e.kind, e.activity, e.quantity, e.points, e.reason, e.approver, e.withdrawn,
	coalesce(g.stock, '') FROM point_entries e JOIN households h ON h.id = e.household_id JOIN villages v ON v.id = e.village_id
	LEFT JOIN point_goods g ON g.id = e.goods_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`
