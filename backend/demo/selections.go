package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/selections"
	"xiangzhi/backend/store"
)

// The township's 文明家庭 campaigns: last year's, finished — nominated, reviewed, scored by a panel
// with a recusal of its own household and a declared one, posted, an objection checked and
// dismissed, approved and honoured with its 表彰决定 and 荣誉证书 — and this year's, running (in 推荐
// or 初审, as the date has it). Every step goes through backend/selections' In functions on its own
// day (store.Tx.OnDay), so each is checked as the window's would be. The nominees come from the
// first villages written (a township's).

// campaignWriter takes one campaign through its steps.
type campaignWriter struct {
	tx      *store.Tx
	r       *rand.Rand
	archive *docs.Archive
	id      string
	merit   map[string]float64 // a nominee's standing with the panel, from 0.6 to 0.97
}

// on runs fn on day d.
func (w *campaignWriter) on(d time.Time, what string, fn func() error) error {
	if err := w.tx.OnDay(d, fn); err != nil {
		return errs.Wrap(err, errs.CodeOf(err), "演示评选：%s（%s）失败", what, d.Format("2006年1月2日"))
	}
	return nil
}

// writeSelections writes the two campaigns over villages' households and committees, and counts them.
func writeSelections(tx *store.Tx, villages []*villagePlan, today time.Time, seed int64, st *Stats) error {
	if len(villages) == 0 {
		return nil
	}
	set, err := fonts.Default()
	if err != nil {
		return err
	}
	archive := &docs.Archive{Fonts: set, Issuer: "演示数据"}
	r := rand.New(rand.NewPCG(uint64(seed), 0x5E1E))
	last := &campaignWriter{tx: tx, r: r, archive: archive, merit: map[string]float64{}}
	if err := last.finished(villages, today.Year()-1); err != nil {
		return err
	}
	running := &campaignWriter{tx: tx, r: r, archive: archive, merit: map[string]float64{}}
	if err := running.running(villages, today); err != nil {
		return err
	}
	st.Campaigns += 2
	return nil
}

// date is a civil date, as the demo's days are (UTC midnight).
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// create sets the campaign up on day d.
func (w *campaignWriter) create(d time.Time, year, quota int, nominate, review, score time.Time) error {
	var criteria []selections.CriterionInput
	for _, c := range familyCriteria {
		criteria = append(criteria, selections.CriterionInput{Name: c.name, Weight: c.weight})
	}
	return w.on(d, "新建评选", func() (err error) {
		w.id, err = selections.CreateIn(w.tx, selections.CampaignInput{Kind: "文明家庭", Year: year, Quota: quota,
			Basis: fmt.Sprintf("县文明委关于开展%d年度文明家庭评选活动的通知及镇党委、政府工作安排", year), Criteria: criteria,
			Vetoes: familyVetoes, NominateUntil: iso(nominate), ReviewUntil: iso(review), ScoreUntil: iso(score)})
		return err
	})
}

// homeOf is the household a person lives in.
func homeOf(v *villagePlan, p *person) *householdPlan {
	for _, pc := range v.pieces {
		for _, h := range pc.households() {
			if slices.Contains(h.members, p) {
				return h
			}
		}
	}
	return nil
}

// candidates are n households of v with two members at least, drawn at random, not in skip.
func (w *campaignWriter) candidates(v *villagePlan, n int, skip map[string]bool) []*householdPlan {
	var all []*householdPlan
	for _, pc := range v.pieces {
		for _, h := range pc.households() {
			if len(h.members) >= 2 && !skip[h.id] {
				all = append(all, h)
			}
		}
	}
	w.r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:min(n, len(all))]
}

// nominate puts h forward on day d, recommended as the village usually does.
func (w *campaignWriter) nominate(d time.Time, v *villagePlan, h *householdPlan) (string, error) {
	in := selections.NominationInput{HouseholdID: h.id, Deeds: deeds(w.r)}
	switch x := w.r.IntN(10); {
	case x < 5:
		in.Recommender, in.RecommendedBy = "村推荐", v.name+"两委"
	case x < 8 && len(v.committee) > 1:
		in.Recommender, in.RecommendedBy = "邻长推荐", v.committee[1].name
	default:
		in.Recommender = "本人自荐"
	}
	var id string
	err := w.on(d, "推荐"+h.code, func() (err error) {
		id, err = selections.NominateIn(w.tx, w.id, in)
		return err
	})
	w.merit[id] = 0.6 + 0.37*w.r.Float64()
	return id, err
}

// finished is last year's campaign, from its setting up on 1 September to its honours in December.
func (w *campaignWriter) finished(villages []*villagePlan, year int) error {
	head := villages[0]
	nominate, review, score := date(year, 9, 30), date(year, 10, 20), date(year, 11, 10)
	if err := w.create(date(year, 9, 1), year, max(3, len(villages)*2/3), nominate, review, score); err != nil {
		return err
	}
	// the head village's party secretary sits on the panel, and the village puts the secretary's own
	// household forward: the recusal the panel makes of itself
	secretary := head.committee[0]
	own := homeOf(head, secretary)
	var ids []string
	skip := map[string]bool{}
	if own != nil {
		id, err := w.nominate(date(year, 9, 3), head, own)
		if err != nil {
			return err
		}
		ids, skip[own.id] = append(ids, id), true
	}
	for i, v := range villages {
		for _, h := range w.candidates(v, 2, skip) {
			id, err := w.nominate(date(year, 9, 4+(i*2+len(ids))%25), v, h)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
	}
	if err := w.on(date(year, 10, 8), "截止推荐", func() error { return selections.CloseNominationsIn(w.tx, w.id) }); err != nil {
		return err
	}
	// the 初审: one fails on the facts, one on a veto; the rest pass
	for i, id := range ids {
		in := selections.ReviewInput{Result: selections.Passed}
		switch {
		case i == 3:
			in = selections.ReviewInput{Result: selections.Failed, Reason: "经村两委核实，该户建房未批先建，尚未整改到位"}
		case i == 7:
			in = selections.ReviewInput{Veto: familyVetoes[1]}
		}
		if err := w.on(date(year, 10, 12+i%6), "初审", func() error { return selections.ReviewIn(w.tx, id, in) }); err != nil {
			return err
		}
	}
	// the panel: three village secretaries and two of the township's staff
	members, err := w.panel(villages, date(year, 10, 18))
	if err != nil {
		return err
	}
	if err := w.on(date(year, 10, 21), "开始评议", func() error { return selections.StartScoringIn(w.tx, w.id) }); err != nil {
		return err
	}
	// a member of the staff declares a kinsman among the nominees
	declared := ids[len(ids)-1]
	if err := w.on(date(year, 10, 22), "申报回避", func() error {
		return selections.DeclareIn(w.tx, members[len(members)-1], declared, "系被推荐对象户主的表兄")
	}); err != nil {
		return err
	}
	if err := w.score(members, year); err != nil {
		return err
	}
	office, err := w.tx.OfficeName()
	if err != nil {
		return err
	}
	if office == "" {
		office = "演示乡镇人民政府" // an office not named yet (the tests' databases)
	}
	notice := selections.NoticeInput{Issuer: office, Start: iso(date(year, 11, 12)), Where: "镇评选工作领导小组办公室（镇政府二楼宣传办）",
		Contact: fullName(w.r, surnames.pick(w.r), "女", 1990), Phone: "0739-7321056", Monitor: "镇纪委 0739-7321012"}
	if err := w.on(date(year, 11, 12), "发布公示", func() error {
		_, err := selections.PublishIn(w.tx, w.archive, w.id, notice)
		return err
	}); err != nil {
		return err
	}
	// an objection, checked and not sustained
	ranking, err := selections.RankIn(w.tx, w.id)
	if err != nil {
		return err
	}
	target := ranking.List[0]
	received := addWorkdays(date(year, 11, 12), 1)
	var objection string
	if err := w.on(received, "登记异议", func() (err error) {
		objection, err = selections.ObjectIn(w.tx, w.id, selections.ObjectionInput{NominationID: target.ID, By: "匿名群众（电话反映）",
			Content: "反映该户前年曾与邻居因宅基地界址发生纠纷，至今未和解"})
		return err
	}); err != nil {
		return err
	}
	if err := w.on(received.AddDate(0, 0, 1), "核实异议", func() error {
		_, err := selections.SettleIn(w.tx, w.archive, objection, "经镇司法所和村人民调解委员会核实，该纠纷已于前年调解结案，双方签订调解协议并已履行，现邻里关系和睦，反映情况不属实",
			selections.Dismissed, notice)
		return err
	}); err != nil {
		return err
	}
	c, err := selections.GetIn(w.tx, w.id)
	if err != nil {
		return err
	}
	end, _ := time.Parse(time.DateOnly, c.NoticeEnd)
	decided := addWorkdays(end, 2)
	if err := w.on(decided, "审定", func() error { return selections.DecideIn(w.tx, w.id, iso(decided)) }); err != nil {
		return err
	}
	short, err := w.tx.ShortName()
	if err != nil {
		return err
	}
	honoured := date(year, 12, 16)
	return w.on(honoured, "表彰", func() error {
		_, err := selections.HonourIn(w.tx, w.archive, w.id, selections.HonourInput{Issuer: office, Number: fmt.Sprintf("%s发〔%d〕%d号", short, year, 40+w.r.IntN(20)),
			Date: iso(honoured), Prefix: fmt.Sprintf("%s文明〔%d〕", short, year)})
		return err
	})
}

// panel puts three village secretaries (the head village's first) and two of the township's staff on
// the panel on day d, and returns their ids in that order.
func (w *campaignWriter) panel(villages []*villagePlan, d time.Time) ([]string, error) {
	var ins []selections.MemberInput
	for _, v := range villages[:min(3, len(villages))] {
		ins = append(ins, selections.MemberInput{ResidentID: v.committee[0].id, Role: v.name + v.titles[0]})
	}
	ins = append(ins, selections.MemberInput{Name: fullName(w.r, surnames.pick(w.r), "女", 1978), Role: "镇妇联主席"},
		selections.MemberInput{Name: fullName(w.r, surnames.pick(w.r), "男", 1981), Role: "镇宣传委员"})
	var ids []string
	for _, in := range ins {
		var id string
		if err := w.on(d, "添加评议成员", func() (err error) {
			id, err = selections.AddMemberIn(w.tx, w.id, in)
			return err
		}); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// score has every member not recused score every nominee that passed, criterion by criterion, around
// the nominee's standing, between 25 October and 8 November.
func (w *campaignWriter) score(members []string, year int) error {
	c, err := selections.GetIn(w.tx, w.id)
	if err != nil {
		return err
	}
	ranking, err := selections.RankIn(w.tx, w.id)
	if err != nil {
		return err
	}
	recused := map[[2]string]bool{}
	for _, rc := range ranking.Recusals {
		recused[[2]string{rc.MemberID, rc.NominationID}] = true
	}
	for mi, m := range members {
		day := date(year, 10, 25+mi*3)
		for _, e := range ranking.List {
			if recused[[2]string{m, e.ID}] || e.Review != selections.Passed {
				continue
			}
			scores := map[string]int{}
			for _, k := range c.Criteria {
				x := w.merit[e.ID] + 0.08*(w.r.Float64()*2-1)
				scores[k.ID] = int(math.Round(float64(k.Weight) * min(1, max(0.3, x))))
			}
			if err := w.on(day, "打分", func() error { return selections.ScoreIn(w.tx, m, e.ID, scores) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// running is this year's campaign: set up thirty days ago (not before the year began), its 推荐
// closing twenty days after; when that day has passed, in 初审 with about half reviewed.
func (w *campaignWriter) running(villages []*villagePlan, today time.Time) error {
	start := today.AddDate(0, 0, -30)
	if start.Year() < today.Year() {
		start = date(today.Year(), 1, 1)
	}
	nominate := start.AddDate(0, 0, 20)
	review := nominate.AddDate(0, 0, 15)
	if err := w.create(start, today.Year(), max(3, len(villages)*2/3), nominate, review, review.AddDate(0, 0, 21)); err != nil {
		return err
	}
	last := nominate
	if today.Before(nominate) {
		last = today
	}
	span := int(last.Sub(start).Hours()/24) + 1
	var ids []string
	for i, v := range villages {
		for _, h := range w.candidates(v, 1+i%2, nil) {
			id, err := w.nominate(start.AddDate(0, 0, w.r.IntN(span)), v, h)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
	}
	if !today.After(nominate) {
		return nil
	}
	closed := nominate.AddDate(0, 0, 1)
	if err := w.on(closed, "截止推荐", func() error { return selections.CloseNominationsIn(w.tx, w.id) }); err != nil {
		return err
	}
	if _, err := w.panel(villages, closed); err != nil {
		return err
	}
	for i, id := range ids[:len(ids)/2] {
		in := selections.ReviewInput{Result: selections.Passed}
		if i == 2 {
			in = selections.ReviewInput{Result: selections.Failed, Reason: "该户今年有村规民约规定的环境卫生整改事项未完成"}
		}
		if err := w.on(closed, "初审", func() error { return selections.ReviewIn(w.tx, id, in) }); err != nil {
			return err
		}
	}
	return nil
}
