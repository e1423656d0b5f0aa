package main

import (
	"context"
	"fmt"
	"io"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/roster/sheet"
)

const ledgerUsage = `用法：
  xiangzhi-cli case template OUT.xlsx
  xiangzhi-cli case import --db PATH FILE.xlsx [--valid-only] [--report OUT.xlsx]
  xiangzhi-cli case export --db PATH OUT.xlsx [--state 状态] [--village 村名] [--category 类别] [--source 来源]
      [--level 层级] [--handler 责任人] [--from 日期] [--to 日期] [--text 词] [--overdue]`

// shownLines bounds the problems and notices an import prints; the report has them all.
const shownLines = 50

// caseTemplate: case template OUT.xlsx writes the empty 民情台账.
func caseTemplate(args []string, out io.Writer) error {
	if len(args) != 1 {
		return usageError{errs.New(errs.Invalid, "%s", ledgerUsage)}
	}
	release, err := guardOutput(args[0], xlsx, "")
	if err != nil {
		return err
	}
	defer release()
	if err := cases.WriteLedgerTemplate(args[0]); err != nil {
		return err
	}
	fmt.Fprintf(out, "已写出民情台账模板 %s\n", args[0])
	return nil
}

// caseImport: case import checks a ledger, prints its problems (and writes them with --report), and
// imports it: all rows or none, or with --valid-only the valid ones. It fails (exit 1) when rows are
// rejected and --valid-only is not given; nothing is written then.
func caseImport(args []string, out io.Writer) error {
	flags, pos := splitArgs(args, map[string]bool{"--db": true, "-db": true, "--report": true, "-report": true})
	fs := newFlags("case import")
	path := fs.String("db", "", "")
	validOnly := fs.Bool("valid-only", false, "")
	report := fs.String("report", "", "")
	if err := parse(fs, flags); err != nil {
		return err
	}
	if err := oneInput(pos); err != nil {
		return err
	}
	if *report != "" {
		release, err := guardOutput(*report, xlsx, *path, pos[0])
		if err != nil {
			return err
		}
		defer release()
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	s := cases.NewService(db, nil)
	ctx, stop := interruptible()
	defer stop()
	p, err := s.CheckLedger(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "共 %d 行：有效 %d 行（其中已导入过的 %d 行），有问题 %d 行\n", p.Total, p.Valid, p.Existing, p.Rejected)
	printLines(out, p.Problems, p.ProblemCount, "个问题，见问题清单")
	if *report != "" {
		if err := p.WriteReport(*report); err != nil {
			return err
		}
		fmt.Fprintf(out, "问题清单已写入 %s\n", *report)
	}
	prog := newLineReporter(out, "行")
	res, err := s.ImportLedger(ctx, p, cases.LedgerOptions{ValidOnly: *validOnly}, prog)
	prog.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已导入 %d 件，已导入过而跳过 %d 件，有问题未导入 %d 行\n", res.Imported, res.Skipped, res.Rejected)
	fmt.Fprintf(out, "反映人：按身份证号对应居民 %d 人，按姓名在本村对应 %d 人，未登记人员 %d 人；责任人待核实指派 %d 件\n",
		res.ByID, res.ByName, res.Outsiders, res.Unassigned)
	printLines(out, res.Notices, len(res.Notices), "条提示")
	return nil
}

// printLines prints the first shownLines of lines (of total) as 第 N 行 列：…
func printLines(out io.Writer, lines []sheet.Problem, total int, more string) {
	for i, l := range lines {
		if i == shownLines {
			fmt.Fprintf(out, "……另有 %d %s\n", total-shownLines, more)
			return
		}
		fmt.Fprintf(out, "  第 %d 行 %s：%s\n", l.Row, cases.LedgerHeader(l.Key), l.Message)
	}
}

// caseExport: case export writes the cases a filter picks (all of them) as a 民情台账.
func caseExport(args []string, out io.Writer) error {
	valued := map[string]bool{}
	for _, f := range []string{"db", "state", "village", "category", "source", "level", "handler", "from", "to", "text"} {
		valued["--"+f], valued["-"+f] = true, true
	}
	flags, pos := splitArgs(args, valued)
	fs := newFlags("case export")
	path := fs.String("db", "", "")
	village := fs.String("village", "", "")
	overdue := fs.Bool("overdue", false, "")
	var q cases.Query
	fs.StringVar(&q.State, "state", "", "")
	fs.StringVar(&q.Category, "category", "", "")
	fs.StringVar(&q.Source, "source", "", "")
	fs.StringVar(&q.Level, "level", "", "")
	fs.StringVar(&q.Handler, "handler", "", "")
	fs.StringVar(&q.From, "from", "", "")
	fs.StringVar(&q.To, "to", "", "")
	fs.StringVar(&q.Text, "text", "", "")
	if err := parse(fs, flags); err != nil {
		return err
	}
	if err := oneFile(pos, "请给出导出的 .xlsx 文件名"); err != nil {
		return err
	}
	release, err := guardOutput(pos[0], xlsx, *path)
	if err != nil {
		return err
	}
	defer release()
	db, villageID, err := openWithVillage(*path, *village)
	if err != nil {
		return err
	}
	defer db.Close()
	q.VillageID = villageID
	if *overdue {
		q.Card = cases.CardRed
	}
	n, err := cases.NewService(db, nil).ExportLedger(context.Background(), q, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已导出 %d 件民情到 %s\n", n, pos[0])
	return nil
}
