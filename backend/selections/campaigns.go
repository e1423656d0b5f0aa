package selections

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// CriterionInput is a criterion the panel scores, out of its weight.
type CriterionInput struct {
	Name   string `json:"name"`
	Weight int    `json:"weight"`
}

// CampaignInput sets a campaign up.
type CampaignInput struct {
	Kind          string           `json:"kind"`
	Year          int              `json:"year"`
	Title         string           `json:"title"` // the kind and year when empty: 2026年度“文明家庭”评选
	VillageID     string           `json:"villageId"`
	Quota         int              `json:"quota"`
	Basis         string           `json:"basis"`
	Criteria      []CriterionInput `json:"criteria"`
	Vetoes        []string         `json:"vetoes"`
	MinPoints     int              `json:"minPoints"` // points earned in the year a household needs (0: none)
	NominateUntil string           `json:"nominateUntil"`
	ReviewUntil   string           `json:"reviewUntil"`
	ScoreUntil    string           `json:"scoreUntil"`
	NoticeDays    int              `json:"noticeDays"` // working days; 5 when 0
}

// Criterion is a criterion as kept.
type Criterion struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Weight int    `json:"weight"`
}

// Campaign is a campaign as its page shows it.
type Campaign struct {
	ID            string      `json:"id"`
	Kind          string      `json:"kind"`
	Year          int         `json:"year"`
	Title         string      `json:"title"`
	VillageID     string      `json:"villageId"`
	Scope         string      `json:"scope"` // the village's name, or 全镇
	Quota         int         `json:"quota"`
	Basis         string      `json:"basis"`
	Criteria      []Criterion `json:"criteria"`
	Vetoes        []string    `json:"vetoes"`
	MinPoints     int         `json:"minPoints"`
	NominateUntil string      `json:"nominateUntil"`
	ReviewUntil   string      `json:"reviewUntil"`
	ScoreUntil    string      `json:"scoreUntil"`
	NoticeDays    int         `json:"noticeDays"`
	NoticeStart   string      `json:"noticeStart"`
	NoticeEnd     string      `json:"noticeEnd"`
	PostedOn      string      `json:"postedOn"` // the day the 公示 was first posted: objections are received from it
	Phase         string      `json:"phase"`
	DecidedOn     string      `json:"decidedOn"`
	Personal      bool        `json:"personal"` // of a person rather than a household
	TieRule       string      `json:"tieRule"`
	Nominations   int         `json:"nominations"`
}

// MaxCriteria bounds a campaign's criteria, MaxVetoes its vetoes.
const (
	MaxCriteria = 12
	MaxVetoes   = 20
)

// Create sets a campaign up in its first phase, 推荐.
func (s *Service) Create(ctx context.Context, in CampaignInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = CreateIn(tx, in)
		return err
	})
	return id, err
}

// CreateIn is Create inside a caller's transaction.
func CreateIn(tx *store.Tx, in CampaignInput) (string, error) {
	var p errs.Problems // every field's problem at once
	if !slices.Contains(Kinds, in.Kind) {
		p.Keep(errs.Field("kind", "请选择评选类别（%s）", strings.Join(Kinds, "、")))
	}
	if in.Year < 2000 || in.Year > 2100 {
		p.Keep(errs.Field("year", "年度“%d”不对", in.Year))
	}
	scope := "全镇"
	if in.VillageID != "" {
		name, err := grid.VillageNameIn(tx, in.VillageID, "villageId")
		p.Keep(err)
		scope = name
	}
	title := in.Title
	if title == "" {
		title = fmt.Sprintf("%s%d年度“%s”评选", scopeTitle(scope), in.Year, in.Kind)
	}
	title, err := textrule.Name("title", "活动名称", title, 60, true)
	p.Keep(err)
	if in.Quota < 1 || in.Quota > 1000 {
		p.Keep(errs.Field("quota", "名额应为 1 到 1000"))
	}
	basis, err := textrule.Free("basis", "评选依据", in.Basis, 300)
	p.Keep(err)
	p.Keep(cleanCriteria(in.Criteria))
	if len(in.Vetoes) > MaxVetoes {
		p.Keep(errs.Field("vetoes", "一票否决项最多 %d 条", MaxVetoes))
	}
	vetoes := []string{}
	for _, v := range in.Vetoes {
		v, err := textrule.Free("vetoes", "一票否决项", v, 100)
		p.Keep(err)
		if v != "" {
			vetoes = append(vetoes, v)
		}
	}
	if in.MinPoints < 0 || in.MinPoints > 100000 {
		p.Keep(errs.Field("minPoints", "积分门槛应为 0 到 100000 分"))
	}
	dates := []string{}
	for _, d := range []struct{ field, label, v string }{{"nominateUntil", "推荐截止日", in.NominateUntil},
		{"reviewUntil", "初审截止日", in.ReviewUntil}, {"scoreUntil", "评议截止日", in.ScoreUntil}} {
		iso, err := idcard.ParseDate(d.field, d.v)
		switch {
		case err != nil:
			p.Keep(err)
		case iso == "":
			p.Keep(errs.Field(d.field, "请填写%s", d.label))
		case len(dates) > 0 && iso < dates[len(dates)-1]:
			p.Keep(errs.Field(d.field, "%s（%s）早于上一阶段的截止日", d.label, idcard.ISODateCN(iso)))
		default:
			dates = append(dates, iso)
		}
	}
	days := in.NoticeDays
	if days == 0 {
		days = 5
	}
	if days < 1 || days > 30 {
		p.Keep(errs.Field("noticeDays", "公示期应为 1 到 30 个工作日"))
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	vj, _ := json.Marshal(vetoes)
	id, err := tx.Insert("selection_campaigns", store.Values{"kind": in.Kind, "year": in.Year, "title": title,
		"village_id": in.VillageID, "quota": in.Quota, "basis": basis, "vetoes": string(vj), "min_points": in.MinPoints,
		"nominate_until": dates[0], "review_until": dates[1], "score_until": dates[2], "notice_days": days, "phase": PhaseNominate})
	if err != nil {
		return "", err
	}
	for i, c := range in.Criteria {
		if _, err := tx.Insert("selection_criteria", store.Values{"campaign_id": id, "position": i, "name": c.Name, "weight": c.Weight}); err != nil {
			return "", err
		}
	}
	return id, nil
}

// cleanCriteria checks and tidies the criteria (names trimmed in place): 1 to MaxCriteria of them,
// each named and weighing 1 to 100, together 100.
func cleanCriteria(criteria []CriterionInput) error {
	if len(criteria) == 0 || len(criteria) > MaxCriteria {
		return errs.Field("criteria", "评选标准应有 1 到 %d 项", MaxCriteria)
	}
	total := 0
	for i, c := range criteria {
		name, err := textrule.Name("criteria", "标准名称", c.Name, 40, true)
		if err != nil {
			return errs.Field("criteria", "第 %d 项标准：%s", i+1, errs.As(err).Message)
		}
		if c.Weight < 1 || c.Weight > 100 {
			return errs.Field("criteria", "标准“%s”的分值应为 1 到 100", name)
		}
		criteria[i].Name = name
		total += c.Weight
	}
	if total != 100 {
		return errs.Field("criteria", "各项标准的分值合计应为 100 分，现为 %d 分", total)
	}
	return nil
}

// scopeTitle is how a title names its scope: the village, or nothing for the township (the issuer says it).
func scopeTitle(scope string) string {
	if scope == "全镇" {
		return ""
	}
	return scope
}

// Get reads a campaign.
func (s *Service) Get(ctx context.Context, id string) (Campaign, error) {
	var c Campaign
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		c, err = GetIn(tx, id)
		return err
	})
	return c, err
}

const campaignColumns = `id, kind, year, title, village_id, quota, basis, vetoes, min_points, nominate_until, review_until,
	score_until, notice_days, notice_start, notice_end, posted_on, phase, decided_on,
	(SELECT count(*) FROM selection_nominations n WHERE n.campaign_id = selection_campaigns.id AND n.deleted_at IS NULL)
	FROM selection_campaigns`

func scanCampaign(sc interface{ Scan(...any) error }) (Campaign, error) {
	var c Campaign
	var vetoes string
	err := sc.Scan(&c.ID, &c.Kind, &c.Year, &c.Title, &c.VillageID, &c.Quota, &c.Basis, &vetoes, &c.MinPoints, &c.NominateUntil,
		&c.ReviewUntil, &c.ScoreUntil, &c.NoticeDays, &c.NoticeStart, &c.NoticeEnd, &c.PostedOn, &c.Phase, &c.DecidedOn, &c.Nominations)
	if err == nil {
		err = json.Unmarshal([]byte(vetoes), &c.Vetoes)
	}
	c.Personal, c.TieRule = personal[c.Kind], TieRule
	return c, err
}

// GetIn is Get inside a caller's transaction.
func GetIn(tx *store.Tx, id string) (Campaign, error) {
	c, err := scanCampaign(tx.QueryRow(`SELECT `+campaignColumns+` WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.New(errs.NotFound, "这项评选活动不存在或已删除")
	}
	if err != nil {
		return c, errs.Wrap(err, errs.Internal, "读取评选活动失败")
	}
	if c.Scope = "全镇"; c.VillageID != "" {
		if c.Scope, err = grid.VillageNameIn(tx, c.VillageID, "villageId"); err != nil && errs.CodeOf(err) != errs.NotFound {
			return c, err
		}
	}
	rows, err := tx.Query(`SELECT id, name, weight FROM selection_criteria WHERE campaign_id = ? AND deleted_at IS NULL
		ORDER BY position, id`, id)
	if err != nil {
		return c, errs.Wrap(err, errs.Internal, "读取评选标准失败")
	}
	defer rows.Close()
	c.Criteria = []Criterion{}
	for rows.Next() {
		var k Criterion
		if err := rows.Scan(&k.ID, &k.Name, &k.Weight); err != nil {
			return c, errs.Wrap(err, errs.Internal, "读取评选标准失败")
		}
		c.Criteria = append(c.Criteria, k)
	}
	return c, rows.Err()
}

// List lists the campaigns of a year (all years when 0), the latest first.
func (s *Service) List(ctx context.Context, year int) ([]Campaign, error) {
	out := []Campaign{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		q, args := `SELECT `+campaignColumns+` WHERE deleted_at IS NULL`, []any{}
		if year > 0 {
			q, args = q+` AND year = ?`, append(args, year)
		}
		rows, err := tx.Query(q+` ORDER BY year DESC, kind, title, id`, args...)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取评选活动失败")
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCampaign(rows)
			if err != nil {
				return errs.Wrap(err, errs.Internal, "读取评选活动失败")
			}
			out = append(out, c)
		}
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, errs.Internal, "读取评选活动失败")
		}
		names := map[string]string{}
		for i := range out {
			out[i].Scope = "全镇"
			if v := out[i].VillageID; v != "" {
				if _, ok := names[v]; !ok {
					names[v], _ = grid.VillageNameIn(tx, v, "villageId")
				}
				out[i].Scope = names[v]
			}
		}
		return nil
	})
	return out, err
}

// during checks that a campaign is in phase and, for the phases that close on a date, that the date
// has not passed; action names what is refused.
func during(tx *store.Tx, c Campaign, phase, action string) error {
	if c.Phase != phase {
		return errs.New(errs.Conflict, "评选处于“%s”阶段，不能%s（%s阶段才可以）", c.Phase, action, phase)
	}
	until := map[string]string{PhaseNominate: c.NominateUntil, PhaseReview: c.ReviewUntil, PhaseScore: c.ScoreUntil}[phase]
	if until != "" && tx.Today().Format(dateLayout) > until {
		return errs.New(errs.Conflict, "%s阶段已于%s截止，不能再%s", phase, idcard.ISODateCN(until), action)
	}
	return nil
}
