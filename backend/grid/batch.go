package grid

import (
	"context"

	"xiangzhi/backend/store"
)

// Batch makes many registry changes in one transaction: all of them land, or none (a roster import,
// the demo data). Its methods check their input as the Service's do.
type Batch struct {
	s  *Service
	tx *store.Tx
}

// Batch runs fn with a Batch in one write transaction.
func (s *Service) Batch(ctx context.Context, fn func(b *Batch) error) error {
	err := s.DB.Write(ctx, func(tx *store.Tx) error { return fn(&Batch{s: s, tx: tx}) })
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// CreateNode adds a village, piece, group or neighbourhood.
func (b *Batch) CreateNode(in NodeInput) (string, error) { return createNode(b.tx, in) }

// CreateHousehold adds a household.
func (b *Batch) CreateHousehold(in HouseholdInput) (string, error) {
	v, err := in.values(b.tx, "")
	if err != nil {
		return "", err
	}
	return b.tx.Insert("households", v)
}

// AddResident adds a resident.
func (b *Batch) AddResident(in ResidentInput) (string, error) { return addResident(b.tx, in) }

// UpdateResident changes a resident and returns the fields that changed.
func (b *Batch) UpdateResident(id string, in ResidentInput) ([]string, error) {
	return updateResident(b.tx, id, in)
}

// UpdateHousehold changes a household in place (not its neighbourhood) and returns the fields that
// changed.
func (b *Batch) UpdateHousehold(id string, in HouseholdInput) ([]string, error) {
	cur, err := b.tx.Get("households", id)
	if err != nil {
		return nil, err
	}
	in.NeighbourhoodID = cur["neighbourhood_id"].(string)
	v, err := in.values(b.tx, id)
	if err != nil {
		return nil, err
	}
	return b.tx.Update("households", id, v)
}

// AssignLeader gives a person a role.
func (b *Batch) AssignLeader(in LeaderInput) (string, error) { return b.s.assignLeader(b.tx, in) }

// RecordVisit records a visit.
func (b *Batch) RecordVisit(in VisitInput) (string, error) { return b.s.recordVisit(b.tx, in) }

// Tx returns the transaction, for reads that must see the batch's own writes.
func (b *Batch) Tx() *store.Tx { return b.tx }
