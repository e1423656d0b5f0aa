package exchange_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// Benchmarks report their figures as metrics named NAME@UNIT; `make bench` prints them as BENCH lines.

// BenchmarkBundle100k: an office with 100,000 rows changed since its peer last heard from it (the
// township demo and visits besides) exports them for the peer, and the peer, empty, merges them.
func BenchmarkBundle100k(b *testing.B) {
	const changes = 100000
	var export, merge time.Duration
	var size int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, p := newOffice(b, "丹口镇", "丹口", 0), newOffice(b, "县民政局", "县局", 0)
		introduce(b, a, p)
		fillTo(b, a, changes)
		b.StartTimer()
		start := time.Now()
		res, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Peer: "县局", Dir: a.out}, nil)
		if err != nil {
			b.Fatal(err)
		}
		export += time.Since(start)
		if res.Rows < changes {
			b.Fatalf("exported %d rows, want %d", res.Rows, changes)
		}
		start = time.Now()
		got, err := exchange.Import(ctx, p.db, res.Path, exchange.ImportOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		merge += time.Since(start)
		if got.Inserted != res.Rows {
			b.Fatalf("merged %d of %d rows", got.Inserted, res.Rows)
		}
		size = res.Bytes
	}
	b.ReportMetric(export.Seconds()/float64(b.N), "bundle_export_100k_changes_s@s")
	b.ReportMetric(merge.Seconds()/float64(b.N), "bundle_merge_100k_changes_s@s")
	b.ReportMetric(float64(size)/1000/(changes/1000), "bundle_kb_per_1000_changes@KB")
}

// fillTo gives an office the township demo, then visits until it holds n shared rows.
func fillTo(b *testing.B, o *office, n int) {
	b.Helper()
	if _, err := demo.Generate(ctx, grid.NewService(o.db, nil), demo.Township, 3, nil); err != nil {
		b.Fatal(err)
	}
	have := 0
	for _, t := range o.db.SharedTables() {
		var c int
		if err := o.db.SQL().QueryRow("SELECT count(*) FROM " + t).Scan(&c); err != nil {
			b.Fatal(err)
		}
		have += c
	}
	households := ids(b, o.db, "households")
	err := o.db.Write(ctx, func(tx *store.Tx) error {
		tx.DeferInserts()
		for i := 0; have+i < n; i++ {
			_, err := tx.Insert("visits", store.Values{"household_id": households[i%len(households)], "visitor_name": "李明",
				"visit_date": fmt.Sprintf("2026-%02d-%02d", i%11+1, i%28+1), "form": "入户",
				"findings": "家中老人身体尚好，反映村道路灯不亮，已记录并转村委会。"})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBundleCounty: the county demo database (XIANGZHI_COUNTY_DB, which make bench builds) is
// sent whole to a new office — its size compressed, the export and the merge — and then 100 changes
// made at the county travel to that office and are merged there (export, import, merge).
func BenchmarkBundleCounty(b *testing.B) {
	src := os.Getenv("XIANGZHI_COUNTY_DB")
	if src == "" {
		b.Skip("XIANGZHI_COUNTY_DB names no county database (make bench sets it)")
	}
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		path := filepath.Join(dir, "county.db")
		copyDB(b, src, path)
		c := storetest.NewClock(storetest.Start())
		county := &office{name: "县", db: storetest.OpenFile(b, path, store.Options{Clock: c.Now}), clock: c, out: b.TempDir()}
		// Both clocks an hour after the county's last write (the file was made on the day make bench ran).
		var last int64
		if err := county.db.SQL().QueryRow(`SELECT last FROM hlc_state`).Scan(&last); err != nil {
			b.Fatal(err)
		}
		at := store.HLC(last).Wall().Add(time.Hour)
		c.Set(at)
		town := newOffice(b, "新乡镇", "新乡", at.Sub(storetest.Start()))
		introduce(b, county, town)
		start := time.Now()
		full, err := exchange.Export(ctx, county.db, exchange.ExportOptions{Peer: "新乡", Dir: county.out}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "bundle_full_county_export_s@s")
		b.ReportMetric(float64(full.Bytes)/1e6, "bundle_full_county_mb@MB")
		start = time.Now()
		if _, err := exchange.Import(ctx, town.db, full.Path, exchange.ImportOptions{}, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "bundle_full_county_merge_s@s")
		// The town answers, so the county learns what it holds.
		receive(b, county, send(b, town, county))
		// Then five rounds of 100 changes, each a minute after the last: the median and the slowest.
		residents := ids(b, county.db, "residents")
		var whole, exports []float64
		for round := 0; round < 5; round++ {
			county.clock.Add(time.Minute)
			town.clock.Add(time.Minute)
			err = county.db.Write(ctx, func(tx *store.Tx) error {
				for i := 0; i < 100; i++ {
					id := residents[i*len(residents)/100+round]
					if _, err := tx.Update("residents", id, store.Values{"phone": fmt.Sprintf("139%04d%04d", round, i)}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			start = time.Now()
			sent := send(b, county, town)
			exported := time.Since(start)
			r := receive(b, town, sent)
			whole = append(whole, float64(time.Since(start).Microseconds())/1000)
			exports = append(exports, float64(exported.Microseconds())/1000)
			if r.Updated != 100 || r.Backup != "" {
				b.Fatalf("the incremental bundle updated %d rows, want 100 (backup %q)", r.Updated, r.Backup)
			}
		}
		sort.Float64s(whole)
		sort.Float64s(exports)
		b.ReportMetric(whole[2], "bundle_incremental_100_changes_ms@ms")
		b.ReportMetric(whole[4], "bundle_incremental_100_changes_max_ms@ms")
		b.ReportMetric(exports[2], "bundle_incremental_export_ms@ms")
		// What a copy of the whole database (taken before a snapshot's merge, where an incremental
		// bundle keeps a restore point) would cost before every bundle.
		start = time.Now()
		if _, err := town.db.BackupBeforeImport(ctx); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "pre_import_backup_county_ms@ms")
	}
}

func copyDB(b testing.TB, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
