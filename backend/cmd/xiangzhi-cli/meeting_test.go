package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
)

// meetingWorld is a database of the office 丹口 with the village 桃林村 (committee 蓝建国, who leads
// its piece, and 杨丽; group leader 刘志强; representatives 龙大海 and 吴小花; legal adviser 赵律师)
// and three meetings: its 民情分析会 of a week ago with final minutes (会议记录 and 会议纪要 issued to the
// archive, a decision that registered a case), a 村民代表会议 held today whose minutes are a draft,
// and a 两委会议 called for next week.
type meetingWorld struct {
	db                      string
	final, running, planned string
	caseNumber              string
}

func newMeetingWorld(t *testing.T) meetingWorld {
	t.Helper()
	w := meetingWorld{db: filepath.Join(t.TempDir(), "x.db")}
	if code, _, e := runCLI("init", "--db", w.db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	ctx := context.Background()
	d, err := store.Open(w.db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	g := grid.NewService(d, nil)
	village := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	piece := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: village, Name: "第一片"}))
	group := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "三组"}))
	nbs := []string{must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"})),
		must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第二邻"}))}
	people := map[string]string{}
	for i, name := range []string{"蓝建国", "杨丽", "刘志强", "龙大海", "吴小花"} {
		hh := must(g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: nbs[i%2], Address: "桃林村三组" + fmt.Sprint(i+1) + "号"}))
		first17 := fmt.Sprintf("43052919700101%03d", 11+i)
		people[name] = must(g.AddResident(ctx, grid.ResidentInput{HouseholdID: hh, Name: name, Relation: "户主",
			IDNumber: first17 + string(idcard.CheckDigit(first17))}))
	}
	today := d.Today()
	start := today.AddDate(-1, 0, 0).Format("2006-01-02")
	for _, l := range []struct {
		role  grid.Role
		scope string
		name  string
	}{{grid.RoleCommitteeMember, village, "蓝建国"}, {grid.RoleCommitteeMember, village, "杨丽"}, {grid.RolePieceLeader, piece, "蓝建国"},
		{grid.RoleGroupLeader, group, "刘志强"}, {grid.RoleNeighbourhoodLeader, nbs[0], "龙大海"}, {grid.RoleNeighbourhoodLeader, nbs[1], "吴小花"}} {
		must(g.AssignLeader(ctx, grid.LeaderInput{Role: l.role, ScopeID: l.scope, ResidentID: people[l.name], TermStart: start}))
	}
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleLegalAdviser, ScopeID: village, PersonName: "赵律师", TermStart: start}))

	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	archive := &docs.Archive{DB: d, Fonts: set}
	s := meetings.NewService(d, nil)
	held := func(kind, title, date string, leave map[string]string) string {
		t.Helper()
		id := must(s.Create(ctx, meetings.Input{VillageID: village, Kind: kind, Title: title, Date: date, Start: "09:00", End: "11:30",
			Place: "桃林村村委会议室", Host: "蓝建国", Recorder: "杨丽"}))
		if err := s.Start(ctx, id); err != nil {
			t.Fatal(err)
		}
		m, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m.Members {
			if reason, ok := leave[p.Name]; ok {
				if err := s.MarkAttendance(ctx, p.ID, meetings.Mark{Attendance: meetings.OnLeave, Reason: reason}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := s.MarkRest(ctx, id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// the 民情分析会 a week ago: 刘志强 away, one decision that registers a case, final minutes
	w.final = held(meetings.KindAnalysis, "", today.AddDate(0, 0, -7).Format("2006-01-02"), map[string]string{"刘志强": "外出务工"})
	res := must(s.AddResolution(ctx, w.final, meetings.ResolutionInput{Text: "同意对三组饮水管进行维修", Handler: "刘志强",
		DueOn: today.AddDate(0, 0, 7).Format("2006-01-02")}))
	o, err := s.OrderCase(ctx, archive, res, meetings.CaseOrder{Summary: "三组饮水管漏水", Category: "基础设施", Handler: "刘志强"})
	if err != nil {
		t.Fatal(err)
	}
	w.caseNumber = o.Number
	if err := s.SaveMinutes(ctx, w.final, meetings.Minutes{Record: "蓝建国：三组饮水管漏水，群众反映强烈。\n刘志强（书面）：已联系水务站。",
		Opinion: "饮水安全是头等大事，要尽快维修。"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Finalise(ctx, archive, w.final); err != nil {
		t.Fatal(err)
	}
	// the 村民代表会议 today: 吴小花 on leave, the adviser attending, a decision by vote, minutes a draft
	w.running = held(meetings.KindReps, "桃林村村民代表会议", today.Format("2006-01-02"), map[string]string{"吴小花": "生病住院"})
	must(s.AddResolution(ctx, w.running, meetings.ResolutionInput{Text: "通过村规民约修订稿", Vote: &meetings.VoteInput{For: 3}}))
	if err := s.SaveMinutes(ctx, w.running, meetings.Minutes{Record: "蓝建国：请各位代表审议村规民约修订稿。\n龙大海：同意。"}); err != nil {
		t.Fatal(err)
	}
	// the 两委会议 next week, only called
	w.planned = must(s.Create(ctx, meetings.Input{VillageID: village, Kind: meetings.KindCommittee, Date: today.AddDate(0, 0, 7).Format("2006-01-02"),
		Host: "蓝建国", Recorder: "杨丽"}))
	return w
}

// pdfText is the text of a PDF with its white space taken out (lines break anywhere in Chinese).
func pdfText(t *testing.T, path string) string {
	t.Helper()
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(text)), "")
}

// meeting list, show and minutes print what the database holds, as text and as JSON; the minutes
// of a meeting with final minutes are the archived PDF, of one without a draft said to be one; bad
// input fails with exit 1, a Chinese message and no file.
func TestMeetingCommands(t *testing.T) {
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	w := newMeetingWorld(t)
	dir := t.TempDir()
	var noted bytes.Buffer
	notes = &noted
	defer func() { notes = safeWriter{os.Stderr} }()

	t.Run("List", func(t *testing.T) {
		code, out, errOut := runCLI("meeting", "list", "--db", w.db)
		if code != 0 || !strings.Contains(out, "共 3 次会议") || !strings.Contains(out, "日期  村（社区）  类型  会议名称  状态  应到/实到  决定") {
			t.Fatalf("meeting list: %d %s %s", code, out, errOut)
		}
		for _, want := range []string{"桃林村  民情分析会  桃林村" + clock().AddDate(0, 0, -7).Format("2006年1月") + "民情分析会  已定稿  3/2  1 项  " + w.final,
			"桃林村  村民代表会议  桃林村村民代表会议  进行中  4/3  1 项  " + w.running, "两委会议  桃林村" + clock().AddDate(0, 0, 7).Format("2006年1月2日") + "两委会议  筹备  2/0  0 项  " + w.planned} {
			if !strings.Contains(out, want) {
				t.Errorf("meeting list does not say %q:\n%s", want, out)
			}
		}
		code, out, _ = runCLI("meeting", "list", "--db", w.db, "--village", "桃林村", "--json")
		var list []meetings.Summary
		if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 3 || list[0].ID != w.planned || list[2].Present != 2 {
			t.Fatalf("meeting list --json: %d %s", code, out)
		}
		code, out, _ = runCLI("meeting", "list", "--db", w.db, "--due")
		if code != 0 || !strings.Contains(out, "村（社区）  会议  情况  期间  本年未开") || !strings.Contains(out, "桃林村  村(居)民恳谈会  本期待开  ") {
			t.Errorf("meeting list --due: %d %s", code, out)
		}
		code, out, _ = runCLI("meeting", "list", "--db", w.db, "--due", "--json", "--village", "桃林村")
		var due []meetings.Due
		if code != 0 || json.Unmarshal([]byte(out), &due) != nil || len(due) == 0 || due[0].VillageName != "桃林村" {
			t.Errorf("meeting list --due --json: %d %s", code, out)
		}
	})

	t.Run("Show", func(t *testing.T) {
		code, out, errOut := runCLI("meeting", "show", w.final, "--db", w.db)
		if code != 0 {
			t.Fatalf("meeting show: %d %s", code, errOut)
		}
		for _, want := range []string{"已定稿", "期号：" + clock().AddDate(0, 0, -7).Format("2006") + "年第1期", "主持人：蓝建国  记录人：杨丽",
			"参会人员（应到 3 人，实到 2 人，请假 1 人，缺席 0 人，列席 0 人）", "刘志强（组长）请假：外出务工",
			"本次会议应到3人，实到2人，请假1人。", "1. 同意对三组饮水管进行维修（落实人 刘志强，", "立案民情 " + w.caseNumber + " 三组饮水管漏水",
			"蓝建国：三组饮水管漏水", "会议认为：饮水安全是头等大事"} {
			if !strings.Contains(out, want) {
				t.Errorf("meeting show does not say %q:\n%s", want, out)
			}
		}
		code, out, _ = runCLI("meeting", "show", "--db", w.db, w.running)
		for _, want := range []string{"进行中", "赵律师（法律顾问）列席，无表决权", "吴小花（村民代表）请假：生病住院",
			"本次会议应到4人，实到3人，请假1人，列席1人，到会人数达到应到人数的三分之二以上，符合规定。", "表决：同意 3，反对 0，弃权 0，通过"} {
			if code != 0 || !strings.Contains(out, want) {
				t.Errorf("meeting show does not say %q:\n%s", want, out)
			}
		}
		code, out, _ = runCLI("meeting", "show", "--db", w.db, w.final, "--json")
		var m meetings.Meeting
		if code != 0 || json.Unmarshal([]byte(out), &m) != nil || m.ID != w.final || m.Quorum.Present != 2 || len(m.Resolutions) != 1 ||
			len(m.Resolutions[0].Cases) != 1 || m.Resolutions[0].Cases[0].Case.Number != w.caseNumber {
			t.Fatalf("meeting show --json: %d %s", code, out)
		}
	})

	t.Run("Minutes", func(t *testing.T) {
		// final minutes: the archived documents, byte for byte
		for form, heading := range map[string]string{"record": "民情分析会记录", "summary": "民情分析会纪要"} {
			pdf := filepath.Join(dir, "final-"+form+".pdf")
			code, out, errOut := runCLI("meeting", "minutes", "--db", w.db, w.final, "--form", form, "-o", pdf)
			if code != 0 || !strings.Contains(out, "已保存存档号") {
				t.Fatalf("minutes %s: %d %s %s", form, code, out, errOut)
			}
			text := pdfText(t, pdf)
			for _, want := range []string{heading, "本次会议应到3人，实到2人，请假1人", "同意对三组饮水管进行维修"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the PDF does not say %q:\n%s", form, want, text)
				}
			}
		}
		if noted.Len() > 0 {
			t.Errorf("final minutes said %q", noted.String())
		}
		// minutes not final: a draft, said so on the standard error
		for form, heading := range map[string]string{"record": "桃林村村民代表会议记录", "summary": "桃林村村民代表会议纪要"} {
			noted.Reset()
			pdf := filepath.Join(dir, "draft-"+form+".pdf")
			code, out, errOut := runCLI("meeting", "minutes", "--db", w.db, "--form", form, "-o", pdf, w.running)
			if code != 0 || !strings.Contains(out, "已生成 "+pdf) || !strings.Contains(noted.String(), "草稿") || errOut != "" {
				t.Fatalf("minutes %s of a draft: %d %s %s %s", form, code, out, errOut, noted.String())
			}
			text := pdfText(t, pdf)
			want := map[string]string{"record": "会议记录", "summary": "会议纪要"}[form]
			for _, want := range []string{heading, want, "本次会议应到4人，实到3人，请假1人，列席1人", "同意3票"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the draft does not say %q:\n%s", form, want, text)
				}
			}
		}
	})

	t.Run("Failures", func(t *testing.T) {
		pdf := filepath.Join(dir, "bad.pdf")
		for _, f := range []struct {
			args []string
			want string
		}{
			{[]string{"meeting", "show", "--db", w.db, "01a00000-0000-7000-8000-000000000000"}, "这次会议不存在或已删除"},
			{[]string{"meeting", "show", "--db", w.db}, "用法"},
			{[]string{"meeting", "minutes", "--db", w.db, "01a00000-0000-7000-8000-000000000000", "--form", "record", "-o", pdf}, "这次会议不存在或已删除"},
			{[]string{"meeting", "minutes", "--db", w.db, w.final, "--form", "notice", "-o", pdf}, "--form 只能是 record（会议记录）或 summary（会议纪要）"},
			{[]string{"meeting", "minutes", "--db", w.db, w.final, "-o", pdf}, "--form 只能是"},
			{[]string{"meeting", "minutes", "--db", w.db, w.final, "--form", "record"}, "缺少 -o"},
			{[]string{"meeting", "minutes", "--db", w.db, w.planned, "--form", "record", "-o", pdf}, "请先填写会议记录"},
			{[]string{"meeting", "minutes", "--db", w.db, w.final, "--form", "record", "-o", w.db}, "错误："},
			{[]string{"meeting", "list", "--db", w.db, "--village", "李家村"}, "--village：没有名为“李家村”的村（社区）"},
			{[]string{"meeting", "list", "--db", filepath.Join(dir, "none.db")}, "不存在"},
			{[]string{"meeting", "list", "--db", w.db, "--nope"}, "没有参数 --nope"},
			{[]string{"meeting", "frobnicate"}, "用法：xiangzhi-cli meeting list"},
		} {
			code, out, errOut := runCLI(f.args...)
			if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, f.want) {
				t.Errorf("%v: exit %d, out %q, err %q", f.args, code, out, errOut)
			}
		}
		if _, err := os.Stat(pdf); !os.IsNotExist(err) {
			t.Error("a failed meeting minutes wrote its file")
		}
	})
}
