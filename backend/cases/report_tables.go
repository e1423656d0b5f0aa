package cases

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/roster/sheet"
)

// Tables are the report as the tables of the 统计 workbook, one sheet each: the headline figures,
// then by village, category, source, month and state, and the handlers with cards. scope names what
// it counts (the office, or a village) and goes into every title.
func (r Report) Tables(scope string) []sheet.Table {
	period := periodText(r.From, r.To)
	title := func(what string) string { return scope + what + "（" + period + "）" }
	named := func(t sheet.Table) sheet.Table { // the sheet is named by what it counts, the title says the rest
		t.Sheet = strings.TrimPrefix(strings.TrimSuffix(t.Title, "（"+period+"）"), scope)
		return t
	}
	n := strconv.Itoa
	num := func(titles ...string) []sheet.TableColumn {
		cols := []sheet.TableColumn{{Title: titles[0]}}
		for _, t := range titles[1:] {
			cols = append(cols, sheet.TableColumn{Title: t, Number: true})
		}
		return cols
	}
	headline := sheet.Table{Title: title("民情统计"), Columns: []sheet.TableColumn{{Title: "指标"}, {Title: "数值", Number: true}, {Title: "说明"}}}
	for _, row := range [][3]string{
		{"登记", n(r.Registered), "统计期内登记的民情件数"},
		{"不予受理", n(r.Rejected), ""},
		{"办结", n(r.Resolved), ""},
		{"办结率", Percent(r.ResolvedRate), "办结件数 ÷ 受理件数"},
		{"村内化解", n(r.InVillage), "在村及以下（邻、组、片、村）办结"},
		{"村内化解率", Percent(r.VillageRate), "村内化解件数 ÷ 办结件数"},
		{"按期办结", n(r.OnTime), "在办理期限内办结"},
		{"按期办结率", Percent(r.OnTimeRate), "按期办结件数 ÷ 办结件数"},
		{"回访", n(r.FollowedUp), ""},
		{"满意率", Percent(r.SatisfyRate), "满意和基本满意 ÷ 回访件数"},
		{"矛盾纠纷", n(r.Disputes), ""},
		{"矛盾纠纷调解成功", n(r.Mediated), "统计期内登记的矛盾纠纷中，办结时调解成功的件数"},
		{"走访", n(r.Visits), "统计期内的走访次数"},
		{"在办", n(r.Cards.Open), "今日在办的民情"},
		{"黄牌", n(r.Cards.Yellow), "今日临近期限（剩 1 个工作日及以内）"},
		{"红牌", n(r.Cards.Red), "今日已超期"},
	} {
		headline.Rows = append(headline.Rows, row[:])
		if row[0] == "走访" && r.Meetings != nil {
			headline.Rows = append(headline.Rows, []string{"召开会议", n(r.Meetings.Held), r.Meetings.Note})
		}
	}
	villages := sheet.Table{Title: title("各村民情"), Columns: num("村（社区）", "登记", "办结", "村内化解", "黄牌", "红牌")}
	for _, v := range r.ByVillage {
		name := v.Village
		if name == "" {
			name = "（未指定村）"
		}
		villages.Rows = append(villages.Rows, []string{name, n(v.Cases), n(v.Resolved), n(v.InVillage), n(v.Yellow), n(v.Red)})
	}
	tally := func(what, col string, ts []Tally) sheet.Table {
		t := sheet.Table{Title: title(what), Columns: num(col, "登记", "办结")}
		for _, x := range ts {
			t.Rows = append(t.Rows, []string{x.Name, n(x.Cases), n(x.Resolved)})
		}
		return t
	}
	months := make([]Tally, len(r.ByMonth))
	for i, m := range r.ByMonth {
		months[i] = m
		if len(m.Name) == 7 {
			months[i].Name = m.Name[:4] + "年" + m.Name[5:] + "月"
		}
	}
	handlers := sheet.Table{Title: title("督办到人"), Columns: num("责任人", "在办", "黄牌", "红牌")}
	for _, h := range r.ByHandler {
		name := h.Handler
		if name == "" {
			name = "（待指派）"
		}
		handlers.Rows = append(handlers.Rows, []string{name, n(h.Open), n(h.Yellow), n(h.Red)})
	}
	tables := []sheet.Table{headline, villages, tally("按类别", "类别", r.ByCategory), tally("按来源", "来源", r.BySource),
		tally("按月份", "月份", months), tally("按状态", "状态", r.ByState), handlers}
	for i := range tables {
		tables[i] = named(tables[i])
	}
	return tables
}

// Percent is a rate (0–1) as officers write it: 85.3%.
func Percent(rate float64) string { return fmt.Sprintf("%.1f%%", rate*100) }

// periodText is a period as officers read it: 2026年1月1日至2026年12月31日, 全部 for no bounds.
func periodText(from, to string) string {
	switch {
	case from == "" && to == "":
		return "全部"
	case to == "":
		return chineseDate(from) + "以来"
	case from == "":
		return "截至" + chineseDate(to)
	}
	return chineseDate(from) + "至" + chineseDate(to)
}

func chineseDate(iso string) string {
	d, err := parseDate(iso)
	if err != nil {
		return iso
	}
	return idcard.DateCN(d)
}

// Document is the report as a 民情统计报表 to print: the tables of the workbook (Tables) under the
// title of unit or scope, filled in by preparer on date (ISO).
func (r Report) Document(unit, scope, preparer, date string) *docs.StatReport {
	tables := r.Tables(scope)
	by := func(sheetName string) (out []docs.StatRow) {
		for _, t := range tables {
			if t.Sheet != sheetName {
				continue
			}
			for _, row := range t.Rows {
				x := docs.StatRow{Name: row[0]}
				nums := []*string{&x.A, &x.B, &x.C, &x.D, &x.E}
				for i, cell := range row[1:] {
					*nums[i] = cell
				}
				out = append(out, x)
			}
		}
		return out
	}
	doc := &docs.StatReport{Title: cmp.Or(scope, unit) + "民情工作统计报表", Unit: unit, Period: periodText(r.From, r.To),
		Villages: by("各村民情"), Handlers: by("督办到人"), Preparer: preparer, Date: docs.Date(date)}
	if scope != "" {
		doc.Villages = nil // one village: its figures are the headline ones
	}
	for _, row := range tables[0].Rows {
		doc.Figures = append(doc.Figures, docs.StatFigure{Name: row[0], Value: row[1], Note: row[2]})
	}
	for _, group := range []string{"按类别", "按来源", "按月份", "按状态"} {
		for _, x := range by(group) {
			x.Group = group
			doc.Breakdown = append(doc.Breakdown, x)
		}
	}
	return doc
}

// ReportDocument is the 民情统计报表 of the period and village (as Report), filled in today by this
// office and operator; scope names the village ("" for the office). Code invalid while the office has
// no name, which the report must carry.
func (s *Service) ReportDocument(ctx context.Context, from, to, villageID, scope string) (*docs.StatReport, error) {
	r, err := s.Report(ctx, from, to, villageID)
	if err != nil {
		return nil, err
	}
	return s.DocumentOf(ctx, r, scope)
}

// DocumentOf is ReportDocument of a report already read (with its meetings set, for one).
func (s *Service) DocumentOf(ctx context.Context, r Report, scope string) (*docs.StatReport, error) {
	office, err := s.db.Get(ctx, "offices", s.db.Site().OfficeID)
	if err != nil {
		return nil, err
	}
	unit, _ := office["name"].(string)
	if unit == "" {
		return nil, errs.New(errs.Invalid, "报表要写明填报单位：请先在「设置」中填写单位名称")
	}
	return r.Document(cut(unit, 40), cut(strings.TrimSpace(scope), 30), cut(s.db.Operator(), 20), s.db.Today().Format(dateLayout)), nil
}
