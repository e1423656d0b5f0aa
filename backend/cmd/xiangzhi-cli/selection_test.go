package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/selections"
	"xiangzhi/backend/store"
)

// TestSelectionCommands: a 文明家庭 campaign of 桃林村, run from 推荐 to 表彰 two months ago (its 公示
// and certificates archived), and a 身边好人 campaign still at 推荐; selection list shows both,
// selection notice and certificates write the archived papers byte for byte, and a paper not yet
// issued is said to be missing.
func TestSelectionCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	ctx := context.Background()
	then := func() time.Time { return clock().AddDate(0, -2, 0) }
	d, err := store.Open(db, store.Options{Clock: then})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	g := grid.NewService(d, nil)
	village := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	piece := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: village, Name: "第一片"}))
	group := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第一组"}))
	nb := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"}))
	s := selections.NewService(d, nil)
	day := func(n int) string { return then().AddDate(0, 0, n).Format("2006-01-02") }
	c := must(s.Create(ctx, selections.CampaignInput{Kind: "文明家庭", Year: then().Year(), VillageID: village, Quota: 1,
		Criteria: []selections.CriterionInput{{Name: "家风家教", Weight: 100}}, NominateUntil: day(5), ReviewUntil: day(5), ScoreUntil: day(5)}))
	must(s.Create(ctx, selections.CampaignInput{Kind: "身边好人", Year: then().Year(), Quota: 3,
		Criteria: []selections.CriterionInput{{Name: "事迹", Weight: 100}}, NominateUntil: day(30), ReviewUntil: day(40), ScoreUntil: day(50)}))
	var noms []string
	for _, head := range []string{"杨秀英", "蓝卫东"} {
		h := must(g.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Address: head + "家"}, grid.ResidentInput{Name: head}))
		noms = append(noms, must(s.Nominate(ctx, c, selections.NominationInput{HouseholdID: h, Recommender: "村推荐", RecommendedBy: "村两委",
			Deeds: "照顾老人，邻里和睦"})))
	}
	if err := s.CloseNominations(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, n := range noms {
		if err := s.Review(ctx, n, selections.ReviewInput{Result: selections.Passed}); err != nil {
			t.Fatal(err)
		}
	}
	member := must(s.AddMember(ctx, c, selections.MemberInput{Name: "蓝书记"}))
	if err := s.StartScoring(ctx, c); err != nil {
		t.Fatal(err)
	}
	camp, _ := s.Get(ctx, c)
	for i, n := range noms {
		if err := s.Score(ctx, member, n, map[string]int{camp.Criteria[0].ID: 90 - i}); err != nil {
			t.Fatal(err)
		}
	}
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	archive := &docs.Archive{DB: d, Fonts: set}
	if _, err := s.Publish(ctx, archive, c, selections.NoticeInput{Where: "村务公开栏", Contact: "杨丽", Phone: "0739-7321234"}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d, err = store.Open(db, store.Options{Clock: clock}) // two months on: the 公示 is over
	if err != nil {
		t.Fatal(err)
	}
	s = selections.NewService(d, nil)
	if err := s.Decide(ctx, c, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Honour(ctx, &docs.Archive{DB: d, Fonts: set}, c, selections.HonourInput{Prefix: "桃文明〔2026〕"}); err != nil {
		t.Fatal(err)
	}
	d.Close()

	code, stdout, stderr := runCLI("selection", "list", "--db", db)
	if code != 0 || !strings.Contains(stdout, "共 2 项评选") || !strings.Contains(stdout, "桃林村") || !strings.Contains(stdout, "表彰") ||
		!strings.Contains(stdout, "身边好人") {
		t.Fatalf("list: %d %s %s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI("selection", "list", "--db", db, "--json")
	var list []selections.Campaign
	if code != 0 || json.Unmarshal([]byte(stdout), &list) != nil || len(list) != 2 {
		t.Fatalf("json: %s", stdout)
	}
	title, other := "", ""
	for _, x := range list {
		if x.ID == c {
			title = x.Title
		} else {
			other = x.ID
		}
	}
	for _, kind := range []string{"notice", "certificates"} {
		out := filepath.Join(t.TempDir(), kind+".pdf")
		code, stdout, stderr = runCLI("selection", kind, "--db", db, title, "-o", out)
		pdf, _ := os.ReadFile(out)
		if code != 0 || !strings.Contains(stdout, "与存档逐字节相同") || !strings.HasPrefix(string(pdf), "%PDF") {
			t.Fatalf("%s: %d %s %s", kind, code, stdout, stderr)
		}
	}
	code, _, stderr = runCLI("selection", "notice", "--db", db, other, "-o", filepath.Join(t.TempDir(), "n.pdf"))
	if code == 0 || !strings.Contains(stderr, "还没有公示") {
		t.Fatalf("a campaign at 推荐: %d %s", code, stderr)
	}
	if code, _, stderr = runCLI("selection", "notice", "--db", db, "没有这个评选", "-o", filepath.Join(t.TempDir(), "n.pdf")); code == 0 ||
		!strings.Contains(stderr, "没有名为") {
		t.Fatalf("unknown campaign: %d %s", code, stderr)
	}
	if code, _, _ = runCLI("selection", "list", "--db", db, "--bogus"); code == 0 {
		t.Fatal("an unknown flag was taken")
	}
}
