package selections_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
	"xiangzhi/backend/selections"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

func day(s string) time.Time {
	d, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return d.Add(10 * time.Hour)
}

// world is 桃林村 with five households (heads 甲 to 戊, 甲's wife 甲妻 a resident too) and a
// 文明家庭 campaign of the township: quota 2, criteria 家风家教 60 and 邻里和睦 40, one veto.
type world struct {
	s          *selections.Service
	db         *store.DB
	clock      *storetest.Clock
	archive    *docs.Archive
	village    string
	households map[string]string // head -> household
	wife       string            // 甲妻, a resident of 甲's household
	campaign   string
	criteria   []string
	group      string // 第一组
}

var fontSet *fonts.Set

func open(t testing.TB, at time.Time) *world {
	t.Helper()
	clock := storetest.NewClock(at)
	db := storetest.Open(t, store.Options{Clock: clock.Now, ShortName: "丹口", OfficeName: "丹口镇人民政府"})
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	if fontSet == nil {
		set, err := fonts.Load(nil)
		if err != nil {
			t.Fatal(err)
		}
		fontSet = set
	}
	g := grid.NewService(db, nil)
	w := &world{s: selections.NewService(db, nil), db: db, clock: clock, archive: &docs.Archive{DB: db, Fonts: fontSet},
		households: map[string]string{}}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.village = must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	piece := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: w.village, Name: "第一片"}))
	group := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第一组"}))
	w.group = group
	nb := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"}))
	for i, head := range []string{"甲", "乙", "丙", "丁", "戊"} {
		w.households[head] = must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Code: fmt.Sprintf("%03d", i+1)},
			grid.ResidentInput{Name: head}))
	}
	w.wife = must(g.AddResident(ctx, grid.ResidentInput{HouseholdID: w.households["甲"], Name: "甲妻", Relation: "妻"}))
	w.campaign = must(w.s.Create(ctx, selections.CampaignInput{Kind: "文明家庭", Year: at.Year(), Quota: 2,
		Basis:         "根据《丹口镇文明家庭评选实施方案》",
		Criteria:      []selections.CriterionInput{{Name: "家风家教", Weight: 60}, {Name: "邻里和睦", Weight: 40}},
		Vetoes:        []string{"家庭成员有违法犯罪行为"},
		NominateUntil: at.AddDate(0, 0, 5).Format("2006-01-02"), ReviewUntil: at.AddDate(0, 0, 10).Format("2006-01-02"),
		ScoreUntil: at.AddDate(0, 0, 20).Format("2006-01-02")}))
	c, err := w.s.Get(ctx, w.campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range c.Criteria {
		w.criteria = append(w.criteria, k.ID)
	}
	return w
}

func (w *world) nominate(t *testing.T, head string) string {
	t.Helper()
	id, err := w.s.Nominate(ctx, w.campaign, selections.NominationInput{HouseholdID: w.households[head], Recommender: "村推荐",
		RecommendedBy: "桃林村两委", Deeds: head + "家孝老爱亲，热心公益"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Field != field {
		t.Fatalf("want %s error on %q, got %v", code, field, err)
	}
}

func wantPhase(t *testing.T, err error, phase string) {
	t.Helper()
	if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "“"+phase+"”") {
		t.Fatalf("want a conflict naming the phase %s, got %v", phase, err)
	}
}

// upToScoring nominates 甲 to 戊 (戊 vetoed at the 初审), puts 甲妻 (of 甲's household), 蓝书记 and
// 杨主任 on the panel and starts the scoring; it returns the nominations by head.
func (w *world) upToScoring(t *testing.T) (map[string]string, map[string]string) {
	t.Helper()
	noms := map[string]string{}
	for _, h := range []string{"甲", "乙", "丙", "丁", "戊"} {
		noms[h] = w.nominate(t, h)
	}
	if err := w.s.CloseNominations(ctx, w.campaign); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"甲", "乙", "丙", "丁"} {
		if err := w.s.Review(ctx, noms[h], selections.ReviewInput{Result: selections.Passed}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.s.Review(ctx, noms["戊"], selections.ReviewInput{Veto: "家庭成员有违法犯罪行为"}); err != nil {
		t.Fatal(err)
	}
	members := map[string]string{}
	var err error
	if members["甲妻"], err = w.s.AddMember(ctx, w.campaign, selections.MemberInput{ResidentID: w.wife, Role: "村民代表"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"蓝书记", "杨主任"} {
		if members[n], err = w.s.AddMember(ctx, w.campaign, selections.MemberInput{Name: n, Role: "评议小组成员"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.s.StartScoring(ctx, w.campaign); err != nil {
		t.Fatal(err)
	}
	return noms, members
}

func (w *world) score(t *testing.T, member, nomination string, a, b int) {
	t.Helper()
	if err := w.s.Score(ctx, member, nomination, map[string]int{w.criteria[0]: a, w.criteria[1]: b}); err != nil {
		t.Fatal(err)
	}
}

// Each phase allows its own work only, and a phase's work closes on its date.
func TestPhasesGateTheActions(t *testing.T) {
	w := open(t, day("2026-11-02"))
	first := w.nominate(t, "甲")
	_, err := w.s.Nominate(ctx, w.campaign, selections.NominationInput{HouseholdID: w.households["甲"], Recommender: "本人自荐", Deeds: "再推一次"})
	wantErr(t, err, errs.Invalid, "householdId")
	// nothing filled in: every missing field is named at once (only 请选择户 was, then one per save)
	_, err = w.s.Nominate(ctx, w.campaign, selections.NominationInput{})
	wantErr(t, err, errs.Invalid, "householdId")
	var also []string
	for _, e := range errs.As(err).Also {
		also = append(also, e.Field)
	}
	if strings.Join(also, " ") != "recommender recommendedBy deeds" {
		t.Errorf("an empty nomination: also %v, want recommender, recommendedBy and deeds", also)
	}
	wantPhase(t, w.s.Review(ctx, first, selections.ReviewInput{Result: selections.Passed}), selections.PhaseNominate)
	w.clock.Set(day("2026-11-08")) // 推荐 closed on 11-07
	_, err = w.s.Nominate(ctx, w.campaign, selections.NominationInput{HouseholdID: w.households["乙"], Recommender: "本人自荐", Deeds: "孝老"})
	if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "截止") {
		t.Fatalf("a nomination after 推荐 closed: %v", err)
	}
	if err := w.s.CloseNominations(ctx, w.campaign); err != nil {
		t.Fatal(err)
	}
	_, err = w.s.Nominate(ctx, w.campaign, selections.NominationInput{HouseholdID: w.households["乙"], Recommender: "本人自荐", Deeds: "孝老"})
	wantPhase(t, err, selections.PhaseReview)
	wantErr(t, w.s.Review(ctx, first, selections.ReviewInput{Result: selections.Failed}), errs.Invalid, "reason")
	wantErr(t, w.s.Review(ctx, first, selections.ReviewInput{Veto: "不是否决项"}), errs.Invalid, "veto")
	if err := w.s.StartScoring(ctx, w.campaign); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "还没有初审") {
		t.Fatalf("scoring before every 初审: %v", err)
	}
	if err := w.s.Review(ctx, first, selections.ReviewInput{Result: selections.Passed}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.StartScoring(ctx, w.campaign); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "评议小组") {
		t.Fatalf("scoring without a panel: %v", err)
	}
	m, err := w.s.AddMember(ctx, w.campaign, selections.MemberInput{Name: "蓝书记"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.Score(ctx, m, first, map[string]int{w.criteria[0]: 50}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("a score during 初审: %v", err)
	}
	if err := w.s.StartScoring(ctx, w.campaign); err != nil {
		t.Fatal(err)
	}
	wantErr(t, w.s.Score(ctx, m, first, map[string]int{w.criteria[0]: 61}), errs.Invalid, "scores")
	w.score(t, m, first, 50, 30)
	if _, err := w.s.Object(ctx, w.campaign, selections.ObjectionInput{NominationID: first, By: "张三", Content: "不实"}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("an objection before the 公示: %v", err)
	}
	if err := w.s.Decide(ctx, w.campaign, ""); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("审定 during 评议打分: %v", err)
	}
	// A household below the points threshold cannot pass a 五星级文明户's 初审.
	five, err := w.s.Create(ctx, selections.CampaignInput{Kind: "五星级文明户", Year: 2026, Quota: 1, MinPoints: 30,
		Criteria: []selections.CriterionInput{{Name: "综合", Weight: 100}}, NominateUntil: "2026-11-30", ReviewUntil: "2026-12-10", ScoreUntil: "2026-12-20"})
	if err != nil {
		t.Fatal(err)
	}
	n, err := w.s.Nominate(ctx, five, selections.NominationInput{HouseholdID: w.households["乙"], Recommender: "邻长推荐", RecommendedBy: "龙大海", Deeds: "积极参加志愿服务"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.CloseNominations(ctx, five); err != nil {
		t.Fatal(err)
	}
	wantErr(t, w.s.Review(ctx, n, selections.ReviewInput{Result: selections.Passed}), errs.Invalid, "result")
	ps := points.NewService(w.db, nil)
	rule, err := ps.AddRule(ctx, points.RuleInput{Activity: "志愿服务", Points: 10, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ps.Earn(ctx, points.EarnInput{HouseholdID: w.households["乙"], RuleID: rule, On: "2026-11-05", Quantity: 3, Approver: "蓝建国"}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Review(ctx, n, selections.ReviewInput{Result: selections.Passed}); err != nil {
		t.Fatal(err)
	}
}

// The ranking, counted by hand: a member of a nominee's household is recused from it by itself, a
// declared recusal takes a member's scores out, equal totals go by the first criterion and then by
// the order put forward, and the quota takes the first two.
func TestRankingRecusalTiesAndQuota(t *testing.T) {
	w := open(t, day("2026-11-02"))
	noms, m := w.upToScoring(t)
	r, err := w.s.Rank(ctx, w.campaign)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Recusals) != 1 || r.Recusals[0].MemberID != m["甲妻"] || r.Recusals[0].NominationID != noms["甲"] || !r.Recusals[0].Auto {
		t.Fatalf("甲妻 is recused from 甲's household by itself: %+v", r.Recusals)
	}
	if err := w.s.Score(ctx, m["甲妻"], noms["甲"], map[string]int{w.criteria[0]: 60, w.criteria[1]: 40}); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("a recused member's score: %v", err)
	}
	if err := w.s.Score(ctx, m["蓝书记"], noms["戊"], map[string]int{w.criteria[0]: 60}); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("a score of a vetoed nominee: %v", err)
	}
	// 甲: 蓝 50+30, 杨 54+36          -> 52 + 33 = 85
	// 乙: 甲妻 60+40, 蓝 50+30, 杨 52+32 -> (60+50+52)/3 = 54 + (40+30+32)/3 = 34 = 88
	// 丙: 甲妻 50+35, 蓝 55+30, 杨 50+35 -> 51.67 + 33.33 = 85 (ties 甲 at 85; 家风家教 51.67 < 52: after 甲)
	// 丁: 甲妻 52+33, 蓝 52+33, 杨 52+33 -> 52 + 33 = 85 (ties 甲 on both criteria: put forward after 甲)
	w.score(t, m["蓝书记"], noms["甲"], 50, 30)
	w.score(t, m["杨主任"], noms["甲"], 54, 36)
	w.score(t, m["甲妻"], noms["乙"], 60, 40)
	w.score(t, m["蓝书记"], noms["乙"], 50, 30)
	w.score(t, m["杨主任"], noms["乙"], 52, 32)
	w.score(t, m["甲妻"], noms["丙"], 50, 35)
	w.score(t, m["蓝书记"], noms["丙"], 55, 30)
	w.score(t, m["甲妻"], noms["丁"], 52, 33)
	w.score(t, m["蓝书记"], noms["丁"], 52, 33)
	w.score(t, m["杨主任"], noms["丁"], 52, 33)
	if _, err := w.s.Publish(ctx, w.archive, w.campaign, selections.NoticeInput{Where: "镇党政办", Contact: "李华", Phone: "0739-7321234"}); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "杨主任") {
		t.Fatalf("a 公示 before 杨主任 scored 丙: %v", err)
	}
	w.score(t, m["杨主任"], noms["丙"], 50, 35)
	// a member's grid shows the scores saved, a later one replacing the earlier
	w.score(t, m["蓝书记"], noms["丙"], 55, 30)
	mine, err := w.s.MemberScores(ctx, m["蓝书记"])
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(len(mine), mine[noms["丙"]][w.criteria[0]], mine[noms["丙"]][w.criteria[1]], mine[noms["甲"]][w.criteria[0]]); got != "4 55 30 50" {
		t.Fatalf("蓝书记's saved scores (nominees, 丙's two, 甲's first): %s", got)
	}
	list := func() string {
		t.Helper()
		r, err := w.s.Rank(ctx, w.campaign)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range r.List {
			out = append(out, fmt.Sprintf("%s %d %.2f %v", strings.TrimSuffix(e.Name, "家庭"), e.Rank, e.Total, e.Selected))
		}
		return strings.Join(out, "|")
	}
	if got := list(); got != "乙 1 88.00 true|甲 2 85.00 true|丁 3 85.00 false|丙 4 85.00 false|戊 0 0.00 false" {
		t.Fatalf("ranking: %s", got)
	}
	// 杨主任 declares a tie to 乙: only 甲妻 and 蓝书记 count for it: 55 + 35 = 90.
	if err := w.s.Declare(ctx, m["杨主任"], noms["乙"], "系乙的亲属"); err != nil {
		t.Fatal(err)
	}
	if got := list(); !strings.HasPrefix(got, "乙 1 90.00 true|甲 2 85.00 true") {
		t.Fatalf("after the declared recusal: %s", got)
	}
}

// The 公示 runs its working days across the National Day holidays; a sustained objection removes a
// nominee within the quota, moves the next in rank up and posts the 公示 again for a full period; the
// approved list is decided after it and commended with the 表彰决定 and the certificates, recorded on
// the households.
func TestNoticeObjectionAndHonours(t *testing.T) {
	w := open(t, day("2026-09-15"))
	noms, m := w.upToScoring(t)
	for _, h := range []string{"甲", "乙", "丙", "丁"} {
		for _, member := range []string{"甲妻", "蓝书记", "杨主任"} {
			if member == "甲妻" && h == "甲" {
				continue
			}
			s := map[string]int{"甲": 55, "乙": 50, "丙": 45, "丁": 40}[h]
			w.score(t, m[member], noms[h], s, 30)
		}
	}
	w.clock.Set(day("2026-09-30"))
	in := selections.NoticeInput{Where: "丹口镇党政办（镇政府二楼）", Contact: "李华", Phone: "0739-7321234"}
	issued, err := w.s.Publish(ctx, w.archive, w.campaign, in)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := w.s.Get(ctx, w.campaign)
	// From Wednesday 09-30: 09-30, then 10-08, 10-09, 10-10 (a Saturday worked for the holidays), 10-12.
	if c.Phase != selections.PhaseNotice || c.NoticeStart != "2026-09-30" || c.NoticeEnd != "2026-10-12" || issued.Kind != "gongshi" {
		t.Fatalf("公示: %+v %+v", c, issued)
	}
	w.clock.Set(day("2026-10-09"))
	if err := w.s.Decide(ctx, w.campaign, ""); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("审定 within the 公示: %v", err)
	}
	obj, err := w.s.Object(ctx, w.campaign, selections.ObjectionInput{NominationID: noms["乙"], By: "张三", Content: "乙家长期占用集体土地"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.s.Settle(ctx, w.archive, obj, "", selections.Sustained, in)
	wantErr(t, err, errs.Invalid, "verification")
	settled, err := w.s.Settle(ctx, w.archive, obj, "经村两委实地核实，占地属实", selections.Sustained, in)
	if err != nil || !settled.Removed || settled.Reposted.ID == "" {
		t.Fatalf("settled %+v %v", settled, err)
	}
	r, _ := w.s.Rank(ctx, w.campaign)
	var selected []string
	for _, e := range r.List {
		if e.Selected {
			selected = append(selected, e.Name)
		}
	}
	if strings.Join(selected, ",") != "甲家庭,丙家庭" {
		t.Fatalf("after 乙 was removed: %v", selected)
	}
	c, _ = w.s.Get(ctx, w.campaign)
	// posted again from the next working day after 10-09: 10-10 (worked), 10-12, 10-13, 10-14, 10-15
	if c.NoticeStart != "2026-10-10" || c.NoticeEnd != "2026-10-15" {
		t.Fatalf("reposted for %s..%s", c.NoticeStart, c.NoticeEnd)
	}
	papers, err := w.archive.BySource(ctx, selections.Source(w.campaign))
	if err != nil || len(papers) != 2 {
		t.Fatalf("two 公示: %+v %v", papers, err)
	}
	w.clock.Set(day("2026-10-16"))
	if err := w.s.Decide(ctx, w.campaign, ""); err != nil {
		t.Fatal(err)
	}
	h, err := w.s.Honour(ctx, w.archive, w.campaign, selections.HonourInput{Number: "丹政发〔2026〕30号", Prefix: "丹文明〔2026〕"})
	if err != nil || h.Households != 2 || h.Decision.Kind != "bulletin" || h.Certificates.Kind != "certificate" {
		t.Fatalf("honoured %+v %v", h, err)
	}
	honours, err := w.s.HonoursOf(ctx, w.households["丙"])
	if err != nil || len(honours) != 1 || honours[0].Title != "2026年度文明家庭" || honours[0].Certificate != "丹文明〔2026〕002号" {
		t.Fatalf("丙's honours: %+v %v", honours, err)
	}
	if list, _ := w.s.HonoursOf(ctx, w.households["乙"]); len(list) != 0 {
		t.Fatalf("乙 was removed but honoured: %+v", list)
	}
	if _, err := w.s.Honour(ctx, w.archive, w.campaign, selections.HonourInput{}); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("honoured twice: %v", err)
	}
}

// A 公示 posted on a Saturday runs its working days from Monday, but is read from the day it goes up:
// an objection received that Saturday is registered; one dated before it is refused on its field.
func TestObjectionOnTheDayPosted(t *testing.T) {
	w := open(t, day("2026-11-02"))
	noms, m := w.upToScoring(t)
	for _, h := range []string{"甲", "乙", "丙", "丁"} {
		for _, member := range []string{"甲妻", "蓝书记", "杨主任"} {
			if member != "甲妻" || h != "甲" {
				w.score(t, m[member], noms[h], 50, 30)
			}
		}
	}
	w.clock.Set(day("2026-11-07")) // a Saturday
	if _, err := w.s.Publish(ctx, w.archive, w.campaign, selections.NoticeInput{Where: "镇党政办", Contact: "李华", Phone: "0739-7321234"}); err != nil {
		t.Fatal(err)
	}
	c, _ := w.s.Get(ctx, w.campaign)
	if c.PostedOn != "2026-11-07" || c.NoticeStart != "2026-11-09" {
		t.Fatalf("posted %s, the period from %s", c.PostedOn, c.NoticeStart)
	}
	_, err := w.s.Object(ctx, w.campaign, selections.ObjectionInput{NominationID: noms["乙"], By: "张三", Content: "乙家占用集体土地", ReceivedOn: "2026-11-06"})
	wantErr(t, err, errs.Invalid, "receivedOn")
	if _, err := w.s.Object(ctx, w.campaign, selections.ObjectionInput{NominationID: noms["乙"], By: "张三", Content: "乙家占用集体土地"}); err != nil {
		t.Fatalf("an objection on the Saturday the 公示 went up: %v", err)
	}
}

// 开始评议 with nominees not yet reviewed says how many are left and names the first of them, not
// only one: an officer with ten left should not learn of them one refusal at a time.
func TestStartScoringCountsTheUnreviewed(t *testing.T) {
	w := open(t, day("2026-11-02"))
	ids := map[string]string{}
	for _, head := range []string{"甲", "乙", "丙", "丁", "戊"} {
		ids[head] = w.nominate(t, head)
	}
	w.clock.Set(day("2026-11-08"))
	if err := w.s.CloseNominations(ctx, w.campaign); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		review []string
		want   string
	}{
		{nil, "还有 5 个推荐对象没有初审（“甲家庭”、“乙家庭”、“丙家庭”等），全部初审后才能开始评议"},
		{[]string{"甲", "乙"}, "还有 3 个推荐对象没有初审（“丙家庭”、“丁家庭”、“戊家庭”），全部初审后才能开始评议"},
		{[]string{"丙", "丁"}, "“戊家庭”还没有初审"},
	} {
		for _, head := range c.review {
			if err := w.s.Review(ctx, ids[head], selections.ReviewInput{Result: selections.Passed}); err != nil {
				t.Fatal(err)
			}
		}
		err := w.s.StartScoring(ctx, w.campaign)
		if e := errs.As(err); e.Code != errs.Conflict || e.Message != c.want {
			t.Errorf("after %v reviewed: %v, want %s", c.review, err, c.want)
		}
	}
}
