package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/selections"
	"xiangzhi/backend/store"
)

func init() { commands["selection"] = cmdSelection }

const selectionUsage = "用法：xiangzhi-cli selection list --db PATH [--json]" +
	" | selection notice --db PATH 评选ID或名称 -o OUT.pdf | selection certificates --db PATH 评选ID或名称 -o OUT.pdf"

// cmdSelection: selection list prints the campaigns with their phase and nominees; selection notice
// writes a campaign's latest 公示 and selection certificates its batch of 荣誉证书, as archived.
func cmdSelection(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errs.New(errs.Invalid, selectionUsage)
	}
	switch args[0] {
	case "list":
		return selectionList(args[1:], out)
	case "notice":
		return selectionPaper(args[1:], out, "gongshi", "公示")
	case "certificates":
		return selectionPaper(args[1:], out, "certificate", "荣誉证书")
	}
	return errs.New(errs.Invalid, selectionUsage)
}

func selectionList(args []string, out io.Writer) error {
	fs := newFlags("selection list")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := selections.NewService(db, nil).List(context.Background(), 0)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "共 %d 项评选\n", len(list))
	if len(list) > 0 {
		fmt.Fprintln(out, "评选名称  类别  年度  范围  名额  推荐对象  阶段  公示期")
	}
	for _, c := range list {
		notice := "—"
		if c.NoticeStart != "" {
			notice = c.NoticeStart + " 至 " + c.NoticeEnd
		}
		fmt.Fprintf(out, "%s  %s  %d  %s  %d  %d  %s  %s\n", c.Title, c.Kind, c.Year, c.Scope, c.Quota, c.Nominations, c.Phase, notice)
	}
	return nil
}

// selectionPaper writes a campaign's latest valid paper of kind (named what).
func selectionPaper(args []string, out io.Writer, kind, what string) error {
	name := "selection " + map[string]string{"gongshi": "notice", "certificate": "certificates"}[kind]
	db, id, outPath, done, err := openForPaper(name, selectionUsage, args)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	c, err := findCampaign(ctx, db, id)
	if err != nil {
		return err
	}
	a := &docs.Archive{DB: db}
	list, err := a.BySource(ctx, selections.Source(c.ID))
	if err != nil {
		return err
	}
	latest, voided := latestOf(list, kind)
	switch {
	case latest == nil && voided != nil:
		return errs.New(errs.NotFound, "“%s”的%s已作废（存档号 %s）", c.Title, what, voided.Number)
	case latest == nil:
		return errs.New(errs.NotFound, "“%s”处于“%s”阶段，还没有%s", c.Title, c.Phase, what)
	}
	return writePaper(ctx, a, latest, outPath, "“"+c.Title+"”的"+what, out)
}

// findCampaign reads a campaign named by its id or its title.
func findCampaign(ctx context.Context, db *store.DB, key string) (selections.Campaign, error) {
	s := selections.NewService(db, nil)
	key = strings.TrimSpace(key)
	if _, err := uuid.Parse(key); err == nil {
		return s.Get(ctx, key)
	}
	list, err := s.List(ctx, 0)
	if err != nil {
		return selections.Campaign{}, err
	}
	var found []selections.Campaign
	for _, c := range list {
		if c.Title == key {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 0:
		return selections.Campaign{}, errs.New(errs.NotFound, "没有名为“%s”的评选（selection list 列出全部）", key)
	case 1:
		return found[0], nil
	}
	return selections.Campaign{}, errs.New(errs.Invalid, "有 %d 项评选都叫“%s”，请用评选ID", len(found), key)
}
