package docs

import (
	"strings"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// StatReport is a 民情工作统计报表: the figures of the 统计 screen for a period, printed to report
// upward — the headline figures, each village's, the breakdowns and the handlers with cards — signed
// by who filled it in and who checked it.
type StatReport struct {
	Title     string       `json:"title" label:"报表名称" required:"true" max:"60"`
	Unit      string       `json:"unit" label:"填报单位" required:"true" max:"40"`
	Period    string       `json:"period" label:"统计期间" required:"true" max:"60" help:"如 2026年1月1日至2026年12月3日"`
	Figures   []StatFigure `json:"figures" label:"主要指标" required:"true" max:"40"`
	Villages  []StatRow    `json:"villages" label:"各村情况" max:"2000"`
	Breakdown []StatRow    `json:"breakdown" label:"分类情况" max:"200"`
	Handlers  []StatRow    `json:"handlers" label:"督办到人" max:"2000"`
	Preparer  string       `json:"preparer" label:"填报人" max:"20"`
	Checker   string       `json:"checker" label:"审核人" max:"20"`
	Date      Date         `json:"date" label:"填报日期" required:"true"`
}

// StatFigure is one headline figure.
type StatFigure struct {
	Name  string `json:"name" label:"指标" required:"true" max:"20"`
	Value string `json:"value" label:"数值" required:"true" max:"20"`
	Note  string `json:"note" label:"说明" max:"60"`
}

// StatRow is a row of a breakdown: its group (按类别, 按来源 … for the breakdown; empty in the other
// tables), what it counts and up to five numbers, in the columns of its table.
type StatRow struct {
	Group string `json:"group" label:"分组" max:"10"`
	Name  string `json:"name" label:"项目" required:"true" max:"40"`
	A     string `json:"a" label:"数1" max:"12"`
	B     string `json:"b" label:"数2" max:"12"`
	C     string `json:"c" label:"数3" max:"12"`
	D     string `json:"d" label:"数4" max:"12"`
	E     string `json:"e" label:"数5" max:"12"`
}

func init() {
	register(&Kind{Name: "statreport", Label: "民情统计报表",
		new: func() Document { return &StatReport{} },
		example: func() Document {
			return &StatReport{Title: "丹口镇民情工作统计报表", Unit: "丹口镇人民政府", Period: "2026年1月1日至2026年11月27日",
				Figures: []StatFigure{{"登记", "153", "统计期内登记的民情件数"}, {"办结率", "92.1%", "办结件数 ÷ 受理件数"},
					{"村内化解率", "87.5%", "村内化解件数 ÷ 办结件数"}, {"满意率", "96.0%", "满意和基本满意 ÷ 回访件数"}},
				Villages: []StatRow{{Name: "桃林村", A: "41", B: "38", C: "35", D: "1", E: "0"}, {Name: "下团村", A: "27", B: "25", C: "20", D: "0", E: "1"}},
				Breakdown: []StatRow{{Group: "按类别", Name: "矛盾纠纷", A: "36", B: "33"}, {Group: "按类别", Name: "民生诉求", A: "58", B: "54"},
					{Group: "按来源", Name: "走访", A: "80", B: "75"}, {Group: "按来源", Name: "来访", A: "31", B: "29"}},
				Handlers: []StatRow{{Name: "杨明", A: "5", B: "1", C: "1"}},
				Preparer: "王丽", Date: "2026-11-27"}
		}})
}

// Validate checks the report.
func (r *StatReport) Validate() error { return checkFields(r) }

// Heading is the report's title.
func (r *StatReport) Heading() string { return r.Title }

// Dated is the day it was filled in.
func (r *StatReport) Dated() time.Time { return r.Date.Time() }

func (r *StatReport) draw(d *engine.Doc) {
	d.Field("报表名称")
	d.Title(r.Title)
	d.Field("统计期间")
	d.Runs(0, engine.Run{Text: "填报单位：", Role: fonts.Hei}, engine.Run{Text: r.Unit, Role: fonts.Fang})
	d.Runs(0, engine.Run{Text: "统计期间：", Role: fonts.Hei}, engine.Run{Text: r.Period, Role: fonts.Fang})
	section := 0
	head := func(text string) {
		d.Blank(1)
		d.Keep(4)
		d.Runs(0, engine.Run{Text: numbers10[section] + "、" + text, Role: fonts.Hei})
		section++
	}
	head("主要指标")
	d.Field("主要指标")
	rows := make([][]string, len(r.Figures))
	for i, f := range r.Figures {
		rows[i] = []string{f.Name, f.Value, f.Note}
	}
	d.Table(engine.Table{Field: "主要指标", Size: 12, Rows: rows, Columns: []engine.Column{
		{Title: "指标", Width: 3, Center: true}, {Title: "数值", Width: 2, Center: true}, {Title: "说明", Width: 7}}})
	// table draws rows under columns: what each row counts, then its numbers.
	table := func(field string, columns []string, list []StatRow) {
		d.Field(field)
		cols := []engine.Column{{Title: columns[0], Width: 3}}
		for _, c := range columns[1:] {
			cols = append(cols, engine.Column{Title: c, Width: 1.4, Center: true})
		}
		rows := make([][]string, len(list))
		for i, x := range list {
			rows[i] = append([]string{x.Name}, []string{x.A, x.B, x.C, x.D, x.E}[:len(columns)-1]...)
		}
		d.Table(engine.Table{Field: field, Size: 12, Rows: rows, Columns: cols})
	}
	if len(r.Villages) > 0 {
		head("各村情况")
		table("各村情况", []string{"村（社区）", "登记", "办结", "村内化解", "黄牌", "红牌"}, r.Villages)
	}
	if len(r.Breakdown) > 0 {
		head("分类情况")
		var groups []string
		by := map[string][]StatRow{}
		for _, x := range r.Breakdown {
			if by[x.Group] == nil {
				groups = append(groups, x.Group)
			}
			by[x.Group] = append(by[x.Group], x)
		}
		for i, g := range groups {
			what := "项目"
			if g != "" {
				d.Field("分类情况")
				d.Keep(4)
				d.Runs(2, engine.Run{Text: "（" + numbers10[i%10] + "）" + g, Role: fonts.Kai})
				what = strings.TrimPrefix(g, "按")
			}
			table("分类情况", []string{what, "登记", "办结"}, by[g])
		}
	}
	if len(r.Handlers) > 0 {
		head("督办到人")
		table("督办到人", []string{"责任人", "在办", "黄牌", "红牌"}, r.Handlers)
	}
	d.Blank(1)
	d.Field("填报人")
	d.Keep(2)
	d.Runs(0, engine.Run{Text: "填报人：" + pad(r.Preparer) + "审核人：" + pad(r.Checker), Role: fonts.Fang})
	d.Field("填报日期")
	d.Right("填报日期："+r.Date.CN(), 0)
}

// numbers10 number the sections and groups of a report.
var numbers10 = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// pad is a name followed by room before the next label (and room to sign in when it is blank).
func pad(name string) string {
	if name == "" {
		return "　　　　　　"
	}
	return name + "　　　"
}
