package main

import (
	"fmt"
	"io"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

func init() {
	commands["demo"] = cmdDemo
}

// demoOffices are the office names of a database the demo command creates.
var demoOffices = map[demo.Scale][2]string{demo.Township: {"城步县演示乡镇", "演示"}, demo.County: {"城步县（演示）", "演示县"}}

// cmdDemo fills an empty (or new) database with invented grid data:
// xiangzhi-cli demo --db PATH --scale township|county [--seed N]
func cmdDemo(args []string, out io.Writer) error {
	fs := newFlags("demo")
	path := fs.String("db", "", "")
	scaleName := fs.String("scale", "", "")
	seed := fs.Int64("seed", 1, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(*path); err != nil {
		return err
	}
	if *scaleName == "" {
		return errs.Field("scale", "缺少 --scale 演示数据规模：township（一个乡镇）或 county（全县）")
	}
	scale, err := demo.ParseScale(*scaleName)
	if err != nil {
		return err
	}
	db, discard, err := openCreating(*path, store.Options{OfficeName: demoOffices[scale][0], ShortName: demoOffices[scale][1]})
	if err != nil {
		return err
	}
	defer db.Close()
	s := grid.NewService(db, nil)
	elapsed := store.Stopwatch()
	ctx, stop := interruptible()
	defer stop()
	set, err := fonts.Default()
	if err != nil {
		discard()
		return err
	}
	// The registry and the example documents are one transaction: a failure, Ctrl+C or a killed
	// process leaves none of the demo, and the file made for it (empty then) goes too.
	archive := &docs.Archive{DB: db, Fonts: set, Issuer: "演示数据"}
	var issued []docs.Issued
	prog := newLineReporter(out, "个村")
	stats, err := demo.GenerateThen(ctx, s, scale, *seed, prog, func(tx *store.Tx) (err error) {
		issued, err = archive.IssueExamplesIn(tx)
		return err
	})
	prog.finish()
	if err != nil {
		discard()
		return err
	}
	fmt.Fprintf(out, "演示文书 %d 份已发文存档\n", len(issued))
	fmt.Fprintf(out, "演示数据已写入 %s：%d 个村（社区）、%d 个片、%d 个组、%d 个邻、%d 户、%d 名居民、%d 条任职、%d 条走访记录、%d 件民情，用时 %.1f 秒\n",
		db.Path(), stats.Villages, stats.Pieces, stats.Groups, stats.Neighbourhoods, stats.Households,
		stats.Residents, stats.Leaders, stats.Visits, stats.Cases, elapsed().Seconds())
	return nil
}
