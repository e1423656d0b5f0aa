package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"xiangzhi/backend/errs"
)

// Orphans are the live rows of one table under a parent row that is deleted: what a merge leaves
// when one office deletes a 户 while another adds a resident to it. Nothing stops such a merge (each
// office did something allowed), but the rows would be lost from view, so they are listed for a
// person, one entry per parent: bring the parent back, or delete the rows too.
type Orphans struct {
	Table       string   `json:"table"`
	TableLabel  string   `json:"tableLabel"`
	IDs         []string `json:"ids"`
	Names       []string `json:"names"` // of the first few rows ("" for a row with no name)
	Parent      string   `json:"parent"`
	ParentLabel string   `json:"parentLabel"`
	ParentID    string   `json:"parentId"`
	ParentName  string   `json:"parentName"`
	DeletedAt   string   `json:"deletedAt"` // when the parent was deleted (UTC ISO)
}

// Containment says that the live rows of Table (those matching Where, an SQL condition on its
// columns, "" for all) belong under a live row of Parent, named by the column Column: a domain
// refuses to delete a parent with such rows under it, so after a merge any that are under a deleted
// parent are orphans. Rows that may outlive their parent (a visit to a household since removed) are
// not contained.
type Containment struct {
	Table, Column, Parent, Where string
}

// orphanLimit bounds the list: a person works through it from the top.
const orphanLimit = 200

// namesShown is how many of an entry's rows are named.
const namesShown = 5

// Orphans lists, per deleted parent, the live rows contained in it (see Containment), in the order
// of rules, at most 200 entries.
func (db *DB) Orphans(ctx context.Context, rules []Containment) ([]Orphans, error) {
	out := []Orphans{}
	for _, r := range rules {
		if db.tables[r.Table] == nil || db.tables[r.Parent] == nil {
			return nil, errs.New(errs.Internal, "%s 或 %s 不是共享的表", r.Table, r.Parent)
		}
		// The parents deleted are few: start from them, then their live rows by the rows' index.
		q := fmt.Sprintf(`SELECT p.id, p.deleted_at, group_concat(c.id) FROM %q p JOIN %q c ON c.%q = p.id
			WHERE p.deleted_at IS NOT NULL AND c.deleted_at IS NULL%s GROUP BY p.id ORDER BY p.deleted_at, p.id LIMIT ?`,
			r.Parent, r.Table, r.Column, r.where())
		rows, err := db.ro.QueryContext(ctx, q, orphanLimit-len(out))
		if err != nil {
			return nil, dbError(err)
		}
		for rows.Next() {
			o := Orphans{Table: r.Table, Parent: r.Parent}
			var ids string
			if err := rows.Scan(&o.ParentID, &o.DeletedAt, &ids); err != nil {
				rows.Close()
				return nil, dbError(err)
			}
			o.IDs = strings.Split(ids, ",")
			sort.Strings(o.IDs)
			out = append(out, o)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbError(err)
		}
		if len(out) >= orphanLimit {
			break
		}
	}
	for i := range out {
		o := &out[i]
		o.TableLabel, _ = TableLabel(o.Table)
		o.ParentLabel, _ = TableLabel(o.Parent)
		o.ParentName = db.rowName(ctx, o.Parent, o.ParentID)
		for _, id := range o.IDs[:min(len(o.IDs), namesShown)] {
			o.Names = append(o.Names, db.rowName(ctx, o.Table, id))
		}
	}
	return out, nil
}

func (r Containment) where() string {
	if r.Where == "" {
		return ""
	}
	return " AND (" + r.Where + ")"
}

// SettleOrphans settles an entry of Orphans, the rows r contains under the deleted parent parentID:
// restoreParent brings the parent back (a new stamped write, so the choice reaches every office; a
// parent whose own parent is deleted is then listed in turn), else each of the rows is deleted too
// (rows under them are then listed in turn). Code conflict when the parent is not deleted (any more)
// or nothing live is under it.
func (tx *Tx) SettleOrphans(r Containment, parentID string, restoreParent bool) error {
	if tx.db.tables[r.Table] == nil || tx.db.tables[r.Parent] == nil {
		return errs.New(errs.Internal, "%s 或 %s 不是共享的表", r.Table, r.Parent)
	}
	rows, err := tx.Query(fmt.Sprintf(`SELECT c.id FROM %q c JOIN %q p ON p.id = c.%q WHERE p.id = ? AND
		p.deleted_at IS NOT NULL AND c.deleted_at IS NULL%s ORDER BY c.id`, r.Table, r.Parent, r.Column, r.where()), parentID)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return dbError(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) == 0 {
		return errs.New(errs.Conflict, "这条记录已有人处理（上级已恢复，或其下已没有记录），请刷新")
	}
	if restoreParent {
		return tx.Restore(r.Parent, parentID)
	}
	for _, id := range ids {
		if err := tx.Delete(r.Table, id); err != nil {
			return err
		}
	}
	return nil
}
