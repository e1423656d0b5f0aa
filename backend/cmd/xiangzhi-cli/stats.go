package main

import (
	"context"
	"fmt"
	"io"

	"xiangzhi/backend/cases"
)

func init() { commands["stats"] = cmdStats }

// cmdStats: stats --db PATH [--from DATE --to DATE] [--village NAME] [--json] prints the figures of
// the 民情 cases registered in a period.
func cmdStats(args []string, out io.Writer) error {
	fs := newFlags("stats")
	path := fs.String("db", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	village := fs.String("village", "", "")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, villageID, err := openWithVillage(*path, *village)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := cases.NewService(db, nil).Statistics(context.Background(), *from, *to, villageID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, st)
	}
	period := "全部"
	if st.From != "" || st.To != "" {
		period = orNone(st.From) + " 至 " + orNone(st.To)
	}
	pct := func(r float64) string { return fmt.Sprintf("%.1f%%", r*100) }
	fmt.Fprintf(out, "民情统计（登记日期：%s）\n", period)
	fmt.Fprintf(out, "登记 %d 件，不予受理 %d 件，办结 %d 件（办结率 %s）\n", st.Registered, st.Rejected, st.Resolved, pct(st.ResolvedRate))
	fmt.Fprintf(out, "村内化解 %d 件（村内化解率 %s），按期办结 %d 件（按期办结率 %s）\n", st.InVillage, pct(st.VillageRate), st.OnTime, pct(st.OnTimeRate))
	fmt.Fprintf(out, "回访 %d 件，满意和基本满意 %d 件（满意率 %s）\n", st.FollowedUp, st.Satisfied, pct(st.SatisfyRate))
	return nil
}
