package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the program's migrations in order, read from the embedded .sql files.
func Migrations() []Migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			panic("store: badly named migration " + name)
		}
		body, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, Migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			panic(fmt.Sprintf("store: migration %s should be number %d", m.Name, i+1))
		}
	}
	return ms
}

// migrate applies the migrations after version from, each in its own transaction, recorded in
// schema_migrations and in PRAGMA user_version.
func migrate(ctx context.Context, db *sql.DB, ms []Migration, from int, appVersion string, now time.Time) error {
	for _, m := range ms {
		if m.Version <= from {
			continue
		}
		if err := applyMigration(ctx, db, m, appVersion, now); err != nil {
			if strings.Contains(err.Error(), "no such module: fts5") {
				// A build without the tag (make sets it): say how to build, not just what failed.
				err = fmt.Errorf("%w (build with -tags sqlite_fts5, as the Makefile does)", err)
			}
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m Migration, appVersion string, now time.Time) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS schema_migrations (
			version     INTEGER PRIMARY KEY,
			name        TEXT NOT NULL,
			applied_at  TEXT NOT NULL,
			app_version TEXT NOT NULL
		)`,
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		m.SQL,
		fmt.Sprintf("PRAGMA user_version = %d", m.Version),
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at, app_version) VALUES (?, ?, ?, ?)`,
		m.Version, m.Name, formatTime(now), appVersion); err != nil {
		return err
	}
	return tx.Commit()
}
