package selections

import (
	"context"
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// The phase changes. Each checks the phase it starts from and what the next needs; the 公示 and the
// 表彰 issue their papers in the same write as the change, so a paper that cannot be archived leaves
// the campaign where it was.

// setPhase moves a campaign from one phase to the next, with the values the change sets.
func setPhase(tx *store.Tx, c Campaign, from, to string, v store.Values) error {
	if c.Phase != from {
		return errs.New(errs.Conflict, "评选处于“%s”阶段，不能进入“%s”（须从“%s”进入）", c.Phase, to, from)
	}
	if v == nil {
		v = store.Values{}
	}
	v["phase"] = to
	_, err := tx.Update("selection_campaigns", c.ID, v)
	return err
}

// CloseNominations ends 推荐 and starts the 初审: there must be a nominee.
func (s *Service) CloseNominations(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *store.Tx) error { return CloseNominationsIn(tx, id) })
}

// CloseNominationsIn is CloseNominations inside a caller's transaction.
func CloseNominationsIn(tx *store.Tx, id string) error {
	c, err := GetIn(tx, id)
	if err != nil {
		return err
	}
	if c.Nominations == 0 {
		return errs.New(errs.Conflict, "还没有推荐对象，不能进入初审")
	}
	return setPhase(tx, c, PhaseNominate, PhaseReview, nil)
}

// StartScoring ends the 初审 and starts 评议打分: every nominee reviewed, one at least passed, and a
// panel; members of a nominee's household are recused from it.
func (s *Service) StartScoring(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *store.Tx) error { return StartScoringIn(tx, id) })
}

// StartScoringIn is StartScoring inside a caller's transaction.
func StartScoringIn(tx *store.Tx, id string) error {
	c, err := GetIn(tx, id)
	if err != nil {
		return err
	}
	noms, err := nominationsIn(tx, id)
	if err != nil {
		return err
	}
	passed := 0
	var waiting []string // named, the first few
	unreviewed := 0
	for _, n := range noms {
		switch n.Review {
		case "":
			if unreviewed++; len(waiting) < 3 {
				waiting = append(waiting, named(n))
			}
		case Passed:
			passed++
		}
	}
	switch {
	case unreviewed == 1:
		return errs.New(errs.Conflict, "%s还没有初审", waiting[0])
	case unreviewed > len(waiting):
		return errs.New(errs.Conflict, "还有 %d 个推荐对象没有初审（%s等），全部初审后才能开始评议", unreviewed, strings.Join(waiting, "、"))
	case unreviewed > 1:
		return errs.New(errs.Conflict, "还有 %d 个推荐对象没有初审（%s），全部初审后才能开始评议", unreviewed, strings.Join(waiting, "、"))
	}
	if passed == 0 {
		return errs.New(errs.Conflict, "没有通过初审的推荐对象，无法评议")
	}
	members, err := membersIn(tx, id)
	if err != nil {
		return err
	}
	if len(members) == 0 {
		return errs.New(errs.Conflict, "还没有评议小组成员，请先添加")
	}
	if err := setPhase(tx, c, PhaseReview, PhaseScore, nil); err != nil {
		return err
	}
	return recuseHouseholdsIn(tx, id)
}

// NoticeInput is what the 公示 says besides the list: when it starts and where and how to object.
type NoticeInput struct {
	Start   string `json:"start"` // ISO; today when empty; the period starts on the first working day from it
	Where   string `json:"where"`
	How     string `json:"how"`
	Contact string `json:"contact"`
	Phone   string `json:"phone"`
	Monitor string `json:"monitor"`
	Issuer  string `json:"issuer"`
	Number  string `json:"number"` // 文号, optional
}

// Publish ends 评议打分 once every member not recused has scored every nominee, and posts the 公示 of
// the ranked list within the quota for the campaign's working days, issued in the same write.
func (s *Service) Publish(ctx context.Context, archive *docs.Archive, id string, in NoticeInput) (docs.Issued, error) {
	var out docs.Issued
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		out, err = PublishIn(tx, archive, id, in)
		return err
	})
	return out, err
}

// PublishIn is Publish inside a caller's transaction.
func PublishIn(tx *store.Tx, archive *docs.Archive, id string, in NoticeInput) (docs.Issued, error) {
	c, err := GetIn(tx, id)
	if err != nil {
		return docs.Issued{}, err
	}
	if c.Phase != PhaseScore {
		return docs.Issued{}, errs.New(errs.Conflict, "评选处于“%s”阶段，不能发布公示（评议打分阶段才可以）", c.Phase)
	}
	r, err := RankIn(tx, id)
	if err != nil {
		return docs.Issued{}, err
	}
	if !r.Complete {
		for _, e := range r.List {
			if len(e.Missing) > 0 {
				return docs.Issued{}, errs.New(errs.Conflict, "%s还有评议成员未打完分：%s", named(e.Nomination), strings.Join(e.Missing, "、"))
			}
		}
		return docs.Issued{}, errs.New(errs.Conflict, "评分还不完整")
	}
	start, end, err := noticePeriod(tx, in.Start, c.NoticeDays)
	if err != nil {
		return docs.Issued{}, err
	}
	posted := tx.Today().Format(dateLayout)
	if err := setPhase(tx, c, PhaseScore, PhaseNotice, store.Values{"notice_start": start, "notice_end": end, "posted_on": posted}); err != nil {
		return docs.Issued{}, err
	}
	c.NoticeStart, c.NoticeEnd, c.PostedOn = start, end, posted
	return issueNoticeIn(tx, archive, c, r, in)
}

// noticePeriod is the 公示's first and last working day: days working days from the first working day
// on or after start (today when empty).
func noticePeriod(tx *store.Tx, start string, days int) (string, string, error) {
	today := tx.Today().Format(dateLayout)
	if start == "" {
		start = today
	}
	start, err := idcard.ParseDate("start", start)
	if err != nil {
		return "", "", err
	}
	if start < today {
		return "", "", errs.Field("start", "公示开始日期%s早于今天", idcard.ISODateCN(start))
	}
	d, _ := time.ParseInLocation(dateLayout, start, time.Local)
	first, last := workday.Period(d, days)
	return first.Format(dateLayout), last.Format(dateLayout), nil
}

// issueNoticeIn issues the 公示 of the list as it stands.
func issueNoticeIn(tx *store.Tx, archive *docs.Archive, c Campaign, r Ranking, in NoticeInput) (docs.Issued, error) {
	doc, err := noticeDocIn(tx, c, r, in)
	if err != nil {
		return docs.Issued{}, err
	}
	issued, _, err := archive.IssueIn(tx, doc, Source(c.ID))
	return issued, err
}

// Decide ends the 公示 once its last day has passed and every objection is settled, and records the
// approved list (审定) on the day given (today when empty).
func (s *Service) Decide(ctx context.Context, id, on string) error {
	return s.write(ctx, func(tx *store.Tx) error { return DecideIn(tx, id, on) })
}

// DecideIn is Decide inside a caller's transaction.
func DecideIn(tx *store.Tx, id, on string) error {
	c, err := GetIn(tx, id)
	if err != nil {
		return err
	}
	today := tx.Today().Format(dateLayout)
	if c.Phase == PhaseNotice && today <= c.NoticeEnd {
		return errs.New(errs.Conflict, "公示期到%s结束，公示期满后才能审定", idcard.ISODateCN(c.NoticeEnd))
	}
	var open int
	if err := tx.QueryRow(`SELECT count(*) FROM selection_objections WHERE campaign_id = ? AND result = '' AND deleted_at IS NULL`,
		id).Scan(&open); err != nil {
		return errs.Wrap(err, errs.Internal, "读取异议失败")
	}
	if open > 0 {
		return errs.New(errs.Conflict, "还有%d条异议未核实处理，处理完才能审定", open)
	}
	if on == "" {
		on = today
	}
	if on, err = idcard.ParseDate("on", on); err != nil {
		return err
	}
	if on > today || on <= c.NoticeEnd {
		return errs.Field("on", "审定日期应在公示期满（%s）之后、不晚于今天", idcard.ISODateCN(c.NoticeEnd))
	}
	return setPhase(tx, c, PhaseNotice, PhaseDecide, store.Values{"decided_on": on})
}

// HonourInput is what the 表彰决定 and the certificates say: the issuer, the 文号, the day, and the
// certificates' number prefix.
type HonourInput struct {
	Issuer string `json:"issuer"`
	Number string `json:"number"` // 文号 of the 表彰决定
	Date   string `json:"date"`   // ISO; today when empty
	Prefix string `json:"prefix"` // of the certificates' numbers, e.g. 丹文明〔2026〕
}

// Honoured is what Honour issued: the 表彰决定 and the certificates.
type Honoured struct {
	Decision     docs.Issued `json:"decision"`
	Certificates docs.Issued `json:"certificates"`
	Households   int         `json:"households"`
}

// Honour commends the approved list (审定 → 表彰): it issues the 表彰决定 and the batch of 荣誉证书 and
// records the honour on each household, in one write.
func (s *Service) Honour(ctx context.Context, archive *docs.Archive, id string, in HonourInput) (Honoured, error) {
	var out Honoured
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		out, err = HonourIn(tx, archive, id, in)
		return err
	})
	return out, err
}

// HonourIn is Honour inside a caller's transaction.
func HonourIn(tx *store.Tx, archive *docs.Archive, id string, in HonourInput) (Honoured, error) {
	var out Honoured
	c, err := GetIn(tx, id)
	if err != nil {
		return out, err
	}
	r, err := RankIn(tx, id)
	if err != nil {
		return out, err
	}
	date := in.Date
	if date == "" {
		date = tx.Today().Format(dateLayout)
	}
	if date, err = idcard.ParseDate("date", date); err != nil {
		return out, err
	}
	if err := setPhase(tx, c, PhaseDecide, PhaseHonour, nil); err != nil {
		return out, err
	}
	decision, certs, err := honourDocsIn(tx, c, r, in, date)
	if err != nil {
		return out, err
	}
	if out.Decision, _, err = archive.IssueIn(tx, decision, Source(id)); err != nil {
		return out, err
	}
	if out.Certificates, _, err = archive.IssueIn(tx, certs, Source(id)); err != nil {
		return out, err
	}
	title := fmt.Sprintf("%d年度%s", c.Year, c.Kind)
	for i, e := range approved(r) {
		if _, err := tx.Insert("honours", store.Values{"household_id": e.HouseholdID, "resident_id": e.ResidentID, "campaign_id": id,
			"title": title, "year": c.Year, "certificate": certs.Recipients[i].Number, "awarded_on": date}); err != nil {
			return out, err
		}
		out.Households++
	}
	return out, nil
}

// approved is the list within the quota.
func approved(r Ranking) []Ranked {
	var out []Ranked
	for _, e := range r.List {
		if e.Selected {
			out = append(out, e)
		}
	}
	return out
}
