package meetings_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
)

// A meeting is refused on each field that is wrong, all of them in one answer, and nothing is made;
// finalising names everything still missing at once.
func TestCreateRefusesBadInputAtOnce(t *testing.T) {
	w := open(t, day("2026-11-27"))
	count := func() (n int) {
		if err := w.db.SQL().QueryRow(`SELECT count(*) FROM meetings`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	good := func() meetings.Input {
		return meetings.Input{VillageID: w.village, Kind: meetings.KindTalk, Date: "2026-12-03", Start: "09:00", End: "11:30", Place: "会议室"}
	}
	for _, c := range []struct {
		change func(*meetings.Input)
		field  string
	}{
		{func(in *meetings.Input) { in.VillageID = "" }, "villageId"},
		{func(in *meetings.Input) { in.Kind = "座谈会" }, "kind"},
		{func(in *meetings.Input) { in.Date = "" }, "date"},
		{func(in *meetings.Input) { in.Start = "9点" }, "start"},
		{func(in *meetings.Input) { in.End = "08:30" }, "end"},
		{func(in *meetings.Input) { in.Place = strings.Repeat("室", 41) }, "place"},
	} {
		in := good()
		c.change(&in)
		_, err := w.s.Create(ctx, in)
		wantErr(t, err, errs.Invalid, c.field)
	}
	in := good()
	in.Kind, in.Date, in.End = "座谈会", "", "08:30"
	_, err := w.s.Create(ctx, in)
	wantErr(t, err, errs.Invalid, "kind")
	if also := errs.As(err).Also; len(also) != 2 || also[0].Field != "date" || also[1].Field != "end" {
		t.Errorf("also %+v, want date and end", also)
	}
	if count() != 0 {
		t.Fatal("a refused meeting was made")
	}

	// Held without host, recorder or roll call: finalising names all three.
	id, err := w.s.Create(ctx, meetings.Input{VillageID: w.village, Kind: meetings.KindTalk, Date: "2026-11-27", Start: "09:00", End: "11:30"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err = w.s.Finalise(ctx, w.archive, id)
	wantErr(t, err, errs.Invalid, "host")
	if also := errs.As(err).Also; len(also) != 3 || also[0].Field != "recorder" || also[1].Field != "attendance" || also[2].Field != "record" {
		t.Errorf("finalising: also %+v, want recorder, attendance and record", also)
	}
}
