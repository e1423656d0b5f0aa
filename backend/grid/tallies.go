package grid

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// What other domains' statistics read of the registry (民情's 统计 names its villages and counts the
// visits held), so that they run no SQL on the grid's tables.

// VillageName is a live village by id and name.
type VillageName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// VillageNames returns the live villages, their names in pinyin order.
func (s *Service) VillageNames(ctx context.Context) ([]VillageName, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, name FROM villages WHERE deleted_at IS NULL ORDER BY name COLLATE `+store.Pinyin)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
	}
	defer rows.Close()
	out := []VillageName{}
	for rows.Next() {
		var v VillageName
		if err := rows.Scan(&v.ID, &v.Name); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
	}
	return out, nil
}

// VisitsHeld counts the visits made from from to to (ISO days; "" for no bound; withdrawn ones are
// tombstoned), of one village or ("") all.
func (s *Service) VisitsHeld(ctx context.Context, from, to, villageID string) (int, error) {
	q := `SELECT count(*) FROM visits v`
	conds := []string{"v.deleted_at IS NULL"}
	var args []any
	if villageID != "" {
		q += ` JOIN households h ON h.id = v.household_id`
		conds = append(conds, "h.village_id = ?")
		args = append(args, villageID)
	}
	if from != "" {
		conds = append(conds, "v.visit_date >= ?")
		args = append(args, from)
	}
	if to != "" {
		conds = append(conds, "v.visit_date <= ?")
		args = append(args, to)
	}
	var n int
	if err := s.db.SQL().QueryRowContext(ctx, q+` WHERE `+strings.Join(conds, " AND "), args...).Scan(&n); err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取走访记录失败")
	}
	return n, nil
}
