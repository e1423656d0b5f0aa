// Package grid is the registry of the grid: villages (村/社区) → pieces (片) → groups (组) →
// neighbourhoods (邻) → households → residents, who leads what, representatives' visits and the
// visit-cadence tracker. Every change goes through the store's versioned write path.
package grid

import (
	"context"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
)

// Service holds what the grid functions need. Its database stays inside: other domains read the
// registry through grid's functions, never with SQL on its tables.
type Service struct {
	db     *store.DB
	events events.Emitter
}

// NewService returns a grid service over db.
func NewService(db *store.DB, ev events.Emitter) *Service {
	if ev == nil {
		ev = events.Nop{}
	}
	return &Service{db: db, events: ev}
}

// today is the current date on the database's clock.
func (s *Service) today() time.Time { return s.db.Today() }

// Today returns the current date on the database's clock (the date a birth date may not be after).
func (s *Service) Today() time.Time { return s.db.Today() }

// VillageCount returns the number of live villages (and communities) in the registry.
func (s *Service) VillageCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM villages WHERE deleted_at IS NULL`).Scan(&n); err != nil {
		return 0, errs.Wrap(err, errs.Internal, "读取村列表失败")
	}
	return n, nil
}

func (s *Service) emit(name string, data any) { s.events.Emit(name, data) }

// Neighbourhood sizes outside these bounds draw a warning (DESIGN.md: 5–15 neighbouring households).
const (
	MinHouseholds = 5
	MaxHouseholds = 15
)

// Key-household tags offered by default; any tag, these or custom ones, makes a household a key
// household that is visited monthly.
var KeyTags = []string{"低保户", "五保户", "留守老人", "留守儿童", "残疾人", "特殊人群"}

// dateLayout is the one form of dates stored: ISO.
const dateLayout = "2006-01-02"
