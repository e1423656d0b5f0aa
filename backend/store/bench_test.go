package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"xiangzhi/backend/store"
)

// Benchmarks report their figures as metrics named NAME@UNIT; `make bench` prints them as
// BENCH lines.

// BenchmarkWritePathUpdates: single-field updates through the write path, one transaction each, on a
// file database with synchronous=FULL.
func BenchmarkWritePathUpdates(b *testing.B) {
	db := MustOpen(b, store.Options{})
	ctx := context.Background()
	var id string
	db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = tx.Insert("parents", store.Values{"name": "基准", "n": 0})
		return err
	})
	const perOp = 2000 // updates per benchmark iteration, so that -benchtime 1x measures enough
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N*perOp; i++ {
		err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Update("parents", id, store.Values{"n": i + 1})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*perOp)/time.Since(start).Seconds(), "write_path_updates_per_s@updates/s")
}

// BenchmarkWritePathBatch: rows inserted through the write path in one transaction, beside the same
// rows inserted with plain INSERTs in one transaction, and the ratio between them.
func BenchmarkWritePathBatch(b *testing.B) {
	const rows = 50000
	ctx := context.Background()
	var versioned, plain time.Duration
	for i := 0; i < b.N; i++ {
		db := MustOpen(b, store.Options{})
		start := time.Now()
		err := db.Write(ctx, func(tx *store.Tx) error {
			for r := 0; r < rows; r++ {
				if _, err := tx.Insert("parents", store.Values{"name": fmt.Sprint("户主", r), "n": r, "note": "批量"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		versioned += time.Since(start)

		start = time.Now()
		if err := plainInserts(db, rows); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
	}
	n := float64(rows * b.N)
	b.ReportMetric(n/versioned.Seconds(), "write_path_batch_rows_per_s@rows/s")
	b.ReportMetric(n/plain.Seconds(), "plain_insert_batch_rows_per_s@rows/s")
	b.ReportMetric(versioned.Seconds()/plain.Seconds(), "write_path_vs_plain_ratio@x")
}

// plainInserts writes the same rows, with the same columns, with a prepared INSERT and no versioning.
func plainInserts(db *store.DB, rows int) error {
	sqldb := db.WritableSQL() // SQL() is read-only
	var ddl string            // the same table, with the same primary key
	if err := sqldb.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'parents'`).Scan(&ddl); err != nil {
		return err
	}
	if _, err := sqldb.Exec(strings.Replace(ddl, "parents", "plain_parents", 1)); err != nil {
		return err
	}
	tx, err := sqldb.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT INTO plain_parents (id, created_at, updated_at, site_id, operator, n, name, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	site := db.Site().SiteID
	for r := 0; r < rows; r++ {
		now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
		if _, err := st.Exec(uuid.Must(uuid.NewV7()).String(), now, now, site, "", r, fmt.Sprint("户主", r), "批量"); err != nil {
			return err
		}
	}
	return tx.Commit()
}
