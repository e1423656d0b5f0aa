package points_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

func day(s string) time.Time {
	d, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return d.Add(10 * time.Hour)
}

// world is 桃林村 with two households (龙大海's in 第一组第一邻, 吴小花's in 第一组第二邻), the rules
// 志愿服务 (5 a half day) and 环境卫生评比 (10), and a shop with 洗衣粉 (20 points, 3 in stock).
type world struct {
	s               *points.Service
	db              *store.DB
	clock           *storetest.Clock
	village         string
	long, wu        string // households
	volunteer, tidy string // rules
	soap            string // goods
	group           string // 第一组
}

func open(t *testing.T, at time.Time) *world {
	t.Helper()
	clock := storetest.NewClock(at)
	db := storetest.Open(t, store.Options{Clock: clock.Now, ShortName: "丹口", OfficeName: "丹口镇人民政府"})
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	g := grid.NewService(db, nil)
	w := &world{s: points.NewService(db, nil), db: db, clock: clock}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.village = must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	piece := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: w.village, Name: "第一片"}))
	group := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第一组"}))
	w.group = group
	nb1 := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"}))
	nb2 := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第二邻"}))
	w.long = must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb1, Code: "001"}, grid.ResidentInput{Name: "龙大海"}))
	w.wu = must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb2, Code: "002"}, grid.ResidentInput{Name: "吴小花"}))
	w.volunteer = must(w.s.AddRule(ctx, points.RuleInput{Activity: "志愿服务", Category: "志愿服务", Points: 5, Unit: "半天", Active: true}))
	w.tidy = must(w.s.AddRule(ctx, points.RuleInput{VillageID: w.village, Activity: "环境卫生评比", Category: "环境卫生", Points: 10, Active: true}))
	w.soap = must(w.s.AddGoods(ctx, points.GoodsInput{VillageID: w.village, Name: "洗衣粉", Unit: "袋", Price: 20, Stock: 3}))
	return w
}

func (w *world) earn(t *testing.T, household, rule, on string, quantity int) string {
	t.Helper()
	id, err := w.s.Earn(ctx, points.EarnInput{HouseholdID: household, RuleID: rule, On: on, Quantity: quantity, Approver: "蓝建国"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) balance(t *testing.T, household string) int {
	t.Helper()
	a, err := w.s.AccountOf(ctx, household)
	if err != nil {
		t.Fatal(err)
	}
	return a.Balance
}

func (w *world) stock(t *testing.T) int {
	t.Helper()
	list, err := w.s.GoodsOf(ctx, w.village)
	if err != nil || len(list) != 1 {
		t.Fatalf("goods: %+v %v", list, err)
	}
	return list[0].Stock
}

func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Field != field {
		t.Fatalf("want %s error on %q, got %v", code, field, err)
	}
}

// The same activity is credited to a household once a day: again the same day is refused, another
// day, another activity or another household is not, and a withdrawn credit can be made again.
func TestAnActivityOnceADay(t *testing.T) {
	w := open(t, day("2026-11-27"))
	first := w.earn(t, w.long, w.volunteer, "2026-11-20", 2) // two half days: 10
	_, err := w.s.Earn(ctx, points.EarnInput{HouseholdID: w.long, RuleID: w.volunteer, On: "2026-11-20", Approver: "蓝建国"})
	wantErr(t, err, errs.Invalid, "ruleId")
	if !strings.Contains(err.Error(), "同一事项同一天只记一次") {
		t.Fatalf("message: %v", err)
	}
	w.earn(t, w.long, w.volunteer, "2026-11-21", 1)
	w.earn(t, w.long, w.tidy, "2026-11-20", 1)
	w.earn(t, w.wu, w.volunteer, "2026-11-20", 1)
	if got := w.balance(t, w.long); got != 10+5+10 {
		t.Fatalf("龙大海: %d", got)
	}
	_, err = w.s.Earn(ctx, points.EarnInput{HouseholdID: w.long, RuleID: w.volunteer, On: "2026-11-28", Approver: "蓝建国"})
	wantErr(t, err, errs.Invalid, "on")
	_, err = w.s.Earn(ctx, points.EarnInput{HouseholdID: w.long, RuleID: w.volunteer, On: "2026-11-22"})
	wantErr(t, err, errs.Invalid, "approver")
	wantErr(t, w.s.Withdraw(ctx, first, ""), errs.Invalid, "reason")
	if err := w.s.Withdraw(ctx, first, "记错了户"); err != nil {
		t.Fatal(err)
	}
	w.earn(t, w.long, w.volunteer, "2026-11-20", 1)
	a, err := w.s.AccountOf(ctx, w.long)
	if err != nil || a.Balance != 5+5+10 || a.Earned != 20 || len(a.Entries) != 4 {
		t.Fatalf("account: %+v %v", a, err)
	}
	var withdrawn int
	for _, e := range a.Entries {
		if e.Withdrawn == "记错了户" {
			withdrawn++
		}
	}
	if withdrawn != 1 {
		t.Fatalf("the withdrawn entry is listed with its reason: %+v", a.Entries)
	}
}

// A balance never goes below zero: a deduction or a redemption beyond it is refused and writes
// nothing; a redemption takes the stock and the points together; withdrawing a credit already spent
// is refused; withdrawing a redemption returns the goods.
func TestBalanceStockAndRedemptions(t *testing.T) {
	w := open(t, day("2026-11-27"))
	w.earn(t, w.long, w.tidy, "2026-11-01", 3)                // 30
	credit := w.earn(t, w.long, w.volunteer, "2026-11-02", 2) // 10: 40 in all
	_, err := w.s.Deduct(ctx, points.DeductInput{HouseholdID: w.long, Points: 41, Reason: "乱倒垃圾", Approver: "蓝建国"})
	wantErr(t, err, errs.Invalid, "points")
	_, err = w.s.Deduct(ctx, points.DeductInput{HouseholdID: w.long, Points: 5, Approver: "蓝建国"})
	wantErr(t, err, errs.Invalid, "reason")
	if _, err := w.s.Deduct(ctx, points.DeductInput{HouseholdID: w.long, Points: 5, Reason: "乱倒垃圾", Approver: "蓝建国"}); err != nil {
		t.Fatal(err)
	}
	// 35 left: one bag of 20 yes, two (40) no.
	_, err = w.s.Redeem(ctx, points.RedeemInput{HouseholdID: w.long, GoodsID: w.soap, Quantity: 2, Approver: "杨丽"})
	wantErr(t, err, errs.Invalid, "quantity")
	if got, stock := w.balance(t, w.long), w.stock(t); got != 35 || stock != 3 {
		t.Fatalf("a refused redemption changed the balance %d or the stock %d", got, stock)
	}
	bag, err := w.s.Redeem(ctx, points.RedeemInput{HouseholdID: w.long, GoodsID: w.soap, Quantity: 1, Approver: "杨丽"})
	if err != nil {
		t.Fatal(err)
	}
	if got, stock := w.balance(t, w.long), w.stock(t); got != 15 || stock != 2 {
		t.Fatalf("after one bag: balance %d stock %d", got, stock)
	}
	// Taking back the 30 of 环境卫生 would leave 15 - 30 < 0: refused.
	a, _ := w.s.AccountOf(ctx, w.long)
	var tidyEntry string
	for _, e := range a.Entries {
		if e.Activity == "环境卫生评比" {
			tidyEntry = e.ID
		}
	}
	if err := w.s.Withdraw(ctx, tidyEntry, "重复登记"); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("withdrawing spent points: %v", err)
	}
	if err := w.s.Withdraw(ctx, bag, "商品退回"); err != nil {
		t.Fatal(err)
	}
	if got, stock := w.balance(t, w.long), w.stock(t); got != 35 || stock != 3 {
		t.Fatalf("after the bag came back: balance %d stock %d", got, stock)
	}
	if err := w.s.Withdraw(ctx, credit, "重复登记"); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Restock(ctx, w.soap, 4); err != nil || w.stock(t) != 7 {
		t.Fatalf("restocked: %v, %d", err, w.stock(t))
	}
	wantErr(t, w.s.Restock(ctx, w.soap, 0), errs.Invalid, "stock")
	// Another village's shop is not this household's.
	g := grid.NewService(w.db, nil)
	other, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "下团村"})
	tea, err := w.s.AddGoods(ctx, points.GoodsInput{VillageID: other, Name: "茶油", Price: 5, Stock: 9})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.s.Redeem(ctx, points.RedeemInput{HouseholdID: w.long, GoodsID: tea, Approver: "杨丽"})
	wantErr(t, err, errs.Invalid, "goodsId")
	// Nothing chosen is said as such, not as something chosen that is gone.
	for _, c := range []struct {
		in           points.RedeemInput
		field, words string
	}{
		{points.RedeemInput{HouseholdID: w.long, Approver: "杨丽"}, "goodsId", "请选择要兑换的商品"},
		{points.RedeemInput{GoodsID: w.soap, Approver: "杨丽"}, "householdId", "请选择户"},
	} {
		_, err = w.s.Redeem(ctx, c.in)
		if e := errs.As(err); e.Code != errs.Invalid || e.Field != c.field || e.Message != c.words {
			t.Errorf("nothing chosen for %s: %v", c.field, err)
		}
	}
}

// Two redemptions of the last bag at once: the write lock lets one through and the other finds the
// stock gone; the stock never goes below zero.
func TestLastBagOnce(t *testing.T) {
	w := open(t, day("2026-11-27"))
	w.earn(t, w.long, w.tidy, "2026-11-01", 10)
	w.earn(t, w.wu, w.tidy, "2026-11-01", 10)
	for i := 0; i < 2; i++ {
		if _, err := w.s.Redeem(ctx, points.RedeemInput{HouseholdID: w.long, GoodsID: w.soap, Approver: "杨丽"}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errsOf := make([]error, 2)
	for i, h := range []string{w.long, w.wu} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errsOf[i] = w.s.Redeem(ctx, points.RedeemInput{HouseholdID: h, GoodsID: w.soap, Approver: "杨丽"})
		}()
	}
	wg.Wait()
	if (errsOf[0] == nil) == (errsOf[1] == nil) || w.stock(t) != 0 {
		t.Fatalf("the last bag: %v / %v, stock %d", errsOf[0], errsOf[1], w.stock(t))
	}
}

// The month's 公示 lists each household with entries in the month: what it earned by activity, lost
// and spent, and its balance at the month's end — counted by hand.
func TestMonthNotice(t *testing.T) {
	w := open(t, day("2026-12-03"))
	w.earn(t, w.long, w.volunteer, "2026-10-30", 2) // October: 10
	w.earn(t, w.long, w.volunteer, "2026-11-05", 1) // 5
	w.earn(t, w.long, w.volunteer, "2026-11-12", 2) // 10
	w.earn(t, w.long, w.tidy, "2026-11-30", 1)      // 10
	if _, err := w.s.Redeem(ctx, points.RedeemInput{HouseholdID: w.long, GoodsID: w.soap, On: "2026-11-20", Approver: "杨丽"}); err != nil {
		t.Fatal(err) // -20
	}
	w.earn(t, w.wu, w.tidy, "2026-11-30", 2) // 20
	if _, err := w.s.Deduct(ctx, points.DeductInput{HouseholdID: w.wu, Points: 5, On: "2026-11-30", Reason: "乱堆柴草", Approver: "蓝建国"}); err != nil {
		t.Fatal(err)
	}
	w.earn(t, w.wu, w.volunteer, "2026-12-01", 1) // December: not in it
	in := points.NoticeInput{Contact: "杨丽", Phone: "0739-7321234"}
	g, err := w.s.MonthNotice(ctx, w.village, "2026-11", in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range g.People {
		got = append(got, p.Name+"|"+p.Village+"|"+p.Reason)
	}
	want := []string{
		"龙大海|第一组第一邻|获得25分（志愿服务3半天、环境卫生评比1次），兑换20分，月末结余15分",
		"吴小花|第一组第二邻|获得20分（环境卫生评比2次），扣5分，月末结余15分",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || g.Title != "桃林村道德超市2026年11月积分公示" || g.Issuer != "桃林村村民委员会" {
		t.Fatalf("notice:\n%s\n%s %s", strings.Join(got, "\n"), g.Title, g.Issuer)
	}
	_, err = w.s.MonthNotice(ctx, w.village, "2026-09", in)
	wantErr(t, err, errs.Invalid, "month")
	_, err = w.s.MonthNotice(ctx, w.village, "2026-11", points.NoticeInput{})
	if errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("a notice without its contact: %v", err)
	}
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	archive := &docs.Archive{DB: w.db, Fonts: set}
	issued, err := w.s.IssueMonthNotice(ctx, archive, w.village, "2026-11", in)
	if err != nil || issued.Kind != "gongshi" {
		t.Fatalf("issued %+v %v", issued, err)
	}
	// A household of 第三邻 (made after 第二邻, though 三 sorts before 二 as text) comes last, as on 网格.
	gs := grid.NewService(w.db, nil)
	third, err := gs.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: w.group, Name: "第三邻"})
	if err != nil {
		t.Fatal(err)
	}
	zhang, err := gs.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: third, Code: "003"}, grid.ResidentInput{Name: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	w.earn(t, zhang, w.tidy, "2026-12-01", 1)
	list, err := w.s.Balances(ctx, w.village)
	if err != nil || len(list) != 3 || list[0].Household.Head != "龙大海" || list[0].Balance != 15 || list[1].Balance != 20 ||
		list[2].Household.Head != "张三" {
		t.Fatalf("balances: %+v %v", list, err)
	}
}

// A 道德超市 form saved with several fields wrong names every one of them at once, and writes nothing;
// the balance and the stock are looked at only once the form itself is right.
func TestFormsNameEveryProblemAtOnce(t *testing.T) {
	w := open(t, day("2026-11-27"))
	fieldsOf := func(err error) []string {
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid {
			t.Fatalf("want the form refused, got %v", err)
		}
		var out []string
		for _, f := range e.All() {
			out = append(out, f.Field)
		}
		return out
	}
	for _, c := range []struct {
		name string
		save func() error
		want string
	}{
		{"earn", func() error {
			_, err := w.s.Earn(ctx, points.EarnInput{HouseholdID: w.long, On: "2026-12-01", Quantity: 101})
			return err
		}, "on approver ruleId quantity"},
		{"earn by another village's rule", func() error {
			_, err := w.s.Earn(ctx, points.EarnInput{RuleID: w.tidy, Approver: "蓝建国", Quantity: -1})
			return err
		}, "householdId quantity"},
		{"deduct", func() error {
			_, err := w.s.Deduct(ctx, points.DeductInput{HouseholdID: w.long, On: "2026-11-31", Points: 0})
			return err
		}, "on approver reason points"},
		{"redeem", func() error {
			_, err := w.s.Redeem(ctx, points.RedeemInput{Quantity: 1001, Approver: "杨丽"})
			return err
		}, "householdId goodsId quantity"},
		{"rule", func() error {
			_, err := w.s.AddRule(ctx, points.RuleInput{Activity: " ", Category: "打牌", Points: 0, Unit: "一二三四五六七八九十一"})
			return err
		}, "activity category points unit"},
		{"goods", func() error {
			_, err := w.s.AddGoods(ctx, points.GoodsInput{Name: "", Price: 0, Stock: -1})
			return err
		}, "villageId name price stock"},
	} {
		if got := strings.Join(fieldsOf(c.save()), " "); got != c.want {
			t.Errorf("%s: fields %q, want %q", c.name, got, c.want)
		}
	}
	// The balance is not weighed while the form is wrong: a good form asking too much is refused on it.
	_, err := w.s.Deduct(ctx, points.DeductInput{HouseholdID: w.long, Points: 5, Reason: "乱倒垃圾", Approver: "蓝建国"})
	if e := errs.As(err); e == nil || e.Field != "points" || len(e.Also) != 0 || !strings.Contains(e.Message, "积分只有0分") {
		t.Errorf("a deduction beyond the balance: %v", err)
	}
	if w.balance(t, w.long) != 0 || w.stock(t) != 3 {
		t.Error("a refused form changed the ledger or the stock")
	}
	rules, err := w.s.Rules(ctx, "")
	if err != nil || len(rules) != 2 {
		t.Errorf("a refused rule was added: %d %v", len(rules), err)
	}
}

// An entry of the ledger names its 经办人, the operator: with none recorded it is refused on that
// field, with the household's other problems, and nothing is written.
func TestEntryNeedsTheOperator(t *testing.T) {
	w := open(t, day("2026-11-27"))
	var entries int
	err := w.db.Write(ctx, func(tx *store.Tx) error {
		tx.ActAs("")
		_, err := points.EarnIn(tx, points.EarnInput{HouseholdID: w.long, RuleID: w.tidy, Approver: ""})
		return err
	})
	e := errs.As(err)
	if e == nil || e.Field != "operator" || !strings.Contains(e.Message, "请先在「设置」中填写操作员姓名") {
		t.Fatalf("an entry with no operator: %v", err)
	}
	if len(e.Also) != 1 || e.Also[0].Field != "approver" {
		t.Errorf("the other problems were not named with it: %s", e.Messages())
	}
	if err := w.db.SQL().QueryRow(`SELECT count(*) FROM point_entries`).Scan(&entries); err != nil || entries != 0 {
		t.Errorf("%d entries written, %v", entries, err)
	}
	// Nor is an entry taken back anonymously.
	id := w.earn(t, w.long, w.tidy, "2026-11-27", 1)
	err = w.db.Write(ctx, func(tx *store.Tx) error {
		tx.ActAs("")
		return points.WithdrawIn(tx, id, "记错了")
	})
	if e := errs.As(err); e == nil || e.Field != "operator" {
		t.Errorf("a withdrawal with no operator: %v", err)
	}
}

// An entry's 经办人 is who recorded it, not who last changed it: taken back by another operator, it
// keeps its recorder and says who withdrew it. A file written before the recorder had a column of its
// own gets it from the audit log as it is upgraded.
func TestWithdrawnEntryKeepsItsClerk(t *testing.T) {
	w := open(t, day("2026-11-27"))
	id := w.earn(t, w.long, w.tidy, "2026-11-27", 1)
	if err := w.db.Write(ctx, func(tx *store.Tx) error {
		tx.ActAs("杨明")
		return points.WithdrawIn(tx, id, "记错了")
	}); err != nil {
		t.Fatal(err)
	}
	checkClerk(t, w.s, w.long, "王丽", "杨明")

	// Upgraded: a file of schema 37, its entry recorded by 王丽 and withdrawn by 杨明.
	path := filepath.Join(t.TempDir(), "v37.db")
	all := store.Migrations()
	old, err := store.Open(path, store.Options{Clock: storetest.NewClock(day("2026-11-27")).Now, Migrations: all[:37],
		OfficeName: "丹口镇人民政府", ShortName: "丹口"})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	g := grid.NewService(old, nil)
	village, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"})
	if err != nil {
		t.Fatal(err)
	}
	piece, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: village, Name: "第一片"})
	group, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第一组"})
	nb, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"})
	household, err := g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Code: "001"}, grid.ResidentInput{Name: "龙大海"})
	if err != nil {
		t.Fatal(err)
	}
	var entry, kept string
	if err := old.Write(ctx, func(tx *store.Tx) (err error) {
		for _, e := range []*string{&entry, &kept} {
			if *e, err = tx.Insert("point_entries", store.Values{"household_id": household, "village_id": village, "on_date": "2026-11-20",
				"kind": points.Earn, "activity": "志愿服务", "points": 5, "approver": "蓝建国"}); err != nil {
				return err
			}
		}
		tx.ActAs("杨明")
		if _, err := tx.Update("point_entries", entry, store.Values{"withdrawn": "记错了"}); err != nil {
			return err
		}
		return tx.Delete("point_entries", entry)
	}); err != nil {
		t.Fatal(err)
	}
	old.Close()
	upgraded, err := store.Open(path, store.Options{Clock: storetest.NewClock(day("2026-11-27")).Now})
	if err != nil {
		t.Fatal(err)
	}
	defer upgraded.Close()
	a, err := points.NewService(upgraded, nil).AccountOf(ctx, household)
	if err != nil || len(a.Entries) != 2 {
		t.Fatalf("%+v %v", a, err)
	}
	for _, e := range a.Entries {
		want := ""
		if e.ID == entry {
			want = "杨明"
		}
		if e.Operator != "王丽" || e.WithdrawnBy != want {
			t.Errorf("upgraded entry %s: 经办人 %q, withdrawn by %q (want 王丽, %q)", e.ID, e.Operator, e.WithdrawnBy, want)
		}
	}
}

// checkClerk checks the only entry of a household's account: recorded by clerk, withdrawn by by.
func checkClerk(t *testing.T, s *points.Service, household, clerk, by string) {
	t.Helper()
	a, err := s.AccountOf(ctx, household)
	if err != nil || len(a.Entries) != 1 {
		t.Fatalf("%+v %v", a, err)
	}
	if e := a.Entries[0]; e.Operator != clerk || e.WithdrawnBy != by {
		t.Errorf("经办人 %q, withdrawn by %q; want %q, %q", e.Operator, e.WithdrawnBy, clerk, by)
	}
}
