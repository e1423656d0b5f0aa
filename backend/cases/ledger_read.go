package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/textrule"
)

// LedgerPreview is what a ledger file holds, checked, before anything is written.
type LedgerPreview struct {
	File     string `json:"file"`
	Total    int    `json:"total"`    // data rows read
	Valid    int    `json:"valid"`    // rows without problems
	Rejected int    `json:"rejected"` // rows with at least one problem
	Existing int    `json:"existing"` // valid rows already imported (they will be skipped)
	// Problems are the first MaxLedgerProblems problems, each with its row and column; ProblemCount
	// counts them all.
	Problems     []sheet.Problem `json:"problems"`
	ProblemCount int             `json:"problemCount"`
	// Notices are what is imported but wants a look (a 责任人 not among the office's leaders).
	Notices []sheet.Problem `json:"notices"`
	Unknown []string        `json:"unknown"` // headers that were not recognised (ignored)

	sheet *sheet.Sheet
	rows  []ledgerRow // the valid rows
}

// MaxLedgerProblems bounds the problems and notices a check keeps and its report lists.
const MaxLedgerProblems = 20000

// ledgerRow is one valid ledger row, ready to write.
type ledgerRow struct {
	Row                                         int
	No, Key                                     string // its identity (see ledgerIndex)
	Registered, Deadline, Resolved              string // ISO
	LimitDays                                   int
	Source, Category, Urgency, Level, Handler   string
	Summary, Description, Location, Result      string
	Person, Phone, IDNumber, Village, VillageID string
	State, Satisfaction                         string
	Mediation, MediationTo                      string // a resolved dispute's outcome (mediation.go) and the body it went to
	HandlerKnown                                bool
	Parties                                     []string // the other people it concerns, by name (parties.go)
}

// CheckLedger reads and validates a ledger file against this office's villages, categories and
// leaders. Every problem is listed with its row, column and reason; nothing is written. Code invalid
// when the file cannot be read as a ledger at all.
func (s *Service) CheckLedger(ctx context.Context, path string) (*LedgerPreview, error) {
	refs, err := s.ledgerRefs(ctx)
	if err != nil {
		return nil, err
	}
	p := &LedgerPreview{File: path, Problems: []sheet.Problem{}, Notices: []sheet.Problem{}}
	today := s.db.Today()
	seenNo, seenKey := map[string]int{}, map[string]int{}
	var rejected []sheet.Row // the cells of the rows the report lists
	// The sheet is read in one pass, and again from the first row if the fast reader gives up.
	restart := func() {
		*p = LedgerPreview{File: path, Problems: []sheet.Problem{}, Notices: []sheet.Problem{}}
		seenNo, seenKey, rejected = map[string]int{}, map[string]int{}, nil
	}
	sh, err := LedgerLayout.ReadEachOver(path, restart, func(raw sheet.Row) error {
		if p.Total%1024 == 0 && ctx.Err() != nil {
			return progress.Cancelled(ctx)
		}
		p.Total++
		r, problems := parseLedgerRow(raw, today, refs)
		if len(problems) == 0 {
			problems = duplicate(r, seenNo, seenKey)
		}
		if len(problems) > 0 {
			p.Rejected++
			p.ProblemCount += len(problems)
			if len(p.Problems) < MaxLedgerProblems {
				p.Problems = append(p.Problems, problems...)
				rejected = append(rejected, raw)
			}
			return nil
		}
		if r.Handler != "" && !r.HandlerKnown && len(p.Notices) < MaxLedgerProblems {
			p.Notices = append(p.Notices, handlerNotice(&r))
		}
		p.Valid++
		if refs.index.has(r) {
			p.Existing++
		}
		p.rows = append(p.rows, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sh.Rows = rejected
	p.sheet, p.Unknown = sh, sh.Unknown
	if p.Unknown == nil {
		p.Unknown = []string{}
	}
	return p, nil
}

// duplicate reports a row that repeats an earlier one of the same sheet: the same 编号, or (rows
// without one) the same day, person and matter.
func duplicate(r ledgerRow, seenNo, seenKey map[string]int) []sheet.Problem {
	if r.No != "" {
		if first, dup := seenNo[r.No]; dup {
			return []sheet.Problem{{Row: r.Row, Key: "number", Message: fmt.Sprintf("与第 %d 行的编号相同，一件民情只能登记一次", first)}}
		}
		seenNo[r.No] = r.Row
		return nil
	}
	if first, dup := seenKey[r.Key]; dup {
		return []sheet.Problem{{Row: r.Row, Key: "summary", Message: fmt.Sprintf(
			"与第 %d 行的登记日期、反映人和反映事项都相同，是重复的一行；如确是两件，请用“编号”列区分", first)}}
	}
	seenKey[r.Key] = r.Row
	return nil
}

// handlerNotice says that a row's 责任人 is kept as written, waiting for assignment.
func handlerNotice(r *ledgerRow) sheet.Problem {
	return sheet.Problem{Row: r.Row, Key: "handler",
		Message: fmt.Sprintf("责任人“%s”不在本单位的干部名单中，已照原样记录，待核实指派", r.Handler)}
}

// WriteReport writes the validation report: every problem, and the rejected rows with the bad cells
// marked.
func (p *LedgerPreview) WriteReport(path string) error {
	return sheet.WriteReport(p.sheet, p.Problems, p.ProblemCount, path)
}

// rowParse turns one sheet row into a ledgerRow, collecting its problems.
type rowParse struct {
	raw      sheet.Row
	today    time.Time
	refs     *ledgerRefs
	r        ledgerRow
	problems []sheet.Problem
}

// parseLedgerRow turns a sheet row into a ledgerRow, or the problems that keep it out. The rules are
// Register's (the same limits and checks) and the state machine's (see progress).
func parseLedgerRow(raw sheet.Row, today time.Time, refs *ledgerRefs) (ledgerRow, []sheet.Problem) {
	p := &rowParse{raw: raw, today: today, refs: refs, r: ledgerRow{Row: raw.Number}}
	full := p.what()
	p.who()
	p.when()
	p.progress()
	p.mediation()
	// The key reads the 反映人 cell whole, as written (张三、李四), as it did before several people in
	// it were told apart: a sheet imported then is still known again.
	person := strings.ReplaceAll(idcard.Normalize(p.raw.Cells["person"].Value), " ", "")
	if person == "" {
		person = p.r.IDNumber
	}
	p.r.Key = contentKey(p.r.Registered, person, full)
	return p.r, p.problems
}

func (p *rowParse) bad(key, format string, args ...any) {
	p.problems = append(p.problems, sheet.Problem{Row: p.raw.Number, Key: key, Message: fmt.Sprintf(format, args...)})
}

// fail records err (an errs.Error from a shared rule) as the problem of column key.
func (p *rowParse) fail(key string, err error) {
	p.problems = append(p.problems, sheet.Problem{Row: p.raw.Number, Key: key, Message: errs.As(err).Message})
}

// maxLedgerParties is how many other people a ledger row may name.
const maxLedgerParties = 20

// parties reads the other people a row names: those after the first in the 反映人 cell, and those of
// the 其他当事人 cell; each once, and not the reporter again.
func (p *rowParse) parties(inPerson []string) {
	r := &p.r
	seen := map[string]bool{r.Person: true}
	add := func(key, label string, names []string) {
		for _, n := range names {
			name, err := textrule.Name(key, label, n, 30, true)
			if err != nil {
				p.fail(key, err)
				continue
			}
			if name = strings.ReplaceAll(name, " ", ""); !seen[name] {
				seen[name] = true
				r.Parties = append(r.Parties, name)
			}
		}
	}
	if len(inPerson) > 1 {
		add("person", "反映人", inPerson[1:])
	}
	add("parties", "其他当事人", splitNames(p.val("parties")))
	if len(r.Parties) > maxLedgerParties {
		p.bad("parties", "其他当事人最多 %d 人（这一行有 %d 人）", maxLedgerParties, len(r.Parties))
	}
}

// splitNames parts a cell naming several people: 张三、李四 (or with ， , ； ; / between them). A name
// holds none of these.
func splitNames(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("、，,；;/／", r) })
}

// val is a cell as a word or name: trimmed, full-width made half-width, spaces collapsed.
func (p *rowParse) val(key string) string { return idcard.Normalize(p.raw.Cells[key].Value) }

// text is a cell of free text as written (Chinese punctuation kept), trimmed.
func (p *rowParse) text(key string) string { return strings.TrimSpace(p.raw.Cells[key].Raw) }

// choice maps a cell to one of a column's values through its words; "" when empty, ok false when
// the cell holds something else.
func (p *rowParse) choice(key string, ws map[string]string) (string, bool) {
	v := word(p.raw.Cells[key].Value)
	if v == "" {
		return "", true
	}
	out, ok := ws[v]
	return out, ok
}

// date reads a date cell in any form the roster accepts (an Excel date, 2026.3.5, 2026年3月5日 …).
func (p *rowParse) date(key string) string {
	c, ok := p.raw.Cells[key]
	if !ok {
		return ""
	}
	v := c.Value
	if c.Numeric && c.Raw != "" {
		v = c.Raw // an Excel serial number; ParseDate reads it
	}
	d, err := idcard.ParseDate(key, v)
	if err != nil {
		p.fail(key, err)
	}
	return d
}

// what reads the matter: number, category, source, urgency, summary and description, place. It
// returns the 反映事项 as written, for the row's identity.
func (p *rowParse) what() string {
	r := &p.r
	if no := strings.ToUpper(word(p.raw.Cells["number"].Value)); utf8.RuneCountInString(no) > 40 {
		p.bad("number", "编号不能超过 40 个字")
	} else if !isRowCount(no) {
		r.No = no
	}
	var ok bool
	if r.Source, ok = p.choice("source", sourceWords); !ok {
		p.bad("source", "来源“%s”不对，只能是%s之一", p.val("source"), strings.Join(Sources, "、"))
	} else if r.Source == "" {
		r.Source = Sources[0] // a ledger without the column is the ledger of visits (走访)
	}
	p.category()
	if r.Urgency, ok = p.choice("urgency", urgencyWords); !ok {
		p.bad("urgency", "紧急程度只能是%s之一", strings.Join(Urgencies, "、"))
	} else if r.Urgency == "" {
		r.Urgency = Urgencies[0]
	}
	full := p.text("summary")
	summary, rest := splitSummary(full)
	var err error
	if r.Summary, err = textrule.Name("summary", "反映事项", summary, 60, true); err != nil {
		p.fail("summary", err)
	}
	description := strings.TrimSpace(rest + "\n" + p.text("description"))
	if r.Description, err = textrule.Free("description", "具体情况", description, 5000); err != nil {
		p.fail("description", err)
	}
	if r.Location, err = textrule.Name("location", "地点", p.text("location"), 60, false); err != nil {
		p.fail("location", err)
	}
	return full
}

// category reads the 问题类别: a built-in one (or a word for it), or one this office already uses.
func (p *rowParse) category() {
	v := p.val("category")
	if c, ok := categoryWords[word(v)]; ok {
		p.r.Category = c
		return
	}
	if p.refs.categories[v] {
		p.r.Category = v
		return
	}
	allowed := strings.Join(categoryNames(), "、")
	if own := p.refs.ownCategories(); own != "" {
		allowed += "，或本单位用过的" + own
	}
	if v == "" {
		p.bad("category", "问题类别不能为空，请填写%s", allowed)
		return
	}
	p.bad("category", "问题类别“%s”不是本系统的类别，只能是%s", v, allowed)
}

// who reads the people: the person and their ID and phone, the village, the handler.
func (p *rowParse) who() {
	r := &p.r
	// 张三、李四: the first reports it, the others are among the people it concerns.
	names := splitNames(p.val("person"))
	first := ""
	if len(names) > 0 {
		first = names[0]
	}
	name, err := textrule.Name("person", "反映人", first, 30, false)
	if err != nil {
		p.fail("person", err)
	}
	r.Person = strings.ReplaceAll(name, " ", "") // 张 三 is 张三, as in the registry
	p.parties(names)
	if r.Person == "" && r.Source != "上级交办" {
		p.bad("person", "反映人不能为空（上级交办的可不填）")
	}
	if c := p.raw.Cells["id_number"]; c.Numeric {
		p.bad("id_number", "Excel 把身份证号存成了数字，后几位已丢失；请把该列设为文本格式后重新填写")
	} else if v := p.val("id_number"); v != "" {
		if id, err := idcard.Parse("id_number", v, p.today); err != nil {
			p.fail("id_number", err)
		} else {
			r.IDNumber = id.Number
		}
	}
	if r.Phone, err = idcard.ParsePhone("phone", p.val("phone")); err != nil {
		p.fail("phone", err)
	}
	if v := p.val("village"); v != "" {
		if r.Village, r.VillageID = p.refs.village(v); r.VillageID == "" {
			p.bad("village", "本单位没有名为“%s”的村（社区）%s", v, p.refs.villageList())
		}
	}
	var ok bool
	if r.Level, ok = p.choice("level", levelWords); !ok {
		p.bad("level", "办理层级只能是%s之一", strings.Join(Levels, "、"))
	} else if r.Level == "" {
		r.Level = DefaultLevel
	}
	if r.Handler, err = textrule.Name("handler", "责任人", p.val("handler"), 30, false); err != nil {
		p.fail("handler", err)
	}
	r.HandlerKnown = p.refs.handlers[r.Handler]
}

// when reads the dates and the time limit: 登记日期 (required, not after today), then the deadline
// from 办理期限, else from 办理时限, else from the category's limit.
func (p *rowParse) when() {
	r := &p.r
	if _, ok := p.raw.Cells["registered_on"]; !ok {
		p.bad("registered_on", "登记日期不能为空")
	}
	r.Registered = p.date("registered_on")
	if r.Registered > p.today.Format(dateLayout) {
		p.bad("registered_on", "登记日期 %s 晚于今天", r.Registered)
	}
	if v := p.val("limit_days"); v != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(v, "个工作日"), "工作日"))
		if err != nil || n < 1 || n > 365 {
			p.bad("limit_days", "办理时限“%s”应为 1 到 365 之间的整数（工作日数），如 7", v)
		} else {
			r.LimitDays = n
		}
	}
	r.Deadline = p.date("deadline")
	reg, err := parseDate(r.Registered)
	if err != nil {
		return // reported above
	}
	if r.Deadline != "" {
		if r.Deadline <= r.Registered {
			p.bad("deadline", "办理期限%s应晚于登记日期%s", idcard.ISODateCN(r.Deadline), idcard.ISODateCN(r.Registered))
			return
		}
		if r.LimitDays == 0 {
			d, _ := parseDate(r.Deadline)
			r.LimitDays = min(max(p.refs.between(reg, d), 1), 365)
		}
		return
	}
	if r.LimitDays == 0 {
		l, ok := p.refs.settings.LimitOf(r.Category)
		if !ok && r.Category != "" {
			p.bad("limit_days", "“%s”不是本单位设置的类别，请填写办理时限（工作日）", r.Category)
			return
		}
		r.LimitDays = l
	}
	r.Deadline = p.refs.add(reg, r.LimitDays)
}

// progress reads how far the case got — 办理状态, 办结日期, 满意度, 办理结果 — and keeps it to what
// the state machine can produce: a resolved case has its day of resolution, a satisfied one was
// resolved and followed up (已办结 with 满意 is 已回访), an unsatisfied one is being handled again.
func (p *rowParse) progress() {
	r := &p.r
	state, ok := p.choice("state", stateWords)
	if !ok {
		p.bad("state", "办理状态“%s”不对，只能是%s之一", p.val("state"), strings.Join(States, "、"))
	}
	if r.Satisfaction, ok = p.choice("satisfaction", satisfactionWords); !ok {
		p.bad("satisfaction", "满意度“%s”不对，只能是%s之一", p.val("satisfaction"), strings.Join(Satisfactions, "、"))
	}
	var err error
	if r.Result, err = textrule.Free("result", "办理结果", p.text("result"), 2000); err != nil {
		p.fail("result", err)
	}
	r.Resolved = p.date("resolved_on")
	satisfied := r.Satisfaction == "满意" || r.Satisfaction == "基本满意"
	switch {
	case state == "" && r.Resolved != "":
		state = StateResolved
	case state == "":
		state = StateRegistered
	}
	said := state // the messages name the state as the sheet gives it
	if state == StateResolved && satisfied {
		state = StateFollowedUp // followed up, as 回访 would have recorded
	}
	r.State = state
	// An archived case was resolved (and maybe followed up) unless it was turned away (不予受理).
	resolved := state == StateResolved || state == StateFollowedUp || state == StateArchived && (r.Resolved != "" || satisfied)
	switch {
	case resolved && r.Resolved == "":
		p.bad("resolved_on", "办理状态为“%s”的民情请填写办结日期", said)
	case !resolved && r.Resolved != "":
		p.bad("resolved_on", "办理状态为“%s”（未办结），却填了办结日期 %s", said, r.Resolved)
	case r.Resolved != "" && r.Resolved < r.Registered:
		p.bad("resolved_on", "办结日期 %s 早于登记日期 %s", r.Resolved, r.Registered)
	case r.Resolved > p.today.Format(dateLayout):
		p.bad("resolved_on", "办结日期 %s 晚于今天", r.Resolved)
	}
	switch {
	case state == StateFollowedUp && r.Satisfaction == "":
		p.bad("satisfaction", "已回访的民情请填写满意度（%s）", strings.Join(Satisfactions, "、"))
	case state == StateFollowedUp && r.Satisfaction == "不满意":
		p.bad("satisfaction", "回访不满意的民情要重新办理：办理状态请填“办理中”")
	case satisfied && !resolved:
		p.bad("satisfaction", "办理状态为“%s”（未办结），不能有回访结果“%s”", said, r.Satisfaction)
	case r.Satisfaction != "" && (state == StateRejected || state == StateRegistered):
		p.bad("satisfaction", "办理状态为“%s”的民情没有回访结果", said)
	}
}

// mediation reads the 调解结果 of a resolved dispute: 调解成功, 调解不成 (or words for them), or 转交
// with the body in brackets or after it (转交（司法所）, 转交司法所). Left empty it stays empty — ledgers
// kept before the column existed do not have it — but it is refused on a case that is no dispute or
// is not resolved, and a 转交 must name the body.
func (p *rowParse) mediation() {
	r := &p.r
	v := word(p.raw.Cells["mediation"].Value)
	if v == "" {
		return
	}
	outcome, body := mediationWords[v], ""
	for _, w := range []string{"转交", "移交", "移送", "转办"} {
		if rest, ok := strings.CutPrefix(v, w); ok && outcome == "" {
			outcome = MediationTransferred
			body = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(rest, "给"), "至"), "到")
			body = strings.TrimSpace(strings.Trim(body, "()（）:：")) // word() made （） half-width
		}
	}
	switch resolved := r.Resolved != ""; {
	case outcome == "":
		p.bad("mediation", "调解结果“%s”不对，只能是%s（转交的写明单位，如 转交（司法所））", p.val("mediation"), strings.Join(Mediations, "、"))
	case r.Category != CategoryDispute:
		p.bad("mediation", "只有矛盾纠纷填写调解结果，这一行的问题类别是“%s”", r.Category)
	case !resolved:
		p.bad("mediation", "未办结的矛盾纠纷没有调解结果")
	case outcome == MediationTransferred && body == "":
		p.bad("mediation", "转交的矛盾纠纷请写明转交的单位，如 转交（司法所）")
	case utf8.RuneCountInString(body) > 40:
		p.bad("mediation", "转交单位不能超过 40 个字")
	default:
		r.Mediation, r.MediationTo = outcome, body
	}
}

// mediationCell is how the ledger writes a case's 调解结果: 转交 with its body in brackets.
func mediationCell(outcome, to string) string {
	if outcome == MediationTransferred && to != "" {
		return outcome + "（" + to + "）"
	}
	return outcome
}

// splitSummary makes a 反映事项 one line of at most 60 characters: a longer one is cut at the end of
// its first sentence (or at 59 characters and …), and rest is the whole text, for the description.
func splitSummary(s string) (summary, rest string) {
	line := strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(line) <= 60 {
		return line, ""
	}
	runes := []rune(line)
	for i, r := range runes[:60] {
		if strings.ContainsRune("。；！？;!?", r) && i >= 4 {
			return string(runes[:i]), s
		}
	}
	return string(runes[:59]) + "…", s
}

// isRowCount reports whether a 编号 is a bare running count (1 to 5 digits), which restarts in every
// sheet and so says nothing of which case a row is.
func isRowCount(no string) bool {
	if no == "" || len(no) > 5 {
		return no == ""
	}
	return strings.Trim(no, "0123456789") == ""
}

// contentKey identifies a ledger row without a 编号: its day, person and matter, compared without
// spaces and with full-width characters made half-width. It is a hash: the key repeats no personal
// data.
func contentKey(registered, person, summary string) string {
	h := sha256.Sum256([]byte(registered + "\x00" + word(person) + "\x00" + word(strings.TrimRight(summary, "。. "))))
	return hex.EncodeToString(h[:16])
}
