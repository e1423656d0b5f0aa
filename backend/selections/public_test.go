package selections_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/selections"
)

// What a campaign posts and hands out — the 公示, the 表彰决定 and the certificates — holds no full ID
// number or phone of anyone on the list: the text of every page is read back and searched.
func TestPublicPapersHoldNoFullIDOrPhone(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	w := open(t, day("2026-09-15"))
	g := grid.NewService(w.db, nil)
	type person struct{ id, number, phone string }
	var people []person
	for i, name := range []string{"杨秀英", "蓝卫东"} {
		first17 := fmt.Sprintf("43052919%02d0101%03d", 60+i, 11+i)
		number := first17 + string(idcard.CheckDigit(first17))
		phone := fmt.Sprintf("1397390%04d", 1234+i)
		id, err := g.AddResident(ctx, grid.ResidentInput{HouseholdID: w.households[[]string{"乙", "丙"}[i]], Name: name, Relation: "女",
			IDNumber: number, Phone: phone})
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, person{id, number, phone})
	}
	c, err := w.s.Create(ctx, selections.CampaignInput{Kind: "身边好人", Year: 2026, Quota: 2,
		Criteria: []selections.CriterionInput{{Name: "事迹", Weight: 100}}, NominateUntil: "2026-09-20", ReviewUntil: "2026-09-22", ScoreUntil: "2026-09-25"})
	if err != nil {
		t.Fatal(err)
	}
	var noms []string
	for i, p := range people {
		n, err := w.s.Nominate(ctx, c, selections.NominationInput{HouseholdID: w.households[[]string{"乙", "丙"}[i]], ResidentID: p.id,
			Recommender: "村推荐", RecommendedBy: "村两委", Deeds: "见义勇为，联系电话" + p.phone})
		if err != nil {
			t.Fatal(err)
		}
		noms = append(noms, n)
	}
	if err := w.s.CloseNominations(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, n := range noms {
		if err := w.s.Review(ctx, n, selections.ReviewInput{Result: selections.Passed}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := w.s.AddMember(ctx, c, selections.MemberInput{Name: "蓝书记"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.StartScoring(ctx, c); err != nil {
		t.Fatal(err)
	}
	camp, _ := w.s.Get(ctx, c)
	for i, n := range noms {
		if err := w.s.Score(ctx, m, n, map[string]int{camp.Criteria[0].ID: 90 - i}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.s.Publish(ctx, w.archive, c, selections.NoticeInput{Where: "镇党政办", Contact: "李华", Phone: "0739-7321234"}); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(day("2026-10-16"))
	if err := w.s.Decide(ctx, c, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Honour(ctx, w.archive, c, selections.HonourInput{}); err != nil {
		t.Fatal(err)
	}
	papers, err := w.archive.BySource(ctx, selections.Source(c))
	if err != nil || len(papers) != 3 {
		t.Fatalf("papers: %+v %v", papers, err)
	}
	for _, paper := range papers {
		_, pdf, err := w.archive.PDF(ctx, paper.ID)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("pdftotext", "-layout", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), "")
		for _, p := range people {
			if strings.Contains(text, p.number) || strings.Contains(text, p.phone) {
				t.Errorf("%s shows a full ID number or phone:\n%s", paper.Title, out)
			}
		}
		if paper.Kind == "gongshi" && !strings.Contains(text, idcard.MaskID(people[0].number)) {
			t.Errorf("the 公示 names its people with their masked ID numbers:\n%s", out)
		}
	}
}
