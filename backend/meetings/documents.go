package meetings

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Source is how the archive names a meeting's documents (docs.Archive.BySource).
func Source(id string) docs.Source { return docs.Source{Table: "meetings", ID: id} }

// issuerOf is who issues a meeting's papers: the village's party branch for a party members'
// assembly, its committee (村民委员会 / 居民委员会) for the rest.
func issuerOf(m Meeting) string {
	v := m.VillageName
	switch {
	case m.Kind == KindParty:
		return cut(v+"党支部", 40)
	case strings.HasSuffix(v, "社区"):
		return cut(v+"居民委员会", 40)
	}
	return cut(v+"村民委员会", 40)
}

// clockCN writes 09:00 as 上午9:00 and 14:30 as 下午2:30.
func clockCN(hm string) string {
	if len(hm) != 5 {
		return ""
	}
	h := int(hm[0]-'0')*10 + int(hm[1]-'0')
	switch {
	case h < 12:
		return fmt.Sprintf("上午%d%s", h, hm[2:])
	case h == 12:
		return "中午12" + hm[2:]
	}
	return fmt.Sprintf("下午%d%s", h-12, hm[2:])
}

// when is a meeting's day and hours as the papers print them: 2026年11月27日 上午9:00—11:30.
func (m Meeting) when() string {
	t := cn(m.Date)
	if m.Start != "" {
		t += " " + clockCN(m.Start)
		if m.End != "" {
			t += "—" + strings.TrimPrefix(strings.TrimPrefix(clockCN(m.End), "上午"), "下午")
			if (m.Start < "12:00") != (m.End < "12:00") {
				t = cn(m.Date) + " " + clockCN(m.Start) + "—" + clockCN(m.End)
			}
		}
	}
	return t
}

// attendance lists a meeting's people by how they attended: names with their role where it helps,
// a leave with its reason, a late arrival or early departure with its time.
func (m Meeting) attendance() (present, leave, absent, observers []string) {
	for _, p := range m.Members {
		name := p.Name
		switch {
		case p.Arrived != "" && p.LeftEarly != "":
			name += fmt.Sprintf("（%s到会，%s离会）", p.Arrived, p.LeftEarly)
		case p.Arrived != "":
			name += fmt.Sprintf("（%s到会）", p.Arrived)
		case p.LeftEarly != "":
			name += fmt.Sprintf("（%s离会）", p.LeftEarly)
		}
		switch p.Attendance {
		case Present:
			present = append(present, name)
		case Observer:
			if p.Role != "" {
				name += "（" + p.Role + "）"
			}
			observers = append(observers, name)
		case OnLeave:
			leave = append(leave, p.Name+"（"+p.Reason+"）")
		case Absent:
			absent = append(absent, p.Name)
		}
	}
	return
}

// voteLine is how a decision's vote prints: （表决结果：同意18票，反对1票，弃权2票，通过；张三回避）.
func voteLine(r Resolution) string {
	if !r.Voted {
		return ""
	}
	result := "通过"
	if !r.Passed {
		result = "未通过"
	}
	s := fmt.Sprintf("（表决结果：同意%d票，反对%d票，弃权%d票，%s", r.For, r.Against, r.Abstain, result)
	if len(r.RecusedNames) > 0 {
		s += "；" + strings.Join(r.RecusedNames, "、") + "因利害关系回避"
	}
	return s + "）"
}

// decisions are the passed decisions as the minutes number them, each with its vote and who carries
// it out by when; failed votes follow, said as such.
func (m Meeting) decisions() []string {
	var out []string
	for _, r := range m.Resolutions {
		t := strings.TrimSuffix(strings.TrimSpace(r.Text), "。")
		if r.Handler != "" {
			t += "，由" + r.Handler + "负责落实"
			if r.DueOn != "" {
				t += "，" + cn(r.DueOn) + "前完成"
			}
		}
		if !r.Passed {
			t = "（未通过）" + t
		}
		for _, c := range r.Cases {
			t += fmt.Sprintf("（民情编号 %s）", c.Case.Number)
		}
		out = append(out, t+"。"+voteLine(r))
	}
	return out
}

func (m Meeting) agenda() []string {
	out := make([]string, 0, len(m.Items))
	for _, it := range m.Items {
		out = append(out, strings.TrimSuffix(it.Title, "。")+"。")
	}
	return out
}

// RecordIn builds the 会议记录 of a meeting from its data: who came (with 应到/实到), the quorum line, the
// agenda, the record as written, each decision with its vote, and the addenda.
func RecordIn(tx *store.Tx, id string) (*docs.Record, error) {
	m, err := GetIn(tx, id)
	if err != nil {
		return nil, err
	}
	return m.record()
}

func (m Meeting) record() (*docs.Record, error) {
	if strings.TrimSpace(m.Record) == "" {
		return nil, errs.Field("record", "请先填写会议记录")
	}
	present, _, _, observers := m.attendance()
	pres := strings.Join(present, "、")
	if len(observers) > 0 {
		pres += "；列席：" + strings.Join(observers, "、")
	}
	pres += "。" + m.Quorum.Line
	var away []string
	for _, p := range m.Members {
		switch p.Attendance {
		case OnLeave:
			away = append(away, p.Name+"（请假："+p.Reason+"）")
		case Absent:
			away = append(away, p.Name+"（缺席）")
		}
	}
	content := strings.TrimSpace(m.Record)
	for _, it := range m.Items {
		if it.Note != "" {
			content += "\n" + strings.TrimSuffix(it.Title, "。") + "：" + it.Note
		}
	}
	if m.Opinion != "" {
		content += "\n会议认为：" + sentence(m.Opinion)
	}
	// under 会议决定, the decisions are the second level: （一）, （二）
	for i, d := range m.decisions() {
		if i == 0 {
			content += "\n会议决定："
		}
		content += "\n（" + chineseNumber(i+1) + "）" + d
	}
	var addenda []string
	for _, a := range m.Addenda {
		addenda = append(addenda, cn(a.On)+"补充："+a.Text)
	}
	agenda := numbered(m.agenda())
	if agenda == "" {
		agenda = "（无）"
	}
	return &docs.Record{Title: cut(m.Title, 60), Time: cut(m.when(), 40), Place: cut(orNone(m.Place), 40), Host: cut(m.Host, 20),
		Recorder: cut(m.Recorder, 20), Present: pres, Absent: cut(strings.Join(away, "；"), 200), Agenda: agenda,
		Content: content, Addenda: strings.Join(addenda, "\n"), Date: docs.Date(m.Date)}, nil
}

// sentence ends s with a full stop unless it ends with a mark already.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if r, _ := utf8.DecodeLastRuneInString(s); s == "" || strings.ContainsRune("。！？；）.!?", r) {
		return s
	}
	return s + "。"
}

func orNone(s string) string {
	if s == "" {
		return "（未填写）"
	}
	return s
}

// SummaryIn builds the 会议纪要 of a meeting from its data: the meeting in brief with its quorum line,
// "会议认为" and "会议决定" with each decision's vote, and the 出席 / 请假 / 列席 lines.
func SummaryIn(tx *store.Tx, id string) (*docs.Summary, error) {
	m, err := GetIn(tx, id)
	if err != nil {
		return nil, err
	}
	return m.summary()
}

func (m Meeting) summary() (*docs.Summary, error) {
	present, leave, absent, observers := m.attendance()
	if len(present) == 0 {
		return nil, errs.New(errs.Conflict, "没有标记出席的人员，不能形成会议纪要")
	}
	decided := m.decisions()
	if len(decided) == 0 && m.Opinion == "" {
		return nil, errs.Field("opinion", "会议纪要要写明“会议认为”或至少一项会议决定")
	}
	intro := fmt.Sprintf("%s，%s在%s召开%s", m.when(), m.VillageName, orNone(m.Place), m.Kind)
	if m.Host != "" {
		intro += "，" + m.Host + "主持"
	}
	intro += "。" + m.Quorum.Line
	if a := m.agenda(); len(a) > 0 {
		intro += fmt.Sprintf("会议研究了%d项议题。", len(a))
	}
	intro += "现将会议议定事项纪要如下："
	var body []string
	if m.Opinion != "" {
		body = append(body, "会议认为，"+sentence(strings.TrimLeft(strings.TrimPrefix(m.Opinion, "会议认为"), "，：,:")))
	}
	if len(decided) > 0 {
		body = append(body, "会议决定：", numbered(decided))
	}
	leaveLine := strings.Join(leave, "、")
	if len(absent) > 0 {
		leaveLine = strings.TrimPrefix(leaveLine+"；缺席："+strings.Join(absent, "、"), "；")
	}
	issuer := issuerOf(m)
	number := m.IssueNo
	return &docs.Summary{Number: cut(number, 30), Title: cut(strings.TrimSuffix(m.Title, "纪要")+"纪要", 80), Intro: intro,
		Body: strings.Join(body, "\n"), Present: strings.Join(present, "、"), Leave: cut(leaveLine, 200),
		Observers: cut(strings.Join(observers, "、"), 200), Issuer: issuer, Date: docs.Date(m.Date),
		Colophon: docs.Colophon{CopyTo: "", Printer: issuer}}, nil
}

// NoticeIn builds the 会议通知 of a planned meeting: time, place, agenda and who must attend, from its
// committee, dated today.
func NoticeIn(tx *store.Tx, id string) (*docs.Notice, error) {
	m, err := GetIn(tx, id)
	if err != nil {
		return nil, err
	}
	if m.State != StatePlanned {
		return nil, errs.New(errs.Conflict, "会议通知在会前发出：这次会议现在是“%s”", m.State)
	}
	if len(m.Members) == 0 {
		return nil, errs.New(errs.Conflict, "参会名单还是空的，请先添加参会人员")
	}
	var roles []string
	seen := map[string]bool{}
	var names []string
	for _, p := range m.Members {
		r := p.Role
		if r == "" {
			r = "其他参会人员"
		}
		if !seen[r] {
			seen[r] = true
			roles = append(roles, r)
		}
		names = append(names, p.Name)
	}
	// each heading is its own first sentence (printed in 黑体), what it says follows in 仿宋
	body := []string{fmt.Sprintf("经研究，定于%s在%s召开%s。现将有关事项通知如下。", m.when(), orNone(m.Place), m.Title),
		"一、会议时间。" + m.when() + "。", "二、会议地点。" + sentence(orNone(m.Place))}
	if a := m.agenda(); len(a) > 0 {
		items := make([]string, len(a))
		for i, t := range a {
			items[i] = "（" + chineseNumber(i+1) + "）" + t
		}
		body = append(body, "三、会议议题。", strings.Join(items, "\n"))
	} else {
		body = append(body, "三、会议议题。另行通知。")
	}
	body = append(body, "四、参会人员。"+strings.Join(names, "、")+"。")
	ask := "五、有关要求。请参会人员准时出席，不得无故缺席"
	if m.Host != "" {
		ask += "；因故不能参会的，请于会前向" + m.Host + "请假"
	}
	body = append(body, ask+"。")
	issuer := issuerOf(m)
	return &docs.Notice{Title: cut("关于召开"+m.Title+"的通知", 80), To: cut("各位"+strings.Join(roles, "、"), 80),
		Body: strings.Join(body, "\n"), Issuer: issuer, Date: docs.Date(tx.Today().Format(dateLayout))}, nil
}
