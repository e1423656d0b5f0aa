package docs

import (
	"strings"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// Colophon is what a 通知, 纪要 or 请示 carries after its signature (GB/T 9704-2012): the 附注
// under the date (§7.3.6) and the 版记 at the foot of its last page (§7.4). A kind embeds it, so
// its fields are the kind's own.
type Colophon struct {
	Note    string `json:"note" label:"附注" max:"80" help:"印在成文日期下一行的括号里，如 此件公开发布，或 联系人：李华，电话：0739-7321234"`
	CopyTo  string `json:"copyTo" label:"抄送" max:"300" help:"版记的抄送机关，用逗号隔开，如 县民政局，县妇联"`
	Printer string `json:"printer" label:"印发机关" max:"40" help:"版记的印发机关，如 丹口镇党政办公室；留空则同发文单位"`
	Printed Date   `json:"printed" label:"印发日期" help:"版记的印发日期；留空则同成文日期"`
}

// drawNote draws the 附注 in brackets on the line under the date, two characters in.
func (c Colophon) drawNote(d *engine.Doc) {
	note := strings.Trim(strings.TrimSpace(c.Note), "（）()")
	if note == "" {
		return
	}
	d.Field("附注")
	d.Runs(2, engine.Run{Text: "（" + note + "）", Role: fonts.Fang})
}

// drawRecord draws the 版记: copyLabel (抄送, or 分送 for a 纪要), the 印发机关 (issuer when not
// given) and the 印发日期 (date when not given).
func (c Colophon) drawRecord(d *engine.Doc, copyLabel, issuer string, date Date) {
	printer, printed := c.Printer, c.Printed
	if printer == "" {
		printer = issuer
	}
	if printed == "" {
		printed = date
	}
	d.Colophon(engine.Colophon{CopyLabel: copyLabel, CopyTo: c.CopyTo, Printer: printer, Printed: printed.CN()})
}
