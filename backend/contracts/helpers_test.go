package contracts_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
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

// world is the office 丹口 (operator 王丽) with the village 桃林村 and its legal adviser 周敏
// (湖南城步正平律师事务所), who serves it from the day the world opens.
type world struct {
	s       *contracts.Service
	m       *meetings.Service
	g       *grid.Service
	db      *store.DB
	clock   *storetest.Clock
	archive *docs.Archive
	village string
	adviser string
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
	w := &world{s: contracts.NewService(db, nil), m: meetings.NewService(db, nil), g: grid.NewService(db, nil), db: db,
		clock: clock, archive: &docs.Archive{DB: db, Fonts: fontSet}}
	var err error
	if w.village, err = w.g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}); err != nil {
		t.Fatal(err)
	}
	if w.adviser, err = w.s.AddAdviser(ctx, contracts.AdviserInput{Name: "周敏", Firm: "湖南城步正平律师事务所",
		LicenceNo: "14305201810123456", Phone: "13907390001"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AssignVillage(ctx, w.adviser, w.village, at.Format("2006-01-02")); err != nil {
		t.Fatal(err)
	}
	return w
}

// landTransfer is the terms of a land transfer to a cooperative: 12,500 元 a year for three years.
func landTransfer() contracts.Terms {
	return contracts.Terms{Counterparty: "城步县绿源种植专业合作社", CreditCode: "93430529MA4L12345R",
		Representative: "杨春生", Amount: "37500", TermStart: "2027-01-01", TermEnd: "2029-12-31",
		Renewal: "期满前书面协商续约", NoticeDays: 90,
		Payments: []contracts.PaymentInput{{Due: "2027-01-15", Amount: "12500", Note: "第一年流转费"},
			{Due: "2028-01-15", Amount: "12500"}, {Due: "2029-01-15", Amount: "12500"}}}
}

// submit sends the land transfer for review, submitted on the world's day.
func (w *world) submit(t testing.TB, terms contracts.Terms) string {
	t.Helper()
	id, err := w.s.Submit(ctx, contracts.RequestInput{VillageID: w.village, Title: "桃林村土地经营权流转合同", Type: "土地流转",
		SubmittedBy: "蓝建国", Terms: terms})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) get(t testing.TB, id string) contracts.Request {
	t.Helper()
	r, err := w.s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checklist is every item 符合 but those named, which are 存在问题 with a finding.
func checklist(problems ...string) []contracts.Check {
	var out []contracts.Check
	for _, item := range contracts.ChecklistItems {
		c := contracts.Check{Item: item, Result: "符合"}
		for _, p := range problems {
			if p == item {
				c.Result, c.Finding = "存在问题", item+"不完备"
			}
		}
		out = append(out, c)
	}
	return out
}

func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Field != field {
		t.Fatalf("want %s error on %q, got %v", code, field, err)
	}
}

// wantState fails unless err is a conflict naming the state the request is in.
func wantState(t *testing.T, err error, state string) {
	t.Helper()
	if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "“"+state+"”") {
		t.Fatalf("want a conflict naming %s, got %v", state, err)
	}
}

// zipWith is a zip holding small files of these names (a .docx holds word/document.xml).
func zipWith(names ...string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, _ := z.Create(n)
		w.Write([]byte("<x/>"))
	}
	z.Close()
	return buf.Bytes()
}
