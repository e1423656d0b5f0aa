package docs

import (
	"strings"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// Record is a 会议记录: the verbatim record of a meeting.
type Record struct {
	Title    string `json:"title" label:"会议名称" required:"true" max:"60" help:"如 桃林村2026年11月民情分析会"`
	Time     string `json:"time" label:"时间" required:"true" max:"40" help:"如 2026年11月27日 上午9:00"`
	Place    string `json:"place" label:"地点" required:"true" max:"40"`
	Host     string `json:"host" label:"主持人" required:"true" max:"20"`
	Recorder string `json:"recorder" label:"记录人" required:"true" max:"20"`
	Present  string `json:"present" label:"出席人员" form:"textarea" required:"true"`
	Absent   string `json:"absent" label:"缺席人员及原因" max:"200"`
	Agenda   string `json:"agenda" label:"议题" form:"textarea" required:"true"`
	Content  string `json:"content" label:"记录内容" form:"textarea" required:"true" help:"每人发言一段，如“张三：……”"`
	Addenda  string `json:"addenda" label:"补充说明" form:"textarea" help:"记录定稿后的补充，每条一段，注明日期"`
	Date     Date   `json:"date" label:"会议日期" required:"true"`
}

func init() {
	register(&Kind{Name: "record", Label: "会议记录",
		new: func() Document { return &Record{} },
		example: func() Document {
			return &Record{Title: "桃林村2026年11月民情分析会", Time: "2026年11月27日 上午9:00", Place: "桃林村村委会议室", Host: "蓝建国（村党支部书记）", Recorder: "杨丽",
				Present: "蓝建国、杨丽、刘志强、蓝卫东、片长3人、组长8人", Absent: "周小平（外出务工）",
				Agenda:  "一、通报11月民情收集与办理情况。\n二、研究3件未办结民情事项。",
				Content: "蓝建国：本月共收集民情12件，已办结9件，3件正在办理。\n刘志强：三组饮水管破裂的事，水务站已答应12月5日前修好。\n杨丽：建议把五组路灯维修列入下月“两委”会议议题。\n会议决定：一是饮水管维修由刘志强跟踪，二是路灯维修提交12月“两委”会议研究。",
				Date:    "2026-11-27"}
		}})
	register(&Kind{Name: "summary", Label: "会议纪要",
		new: func() Document { return &Summary{} },
		example: func() Document {
			return &Summary{Org: "", Number: "第12期", Title: "丹口镇2026年第四季度民情恳谈会纪要",
				Intro:     "2026年11月27日上午，镇党委书记王明主持召开第四季度民情恳谈会，听取群众代表意见，研究解决群众反映的突出问题。纪要如下：",
				Body:      "一、关于桃林村饮水安全问题。会议要求镇水务站于12月5日前完成管网维修。\n二、关于下团村道路硬化问题。会议同意列入2027年项目库，由镇财政所做好资金测算。",
				Present:   "王明、李华、张勇、各村党支部书记、群众代表15人",
				Leave:     "赵刚（县里开会）",
				Observers: "镇纪委、司法所负责人",
				Issuer:    "丹口镇党政办", Date: "2026-11-27",
				Colophon: Colophon{CopyTo: "各村（社区）党支部，镇直各单位"}}
		}})
}

// Validate checks the record.
func (r *Record) Validate() error { return checkFields(r) }

// Heading is the meeting's name.
func (r *Record) Heading() string { return strings.TrimSuffix(r.Title, "记录") + "记录" }

// Dated is the meeting's date.
func (r *Record) Dated() time.Time { return r.Date.Time() }

func (r *Record) draw(d *engine.Doc) {
	d.Field("会议名称")
	d.Title(r.Heading())
	for _, kv := range [][3]string{{"时间", "时　　间：", r.Time}, {"地点", "地　　点：", r.Place}, {"主持人", "主 持 人：", r.Host},
		{"记录人", "记 录 人：", r.Recorder}, {"出席人员", "出席人员：", r.Present}, {"缺席人员及原因", "缺席人员：", r.Absent}} {
		if kv[2] == "" {
			continue
		}
		d.Field(kv[0])
		d.Hanging(0, kv[1], kv[2]) // a long list of those present wraps under its first name
	}
	d.Field("议题")
	partHeading(d, "议　　题：")
	d.Body(r.Agenda)
	d.Field("记录内容")
	partHeading(d, "记录内容：")
	for _, p := range strings.Split(r.Content, "\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		// the speaker's name in 黑体, what was said in 仿宋
		if name, said, ok := strings.Cut(p, "："); ok && len([]rune(name)) <= 8 {
			d.Runs(2, engine.Run{Text: name + "：", Role: fonts.Hei}, engine.Run{Text: said, Role: fonts.Fang})
		} else {
			d.Paragraph(p)
		}
	}
	if a := strings.TrimSpace(r.Addenda); a != "" {
		d.Field("补充说明")
		partHeading(d, "补充说明：")
		d.Body(a)
	}
	d.Blank(1)
	d.Field("主持人")
	d.KeepWithLast(2) // the two lines to sign take the record's last two lines along to a new page
	d.Keep(2)
	d.Right("主持人（签字）："+blank(8), 0)
	d.Right("记录人（签字）："+blank(8), 0)
}

func blank(n int) string { return strings.Repeat("　", n) }

// Summary is a 会议纪要: the formal summary of a meeting's decisions, laid out as GB/T 9704 §10.3
// sets it: the red mark 「××会议纪要」 with its issue number, issuing office and date over a red
// rule, no signature at the end, and 分送 in the 版记.
type Summary struct {
	Org       string `json:"org" label:"纪要标志" max:"24" help:"红色的纪要标志，如 丹口镇党政联席会议纪要；留空则以标题作纪要标志"`
	Number    string `json:"number" label:"期号" max:"30" help:"如 第12期"`
	Title     string `json:"title" label:"标题" required:"true" max:"80"`
	Intro     string `json:"intro" label:"会议概况" form:"textarea" required:"true" help:"时间、地点、主持人、议题"`
	Body      string `json:"body" label:"议定事项" form:"textarea" required:"true" help:"每项一段，以“一、”开头"`
	Present   string `json:"present" label:"出席" form:"textarea" required:"true"`
	Leave     string `json:"leave" label:"请假" max:"200"`
	Observers string `json:"observers" label:"列席" max:"200"`
	Issuer    string `json:"issuer" label:"印发单位" required:"true" max:"40"`
	Date      Date   `json:"date" label:"印发日期" required:"true"`
	Colophon
}

// Validate checks the summary.
func (s *Summary) Validate() error { return checkFields(s) }

// Heading is the summary's title.
func (s *Summary) Heading() string { return s.Title }

// Dated is the summary's date.
func (s *Summary) Dated() time.Time { return s.Date.Time() }

func (s *Summary) draw(d *engine.Doc) {
	mark := s.Org
	if mark == "" {
		mark = s.Title
	}
	d.MinutesHeader(mark, s.Number, s.Issuer, s.Date.CN())
	if s.Org != "" {
		heading(d, s.Title, "", "", "", "")
	}
	d.Field("会议概况")
	d.Body(s.Intro)
	d.Field("议定事项")
	d.Body(s.Body)
	d.Blank(1)
	for _, kv := range [][3]string{{"出席", "出席：", s.Present}, {"请假", "请假：", s.Leave}, {"列席", "列席：", s.Observers}} {
		if kv[2] != "" {
			d.Field(kv[0])
			d.Hanging(2, kv[1], kv[2])
		}
	}
	s.drawNote(d)
	s.drawRecord(d, "分送", s.Issuer, s.Date)
}
