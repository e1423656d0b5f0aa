package docs

import (
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/errs"
)

// Ledger is a 台账: a titled table of any columns, printed with its header
// row repeated on every page.
type Ledger struct {
	Title   string     `json:"title" label:"台账名称" required:"true" max:"60"`
	Unit    string     `json:"unit" label:"填报单位" max:"40"`
	Columns []string   `json:"columns" label:"列名" required:"true" max:"12"`
	Widths  []float64  `json:"widths,omitempty" label:"列宽比例"`
	Rows    [][]string `json:"rows" label:"数据行" required:"true" max:"20000"`
	Date    Date       `json:"date" label:"填报日期" required:"true"`
}

func init() {
	register(&Kind{Name: "ledger", Label: "台账", Landscape: true,
		new: func() Document { return &Ledger{} },
		example: func() Document {
			return &Ledger{Title: "丹口镇2026年11月民情办理台账", Unit: "丹口镇民情办",
				Columns: []string{"编号", "反映人", "村（组）", "反映事项", "承办单位", "办结时限", "状态"},
				Widths:  []float64{3.2, 1.4, 1.8, 4.6, 1.8, 2.4, 1.2},
				Rows: [][]string{
					{"丹民交〔2026〕153号", "刘志强", "桃林村三组", "饮水主管道破裂，12户停水", "镇水务站", "2026年11月30日", "已办结"},
					{"丹民交〔2026〕141号", "蓝卫东", "下团村五组", "路灯损坏8盏", "镇水务站", "2026年11月17日", "已超期"},
				},
				Date: "2026-11-27"}
		}})
}

// Validate checks the ledger: every row as many cells as there are columns.
func (l *Ledger) Validate() error {
	if err := checkFields(l); err != nil {
		return err
	}
	if len(l.Widths) > 0 && len(l.Widths) != len(l.Columns) {
		return errs.Field("widths", "「列宽比例」有%d项，应与「列名」一样是%d项", len(l.Widths), len(l.Columns))
	}
	for i, w := range l.Widths {
		if !(w >= 0.1 && w <= 100) {
			return errs.Field("widths", "「列宽比例」第%d项应在 0.1 到 100 之间（现为 %g）", i+1, w)
		}
	}
	if err := checkGrid(l.Columns, l.Rows, "rows", "数据行", "列名"); err != nil {
		return err
	}
	return nil
}

// Heading is the ledger's title.
func (l *Ledger) Heading() string { return l.Title }

// Dated is the ledger's date.
func (l *Ledger) Dated() time.Time { return l.Date.Time() }

func (l *Ledger) draw(d *engine.Doc) {
	d.Field("台账名称")
	d.Title(l.Title)
	d.Field("填报单位")
	line := "填报日期：" + l.Date.CN()
	if l.Unit != "" {
		line = "填报单位：" + l.Unit + "　　" + line
	}
	d.Right(line, 0)
	cols := make([]engine.Column, len(l.Columns))
	for i, c := range l.Columns {
		cols[i] = engine.Column{Title: c, Center: short(l.Rows, i)}
		if len(l.Widths) > 0 {
			cols[i].Width = l.Widths[i]
		}
	}
	d.Table(engine.Table{Field: "数据行", Columns: cols, Rows: l.Rows, Size: 10.5})
}
