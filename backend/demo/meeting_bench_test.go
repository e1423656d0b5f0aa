package demo_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// BenchmarkMeetingsCounty measures the meetings on the county demo database (XIANGZHI_COUNTY_DB, which
// make bench builds), on a copy of it (openCountyCopy).
func BenchmarkMeetingsCounty(b *testing.B) { onCountyCopies(b, benchCountyMeetings) }

// onCountyCopies runs measure b.N times, each on a fresh copy of the county demo database that
// XIANGZHI_COUNTY_DB names (make bench builds it and sets it); without one the benchmark is skipped.
func onCountyCopies(b *testing.B, measure func(b *testing.B, db *store.DB, src string)) {
	src := os.Getenv("XIANGZHI_COUNTY_DB")
	if src == "" {
		b.Skip("XIANGZHI_COUNTY_DB names no county database (make bench sets it)")
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := openCountyCopy(b, src)
		measure(b, db, src)
		db.Close()
	}
}

// openCountyCopy opens a copy of the county database at src (opening the file would upgrade it in
// place), its clock an hour after the county's last write, on the day it was made, as the demo's
// meetings and reviews are dated.
func openCountyCopy(b *testing.B, src string) *store.DB {
	path := filepath.Join(b.TempDir(), "county.db")
	copyFile(b, src, path)
	clock := storetest.NewClock(storetest.Start())
	db := storetest.OpenFile(b, path, store.Options{Clock: clock.Now})
	var last int64
	if err := db.SQL().QueryRow(`SELECT last FROM hlc_state`).Scan(&last); err != nil {
		b.Fatal(err)
	}
	clock.Set(store.HLC(last).Wall().Add(time.Hour))
	return db
}

// benchCountyMeetings measures, on the county's year of meetings, the 首页's list of the regular
// meetings due and missed in all its villages (meetings.Service.Due, the median of five) and a
// representative's year as the basis of their 述职 (meetings.Service.RepYear, the 95th percentile over
// 60 representatives across the county). A database without meetings was made before they existed:
// its figures would mean nothing, and the benchmark says how to make it again.
func benchCountyMeetings(b *testing.B, db *store.DB, path string) {
	b.StopTimer()
	var villages, held int
	if err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM villages WHERE deleted_at IS NULL),
		(SELECT count(*) FROM meetings WHERE deleted_at IS NULL AND state IN ('进行中', '已定稿'))`).Scan(&villages, &held); err != nil {
		b.Fatal(err)
	}
	if held == 0 {
		b.Fatalf("the county database %s holds no meetings: it was made before meetings existed. Make it again: "+
			"rm build/demo/xiangzhi-county.db && make county-db", path)
	}
	if villages < 300 {
		b.Fatalf("the county database %s has %d villages: the figures are for 300", path, villages)
	}
	b.ReportMetric(float64(held), "county_meetings_held@rows")
	s := meetings.NewService(db, nil)
	var due []float64
	for i := 0; i < 5; i++ {
		start := time.Now()
		list, err := s.Due(ctx, "")
		if err != nil || len(list) == 0 {
			b.Fatalf("due: %v, %d entries", err, len(list))
		}
		due = append(due, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(due, 50), "meeting_due_county_ms@ms")

	// the year so far of 60 representatives spread over the county's villages (the same ones every run)
	year := db.Today().Year()
	// (ids are UUIDv7, in the order the villages were written)
	rows, err := db.SQL().Query(`SELECT DISTINCT resident_id FROM leaders WHERE role = 'neighbourhood_leader' AND deleted_at IS NULL
		AND resident_id IS NOT NULL ORDER BY resident_id`)
	if err != nil {
		b.Fatal(err)
	}
	var reps []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		reps = append(reps, id)
	}
	rows.Close()
	if len(reps) < 60 {
		b.Fatalf("%d representatives in the county", len(reps))
	}
	var years []float64
	invited := 0
	for i := 0; i < 60; i++ {
		start := time.Now()
		r, err := s.RepYear(ctx, reps[i*len(reps)/60], year)
		if err != nil {
			b.Fatalf("RepYear: %v", err)
		}
		years = append(years, ms(time.Since(start)))
		invited += r.MeetingsInvited
	}
	if invited == 0 {
		b.Fatal("none of the representatives was invited to a meeting")
	}
	b.ReportMetric(percentile(years, 95), "rep_yearly_report_ms@ms")
}

// copyFile copies the database file src to dst (its WAL, when the file has one beside it, too).
func copyFile(b *testing.B, src, dst string) {
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		if err != nil {
			b.Fatal(err)
		}
		out, err := os.Create(dst + suffix)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			b.Fatal(err)
		}
		in.Close()
		if err := out.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
