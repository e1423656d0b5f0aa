package grid

import (
	"context"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Batch makes many registry changes in one transaction: all of them land, or none (a roster import,
// the demo data). Its methods check their input as the Service's do.
//
// A batch remembers the nodes and households it made and the village of each neighbourhood it has
// written to, so that thousands of rows into the same places do not read them again (a roster import
// spends most of its time in such reads otherwise). Nothing in a batch deletes or moves them, and
// the children of a node it made are made through it too (not through its Tx).
type Batch struct {
	s  *Service
	tx *store.Tx

	made      map[string]bool              // households made in this batch
	villageOf map[string]string            // neighbourhood -> its village, for neighbourhoods found live
	holders   map[string]string            // ID number -> the live resident holding it, "" for none (RegisteredIDs)
	codes     map[string]map[string]string // village -> 户编号 -> live household, read once a village
	nodes     map[string]*madeNode         // nodes made in this batch
}

// madeNode is a node a batch made: its village ("" when the batch did not read it) and the names
// of the nodes made under it.
type madeNode struct {
	village  string
	children map[string]bool
}

// Batch runs fn with a Batch in one write transaction.
func (s *Service) Batch(ctx context.Context, fn func(b *Batch) error) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		return fn(&Batch{s: s, tx: tx, made: map[string]bool{}, villageOf: map[string]string{}, holders: map[string]string{},
			codes: map[string]map[string]string{}, nodes: map[string]*madeNode{}})
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// CreateNode adds a village, piece, group or neighbourhood. Under a node the batch made, nothing is
// read: the batch knows its children, and its village, which a household of a new neighbourhood
// then takes without a read.
func (b *Batch) CreateNode(in NodeInput) (string, error) {
	parent := b.nodes[in.ParentID]
	if in.Level == LevelVillage {
		parent = nil
	}
	id, err := createNode(b.tx, in, parent)
	if err != nil {
		return "", err
	}
	made := &madeNode{children: map[string]bool{}}
	switch {
	case in.Level == LevelVillage:
		made.village = id
	case parent != nil:
		made.village = parent.village
	}
	b.nodes[id] = made
	if in.Level == LevelNeighbourhood && made.village != "" {
		b.villageOf[id] = made.village
	}
	return id, nil
}

// CreateHousehold adds a household.
func (b *Batch) CreateHousehold(in HouseholdInput) (string, error) {
	v, err := in.values(b.tx, "", b.villageOf[in.NeighbourhoodID], b.villageCodes)
	if err != nil {
		return "", err
	}
	id, err := b.tx.Insert("households", v)
	if err != nil {
		return "", err
	}
	b.made[id] = true
	village := v["village_id"].(string)
	b.villageOf[in.NeighbourhoodID] = village
	if codes, ok := b.codes[village]; ok {
		codes[v["code"].(string)] = id
	}
	return id, nil
}

// HouseholdByCode returns the live household of a village that has the 户编号 code, "" when none has.
func (b *Batch) HouseholdByCode(village, code string) (string, error) {
	codes, err := b.villageCodes(village)
	return codes[code], err
}

// villageCodes returns the live codes of a village, read once and kept with the households the batch
// makes (an import of 100,000 people would else ask for each new household's code).
func (b *Batch) villageCodes(village string) (map[string]string, error) {
	codes, ok := b.codes[village]
	if !ok {
		var err error
		if codes, err = HouseholdCodes(b.tx, village); err != nil {
			return nil, err
		}
		b.codes[village] = codes
	}
	return codes, nil
}

// RegisteredIDs returns which of idNumbers live residents hold (ID number -> resident id), read in
// the batch's transaction. The batch keeps the answer: a resident added later with one of these
// numbers is checked against it instead of by a query of its own (an import adds 100,000).
func (b *Batch) RegisteredIDs(ctx context.Context, idNumbers []string) (map[string]string, error) {
	found, err := b.s.ResidentsByIDNumbers(ctx, b.tx, idNumbers)
	if err != nil {
		return nil, err
	}
	for _, n := range idNumbers {
		b.holders[n] = found[n]
	}
	return found, nil
}

// ExpectResidents tells the batch it is about to add about n residents. When they are many and at
// least as many as are registered already (a village's or a county's first roster), the batch writes
// them as a bulk load: the search indexes of residents (name, pinyin, phone, the ID number's last
// digits, birth date) are dropped now and built once when the batch commits, and the tables derived
// from the registry (village_counts, household_cadence, cadence_buckets) are filled afresh then,
// instead of by triggers at every household and person (store.SuspendIndexes, SuspendDerived). The
// two indexes the batch's own checks read, a household's members and the holders of an ID number,
// stay.
func (b *Batch) ExpectResidents(n int) error {
	if n < bulkResidents {
		return nil
	}
	var registered int
	if err := b.tx.QueryRow(`SELECT coalesce(sum(residents), 0) FROM village_counts`).Scan(&registered); err != nil {
		return errs.Wrap(err, errs.Internal, "读取居民人数失败")
	}
	if n < registered {
		return nil
	}
	if err := b.tx.SuspendIndexes("residents", "residents_household", "residents_id_number"); err != nil {
		return err
	}
	return b.tx.SuspendDerived()
}

// bulkResidents is the fewest residents ExpectResidents writes as a bulk load.
const bulkResidents = 10000

// AddResident adds a resident.
func (b *Batch) AddResident(in ResidentInput) (string, error) {
	return addResident(b.tx, in, b.made[in.HouseholdID], b.holders)
}

// UpdateResident changes a resident and returns the fields that changed.
func (b *Batch) UpdateResident(id string, in ResidentInput) ([]string, error) {
	return updateResident(b.tx, id, in, b.holders)
}

// UpdateHousehold changes a household in place (not its neighbourhood) and returns the fields that
// changed.
func (b *Batch) UpdateHousehold(id string, in HouseholdInput) ([]string, error) {
	cur, err := b.tx.Get("households", id)
	if err != nil {
		return nil, err
	}
	in.NeighbourhoodID = cur["neighbourhood_id"].(string)
	v, err := in.values(b.tx, id, "", nil)
	if err != nil {
		return nil, err
	}
	if v["code"] != cur["code"] { // (an import keeps the code: its village's are not read again)
		delete(b.codes, cur["village_id"].(string))
	}
	return b.tx.Update("households", id, v)
}

// AssignLeader gives a person a role.
func (b *Batch) AssignLeader(in LeaderInput) (string, error) { return AssignLeaderIn(b.tx, in) }

// RecordVisit records a visit.
func (b *Batch) RecordVisit(in VisitInput) (string, error) { return b.s.recordVisit(b.tx, in) }

// Tx returns the transaction, for reads that must see the batch's own writes and for another
// domain's writes that must land with the batch's.
func (b *Batch) Tx() *store.Tx { return b.tx }
