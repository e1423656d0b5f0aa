package selections

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// MemberInput adds a panel member: a resident of the registry, or someone named only (an officer).
type MemberInput struct {
	ResidentID string `json:"residentId"`
	Name       string `json:"name"`
	Role       string `json:"role"` // 镇妇联主席, 村民代表 …
}

// Member is a panel member.
type Member struct {
	ID          string `json:"id"`
	ResidentID  string `json:"residentId"`
	HouseholdID string `json:"householdId"` // "" for someone outside the registry
	Name        string `json:"name"`
	Role        string `json:"role"`
}

// Recusal is a member who does not score a nominee, and why.
type Recusal struct {
	MemberID     string `json:"memberId"`
	NominationID string `json:"nominationId"`
	Reason       string `json:"reason"`
	Auto         bool   `json:"auto"`
}

// AddMember puts someone on the panel, until the scoring closes. A member of a nominee's household
// is recused from scoring it, and the recusal recorded, as soon as both are known.
func (s *Service) AddMember(ctx context.Context, campaignID string, in MemberInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = AddMemberIn(tx, campaignID, in)
		return err
	})
	return id, err
}

// AddMemberIn is AddMember inside a caller's transaction.
func AddMemberIn(tx *store.Tx, campaignID string, in MemberInput) (id string, err error) {
	c, err := GetIn(tx, campaignID)
	if err != nil {
		return "", err
	}
	if !slices.Contains([]string{PhaseNominate, PhaseReview, PhaseScore}, c.Phase) {
		return "", errs.New(errs.Conflict, "评选处于“%s”阶段，评议小组已不能再变", c.Phase)
	}
	name := in.Name
	if in.ResidentID != "" {
		r, err := grid.ResidentIn(tx, in.ResidentID, "residentId")
		if err != nil {
			return "", err
		}
		name = r.Name
	}
	if name, err = textrule.Name("name", "姓名", name, 30, true); err != nil {
		return "", err
	}
	role, err := textrule.Name("role", "身份", in.Role, 30, false)
	if err != nil {
		return "", err
	}
	if id, err = tx.Insert("selection_panel", store.Values{"campaign_id": campaignID, "resident_id": in.ResidentID,
		"name": name, "role": role}); err != nil {
		return "", err
	}
	return id, recuseHouseholdsIn(tx, campaignID)
}

// membersIn lists the panel, with each member's household.
func membersIn(tx *store.Tx, campaignID string) ([]Member, error) {
	rows, err := tx.Query(`SELECT id, resident_id, name, role FROM selection_panel WHERE campaign_id = ? AND deleted_at IS NULL
		ORDER BY created_at, id`, campaignID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取评议小组失败")
	}
	out := []Member{}
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.ResidentID, &m.Name, &m.Role); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取评议小组失败")
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取评议小组失败")
	}
	for i := range out {
		if out[i].ResidentID == "" {
			continue
		}
		r, err := grid.ResidentIn(tx, out[i].ResidentID, "residentId")
		if err != nil && errs.CodeOf(err) != errs.NotFound {
			return nil, err
		}
		out[i].HouseholdID = r.HouseholdID
	}
	return out, nil
}

// recusalsIn lists the recusals of a campaign.
func recusalsIn(tx *store.Tx, campaignID string) ([]Recusal, error) {
	rows, err := tx.Query(`SELECT member_id, nomination_id, reason, auto FROM selection_recusals WHERE campaign_id = ?
		AND deleted_at IS NULL ORDER BY created_at, id`, campaignID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取回避失败")
	}
	defer rows.Close()
	out := []Recusal{}
	for rows.Next() {
		var r Recusal
		if err := rows.Scan(&r.MemberID, &r.NominationID, &r.Reason, &r.Auto); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取回避失败")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// recused says whether a member is recused from a nominee.
func recused(list []Recusal, member, nomination string) bool {
	return slices.ContainsFunc(list, func(r Recusal) bool { return r.MemberID == member && r.NominationID == nomination })
}

// recuseHouseholdsIn records, for every member of a nominee's household not yet recused from it, the
// automatic recusal.
func recuseHouseholdsIn(tx *store.Tx, campaignID string) error {
	members, err := membersIn(tx, campaignID)
	if err != nil {
		return err
	}
	noms, err := nominationsIn(tx, campaignID)
	if err != nil {
		return err
	}
	have, err := recusalsIn(tx, campaignID)
	if err != nil {
		return err
	}
	for _, m := range members {
		for _, n := range noms {
			if m.HouseholdID == "" || m.HouseholdID != n.HouseholdID || recused(have, m.ID, n.ID) {
				continue
			}
			if _, err := tx.Insert("selection_recusals", store.Values{"campaign_id": campaignID, "member_id": m.ID,
				"nomination_id": n.ID, "reason": "与被推荐对象同户", "auto": true}); err != nil {
				return err
			}
		}
	}
	return nil
}

// memberAndNominee reads a panel member, a nominee of the same campaign and the campaign, which must be
// in 评议打分 for the action.
func memberAndNominee(tx *store.Tx, memberID, nominationID, action string) (m, n store.Values, c Campaign, err error) {
	if m, err = tx.Get("selection_panel", memberID); err != nil {
		return nil, nil, c, errs.Field("memberId", "所选的评议成员不存在")
	}
	if c, err = GetIn(tx, m["campaign_id"].(string)); err != nil {
		return nil, nil, c, err
	}
	if err = during(tx, c, PhaseScore, action); err != nil {
		return nil, nil, c, err
	}
	if n, err = tx.Get("selection_nominations", nominationID); err != nil || n["campaign_id"] != c.ID {
		return nil, nil, c, errs.Field("nominationId", "所选的被推荐对象不属于这项评选")
	}
	return m, n, c, nil
}

// Declare records a member's declared conflict with a nominee (亲属, 利害关系 …) during 评议打分: the
// member's scores of that nominee, if any, no longer count.
func (s *Service) Declare(ctx context.Context, memberID, nominationID, reason string) error {
	return s.write(ctx, func(tx *store.Tx) error { return DeclareIn(tx, memberID, nominationID, reason) })
}

// DeclareIn is Declare inside a caller's transaction.
func DeclareIn(tx *store.Tx, memberID, nominationID, reason string) error {
	m, n, c, err := memberAndNominee(tx, memberID, nominationID, "申报回避")
	if err != nil {
		return err
	}
	campaignID := c.ID
	reason, err = textrule.Free("reason", "回避理由", reason, 100)
	if err != nil {
		return err
	}
	if reason == "" {
		return errs.Field("reason", "请写明回避理由，如“系被推荐人的亲属”")
	}
	have, err := recusalsIn(tx, campaignID)
	if err != nil {
		return err
	}
	if recused(have, memberID, nominationID) {
		return errs.Field("nominationId", "%s已回避%s", m["name"], n["name"])
	}
	_, err = tx.Insert("selection_recusals", store.Values{"campaign_id": campaignID, "member_id": memberID,
		"nomination_id": nominationID, "reason": reason})
	return err
}

// Score records a member's scores of a nominee, criterion by criterion (criterion id -> score), during
// 评议打分: a nominee that passed the 初审, a member not recused from it, each score from 0 to the
// criterion's weight. A score given again replaces the earlier one.
func (s *Service) Score(ctx context.Context, memberID, nominationID string, scores map[string]int) error {
	return s.write(ctx, func(tx *store.Tx) error { return ScoreIn(tx, memberID, nominationID, scores) })
}

// ScoreIn is Score inside a caller's transaction.
func ScoreIn(tx *store.Tx, memberID, nominationID string, scores map[string]int) error {
	m, n, c, err := memberAndNominee(tx, memberID, nominationID, "打分")
	if err != nil {
		return err
	}
	campaignID := c.ID
	if n["review"] != Passed || n["removed"] != "" {
		return errs.Field("nominationId", "%s未通过初审，不参加评议", n["name"])
	}
	have, err := recusalsIn(tx, campaignID)
	if err != nil {
		return err
	}
	if recused(have, memberID, nominationID) {
		return errs.Field("memberId", "%s已回避%s，不能为其打分", m["name"], n["name"])
	}
	for _, k := range c.Criteria {
		v, ok := scores[k.ID]
		if !ok {
			continue
		}
		if v < 0 || v > k.Weight {
			return errs.Field("scores", "“%s”的得分应为 0 到 %d 分", k.Name, k.Weight)
		}
	}
	for id := range scores {
		if !slices.ContainsFunc(c.Criteria, func(k Criterion) bool { return k.ID == id }) {
			return errs.Field("scores", "有一项分数不属于这项评选的标准")
		}
	}
	for _, k := range c.Criteria {
		v, ok := scores[k.ID]
		if !ok {
			continue
		}
		var existing string
		err := tx.QueryRow(`SELECT id FROM selection_scores WHERE member_id = ? AND nomination_id = ? AND criterion_id = ?
			AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1`, memberID, nominationID, k.ID).Scan(&existing)
		switch {
		case err == nil:
			_, err = tx.Update("selection_scores", existing, store.Values{"score": v})
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.Insert("selection_scores", store.Values{"campaign_id": campaignID, "member_id": memberID,
				"nomination_id": nominationID, "criterion_id": k.ID, "score": v})
		default:
			err = errs.Wrap(err, errs.Internal, "读取评分失败")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// MemberScores gives a panel member's own scores as saved (nominee id -> criterion id -> score), for
// the member's grid: a score given earlier is shown, not only the means of the ranking.
func (s *Service) MemberScores(ctx context.Context, memberID string) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(`SELECT nomination_id, criterion_id, score FROM selection_scores WHERE member_id = ? AND deleted_at IS NULL`, memberID)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取评分失败")
		}
		defer rows.Close()
		for rows.Next() {
			var n, k string
			var v int
			if err := rows.Scan(&n, &k, &v); err != nil {
				return errs.Wrap(err, errs.Internal, "读取评分失败")
			}
			if out[n] == nil {
				out[n] = map[string]int{}
			}
			out[n][k] = v
		}
		return rows.Err()
	})
	return out, err
}
