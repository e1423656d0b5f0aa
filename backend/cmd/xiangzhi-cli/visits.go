package main

import (
	"context"
	"fmt"
	"io"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

func init() { commands["visits"] = cmdVisits }

// cmdVisits: visits overdue --db PATH [--village NAME] [--json] prints the cadence tracker.
func cmdVisits(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "overdue" {
		return errs.New(errs.Invalid, "用法：xiangzhi-cli visits overdue --db PATH [--village 村名] [--json]")
	}
	fs := newFlags("visits overdue")
	path := fs.String("db", "", "")
	village := fs.String("village", "", "")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	g, villageID, closeDB, err := openVillage(*path, *village)
	if err != nil {
		return err
	}
	defer closeDB()
	rep, err := g.Cadence(context.Background(), villageID, 0)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, rep)
	}
	fmt.Fprintf(out, "截至 %s：共 %d 户，本期待访 %d 户，逾期未访 %d 户\n", rep.Today, rep.Households, rep.Due, rep.Overdue)
	for _, v := range rep.ByVillage {
		fmt.Fprintf(out, "  %-10s %5d 户  待访 %4d  逾期 %4d  最长逾期 %d 天\n", v.Name, v.Households, v.Due, v.Overdue, v.MaxOverdueDays)
	}
	for _, it := range rep.Items {
		key := ""
		if it.IsKey {
			key = "（重点户）"
		}
		fmt.Fprintf(out, "%s %s %s %s 户主%s%s 邻长%s 上次走访%s 逾期%d天\n", it.Village, it.Group, it.Neighbourhood,
			it.Code, it.HeadName, key, leaderOrNone(it.Leader), orNone(it.LastVisit), it.OverdueDays)
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "（无）"
	}
	return s
}

func leaderOrNone(s string) string {
	if s == "" {
		return "（未设）"
	}
	return s
}

// openVillage opens an existing database and finds the village called name ("" for all).
func openVillage(path, name string) (*grid.Service, string, func() error, error) {
	db, villageID, err := openWithVillage(path, name)
	if err != nil {
		return nil, "", nil, err
	}
	return grid.NewService(db, nil), villageID, db.Close, nil
}

// openWithVillage opens an existing database and finds the village called name ("" for all).
func openWithVillage(path, name string) (*store.DB, string, error) {
	db, err := openExisting(path)
	if err != nil {
		return nil, "", err
	}
	villageID, err := findVillage(context.Background(), grid.NewService(db, nil), name)
	if err != nil {
		db.Close()
		return nil, "", err
	}
	return db, villageID, nil
}

// findVillage returns the id of the village called name ("" for all). Code not_found when none is.
func findVillage(ctx context.Context, g *grid.Service, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	vs, err := g.Villages(ctx)
	if err != nil {
		return "", err
	}
	for _, v := range vs {
		if v.Name == name {
			return v.ID, nil
		}
	}
	return "", errs.New(errs.NotFound, "没有名为“%s”的村（社区）", name)
}
