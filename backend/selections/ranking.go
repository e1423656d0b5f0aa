package selections

import (
	"cmp"
	"context"
	"slices"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Ranked is a nominee on the ranked list: the mean of the scores given on each criterion by the
// members not recused, their sum, the rank, and whether the quota takes it.
type Ranked struct {
	Nomination
	Scores   []float64 `json:"scores"` // per criterion, in the campaign's order
	Total    float64   `json:"total"`
	Rank     int       `json:"rank"`     // 1 = first; 0 for a nominee out of the ranking
	Selected bool      `json:"selected"` // within the quota
	Scorers  int       `json:"scorers"`  // members who scored it
	Missing  []string  `json:"missing"`  // members not recused who have not scored every criterion
}

// Ranking is a campaign's ranked list: those who passed the 初审 and were not removed, best first
// (ties broken by TieRule), the quota marked; then those out of it, in the order put forward.
type Ranking struct {
	Criteria []Criterion `json:"criteria"`
	Quota    int         `json:"quota"`
	TieRule  string      `json:"tieRule"`
	Members  []Member    `json:"members"`
	Recusals []Recusal   `json:"recusals"`
	List     []Ranked    `json:"list"`
	Complete bool        `json:"complete"` // every member not recused has scored every ranked nominee
}

// Rank computes a campaign's ranked list.
func (s *Service) Rank(ctx context.Context, campaignID string) (Ranking, error) {
	var r Ranking
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		r, err = RankIn(tx, campaignID)
		return err
	})
	return r, err
}

// RankIn is Rank inside a caller's transaction.
func RankIn(tx *store.Tx, campaignID string) (Ranking, error) {
	c, err := GetIn(tx, campaignID)
	if err != nil {
		return Ranking{}, err
	}
	r := Ranking{Criteria: c.Criteria, Quota: c.Quota, TieRule: TieRule, List: []Ranked{}, Complete: true}
	if r.Members, err = membersIn(tx, campaignID); err != nil {
		return r, err
	}
	if r.Recusals, err = recusalsIn(tx, campaignID); err != nil {
		return r, err
	}
	noms, err := nominationsIn(tx, campaignID)
	if err != nil {
		return r, err
	}
	// member -> nomination -> criterion -> score
	given := map[string]map[string]map[string]int{}
	rows, err := tx.Query(`SELECT member_id, nomination_id, criterion_id, score FROM selection_scores WHERE campaign_id = ?
		AND deleted_at IS NULL ORDER BY created_at, id`, campaignID)
	if err != nil {
		return r, errs.Wrap(err, errs.Internal, "读取评分失败")
	}
	for rows.Next() {
		var m, n, k string
		var v int
		if err := rows.Scan(&m, &n, &k, &v); err != nil {
			rows.Close()
			return r, errs.Wrap(err, errs.Internal, "读取评分失败")
		}
		if given[m] == nil {
			given[m] = map[string]map[string]int{}
		}
		if given[m][n] == nil {
			given[m][n] = map[string]int{}
		}
		given[m][n][k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, errs.Wrap(err, errs.Internal, "读取评分失败")
	}
	var ranked, out []Ranked
	order := map[string]int{}
	for i, n := range noms {
		order[n.ID] = i
		e := Ranked{Nomination: n, Scores: make([]float64, len(c.Criteria)), Missing: []string{}}
		if n.Review != Passed || n.Removed != "" {
			out = append(out, e)
			continue
		}
		sums, counts := make([]int, len(c.Criteria)), make([]int, len(c.Criteria))
		for _, m := range r.Members {
			if recused(r.Recusals, m.ID, n.ID) {
				continue
			}
			full := true
			for i, k := range c.Criteria {
				v, ok := given[m.ID][n.ID][k.ID]
				if !ok {
					full = false
					continue
				}
				sums[i] += v
				counts[i]++
			}
			if len(given[m.ID][n.ID]) > 0 {
				e.Scorers++
			}
			if !full {
				e.Missing = append(e.Missing, m.Name)
				r.Complete = false
			}
		}
		for i := range c.Criteria {
			if counts[i] > 0 {
				e.Scores[i] = round2(float64(sums[i]) / float64(counts[i]))
			}
			e.Total += e.Scores[i]
		}
		e.Total = round2(e.Total)
		ranked = append(ranked, e)
	}
	if len(r.Members) == 0 && len(ranked) > 0 {
		r.Complete = false
	}
	slices.SortStableFunc(ranked, func(a, b Ranked) int {
		if c := cmp.Compare(b.Total, a.Total); c != 0 {
			return c
		}
		for i := range a.Scores {
			if c := cmp.Compare(b.Scores[i], a.Scores[i]); c != 0 {
				return c
			}
		}
		return cmp.Compare(order[a.ID], order[b.ID])
	})
	for i := range ranked {
		ranked[i].Rank = i + 1
		ranked[i].Selected = i < c.Quota
	}
	r.List = append(ranked, out...)
	return r, nil
}

func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return float64(int64(x*100+0.5)) / 100
}
