package attachments

import (
	"context"
	"database/sql"
	"errors"
	"os"

	"xiangzhi/backend/errs"
)

// Verification is what a look at every live attachment's file found: how many attachments and
// distinct files, their bytes, and the names of the attachments whose file is missing or damaged
// (changed since it was added).
type Verification struct {
	Folder      string   `json:"folder"`
	Attachments int      `json:"attachments"`
	Files       int      `json:"files"`
	Bytes       int64    `json:"bytes"`
	Missing     []string `json:"missing"`
	Damaged     []string `json:"damaged"`
}

// OK reports whether every file was found whole.
func (v Verification) OK() bool { return len(v.Missing) == 0 && len(v.Damaged) == 0 }

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Verify reads the file of every live attachment the database q holds, in folder, and checks it
// against its SHA-256 (each content once). Code internal when the database cannot be read.
func Verify(ctx context.Context, q querier, folder string) (Verification, error) {
	v := Verification{Folder: folder, Missing: []string{}, Damaged: []string{}}
	rows, err := q.QueryContext(ctx, `SELECT sha256, name FROM attachments WHERE deleted_at IS NULL ORDER BY sha256, created_at, id`)
	if err != nil {
		return v, errs.Wrap(err, errs.Internal, "无法读取附件")
	}
	type entry struct{ sum, name string }
	var list []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.sum, &e.name); err != nil {
			rows.Close()
			return v, errs.Wrap(err, errs.Internal, "无法读取附件")
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, errs.Wrap(err, errs.Internal, "无法读取附件")
	}
	state := map[string]string{} // by sha256: "ok", "missing", "damaged"
	for _, e := range list {
		v.Attachments++
		st, seen := state[e.sum]
		if !seen {
			st = "ok"
			data, err := readLimited(pathIn(folder, e.sum))
			switch {
			case errors.Is(err, os.ErrNotExist):
				st = "missing"
			case err != nil || hashOf(data) != e.sum:
				st = "damaged"
			default:
				v.Files++
				v.Bytes += int64(len(data))
			}
			state[e.sum] = st
		}
		switch st {
		case "missing":
			v.Missing = append(v.Missing, e.name)
		case "damaged":
			v.Damaged = append(v.Damaged, e.name)
		}
	}
	return v, nil
}

// Verify checks the files of every live attachment of the database (see the function Verify).
func (s *Service) Verify(ctx context.Context) (Verification, error) {
	return Verify(ctx, s.db.SQL(), s.Folder())
}
