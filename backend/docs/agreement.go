package docs

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
)

// Agreement is a 人民调解协议书: the agreement parties to a dispute reached before a village's people's
// mediation committee, laid out as the 司法部 template offices use — the parties, the facts and what
// was disputed, the numbered terms, how and by when they are carried out, the copies, and the lines
// the parties, the mediators and the recorder sign, under the committee's seal and the date.
type Agreement struct {
	Number      string           `json:"number" label:"编号" max:"40" help:"发文存档时自动填入存档号"`
	Committee   string           `json:"committee" label:"人民调解委员会" required:"true" max:"40" help:"如 桃林村人民调解委员会"`
	Parties     []AgreementParty `json:"parties" label:"当事人" required:"true" max:"10" help:"至少两方，每方一行"`
	Facts       string           `json:"facts" label:"纠纷主要事实、争议事项" form:"textarea" required:"true" max:"5000"`
	Terms       []string         `json:"terms" label:"协议内容" required:"true" max:"30" help:"每条一项，打印时自动编号"`
	Performance string           `json:"performance" label:"履行方式、时限" form:"textarea" required:"true" max:"2000" help:"如 2026年12月10日前一次付清"`
	Copies      int              `json:"copies" label:"份数" max:"20" help:"不填为当事人数加一份（当事人、调解委员会各持一份）"`
	Mediators   string           `json:"mediators" label:"人民调解员" required:"true" max:"40" help:"多人用顿号分隔，如 蓝建国、杨丽"`
	Recorder    string           `json:"recorder" label:"记录人" required:"true" max:"20"`
	Date        Date             `json:"date" label:"成文日期" required:"true"`
}

// AgreementParty is one party to the dispute.
type AgreementParty struct {
	Name      string `json:"name" label:"姓名或名称" required:"true" max:"30"`
	Gender    string `json:"gender" label:"性别" options:"男,女"`
	Ethnicity string `json:"ethnicity" label:"民族" max:"10" help:"如 苗族"`
	Birth     string `json:"birth" label:"出生日期或年龄" max:"12" help:"如 1968-05-12 或 58岁"`
	Address   string `json:"address" label:"住址" max:"60"`
	Phone     string `json:"phone" label:"联系电话" max:"30"`
}

func init() {
	register(&Kind{Name: "agreement", Label: "人民调解协议书",
		new: func() Document { return &Agreement{} },
		example: func() Document {
			return &Agreement{Number: "丹口-2026-人民调解协议书-0001", Committee: "桃林村人民调解委员会",
				Parties: []AgreementParty{
					{Name: "龙大海", Gender: "男", Ethnicity: "苗族", Birth: "1968-05-12", Address: "城步苗族自治县丹口镇桃林村三组", Phone: "13907391234"},
					{Name: "杨秀英", Gender: "女", Ethnicity: "汉族", Birth: "61岁", Address: "城步苗族自治县丹口镇桃林村三组", Phone: "13807395678"},
				},
				Facts: "龙大海与杨秀英系相邻住户。2026年10月，杨秀英在自家宅基地东侧砌筑围墙，龙大海认为围墙占用其宅基地约0.5米，双方多次发生争执。龙大海请求拆除围墙，杨秀英认为围墙建在自家宅基地范围内。",
				Terms: []string{
					"以双方1998年宅基地使用证所载四至为准，经村委会现场丈量，围墙东侧超出界址0.3米。",
					"杨秀英于2026年12月10日前自行拆除超出界址部分的围墙，费用由杨秀英承担。",
					"龙大海对杨秀英拆除围墙予以配合，双方今后不得再以此事发生争执。",
				},
				Performance: "杨秀英于2026年12月10日前拆除超出部分，由桃林村人民调解委员会现场确认。",
				Mediators:   "蓝建国、杨丽", Recorder: "刘志强", Date: "2026-11-27"}
		}})
}

var ageRe = regexp.MustCompile(`^(\d{1,3})\s*(岁|周岁)?$`)

// Validate checks the agreement: two parties or more, each party's sex, ethnicity, birth date or age
// and phone in a form that can be read, and copies enough for every party and the committee.
func (a *Agreement) Validate() error {
	if err := checkFields(a); err != nil {
		return err
	}
	if len(a.Parties) < 2 {
		return errs.Field("parties", "「当事人」至少要有两方，现有 %d 方", len(a.Parties))
	}
	for i := range a.Parties {
		p := &a.Parties[i]
		where := func(key string) string { return fmt.Sprintf("parties.%d.%s", i, key) }
		label := func(l string) string { return fmt.Sprintf("「当事人」第%d行「%s」", i+1, l) }
		eth, err := idcard.ParseEthnicity(where("ethnicity"), p.Ethnicity)
		if err != nil {
			return errs.Field(where("ethnicity"), "%s%s", label("民族"), strings.TrimPrefix(errs.As(err).Message, "民族"))
		}
		p.Ethnicity = eth
		if p.Birth != "" {
			if _, err := p.birth(); err != nil {
				return errs.Field(where("birth"), "%s“%s”应为出生日期（如 1968-05-12）或年龄（如 58岁）", label("出生日期或年龄"), p.Birth)
			}
		}
		phone, err := idcard.ParsePhone(where("phone"), p.Phone)
		if err != nil {
			return errs.Field(where("phone"), "%s：%s", label("联系电话"), errs.As(err).Message)
		}
		p.Phone = phone
	}
	if a.Copies != 0 && a.Copies < len(a.Parties)+1 {
		return errs.Field("copies", "「份数」至少为 %d：%d 方当事人和人民调解委员会各持一份", len(a.Parties)+1, len(a.Parties))
	}
	if len(a.mediators()) > 5 {
		return errs.Field("mediators", "「人民调解员」最多写 5 人")
	}
	return nil
}

// birth is how the party's birth date or age is printed: 1968年5月12日出生, or 58岁.
func (p AgreementParty) birth() (string, error) {
	s := strings.TrimSpace(idcard.Normalize(p.Birth))
	if m := ageRe.FindStringSubmatch(s); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		if n < 1 || n > 130 {
			return "", errs.New(errs.Invalid, "年龄不对")
		}
		return m[1] + "岁", nil
	}
	iso, err := idcard.ParseDate("birth", s)
	if err != nil || iso == "" {
		return "", errs.New(errs.Invalid, "日期不对")
	}
	return idcard.ISODateCN(iso) + "出生", nil
}

// describe is the party as the agreement introduces them: 龙大海，男，苗族，1968年5月12日出生，住……，联系电话……。
func (p AgreementParty) describe() string {
	parts := []string{p.Name}
	for _, s := range []string{p.Gender, p.Ethnicity} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if b, err := p.birth(); err == nil && p.Birth != "" {
		parts = append(parts, b)
	}
	if p.Address != "" {
		parts = append(parts, "住"+p.Address)
	}
	if p.Phone != "" {
		parts = append(parts, "联系电话"+p.Phone)
	}
	return strings.Join(parts, "，") + "。"
}

// mediators lists the mediators' names.
func (a *Agreement) mediators() []string {
	return strings.FieldsFunc(a.Mediators, func(r rune) bool { return strings.ContainsRune("、，,；; 　", r) })
}

// copies is the number of copies: as given, else one for each party and one for the committee.
func (a *Agreement) copies() int {
	if a.Copies > 0 {
		return a.Copies
	}
	return len(a.Parties) + 1
}

// Heading names the agreement by its parties.
func (a *Agreement) Heading() string {
	names := make([]string, 0, len(a.Parties))
	for _, p := range a.Parties {
		names = append(names, p.Name)
	}
	who := strings.Join(names, "与")
	if utf8.RuneCountInString(who) > 30 {
		who = string([]rune(who)[:29]) + "等"
	}
	return "人民调解协议书（" + who + "）"
}

// Dated is the day the agreement was made.
func (a *Agreement) Dated() time.Time { return a.Date.Time() }

// setNumber prints the archive's number as the agreement's 编号 (Archive.IssueIn numbers it first).
func (a *Agreement) setNumber(n string) { a.Number = n }

func (a *Agreement) draw(d *engine.Doc) {
	d.Field("标题")
	d.Title("人民调解协议书")
	d.Field("编号")
	if a.Number != "" {
		d.Right("编号："+a.Number, 0)
	} else {
		d.Right("编号："+blank(10), 0)
	}
	for i, p := range a.Parties {
		d.Field(fmt.Sprintf("当事人第%d行", i+1))
		d.Runs(0, engine.Run{Text: "当事人：", Role: fonts.Hei}, engine.Run{Text: p.describe(), Role: fonts.Fang})
	}
	d.Field("纠纷主要事实、争议事项")
	partHeading(d, "纠纷主要事实、争议事项：")
	plain(d, a.Facts)
	d.Field("协议内容")
	partHeading(d, "经调解，自愿达成如下协议：")
	for i, t := range a.Terms {
		d.Field(fmt.Sprintf("协议内容第%d项", i+1))
		d.Runs(2, engine.Run{Text: numeral(i+1) + "、" + endStop(t), Role: fonts.Fang})
	}
	d.Field("履行方式、时限")
	partHeading(d, "履行协议的方式、地点、期限：")
	plain(d, a.Performance)

	// The closing clause and every signature line stay on one page: no signature stands alone.
	closing := fmt.Sprintf("本协议自各方当事人签名或按指印、人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式%s份，当事人、人民调解委员会各持一份。",
		numeral(a.copies()))
	mediators := a.mediators()
	need := d.BodyLines(2, engine.Run{Text: closing, Role: fonts.Fang}) + 1 + 1 + len(a.Parties) + len(mediators) + 1 + 2 + 2
	d.Keep(need)
	d.Field("份数")
	d.Paragraph(closing)
	d.Blank(1)
	d.Field("当事人")
	d.Runs(0, engine.Run{Text: "当事人（签名或按指印）：", Role: fonts.Hei})
	for i, p := range a.Parties {
		d.Field(fmt.Sprintf("当事人第%d行", i+1))
		d.Line(signLine("", p.Name))
	}
	d.Field("人民调解员")
	for _, m := range mediators {
		d.Line(signLine("人民调解员：", m))
	}
	d.Field("记录人")
	d.Line(signLine("记录人：", a.Recorder))
	d.Signature(a.Committee+"（印）", a.Date.CN())
}

// plain draws text as body paragraphs, one per line, indented two characters, all in 仿宋 (the facts
// of a dispute are not headings, whatever their first words).
func plain(d *engine.Doc, text string) {
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			d.Runs(2, engine.Run{Text: p, Role: fonts.Fang})
		}
	}
}

// signLine is a signer's line: the role and the printed name, then room to sign after 签名：, which
// stands in the same column on every line when the names allow.
func signLine(role, name string) string {
	left := blank(2) + role + name
	pad := 16 - utf8.RuneCountInString(left)
	if pad < 2 {
		pad = 2
	}
	return left + blank(pad) + "签名："
}

// numeral writes 1 to 99 in Chinese numerals: 一, 十二, 二十三.
func numeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	case n < 100:
		return digits[n/10] + "十" + strings.TrimPrefix(digits[n%10], "零")
	}
	return fmt.Sprint(n)
}
