package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/calendar"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// holidays lists the years the calendar knows, as text and JSON; a year the office entered is listed
// with its holidays, and counts for the commands that open the database.
func TestHolidaysCommand(t *testing.T) {
	t.Cleanup(func() { workday.Use(nil) })
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	d, err := store.Open(db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	year := d.Today().Year() + 2
	first := d.Today().AddDate(2, 0, 0)
	for first.Weekday() != 1 { // a Monday of that year's spring
		first = first.AddDate(0, 0, 1)
	}
	if first.Year() != year {
		t.Skip("the clock's date leaves no Monday in the year two ahead")
	}
	err = calendar.SetYear(context.Background(), d, year, []calendar.Holiday{{Name: "春节", First: first.Format("2006-01-02"), Last: first.AddDate(0, 0, 2).Format("2006-01-02")}})
	d.Close()
	workday.Use(nil)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("holidays", "--db", db)
	if code != 0 || !strings.Contains(out, "本单位录入（春节）") {
		t.Fatalf("holidays: %d %s %s", code, out, errOut)
	}
	if !workday.Current().Entered(year) {
		t.Fatal("the command did not count on the year entered")
	}
	code, out, _ = runCLI("holidays", "--db", db, "--json")
	var list holidayList
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list.Years) < 5 {
		t.Fatalf("holidays --json: %d %s", code, out)
	}
	found := false
	for _, y := range list.Years {
		found = found || y.Year == year && y.Entered && len(y.Holidays) == 1
	}
	if !found {
		t.Fatalf("the entered year is not listed: %s", out)
	}
	if code, _, errOut := runCLI("holidays", "--db", db, "--year", "2028"); code != 1 || !strings.Contains(errOut, "错误") {
		t.Fatalf("an unknown flag: %d %s", code, errOut)
	}
}
