package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/store"
)

func init() { commands["roster"] = cmdRoster }

const rosterUsage = `用法：
  xiangzhi-cli roster template OUT.xlsx
  xiangzhi-cli roster import --db PATH FILE.xlsx [--valid-only] [--update] [--report OUT.xlsx]
  xiangzhi-cli roster export --db PATH [--village 村名] OUT.xlsx`

// cmdRoster runs the roster subcommands: template, import, export.
func cmdRoster(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errs.New(errs.Invalid, "%s", rosterUsage)
	}
	switch args[0] {
	case "template":
		if len(args) != 2 {
			return errs.New(errs.Invalid, "%s", rosterUsage)
		}
		release, err := guardOutput(args[1], xlsx, "")
		if err != nil {
			return err
		}
		defer release()
		if err := roster.WriteTemplate(args[1]); err != nil {
			return err
		}
		fmt.Fprintf(out, "已写出花名册模板 %s\n", args[1])
		return nil
	case "import":
		return rosterImport(args[1:], out)
	case "export":
		return rosterExport(args[1:], out)
	}
	return errs.New(errs.Invalid, "%s", rosterUsage)
}

// oneFile checks that the command line names one file: missing says what to give when it names none;
// a second is refused as stray.
func oneFile(pos []string, missing string) error {
	switch {
	case len(pos) == 0:
		return errs.Field("file", "%s", missing)
	case len(pos) > 1:
		return usageError{errs.New(errs.Invalid, "多余的参数 %q：只能给一个文件", pos[1])}
	}
	return nil
}

// oneInput is oneFile for the spreadsheet an import reads: it must be there, and be a file.
func oneInput(pos []string) error {
	if err := oneFile(pos, "请给出一个要导入的 .xlsx 文件"); err != nil {
		return err
	}
	st, err := os.Stat(pos[0])
	switch {
	case err != nil:
		return errs.New(errs.NotFound, "文件 %s 不存在", pos[0])
	case st.IsDir():
		return errs.Field("file", "“%s”是文件夹，请给出要导入的 .xlsx 文件", pos[0])
	}
	return nil
}

// splitArgs separates flags from the one positional argument, which may come anywhere.
func splitArgs(args []string, valued map[string]bool) (flags []string, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if valued[a] && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return flags, pos
}

func rosterImport(args []string, out io.Writer) error {
	flags, pos := splitArgs(args, map[string]bool{"--db": true, "-db": true, "--report": true, "-report": true})
	fs := newFlags("roster import")
	path := fs.String("db", "", "")
	validOnly := fs.Bool("valid-only", false, "")
	update := fs.Bool("update", false, "")
	report := fs.String("report", "", "")
	if err := parse(fs, flags); err != nil {
		return err
	}
	if err := oneInput(pos); err != nil {
		return err
	}
	if err := requireDB(*path); err != nil {
		return err
	}
	if *report != "" {
		release, err := guardOutput(*report, xlsx, *path, pos[0])
		if err != nil {
			return err
		}
		defer release()
	}
	db, discard, err := openCreating(*path, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	written := false
	defer func() {
		if !written {
			discard() // a database this command made for a sheet it did not import goes again
		}
	}()
	if *report != "" {
		if err := atomicfile.Check(*report); err != nil { // now also against the database and its backups
			return err
		}
	}
	g := grid.NewService(db, nil)
	ctx, stop := interruptible()
	defer stop()
	p, err := roster.Check(ctx, g, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "共 %d 行：有效 %d 行，有问题 %d 行；身份证号已登记的 %d 人（没有身份证号的，导入时按户内姓名对照）\n", p.Total, p.Valid, p.Rejected, p.Existing)
	for i, pr := range p.Problems {
		if i == 50 {
			fmt.Fprintf(out, "……另有 %d 个问题，见问题清单\n", p.ProblemCount-50)
			break
		}
		fmt.Fprintf(out, "  第 %d 行 %s：%s\n", pr.Row, roster.Header(pr.Key), pr.Message)
	}
	if *report != "" {
		if err := p.WriteReport(*report); err != nil {
			return err
		}
		fmt.Fprintf(out, "问题清单已写入 %s\n", *report)
	}
	prog := newLineReporter(out, "行")
	res, err := roster.Import(ctx, g, p, roster.Options{ValidOnly: *validOnly, UpdateExisting: *update}, prog)
	prog.finish()
	if err != nil {
		return err
	}
	written = true
	fmt.Fprintf(out, "已导入：新增 %d 人，更新 %d 人，未变 %d 人，跳过 %d 人；新建 %d 户、%d 个村/片/组/邻\n",
		res.Added, res.Updated, res.Unchanged, res.Skipped, res.Households, res.Nodes)
	return nil
}

func rosterExport(args []string, out io.Writer) error {
	flags, pos := splitArgs(args, map[string]bool{"--db": true, "-db": true, "--village": true, "-village": true})
	fs := newFlags("roster export")
	path := fs.String("db", "", "")
	village := fs.String("village", "", "")
	if err := parse(fs, flags); err != nil {
		return err
	}
	if err := oneFile(pos, "请给出导出的 .xlsx 文件名"); err != nil {
		return err
	}
	g, villageID, closeDB, err := openVillage(*path, *village)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := atomicfile.Check(pos[0]); err != nil {
		return err
	}
	if err := wantExt(pos[0], xlsx...); err != nil {
		return err
	}
	n, err := roster.Export(context.Background(), g, villageID, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已导出 %d 人到 %s\n", n, pos[0])
	return nil
}
