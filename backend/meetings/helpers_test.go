package meetings_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

func day(s string) time.Time {
	d, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return d.Add(10 * time.Hour)
}

func validID(birth string, serial int) string {
	first17 := fmt.Sprintf("430529%s%03d", birth, serial)
	return first17 + string(idcard.CheckDigit(first17))
}

// world is a database of the office 丹口 (operator 王丽) with the village 桃林村: one piece, one group
// and two neighbourhoods, its committee (蓝建国, the piece leader too, and 杨丽), group leader 刘志强,
// neighbourhood leaders 龙大海 (第一邻) and 吴小花 (第二邻), legal adviser 赵律师 (not in the registry),
// and two party members.
type world struct {
	s       *meetings.Service
	c       *cases.Service
	g       *grid.Service
	db      *store.DB
	clock   *storetest.Clock
	archive *docs.Archive
	village string
	nb      [2]string // the neighbourhoods
	people  map[string]string
	reps    map[string]string // name -> leader record id
}

var fontSet *fonts.Set

func open(t testing.TB, at time.Time) *world {
	t.Helper()
	clock := storetest.NewClock(at)
	db := storetest.Open(t, store.Options{Clock: clock.Now, ShortName: "丹口", OfficeName: "丹口镇人民政府"})
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	if fontSet == nil {
		set, err := fonts.Load(nil)
		if err != nil {
			t.Fatal(err)
		}
		fontSet = set
	}
	w := &world{s: meetings.NewService(db, nil), c: cases.NewService(db, nil), g: grid.NewService(db, nil), db: db, clock: clock,
		archive: &docs.Archive{DB: db, Fonts: fontSet}, people: map[string]string{}, reps: map[string]string{}}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.village = must(w.g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	piece := must(w.g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: w.village, Name: "第一片"}))
	group := must(w.g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第一组"}))
	w.nb[0] = must(w.g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第一邻"}))
	w.nb[1] = must(w.g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第二邻"}))
	serial := 10
	person := func(nb int, name string, party bool) string {
		hh := must(w.g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: w.nb[nb], Address: name + "家"}))
		serial++
		id := must(w.g.AddResident(ctx, grid.ResidentInput{HouseholdID: hh, Name: name, Relation: "户主",
			IDNumber: validID("19700101", serial), PartyMember: party}))
		w.people[name] = id
		return id
	}
	for _, p := range []struct {
		name  string
		nb    int
		party bool
	}{{"蓝建国", 0, true}, {"杨丽", 0, true}, {"刘志强", 1, false}, {"龙大海", 0, false}, {"吴小花", 1, false}} {
		person(p.nb, p.name, p.party)
	}
	start := at.Format("2006-01-02")
	assign := func(role grid.Role, scope, name string) string {
		return must(w.g.AssignLeader(ctx, grid.LeaderInput{Role: role, ScopeID: scope, ResidentID: w.people[name], TermStart: start}))
	}
	assign(grid.RoleCommitteeMember, w.village, "蓝建国")
	assign(grid.RoleCommitteeMember, w.village, "杨丽")
	assign(grid.RolePieceLeader, piece, "蓝建国")
	assign(grid.RoleGroupLeader, group, "刘志强")
	w.reps["龙大海"] = assign(grid.RoleNeighbourhoodLeader, w.nb[0], "龙大海")
	w.reps["吴小花"] = assign(grid.RoleNeighbourhoodLeader, w.nb[1], "吴小花")
	must(w.g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleLegalAdviser, ScopeID: w.village, PersonName: "赵律师", TermStart: start}))
	return w
}

// meeting calls a meeting of kind in 桃林村 on date, hosted by 蓝建国 and recorded by 杨丽.
func (w *world) meeting(t testing.TB, kind, date string) string {
	t.Helper()
	id, err := w.s.Create(ctx, meetings.Input{VillageID: w.village, Kind: kind, Date: date, Start: "09:00", End: "11:30",
		Place: "桃林村村委会议室", Host: "蓝建国", Recorder: "杨丽"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// held calls a meeting on date and starts it.
func (w *world) held(t testing.TB, kind, date string) string {
	t.Helper()
	id := w.meeting(t, kind, date)
	if err := w.s.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) get(t testing.TB, id string) meetings.Meeting {
	t.Helper()
	m, err := w.s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Field != field {
		t.Fatalf("want %s error on %q, got %v", code, field, err)
	}
}
