package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
)

func init() { commands["meeting"] = cmdMeeting }

const meetingUsage = "用法：xiangzhi-cli meeting list --db PATH [--village 村名] [--due] [--json] | meeting show --db PATH 会议ID [--json]" +
	" | meeting minutes --db PATH 会议ID --form record|summary -o OUT.pdf [--font 用途=字体.ttf ...]"

// notes is where meeting minutes says that what it wrote is a draft: the standard error (tests
// replace it).
var notes io.Writer = safeWriter{os.Stderr}

// cmdMeeting: meeting list prints the meetings (or, with --due, the regular meetings each village
// owes); meeting show prints one meeting with its attendance, agenda, decisions and minutes;
// meeting minutes writes its 会议记录 or 会议纪要 as a PDF.
func cmdMeeting(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errs.New(errs.Invalid, meetingUsage)
	}
	switch args[0] {
	case "list":
		return meetingList(args[1:], out)
	case "show":
		return meetingShow(args[1:], out)
	case "minutes":
		return meetingMinutes(args[1:], out)
	}
	return errs.New(errs.Invalid, meetingUsage)
}

// meetingVillage finds the village --village names ("" for all): by its name, or by its id when two
// villages share the name. Code invalid on field village when there is none or more than one.
func meetingVillage(ctx context.Context, db *store.DB, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	list, err := grid.NewService(db, nil).VillageList(ctx)
	if err != nil {
		return "", err
	}
	var ids []string
	for _, v := range list {
		if v.ID == name {
			return v.ID, nil
		}
		if v.Name == name {
			ids = append(ids, v.ID)
		}
	}
	switch len(ids) {
	case 0:
		return "", errs.Field("village", "--village：没有名为“%s”的村（社区）", name)
	case 1:
		return ids[0], nil
	}
	return "", errs.Field("village", "--village：有 %d 个村（社区）都叫“%s”，请改用村的 ID（%s）", len(ids), name, strings.Join(ids, "、"))
}

func meetingList(args []string, out io.Writer) error {
	fs := newFlags("meeting list")
	path := fs.String("db", "", "")
	village := fs.String("village", "", "")
	due := fs.Bool("due", false, "")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	villageID, err := meetingVillage(ctx, db, *village)
	if err != nil {
		return err
	}
	s := meetings.NewService(db, nil)
	if *due {
		list, err := s.Due(ctx, villageID)
		if err != nil {
			return err
		}
		if *asJSON {
			if list == nil {
				list = []meetings.Due{}
			}
			return writeJSON(out, list)
		}
		fmt.Fprintf(out, "共 %d 项（%s）\n", len(list), db.Today().Format("2006年1月2日"))
		if len(list) > 0 {
			fmt.Fprintln(out, "村（社区）  会议  情况  期间  本年未开")
		}
		for _, d := range list {
			fmt.Fprintf(out, "%s  %s  %s  %s  %d 次\n", d.VillageName, d.Kind, dueStatus(d), d.Period, d.MissedYear)
		}
		return nil
	}
	q := meetings.Query{VillageID: villageID, Limit: 500}
	var all []meetings.Summary
	for {
		p, err := s.List(ctx, q)
		if err != nil {
			return err
		}
		all = append(all, p.Meetings...)
		if len(p.Meetings) == 0 || len(all) >= p.Total {
			break
		}
		q.Offset = len(all)
	}
	if *asJSON {
		if all == nil {
			all = []meetings.Summary{}
		}
		return writeJSON(out, all)
	}
	fmt.Fprintf(out, "共 %d 次会议\n", len(all))
	if len(all) > 0 {
		fmt.Fprintln(out, "日期  村（社区）  类型  会议名称  状态  应到/实到  决定  ID")
	}
	for _, m := range all {
		fmt.Fprintf(out, "%s  %s  %s  %s  %s  %d/%d  %d 项  %s\n", m.Date, m.VillageName, m.Kind, m.Title, m.State,
			m.Members, m.Present, m.Resolutions, m.ID)
	}
	return nil
}

// dueStatus says a due meeting's status as the 首页 does.
func dueStatus(d meetings.Due) string {
	switch d.Status {
	case meetings.DueMissed:
		return "上期未开"
	case meetings.DuePlanned:
		return "已安排（" + cnDate(d.PlannedOn) + "）"
	}
	return "本期待开"
}

// cnDate writes an ISO date as 2026年12月5日 (as it is, when it is no date).
func cnDate(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	y, m, d := iso[:4], strings.TrimPrefix(iso[5:7], "0"), strings.TrimPrefix(iso[8:], "0")
	return y + "年" + m + "月" + d + "日"
}

// splitID takes the one argument that is not a flag out of args (the ID may stand before, between or
// after the flags); valued names the flags that take a value.
func splitID(args []string, valued ...string) (flags, ids []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		switch {
		case strings.HasPrefix(a, "-") && !strings.Contains(name, "=") && contains(valued, name):
			flags = append(flags, a)
			if i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		case strings.HasPrefix(a, "-"):
			flags = append(flags, a)
		default:
			ids = append(ids, a)
		}
	}
	return flags, ids
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func meetingShow(args []string, out io.Writer) error {
	fs := newFlags("meeting show")
	path := fs.String("db", "", "")
	asJSON := fs.Bool("json", false, "")
	flags, ids := splitID(args, "db")
	if err := parse(fs, flags); err != nil {
		return err
	}
	if len(ids) != 1 {
		return usageError{errs.New(errs.Invalid, meetingUsage)}
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := meetings.NewService(db, nil).Get(context.Background(), ids[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, m)
	}
	fmt.Fprintf(out, "%s  %s\n", m.Title, m.State)
	if m.IssueNo != "" {
		fmt.Fprintf(out, "期号：%s  定稿：%s（%s）\n", m.IssueNo, m.FinalisedOn, orNone(m.FinalisedBy))
	}
	when := m.Date
	if m.Start != "" {
		when += " " + m.Start
		if m.End != "" {
			when += "—" + m.End
		}
	}
	fmt.Fprintf(out, "村（社区）：%s  类型：%s\n", m.VillageName, m.Kind)
	fmt.Fprintf(out, "时间：%s  地点：%s\n", when, orNone(m.Place))
	fmt.Fprintf(out, "主持人：%s  记录人：%s\n", orNone(m.Host), orNone(m.Recorder))
	if m.CancelReason != "" {
		fmt.Fprintf(out, "取消原因：%s\n", m.CancelReason)
	}
	q := m.Quorum
	fmt.Fprintf(out, "\n参会人员（应到 %d 人，实到 %d 人，请假 %d 人，缺席 %d 人，列席 %d 人", q.Members, q.Present, q.Leave, q.Absent, q.Observers)
	if q.Unmarked > 0 {
		fmt.Fprintf(out, "，未点名 %d 人", q.Unmarked)
	}
	fmt.Fprintln(out, "）")
	for _, p := range m.Members {
		mark := p.Attendance
		if mark == "" {
			mark = "未点名"
		}
		fmt.Fprintf(out, "  %s（%s）%s", p.Name, orNone(p.Role), mark)
		if !p.Voting {
			fmt.Fprint(out, "，无表决权")
		}
		if p.Reason != "" {
			fmt.Fprintf(out, "：%s", p.Reason)
		}
		if p.Arrived != "" {
			fmt.Fprintf(out, "，%s到会", p.Arrived)
		}
		if p.LeftEarly != "" {
			fmt.Fprintf(out, "，%s离会", p.LeftEarly)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintln(out, q.Line)
	fmt.Fprintf(out, "\n议题（%d 项）\n", len(m.Items))
	for i, it := range m.Items {
		fmt.Fprintf(out, "  %d. %s", i+1, it.Title)
		if it.Case != nil {
			fmt.Fprintf(out, "［民情 %s，%s］", it.Case.Number, it.Case.State)
		}
		if it.Note != "" {
			fmt.Fprintf(out, "：%s", it.Note)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "\n会议决定（%d 项）\n", len(m.Resolutions))
	for i, r := range m.Resolutions {
		fmt.Fprintf(out, "  %d. %s", i+1, r.Text)
		if r.Handler != "" {
			fmt.Fprintf(out, "（落实人 %s", r.Handler)
			if r.DueOn != "" {
				fmt.Fprintf(out, "，%s前", r.DueOn)
			}
			fmt.Fprint(out, "）")
		}
		if r.Voted {
			result := "通过"
			if !r.Passed {
				result = "未通过"
			}
			fmt.Fprintf(out, " 表决：同意 %d，反对 %d，弃权 %d，%s", r.For, r.Against, r.Abstain, result)
			if len(r.RecusedNames) > 0 {
				fmt.Fprintf(out, "（%s回避）", strings.Join(r.RecusedNames, "、"))
			}
		}
		if r.DoneOn != "" {
			fmt.Fprintf(out, " 已于 %s 落实", r.DoneOn)
			if r.DoneNote != "" {
				fmt.Fprintf(out, "：%s", r.DoneNote)
			}
		}
		fmt.Fprintln(out)
		for _, c := range r.Cases {
			fmt.Fprintf(out, "     %s民情 %s %s（%s）\n", c.Action, c.Case.Number, c.Case.Summary, c.Case.State)
		}
	}
	if m.Record != "" || m.Opinion != "" {
		fmt.Fprintln(out, "\n会议记录")
		if m.Record != "" {
			fmt.Fprintln(out, indentLines(m.Record))
		}
		if m.Opinion != "" {
			fmt.Fprintln(out, "  会议认为："+m.Opinion)
		}
	}
	if len(m.Addenda) > 0 {
		fmt.Fprintln(out, "\n补充说明")
		for _, a := range m.Addenda {
			fmt.Fprintf(out, "  %s：%s\n", a.On, a.Text)
		}
	}
	return nil
}

func indentLines(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// meetingForms are the forms of the minutes meeting minutes prints, by the names of their kinds.
var meetingForms = map[string]string{"record": "会议记录", "summary": "会议纪要"}

func meetingMinutes(args []string, out io.Writer) error {
	fs := newFlags("meeting minutes")
	path := fs.String("db", "", "")
	form := fs.String("form", "", "")
	outPath := fs.String("o", "", "")
	var chosen fontFlags
	fs.Var(&chosen, "font", "")
	flags, ids := splitID(args, "db", "form", "o", "font")
	if err := parse(fs, flags); err != nil {
		return err
	}
	if len(ids) != 1 {
		return usageError{errs.New(errs.Invalid, meetingUsage)}
	}
	label, ok := meetingForms[*form]
	if !ok {
		return errs.Field("form", "--form 只能是 record（会议记录）或 summary（会议纪要），不是“%s”", *form)
	}
	if *outPath == "" {
		return errs.Field("o", "缺少 -o 输出的 PDF 文件")
	}
	db, done, err := openForOutput(*outPath, pdf, *path)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	s := meetings.NewService(db, nil)
	m, err := s.Get(ctx, ids[0])
	if err != nil {
		return err
	}
	if m.State == meetings.StateFinal {
		// The final minutes as they were issued: the latest of the form in the archive.
		a := &docs.Archive{DB: db}
		list, err := a.BySource(ctx, meetings.Source(m.ID))
		if err != nil {
			return err
		}
		var latest *docs.Issued
		for i := range list {
			if list[i].Kind == *form && list[i].VoidedAt == "" {
				latest = &list[i]
			}
		}
		if latest != nil {
			rec, pdf, err := a.PDF(ctx, latest.ID)
			if err != nil {
				return err
			}
			if err := atomicfile.WriteBytes(*outPath, pdf); err != nil {
				return err
			}
			fmt.Fprintf(out, "已保存存档号 %s%s%d 页到 %s（与定稿存档逐字节相同，SHA-256 %s）\n", rec.Number, bookTitle(rec.Title), rec.Pages, *outPath, rec.SHA256)
			return nil
		}
	}
	doc, err := s.Draft(ctx, m.ID, *form)
	if err != nil {
		return err
	}
	set, err := chosen.apply()
	if err != nil {
		return err
	}
	pdf, err := docs.RenderDocument(set, doc)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(*outPath, pdf); err != nil {
		return err
	}
	if m.State == meetings.StateFinal {
		fmt.Fprintf(notes, "注意：这次会议的%s已定稿，但存档中没有它的文书；已按定稿的会议内容生成，未存档\n", label)
	} else {
		fmt.Fprintf(notes, "注意：会议“%s”现在是“%s”，%s尚未定稿，这是草稿，未存档\n", m.Title, m.State, label)
	}
	fmt.Fprintf(out, "已生成 %s：%s%d 页，%d KB\n", *outPath, bookTitle(doc.Heading()), docs.Pages(pdf), (len(pdf)+1023)/1024)
	return nil
}
