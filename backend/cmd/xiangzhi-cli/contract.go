package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/contracts"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

func init() { commands["contract"] = cmdContract }

const contractUsage = "用法：xiangzhi-cli contract list --db PATH [--village 村名] [--overdue] [--json]" +
	" | contract opinion --db PATH 申请ID或审查编号 -o OUT.pdf"

// cmdContract: contract list prints the requests for contract review (or, with --overdue, those
// past their review deadline); contract opinion writes the latest 合同审查意见书 issued on a request,
// as archived.
func cmdContract(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errs.New(errs.Invalid, contractUsage)
	}
	switch args[0] {
	case "list":
		return contractList(args[1:], out)
	case "opinion":
		return contractOpinion(args[1:], out)
	}
	return errs.New(errs.Invalid, contractUsage)
}

func contractList(args []string, out io.Writer) error {
	fs := newFlags("contract list")
	village := fs.String("village", "", "")
	overdue := fs.Bool("overdue", false, "")
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
	s := contracts.NewService(db, nil)
	q := contracts.Query{VillageID: villageID, Overdue: *overdue, Limit: 500}
	all := []contracts.Summary{}
	for {
		p, err := s.List(ctx, q)
		if err != nil {
			return err
		}
		all = append(all, p.Items...)
		if len(p.Items) == 0 || len(all) >= p.Total {
			break
		}
		q.Offset = len(all)
	}
	if asJSON {
		return writeJSON(out, all)
	}
	what := "份合同审查申请"
	if *overdue {
		what += "审查超期"
	}
	fmt.Fprintf(out, "共 %d %s（%s）\n", len(all), what, db.Today().Format("2006年1月2日"))
	if len(all) > 0 {
		fmt.Fprintln(out, "审查编号  村（社区）  合同名称  类型  状态  合同相对方  金额（元）  送审日期  审查期限  超期  审查结论")
	}
	for _, r := range all {
		over := "—"
		if r.Overdue {
			over = fmt.Sprintf("超期 %d 个工作日", r.DaysOver)
		}
		fmt.Fprintf(out, "%s  %s  %s  %s  %s  %s  %s  %s  %s  %s  %s\n", r.Number, r.VillageName, r.Title, r.Type, r.State,
			orDash(r.Counterparty), strings.TrimPrefix(docs.Yuan(r.AmountFen), "¥"), r.SubmittedOn, r.Deadline, over, orDash(r.Conclusion))
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func contractOpinion(args []string, out io.Writer) error {
	db, id, outPath, done, err := openForPaper("contract opinion", contractUsage, args)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	r, err := findRequest(ctx, db, id)
	if err != nil {
		return err
	}
	a := &docs.Archive{DB: db}
	list, err := a.BySource(ctx, contracts.Source(r.ID))
	if err != nil {
		return err
	}
	latest, voided := latestOf(list, "review")
	switch {
	case latest == nil && len(r.Reviews) == 0:
		return errs.New(errs.NotFound, "合同审查申请 %s（%s）还没有出具审查意见，没有合同审查意见书", r.Number, r.State)
	case latest == nil && voided != nil:
		return errs.New(errs.NotFound, "合同审查申请 %s 的合同审查意见书已作废（存档号 %s），没有有效的意见书", r.Number, voided.Number)
	case latest == nil:
		return errs.New(errs.NotFound, "合同审查申请 %s 已出具 %d 次审查意见，但存档中没有它的合同审查意见书", r.Number, len(r.Reviews))
	}
	return writePaper(ctx, a, latest, outPath, " "+r.Number+" 的合同审查意见书", out)
}

// latestOf is, among papers issued for a record (oldest first), the latest of a kind still valid,
// and the latest voided one.
func latestOf(list []docs.Issued, kind string) (latest, voided *docs.Issued) {
	for i := range list {
		switch {
		case list[i].Kind != kind:
		case list[i].VoidedAt == "":
			latest = &list[i]
		default:
			voided = &list[i]
		}
	}
	return latest, voided
}

// writePaper writes an archived paper byte for byte to path and says so, naming what it is.
func writePaper(ctx context.Context, a *docs.Archive, paper *docs.Issued, path, what string, out io.Writer) error {
	rec, pdf, err := a.PDF(ctx, paper.ID)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(path, pdf); err != nil {
		return err
	}
	fmt.Fprintf(out, "已保存%s：存档号 %s %s %d 页到 %s（与存档逐字节相同，SHA-256 %s）\n", what, rec.Number, rec.Title,
		rec.Pages, path, rec.SHA256)
	return nil
}

// findRequest reads a request named by its id or by its number (丹口-合审-2026-0012).
func findRequest(ctx context.Context, db *store.DB, key string) (contracts.Request, error) {
	s := contracts.NewService(db, nil)
	key = strings.TrimSpace(key)
	if _, err := uuid.Parse(key); err == nil {
		return s.Get(ctx, key)
	}
	p, err := s.List(ctx, contracts.Query{Words: key, Limit: 500})
	if err != nil {
		return contracts.Request{}, err
	}
	for _, r := range p.Items {
		if r.Number == key {
			return s.Get(ctx, r.ID)
		}
	}
	return contracts.Request{}, errs.New(errs.NotFound, "没有审查编号为“%s”的合同审查申请", key)
}
