package selections_test

import (
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/selections"
)

// A campaign is refused on each field that is wrong, all of them in one answer, and nothing is made.
func TestCreateRefusesBadInputAtOnce(t *testing.T) {
	w := open(t, day("2026-09-01"))
	good := func() selections.CampaignInput {
		return selections.CampaignInput{Kind: "文明家庭", Year: 2026, Quota: 3,
			Criteria: []selections.CriterionInput{{Name: "家风家教", Weight: 60}, {Name: "邻里和睦", Weight: 40}}, NominateUntil: "2026-09-10",
			ReviewUntil: "2026-09-12", ScoreUntil: "2026-09-15"}
	}
	for _, c := range []struct {
		change func(*selections.CampaignInput)
		field  string
	}{
		{func(in *selections.CampaignInput) { in.Kind = "最美婆婆" }, "kind"},
		{func(in *selections.CampaignInput) { in.Year = 1999 }, "year"},
		{func(in *selections.CampaignInput) { in.Quota = 0 }, "quota"},
		{func(in *selections.CampaignInput) { in.Criteria[1].Weight = 30 }, "criteria"},
		{func(in *selections.CampaignInput) { in.Criteria[0].Name = " " }, "criteria"},
		{func(in *selections.CampaignInput) { in.MinPoints = -1 }, "minPoints"},
		{func(in *selections.CampaignInput) { in.ReviewUntil = "" }, "reviewUntil"},
		{func(in *selections.CampaignInput) { in.ScoreUntil = "2026-09-11" }, "scoreUntil"},
		{func(in *selections.CampaignInput) { in.NoticeDays = 31 }, "noticeDays"},
	} {
		in := good()
		c.change(&in)
		_, err := w.s.Create(ctx, in)
		wantErr(t, err, errs.Invalid, c.field)
	}
	in := good()
	in.Kind, in.Quota, in.Criteria[1].Weight, in.ScoreUntil = "", 0, 30, "2026-09-11"
	_, err := w.s.Create(ctx, in)
	wantErr(t, err, errs.Invalid, "kind")
	var fields []string
	for _, e := range errs.As(err).Also {
		fields = append(fields, e.Field)
	}
	if len(fields) != 3 || fields[0] != "quota" || fields[1] != "criteria" || fields[2] != "scoreUntil" {
		t.Errorf("also %q, want quota, criteria and scoreUntil", fields)
	}
	if list, err := w.s.List(ctx, 2026); err != nil || len(list) != 1 { // the world's own campaign only
		t.Errorf("refused campaigns were made: %d %v", len(list), err)
	}
}
