package grid

import (
	"context"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Contained are the rows of the registry that live under a parent, as DeleteNode and DeleteHousehold
// keep them: a node with live children or households, or a household with residents in the register,
// is not deleted here. A merge can still bring such a deletion together with another office's new
// child; the rows are then listed by Orphans. (A visit, or a resident who moved away or died, may
// outlive the household.)
var Contained = []store.Containment{
	{Table: "pieces", Column: "village_id", Parent: "villages"},
	{Table: "groups", Column: "piece_id", Parent: "pieces"},
	{Table: "neighbourhoods", Column: "group_id", Parent: "groups"},
	{Table: "households", Column: "neighbourhood_id", Parent: "neighbourhoods"},
	{Table: "residents", Column: "household_id", Parent: "households", Where: "c.status = ''"},
}

// Orphans lists the registry's rows under a deleted parent (see Contained), one entry per parent.
func (s *Service) Orphans(ctx context.Context) ([]store.Orphans, error) {
	return s.db.Orphans(ctx, Contained)
}

// SettleOrphans brings back the deleted parent of the rows of table listed by Orphans
// (restoreParent), or deletes those rows too. Codes: invalid for a table not listed, conflict when
// someone settled it first.
func (s *Service) SettleOrphans(ctx context.Context, table, parentID string, restoreParent bool) error {
	for _, r := range Contained {
		if r.Table == table {
			err := s.db.Write(ctx, func(tx *store.Tx) error { return tx.SettleOrphans(r, parentID, restoreParent) })
			if err == nil {
				s.emit("grid:changed", nil)
			}
			return err
		}
	}
	return errs.Field("table", "不能这样处理这类记录（%s）", table)
}
