package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
)

func init() { commands["case"] = cmdCase }

const caseUsage = "用法：xiangzhi-cli case list --db PATH [--state 状态] [--overdue] [--village 村名] [--json] | case show --db PATH 编号 [--json]" +
	" | case template OUT.xlsx | case import --db PATH FILE.xlsx [--valid-only] [--report OUT.xlsx] | case export --db PATH OUT.xlsx [筛选]"

// cmdCase: case list prints the cases a filter picks; case show prints one case with its timeline;
// case template, import and export are the 民情台账 in Excel (case_ledger.go).
func cmdCase(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errs.New(errs.Invalid, caseUsage)
	}
	switch args[0] {
	case "list":
		return caseList(args[1:], out)
	case "show":
		return caseShow(args[1:], out)
	case "template":
		return caseTemplate(args[1:], out)
	case "import":
		return caseImport(args[1:], out)
	case "export":
		return caseExport(args[1:], out)
	}
	return errs.New(errs.Invalid, caseUsage)
}

func caseList(args []string, out io.Writer) error {
	fs := newFlags("case list")
	path := fs.String("db", "", "")
	state := fs.String("state", "", "")
	overdue := fs.Bool("overdue", false, "")
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
	c := cases.NewService(db, nil)
	q := cases.Query{State: *state, VillageID: villageID, Sort: "number", Limit: 500}
	if *overdue {
		q.Card = cases.CardRed
	}
	var all []cases.Case
	for {
		p, err := c.List(context.Background(), q)
		if err != nil {
			return err
		}
		all = append(all, p.Items...)
		if len(p.Items) == 0 || len(all) >= p.Total {
			break
		}
		q.Offset = len(all)
	}
	if *asJSON {
		if all == nil {
			all = []cases.Case{}
		}
		return writeJSON(out, all)
	}
	fmt.Fprintf(out, "共 %d 件\n", len(all))
	for _, k := range all {
		card := ""
		if k.Card != "" {
			card = " " + k.Card
			if k.OverdueDays > 0 {
				card += fmt.Sprintf("（超期 %d 个工作日）", k.OverdueDays)
			}
		}
		fmt.Fprintf(out, "%s %s %s 登记%s 期限%s%s %s级 %s", k.Number, k.State, k.Category, k.RegisteredOn, k.Deadline, card, k.Level, k.Summary)
		if k.Description != "" {
			fmt.Fprintf(out, "：%s", k.Description)
		}
		fmt.Fprintln(out)
	}
	return nil
}

func caseShow(args []string, out io.Writer) error {
	fs := newFlags("case show")
	path := fs.String("db", "", "")
	asJSON := fs.Bool("json", false, "")
	// The number may stand before, between or after the flags.
	var flags, numbers []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--db" || a == "-db":
			flags = append(flags, a)
			if i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		case strings.HasPrefix(a, "-"):
			flags = append(flags, a)
		default:
			numbers = append(numbers, a)
		}
	}
	if err := parse(fs, flags); err != nil {
		return err
	}
	if len(numbers) != 1 {
		return usageError{errs.New(errs.Invalid, caseUsage)}
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	k, err := cases.NewService(db, nil).ByNumber(context.Background(), numbers[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, k)
	}
	fmt.Fprintf(out, "%s  %s（%s级办理，责任人 %s）\n", k.Number, k.State, k.Level, orNone(k.Handler))
	fmt.Fprintf(out, "反映事项：%s\n", k.Summary)
	if k.Description != "" {
		fmt.Fprintf(out, "具体情况：%s\n", k.Description)
	}
	fmt.Fprintf(out, "来源：%s  类别：%s（%s）  反映人：%s\n", k.Source, k.Category, k.Urgency, orNone(k.PersonName))
	fmt.Fprintf(out, "登记：%s  期限：%s（%d 个工作日）%s\n", k.RegisteredOn, k.Deadline, k.LimitDays, k.Card)
	for _, p := range k.Parties {
		fmt.Fprintf(out, "%s：%s", p.Role, p.Name)
		if p.Phone != "" {
			fmt.Fprintf(out, "  %s", p.Phone)
		}
		if p.Note != "" {
			fmt.Fprintf(out, "（%s）", p.Note)
		}
		fmt.Fprintln(out)
	}
	for _, e := range k.Events {
		fmt.Fprintf(out, "  %s %s %s", e.At, e.Action, e.To)
		if e.Note != "" {
			fmt.Fprintf(out, "：%s", e.Note)
		}
		fmt.Fprintln(out)
	}
	return nil
}
