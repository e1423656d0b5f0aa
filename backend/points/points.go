// Package points keeps the ledger of the villages' merit shops (道德超市): the rules by which a
// household earns points (rules.go), the shop's goods (goods.go), the entries — points earned by a
// rule, deducted with a reason, spent on goods — and the balances they add up to (ledger.go), and the
// monthly 公示 of a village's points (notice.go). A balance never goes below zero and an activity is
// credited to a household once a day; both are checked inside the write that adds the entry, so two
// entries cannot pass the check together. Functions ending in In take a *store.Tx.
package points

import (
	"context"

	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
)

// Service holds what the points functions need. Its database stays inside.
type Service struct {
	db     *store.DB
	events events.Emitter
}

// NewService returns a points service over db.
func NewService(db *store.DB, ev events.Emitter) *Service {
	if ev == nil {
		ev = events.Nop{}
	}
	return &Service{db: db, events: ev}
}

// write runs fn in one write and tells the window when it succeeded.
func (s *Service) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	err := s.db.Write(ctx, fn)
	if err == nil {
		s.events.Emit("points:changed", nil)
	}
	return err
}

// The kinds of entry.
const (
	Earn   = "获得"
	Deduct = "扣分"
	Redeem = "兑换"
)

// Categories are the kinds of deed the rules reward.
var Categories = []string{"志愿服务", "环境卫生", "孝老爱亲", "参与调解", "移风易俗", "其他"}

const dateLayout = "2006-01-02"
