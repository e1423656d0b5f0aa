package selections

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
)

// The papers of a campaign, filled from its own data: the 公示 of the ranked list within the quota,
// the 表彰决定 listing the approved households, and the batch of 荣誉证书.

// issuerOf is who issues a campaign's papers when the officer gives no one: the village's committee,
// or the office.
func issuerOf(tx *store.Tx, c Campaign, given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if c.VillageID != "" {
		if strings.HasSuffix(c.Scope, "社区") {
			return c.Scope + "居民委员会", nil
		}
		return c.Scope + "村民委员会", nil
	}
	return tx.OfficeName()
}

// idOrMobile finds what looks like an ID number or a mobile number in free text.
var idOrMobile = regexp.MustCompile(`\d{17}[\dXx]|1[3-9]\d{9}`)

// masked hides, in text a nominee's deeds were written in, the middle of any ID number or mobile
// number: a list posted in public names people, not their numbers.
func masked(text string) string {
	return idOrMobile.ReplaceAllStringFunc(text, func(s string) string {
		if len(s) == 18 {
			return idcard.MaskID(s)
		}
		return idcard.MaskPhone(s)
	})
}

// brief gives what a list shows of deeds, numbers masked: the whole sentences that fit in n
// characters, and at least the first, without its closing stop. A sentence is never cut off with
// “…” in a 公示 or 决定 (it read 「带头发展油茶…」); only one longer than briefMax (the 公示's cell) is
// cut, after its last comma that fits.
func brief(deeds string, n int) string {
	rs := []rune(masked(strings.ReplaceAll(strings.TrimSpace(deeds), "\n", "；")))
	end := 0 // of the sentences kept
	for i, r := range rs {
		if strings.ContainsRune("。；！？", r) && (end == 0 || i < n) {
			end = i + 1
		}
		if end > 0 && i >= n {
			break
		}
	}
	if end == 0 || len(rs) <= n {
		end = len(rs)
	}
	if end > briefMax {
		end = briefMax - 1
		if c := lastComma(rs[:end]); c > briefMax/2 {
			end = c
		}
		return string(rs[:end]) + "…"
	}
	return strings.TrimRight(string(rs[:end]), "。；！？，")
}

// briefMax is the most of a person's deeds a 公示 prints (docs.GongshiItem.Reason).
const briefMax = 300

// lastComma is the index of the last comma or pause in rs, or -1.
func lastComma(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune("，、：", rs[i]) {
			return i
		}
	}
	return -1
}

func noticeDocIn(tx *store.Tx, c Campaign, r Ranking, in NoticeInput) (*docs.Gongshi, error) {
	issuer, err := issuerOf(tx, c, in.Issuer)
	if err != nil {
		return nil, err
	}
	list := approved(r)
	var ids []string
	for _, e := range list {
		if e.ResidentID != "" {
			ids = append(ids, e.ResidentID)
		}
	}
	masked, err := grid.MaskedIDsIn(tx, ids)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, k := range c.Criteria {
		names = append(names, fmt.Sprintf("%s（%d分）", k.Name, k.Weight))
	}
	passed := 0
	for _, e := range r.List {
		if e.Rank > 0 {
			passed++
		}
	}
	g := &docs.Gongshi{Number: in.Number, Title: fmt.Sprintf("关于%d年度“%s”拟表彰对象的公示", c.Year, c.Kind),
		Basis: c.Basis,
		Process: fmt.Sprintf("经推荐、初审，%d名推荐对象进入评议；评议小组%d人按%s逐项打分（与推荐对象有利害关系的成员回避），"+
			"按总分排序（%s），取前%d名为拟表彰对象", passed, len(r.Members), strings.Join(names, "、"), TieRule, c.Quota),
		Start: docs.Date(c.NoticeStart), Days: c.NoticeDays, Where: in.Where, How: in.How, Contact: in.Contact, Phone: in.Phone,
		Monitor: in.Monitor, Issuer: issuer, Date: docs.Date(tx.Today().Format(dateLayout))}
	if g.Basis == "" {
		g.Basis = "根据" + c.Title + "实施方案"
	}
	if g.How == "" {
		g.How = "对拟表彰对象有异议的，请在公示期内以书面或电话方式实名反映，并提供具体事实"
	}
	for _, e := range list {
		g.People = append(g.People, docs.GongshiItem{Name: e.Name, ID: masked[e.ResidentID], Village: e.Place,
			Reason: brief(e.Deeds, 60)})
	}
	if len(g.People) == 0 {
		return nil, errs.New(errs.Conflict, "没有进入名额的拟表彰对象，无法公示")
	}
	return g, g.Validate()
}

// honourDocsIn fills the 表彰决定 (as a 通报 commending the list) and the certificates.
func honourDocsIn(tx *store.Tx, c Campaign, r Ranking, in HonourInput, date string) (*docs.Bulletin, *docs.Certificate, error) {
	issuer, err := issuerOf(tx, c, in.Issuer)
	if err != nil {
		return nil, nil, err
	}
	list := approved(r)
	honour := c.Kind
	activity := fmt.Sprintf("%s%d年度“%s”评选", scopeTitle(c.Scope), c.Year, c.Kind)
	var names []string
	rows := make([][]string, len(list))
	certs := &docs.Certificate{Activity: activity, Honour: honour, Prefix: in.Prefix, Issuer: issuer, Date: docs.Date(date)}
	for i, e := range list {
		names = append(names, e.Name)
		rows[i] = []string{strconv.Itoa(i + 1), e.Place, e.Name, brief(e.Deeds, 40)}
		item := docs.CertificateItem{Name: e.Name}
		if in.Prefix != "" { // numbered here, so the honour records the number the certificate bears
			item.Number = fmt.Sprintf("%s%03d号", in.Prefix, i+1)
		}
		certs.Recipients = append(certs.Recipients, item)
	}
	named := strings.Join(names[:min(3, len(names))], "、") + fmt.Sprintf("等%d%s", len(names), unit(c))
	if len(names) == 1 {
		named = names[0] // not 陈永峰家庭等1户家庭
	}
	body := fmt.Sprintf("%s开展以来，经推荐、初审、评议打分、公示（%s至%s）和审定，%s事迹突出，群众公认。"+
		"为树立先进典型，弘扬文明新风，决定授予%s“%s”称号，并颁发荣誉证书。\n希望受表彰的%s珍惜荣誉，再接再厉，发挥示范带头作用。"+
		"全体干部群众要以先进为榜样，崇德向善，共建文明和谐的美好家园。",
		activity, idcard.ISODateCN(c.NoticeStart), idcard.ISODateCN(c.NoticeEnd), named,
		strings.Join(names, "、"), honour, who(c))
	d := &docs.Bulletin{Notice: docs.Notice{Number: in.Number, Title: fmt.Sprintf("关于表彰%d年度“%s”的决定", c.Year, c.Kind),
		To: "各村（社区）", Body: body, Columns: []string{"序号", "村（组）", "受表彰对象", "主要事迹"}, Rows: rows,
		Issuer: issuer, Date: docs.Date(date)}}
	if c.VillageID != "" {
		d.To = "各村民小组"
		if strings.HasSuffix(c.Scope, "社区") {
			d.To = "各居民小组" // a 社区's groups are of residents, not villagers
		}
	}
	if err := d.Validate(); err != nil {
		return nil, nil, err
	}
	return d, certs, certs.Validate()
}

// unit counts the honoured: 户家庭 for households, 名同志 for persons.
func unit(c Campaign) string {
	if c.Personal {
		return "名同志"
	}
	return "户家庭"
}

// who names the honoured as a group.
func who(c Campaign) string {
	if c.Personal {
		return "同志"
	}
	return "家庭"
}
