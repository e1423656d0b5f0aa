package selections_test

import (
	"fmt"
	"testing"
	"time"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/selections"
)

// BenchmarkCertificates500 issues and archives the 表彰决定 and 500 荣誉证书 of a campaign of 500
// honoured households (the move to 表彰, with the honours recorded): certificates_campaign_500_s.
func BenchmarkCertificates500(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := open(b, day("2026-09-01"))
		g := grid.NewService(w.db, nil)
		nb, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: w.group, Name: "第二邻"})
		if err != nil {
			b.Fatal(err)
		}
		c, err := w.s.Create(ctx, selections.CampaignInput{Kind: "五星级文明户", Year: 2026, Quota: 500,
			Criteria: []selections.CriterionInput{{Name: "综合", Weight: 100}}, NominateUntil: "2026-09-10", ReviewUntil: "2026-09-12", ScoreUntil: "2026-09-15"})
		if err != nil {
			b.Fatal(err)
		}
		var noms []string
		for k := 0; k < 500; k++ {
			h, err := g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Code: fmt.Sprintf("B%03d", k)},
				grid.ResidentInput{Name: fmt.Sprintf("户主%03d", k)})
			if err != nil {
				b.Fatal(err)
			}
			n, err := w.s.Nominate(ctx, c, selections.NominationInput{HouseholdID: h, Recommender: "村推荐", RecommendedBy: "村两委", Deeds: "家庭和睦"})
			if err != nil {
				b.Fatal(err)
			}
			noms = append(noms, n)
		}
		if err := w.s.CloseNominations(ctx, c); err != nil {
			b.Fatal(err)
		}
		for _, n := range noms {
			if err := w.s.Review(ctx, n, selections.ReviewInput{Result: selections.Passed}); err != nil {
				b.Fatal(err)
			}
		}
		m, _ := w.s.AddMember(ctx, c, selections.MemberInput{Name: "蓝书记"})
		if err := w.s.StartScoring(ctx, c); err != nil {
			b.Fatal(err)
		}
		camp, _ := w.s.Get(ctx, c)
		for k, n := range noms {
			if err := w.s.Score(ctx, m, n, map[string]int{camp.Criteria[0].ID: 100 - k%50}); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.s.Publish(ctx, w.archive, c, selections.NoticeInput{Where: "镇党政办", Contact: "李华", Phone: "0739-7321234"}); err != nil {
			b.Fatal(err)
		}
		w.clock.Set(day("2026-10-20"))
		if err := w.s.Decide(ctx, c, ""); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		h, err := w.s.Honour(ctx, w.archive, c, selections.HonourInput{Prefix: "丹星〔2026〕"})
		took := time.Since(start)
		b.StopTimer()
		if err != nil || h.Households != 500 || h.Certificates.Pages != 500 {
			b.Fatalf("honoured %+v %v", h, err)
		}
		b.ReportMetric(took.Seconds(), "certificates_campaign_500_s@s")
		w.db.Close()
	}
}
