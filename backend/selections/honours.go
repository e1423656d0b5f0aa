package selections

import (
	"context"

	"xiangzhi/backend/errs"
)

// Honour is an honour a household (or a person of it) received.
type Honour struct {
	ID          string `json:"id"`
	HouseholdID string `json:"householdId"`
	ResidentID  string `json:"residentId"`
	CampaignID  string `json:"campaignId"`
	Title       string `json:"title"`
	Year        int    `json:"year"`
	Certificate string `json:"certificate"`
	AwardedOn   string `json:"awardedOn"`
}

// HonoursOf lists a household's honours, the latest first.
func (s *Service) HonoursOf(ctx context.Context, householdID string) ([]Honour, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, household_id, resident_id, campaign_id, title, year, certificate, awarded_on
		FROM honours WHERE household_id = ? AND deleted_at IS NULL ORDER BY awarded_on DESC, id`, householdID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取荣誉失败")
	}
	defer rows.Close()
	out := []Honour{}
	for rows.Next() {
		var h Honour
		if err := rows.Scan(&h.ID, &h.HouseholdID, &h.ResidentID, &h.CampaignID, &h.Title, &h.Year, &h.Certificate, &h.AwardedOn); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取荣誉失败")
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
