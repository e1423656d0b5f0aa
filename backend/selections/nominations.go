package selections

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// NominationInput puts a household (or a person of it) forward.
type NominationInput struct {
	HouseholdID   string `json:"householdId"`
	ResidentID    string `json:"residentId"` // the person, for the kinds of a person
	Recommender   string `json:"recommender"`
	RecommendedBy string `json:"recommendedBy"`
	Deeds         string `json:"deeds"`
}

// Nomination is a nominee as the lists show it.
type Nomination struct {
	ID            string `json:"id"`
	HouseholdID   string `json:"householdId"`
	ResidentID    string `json:"residentId"`
	Name          string `json:"name"`
	VillageID     string `json:"villageId"`
	Place         string `json:"place"` // 桃林村第一组
	Recommender   string `json:"recommender"`
	RecommendedBy string `json:"recommendedBy"`
	Deeds         string `json:"deeds"`
	Review        string `json:"review"`
	ReviewReason  string `json:"reviewReason"`
	Veto          string `json:"veto"`
	Removed       string `json:"removed"`
}

// Nominate puts a nominee forward during 推荐: a household of the campaign's village (any, for the
// township), once per campaign; for the kinds of a person, a resident of that household.
func (s *Service) Nominate(ctx context.Context, campaignID string, in NominationInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = NominateIn(tx, campaignID, in)
		return err
	})
	return id, err
}

// NominateIn is Nominate inside a caller's transaction.
func NominateIn(tx *store.Tx, campaignID string, in NominationInput) (string, error) {
	c, err := GetIn(tx, campaignID)
	if err != nil {
		return "", err
	}
	if err := during(tx, c, PhaseNominate, "推荐"); err != nil {
		return "", err
	}
	var p errs.Problems // every field's problem at once
	name, h, err := nominee(tx, c, in)
	p.Keep(err)
	if !slices.Contains(Recommenders, in.Recommender) {
		p.Keep(errs.Field("recommender", "请选择推荐方式（%s）", strings.Join(Recommenders, "、")))
	}
	by, err := textrule.Name("recommendedBy", "推荐人", in.RecommendedBy, 30, in.Recommender != "本人自荐")
	p.Keep(err)
	deeds, err := textrule.Free("deeds", "主要事迹", in.Deeds, 2000)
	p.Keep(err)
	if err == nil && deeds == "" {
		p.Keep(errs.Field("deeds", "请写明主要事迹"))
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	var dup int
	if err := tx.QueryRow(`SELECT count(*) FROM selection_nominations WHERE campaign_id = ? AND household_id = ?
		AND resident_id = ? AND deleted_at IS NULL`, campaignID, in.HouseholdID, in.ResidentID).Scan(&dup); err != nil {
		return "", errs.Wrap(err, errs.Internal, "读取推荐失败")
	}
	if dup > 0 {
		return "", errs.Field("householdId", "%s已被推荐过，不能重复推荐", name)
	}
	return tx.Insert("selection_nominations", store.Values{"campaign_id": campaignID, "household_id": h.ID,
		"resident_id": in.ResidentID, "name": name, "village_id": h.VillageID, "recommender": in.Recommender,
		"recommended_by": by, "deeds": deeds})
}

// nominee is the household put forward and the name it is listed under: the head's family, or the
// person for a personal honour.
func nominee(tx *store.Tx, c Campaign, in NominationInput) (string, grid.HouseholdBrief, error) {
	h, err := grid.HouseholdIn(tx, in.HouseholdID, "householdId")
	if err != nil {
		return "", h, err
	}
	if c.VillageID != "" && h.VillageID != c.VillageID {
		return "", h, errs.Field("householdId", "这项评选只在%s进行，所选的户不是本村的", c.Scope)
	}
	name := h.Head + "家庭"
	if c.Personal {
		if in.ResidentID == "" {
			return "", h, errs.Field("residentId", "“%s”评的是个人，请选择被推荐人", c.Kind)
		}
		r, err := grid.ResidentIn(tx, in.ResidentID, "residentId")
		if err != nil {
			return "", h, err
		}
		if r.HouseholdID != h.ID {
			return "", h, errs.Field("residentId", "被推荐人不是所选户的成员")
		}
		name = r.Name
	} else if h.Head == "" {
		name = h.VillageName + h.Place + "户" + h.Code
	}
	return name, h, nil
}

// WithdrawNomination takes a nominee back during 推荐.
func (s *Service) WithdrawNomination(ctx context.Context, nominationID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		n, err := tx.Get("selection_nominations", nominationID)
		if err != nil {
			return errs.New(errs.NotFound, "这条推荐不存在或已撤回")
		}
		c, err := GetIn(tx, n["campaign_id"].(string))
		if err != nil {
			return err
		}
		if err := during(tx, c, PhaseNominate, "撤回推荐"); err != nil {
			return err
		}
		return tx.Delete("selection_nominations", nominationID)
	})
}

// ReviewInput is the 初审 of a nominee: 通过 or 不通过 with the reason; a veto (one of the campaign's)
// fails it, recorded as the veto's wording only.
type ReviewInput struct {
	Result string `json:"result"`
	Reason string `json:"reason"`
	Veto   string `json:"veto"`
}

// Review records the 初审 of a nominee during 初审. A nominee below the campaign's points threshold,
// or with a veto, cannot pass.
func (s *Service) Review(ctx context.Context, nominationID string, in ReviewInput) error {
	return s.write(ctx, func(tx *store.Tx) error { return ReviewIn(tx, nominationID, in) })
}

// ReviewIn is Review inside a caller's transaction.
func ReviewIn(tx *store.Tx, nominationID string, in ReviewInput) error {
	n, err := tx.Get("selection_nominations", nominationID)
	if err != nil {
		return errs.New(errs.NotFound, "这条推荐不存在或已撤回")
	}
	c, err := GetIn(tx, n["campaign_id"].(string))
	if err != nil {
		return err
	}
	if err := during(tx, c, PhaseReview, "初审"); err != nil {
		return err
	}
	reason, err := textrule.Free("reason", "初审理由", in.Reason, 300)
	if err != nil {
		return err
	}
	if in.Veto != "" && !slices.Contains(c.Vetoes, in.Veto) {
		return errs.Field("veto", "“%s”不是这项评选的一票否决项", in.Veto)
	}
	switch {
	case in.Veto != "":
		in.Result = Failed
		if reason == "" {
			reason = "一票否决：" + in.Veto
		}
	case in.Result == Passed:
		if c.MinPoints > 0 {
			earned, err := points.EarnedInYearIn(tx, n["household_id"].(string), c.Year)
			if err != nil {
				return err
			}
			if earned < c.MinPoints {
				return errs.Field("result", "%s%d年获得道德超市积分%d分，不到评选要求的%d分，不能通过初审", n["name"], c.Year, earned, c.MinPoints)
			}
		}
	case in.Result == Failed:
		if reason == "" {
			return errs.Field("reason", "初审不通过须写明理由")
		}
	default:
		return errs.Field("result", "请选择初审结果（通过或不通过）")
	}
	_, err = tx.Update("selection_nominations", nominationID, store.Values{"review": in.Result, "review_reason": reason, "veto": in.Veto})
	return err
}

// nominationsIn lists a campaign's nominees in the order they were put forward.
func nominationsIn(tx *store.Tx, campaignID string) ([]Nomination, error) {
	rows, err := tx.Query(`SELECT id, household_id, resident_id, name, village_id, recommender, recommended_by, deeds, review,
		review_reason, veto, removed FROM selection_nominations WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, campaignID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取推荐失败")
	}
	out := []Nomination{}
	for rows.Next() {
		var n Nomination
		if err := rows.Scan(&n.ID, &n.HouseholdID, &n.ResidentID, &n.Name, &n.VillageID, &n.Recommender, &n.RecommendedBy, &n.Deeds,
			&n.Review, &n.ReviewReason, &n.Veto, &n.Removed); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取推荐失败")
		}
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取推荐失败")
	}
	for i := range out {
		h, err := grid.HouseholdIn(tx, out[i].HouseholdID, "householdId")
		if err != nil && errs.CodeOf(err) != errs.NotFound {
			return nil, err
		}
		out[i].Place = h.VillageName + h.Group
	}
	return out, nil
}

// Nominations lists a campaign's nominees.
func (s *Service) Nominations(ctx context.Context, campaignID string) ([]Nomination, error) {
	var out []Nomination
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = nominationsIn(tx, campaignID)
		return err
	})
	return out, err
}

// named is how a message names a nominee.
func named(n Nomination) string { return fmt.Sprintf("“%s”", n.Name) }
