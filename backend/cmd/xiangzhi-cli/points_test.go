package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
	"xiangzhi/backend/store"
)

// pointsWorld is a database of the office 丹口 with 桃林村 (龙大海's household in 第一组第一邻, 吴小花's in
// 第一组第二邻, 石头's with no entry) and 李家村 (李明's household): 龙大海 earned 40 and 10, lost 5 for
// 乱倒垃圾 and spent 20 on a bag of 洗衣粉 (a second bag taken back); 吴小花 earned 10 (a credit of 5
// withdrawn); 李明 earned 10.
func pointsWorld(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.db")
	if code, _, e := runCLI("init", "--db", path, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	ctx := context.Background()
	d, err := store.Open(path, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	g := grid.NewService(d, nil)
	neighbourhoods := func(village string) (string, string) {
		piece := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: village, Name: "第一片"}))
		group := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第一组"}))
		return must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"})),
			must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第二邻"}))
	}
	taolin := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	lijia := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "李家村"}))
	nb1, nb2 := neighbourhoods(taolin)
	nb3, _ := neighbourhoods(lijia)
	long := must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb1, Code: "001"}, grid.ResidentInput{Name: "龙大海"}))
	wu := must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb2, Code: "002"}, grid.ResidentInput{Name: "吴小花"}))
	must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb2, Code: "003"}, grid.ResidentInput{Name: "石头"}))
	li := must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb3, Code: "001"}, grid.ResidentInput{Name: "李明"}))

	s := points.NewService(d, nil)
	volunteer := must(s.AddRule(ctx, points.RuleInput{Activity: "志愿服务", Category: "志愿服务", Points: 5, Unit: "半天", Active: true}))
	tidy := must(s.AddRule(ctx, points.RuleInput{Activity: "环境卫生评比", Category: "环境卫生", Points: 10, Unit: "月", Active: true}))
	soap := must(s.AddGoods(ctx, points.GoodsInput{VillageID: taolin, Name: "洗衣粉", Unit: "袋", Price: 20, Stock: 5}))
	day := func(n int) string { return d.Today().AddDate(0, 0, -n).Format("2006-01-02") }
	earn := func(h, rule, on string, q int) string {
		return must(s.Earn(ctx, points.EarnInput{HouseholdID: h, RuleID: rule, On: on, Quantity: q, Approver: "蓝建国"}))
	}
	earn(long, volunteer, day(20), 8) // 40
	earn(long, tidy, day(10), 1)      // 10
	must(s.Deduct(ctx, points.DeductInput{HouseholdID: long, Points: 5, On: day(9), Reason: "乱倒垃圾", Approver: "蓝建国"}))
	must(s.Redeem(ctx, points.RedeemInput{HouseholdID: long, GoodsID: soap, On: day(2), Approver: "杨丽"}))
	back := must(s.Redeem(ctx, points.RedeemInput{HouseholdID: long, GoodsID: soap, On: day(2), Approver: "杨丽"}))
	if err := s.Withdraw(ctx, back, "商品退回"); err != nil {
		t.Fatal(err)
	}
	earn(wu, tidy, day(10), 1)
	wrong := earn(wu, volunteer, day(3), 1)
	if err := s.Withdraw(ctx, wrong, "记错了户"); err != nil {
		t.Fatal(err)
	}
	earn(li, tidy, day(10), 1)
	return path
}

// points balance lists each household with entries — village, 组邻, head, code, earned, deducted,
// redeemed, balance — in the grid's order with the total, as text and as JSON, for all villages or
// one; withdrawn entries count for nothing, a household without entries is not listed; bad input
// fails with exit 1, a Chinese message and, for a flag it does not know, the usage.
func TestPointsBalance(t *testing.T) {
	db := pointsWorld(t)
	today := clock().Format("2006年1月2日")

	code, out, errOut := runCLI("points", "balance", "--db", db)
	want := "道德超市积分：各村（社区）共 3 户有积分记录（截至" + today + "）\n" +
		"村（社区）  组邻  户主  户编号  获得  扣分  兑换  结余\n" +
		"李家村  第一组第一邻  李明  001  10  0  0  10\n" +
		"桃林村  第一组第一邻  龙大海  001  50  5  20  25\n" +
		"桃林村  第一组第二邻  吴小花  002  10  0  0  10\n" +
		"合计  3 户  获得 70  扣分 5  兑换 20  结余 45\n"
	if code != 0 || out != want {
		t.Errorf("points balance: %d %s\n%s\nwant\n%s", code, errOut, out, want)
	}

	code, out, errOut = runCLI("points", "balance", "--village", "桃林村", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "道德超市积分：桃林村共 2 户有积分记录") || strings.Contains(out, "李明") ||
		!strings.HasSuffix(out, "合计  2 户  获得 60  扣分 5  兑换 20  结余 35\n") {
		t.Errorf("points balance --village: %d %s %s", code, out, errOut)
	}

	code, out, _ = runCLI("points", "balance", "--db", db, "--village", "桃林村", "--json")
	var got struct {
		Date       string       `json:"date"`
		Households []pointsLine `json:"households"`
		Total      pointsTotal  `json:"total"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("points balance --json: %d %s", code, out)
	}
	if len(got.Households) != 2 || got.Date != clock().Format("2006-01-02") ||
		got.Total != (pointsTotal{Households: 2, Earned: 60, Deducted: 5, Redeemed: 20, Balance: 35}) {
		t.Errorf("points balance --json: %+v", got)
	}
	if h := got.Households[0]; h.Head != "龙大海" || h.Code != "001" || h.VillageName != "桃林村" || h.Place != "第一组第一邻" ||
		h.Earned != 50 || h.Deducted != 5 || h.Redeemed != 20 || h.Balance != 25 || h.ID == "" {
		t.Errorf("points balance --json: %+v", h)
	}

	// a village without entries: none listed, and an empty list in JSON
	empty := filepath.Join(t.TempDir(), "empty.db")
	mustRun(t)("init", "--db", empty)
	code, out, _ = runCLI("points", "balance", "--db", empty)
	if code != 0 || !strings.HasPrefix(out, "道德超市积分：各村（社区）共 0 户有积分记录") || strings.Contains(out, "合计") {
		t.Errorf("no entries: %d %q", code, out)
	}
	code, out, _ = runCLI("points", "balance", "--db", empty, "--json")
	if code != 0 || !strings.Contains(out, `"households": []`) || !strings.Contains(out, `"balance": 0`) {
		t.Errorf("no entries in JSON: %d %s", code, out)
	}

	for _, f := range []struct {
		args []string
		want string
	}{
		{[]string{"points", "balance", "--db", db, "--village", "张家村"}, "--village：没有名为“张家村”的村（社区）"},
		{[]string{"points", "balance", "--db", filepath.Join(t.TempDir(), "none.db")}, "不存在"},
		{[]string{"points", "balance"}, "缺少 --db"},
		{[]string{"points", "balance", "--db", db, "--nope"}, "没有参数 --nope"},
		{[]string{"points", "balance", "--db", db, "stray"}, "不接受多余的参数"},
		{[]string{"points", "redeem"}, "用法：xiangzhi-cli points balance"},
		{[]string{"points"}, "用法：xiangzhi-cli points balance"},
	} {
		code, out, errOut := runCLI(f.args...)
		if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, f.want) {
			t.Errorf("%v: exit %d, out %q, err %q", f.args, code, out, errOut)
		}
	}
	code, _, errOut = runCLI("points", "balance", "--db", db, "--nope")
	if code != 1 || !strings.Contains(errOut, "xiangzhi-cli points balance --db PATH [--village 村名] [--json]") {
		t.Errorf("usage after an unknown flag: %q", errOut)
	}
}
