package grid

import (
	"context"
	"sort"

	"xiangzhi/backend/errs"
)

// OverdueIn lists the overdue households of one neighbourhood, longest overdue first: the tracker's
// overdue list for one leader (the tracker's own list stops at its limit).
func (s *Service) OverdueIn(ctx context.Context, neighbourhoodID string) ([]CadenceItem, error) {
	today := s.today()
	fail := func(err error) ([]CadenceItem, error) {
		return nil, errs.Wrap(err, errs.Internal, "读取走访情况失败")
	}
	rows, err := s.readPending(ctx, func(isKey bool, last, created string) verdict {
		return judgeOn(bucketOf(isKey, last, created), today)
	}, pendingColumns+`WHERE neighbourhood_id = ?`, neighbourhoodID)
	if err != nil {
		return fail(err)
	}
	var overdue []pending
	for _, p := range rows {
		if p.v.status == StatusOverdue {
			overdue = append(overdue, p)
		}
	}
	sort.Slice(overdue, func(i, j int) bool {
		a, b := overdue[i], overdue[j]
		if a.v.days != b.v.days {
			return a.v.days > b.v.days
		}
		return a.id < b.id // (as the tracker orders them)
	})
	items := []CadenceItem{}
	if len(overdue) == 0 {
		return items, nil
	}
	villages, err := s.villageNames(ctx)
	if err != nil {
		return nil, err
	}
	names, leaders, err := s.neighbourhoodsOf(ctx, []string{neighbourhoodID}, today)
	if err != nil {
		return fail(err)
	}
	details, err := s.householdDetails(ctx, overdue)
	if err != nil {
		return nil, err
	}
	for _, p := range overdue {
		items = append(items, cadenceItem(p, names, villages, leaders, details))
	}
	return items, nil
}
