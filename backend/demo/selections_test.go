package demo_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/selections"
)

// checkSelections checks the township demo's 文明家庭 campaigns (TestTownship): last year's went
// through every phase on its own days — a recusal of the panel's own household and a declared one,
// an objection checked and dismissed, the quota honoured — with its 公示, 表彰决定 and 荣誉证书 dated
// and numbered in that year; this year's runs, in the phase its dates give today.
func checkSelections(t *testing.T, s *grid.Service) {
	db := dbOf(s)
	sel := selections.NewService(db, nil)
	today := db.Today()
	list, err := sel.List(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	byYear := map[int]selections.Campaign{}
	for _, c := range list {
		byYear[c.Year] = c
	}
	last, ok := byYear[today.Year()-1]
	if !ok || last.Phase != selections.PhaseHonour || last.Kind != "文明家庭" {
		t.Fatalf("last year's campaign: %+v", last)
	}
	r, err := sel.Rank(ctx, last.ID)
	if err != nil {
		t.Fatal(err)
	}
	auto, declared := 0, 0
	for _, rc := range r.Recusals {
		if rc.Auto {
			auto++
		} else {
			declared++
		}
	}
	if auto == 0 || declared == 0 || !r.Complete {
		t.Errorf("%d recusals of the panel's own households, %d declared, scoring complete %v", auto, declared, r.Complete)
	}
	selected, failed := 0, 0
	for _, e := range r.List {
		if e.Selected {
			selected++
		}
	}
	noms, err := sel.Nominations(ctx, last.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range noms {
		if n.Review == selections.Failed {
			failed++
		}
	}
	if selected != last.Quota || failed < 2 || len(noms) < 2*last.Quota {
		t.Errorf("%d nominees, %d failed the 初审, %d selected for a quota of %d", len(noms), failed, selected, last.Quota)
	}
	if n := count(t, s, `SELECT count(*) FROM honours WHERE campaign_id = ?`, last.ID); n != last.Quota {
		t.Errorf("%d households honoured, want the quota %d", n, last.Quota)
	}
	objections, err := sel.Objections(ctx, last.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(objections) != 1 || objections[0].Result != selections.Dismissed || objections[0].ReceivedOn < last.NoticeStart ||
		objections[0].ReceivedOn > last.NoticeEnd {
		t.Errorf("objections %+v, the 公示 from %s to %s", objections, last.NoticeStart, last.NoticeEnd)
	}
	papers, err := (&docs.Archive{DB: db}).BySource(ctx, selections.Source(last.ID))
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{}
	year := fmt.Sprint(last.Year)
	for _, d := range papers {
		kinds = append(kinds, d.KindLabel)
		if !strings.HasPrefix(d.DocDate, year) || !strings.Contains(d.Number, "-"+year+"-") {
			t.Errorf("%s %s dated %s: not of %s", d.KindLabel, d.Number, d.DocDate, year)
		}
	}
	if got := strings.Join(kinds, "、"); !strings.Contains(got, "公示") || !strings.Contains(got, "荣誉证书") || len(papers) != 3 {
		t.Errorf("last year's papers: %s", got)
	}

	this, ok := byYear[today.Year()]
	if !ok || this.Nominations == 0 {
		t.Fatalf("this year's campaign: %+v", this)
	}
	want := selections.PhaseNominate
	if today.Format(time.DateOnly) > this.NominateUntil {
		want = selections.PhaseReview
	}
	if this.Phase != want {
		t.Errorf("this year's campaign is in %s on %s (推荐 until %s), want %s", this.Phase, today.Format(time.DateOnly), this.NominateUntil, want)
	}
}
