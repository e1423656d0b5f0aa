package main

import (
	"context"
	"fmt"
	"io"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
)

func init() { commands["points"] = cmdPoints }

const pointsUsage = "用法：xiangzhi-cli points balance --db PATH [--village 村名] [--json]"

// cmdPoints: points balance prints the merit shops' (道德超市) balances: each household with entries,
// what it earned, lost and spent, and what it has left, with the total.
func cmdPoints(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "balance" {
		return errs.New(errs.Invalid, pointsUsage)
	}
	return pointsBalance(args[1:], out)
}

// pointsLine is a household's points as points balance --json gives them.
type pointsLine struct {
	grid.HouseholdBrief
	Earned   int `json:"earned"`
	Deducted int `json:"deducted"`
	Redeemed int `json:"redeemed"`
	Balance  int `json:"balance"`
}

// pointsTotal adds up the lines.
type pointsTotal struct {
	Households int `json:"households"`
	Earned     int `json:"earned"`
	Deducted   int `json:"deducted"`
	Redeemed   int `json:"redeemed"`
	Balance    int `json:"balance"`
}

func pointsBalance(args []string, out io.Writer) error {
	fs := newFlags("points balance")
	village := fs.String("village", "", "")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	villageID, err := meetingVillage(ctx, db, *village)
	if err != nil {
		return err
	}
	list, err := points.NewService(db, nil).Balances(ctx, villageID)
	if err != nil {
		return err
	}
	lines := make([]pointsLine, len(list))
	var total pointsTotal
	for i, a := range list {
		lines[i] = pointsLine{HouseholdBrief: a.Household, Earned: a.Earned, Deducted: a.Deducted, Redeemed: a.Redeemed, Balance: a.Balance}
		total.Households++
		total.Earned += a.Earned
		total.Deducted += a.Deducted
		total.Redeemed += a.Redeemed
		total.Balance += a.Balance
	}
	today := db.Today()
	if asJSON {
		return writeJSON(out, struct {
			Date       string       `json:"date"`
			Households []pointsLine `json:"households"`
			Total      pointsTotal  `json:"total"`
		}{today.Format("2006-01-02"), lines, total})
	}
	where := "各村（社区）"
	if *village != "" && len(list) > 0 {
		where = list[0].Household.VillageName
	} else if *village != "" {
		where = *village
	}
	fmt.Fprintf(out, "道德超市积分：%s共 %d 户有积分记录（截至%s）\n", where, len(lines), today.Format("2006年1月2日"))
	if len(lines) == 0 {
		return nil
	}
	fmt.Fprintln(out, "村（社区）  组邻  户主  户编号  获得  扣分  兑换  结余")
	for _, l := range lines {
		fmt.Fprintf(out, "%s  %s  %s  %s  %d  %d  %d  %d\n", l.VillageName, l.Place, orDash(l.Head), l.Code, l.Earned, l.Deducted,
			l.Redeemed, l.Balance)
	}
	fmt.Fprintf(out, "合计  %d 户  获得 %d  扣分 %d  兑换 %d  结余 %d\n", total.Households, total.Earned, total.Deducted, total.Redeemed,
		total.Balance)
	return nil
}
