package app

import (
	"context"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
)

// GridService is the bound service of the grid screens: structure, households, residents, leaders,
// search, visits and the cadence tracker. Each method is one call into backend/grid.
type GridService struct{ o *opening }

// NewGridService returns the service over the database o opens; when it does not open every call
// fails with the reason.
func NewGridService(o *opening) *GridService { return &GridService{o: o} }

var bg = context.Background()

func (s *GridService) ready() error { return s.o.wait() }

// Villages lists the villages with their counts.
func (s *GridService) Villages() ([]grid.VillageSummary, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Villages(bg)
}

// VillageTree returns a village's pieces, groups and neighbourhoods.
func (s *GridService) VillageTree(villageID string) (grid.TreeNode, error) {
	if err := s.ready(); err != nil {
		return grid.TreeNode{}, err
	}
	return s.o.grid.VillageTree(bg, villageID)
}

// CreateNode adds a village, piece, group or neighbourhood.
func (s *GridService) CreateNode(in grid.NodeInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.grid.CreateNode(bg, in)
}

// RenameNode renames a node.
func (s *GridService) RenameNode(level, id, name string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.RenameNode(bg, grid.Level(level), id, name)
}

// DeleteNode deletes an empty node.
func (s *GridService) DeleteNode(level, id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.DeleteNode(bg, grid.Level(level), id)
}

// Households lists a neighbourhood's households.
func (s *GridService) Households(neighbourhoodID string) ([]grid.Household, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Households(bg, neighbourhoodID)
}

// GetHousehold returns one household with its full phone (the edit form).
func (s *GridService) GetHousehold(id string) (grid.Household, error) {
	if err := s.ready(); err != nil {
		return grid.Household{}, err
	}
	return s.o.grid.GetHousehold(bg, id)
}

// CreateHousehold adds a household with its head.
func (s *GridService) CreateHousehold(in grid.HouseholdInput, head grid.ResidentInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.grid.CreateHouseholdWithHead(bg, in, head)
}

// UpdateHousehold changes a household.
func (s *GridService) UpdateHousehold(id string, in grid.HouseholdInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.UpdateHousehold(bg, id, in)
}

// DeleteHousehold deletes a household without members.
func (s *GridService) DeleteHousehold(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.DeleteHousehold(bg, id)
}

// MoveHousehold moves a household to another neighbourhood.
func (s *GridService) MoveHousehold(householdID, neighbourhoodID string) ([]string, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.MoveHousehold(bg, householdID, neighbourhoodID)
}

// SplitResult is the new neighbourhood of a split and the size warnings.
type SplitResult struct {
	ID       string   `json:"id"`
	Warnings []string `json:"warnings"`
}

// SplitNeighbourhood moves some households of a neighbourhood into a new one.
func (s *GridService) SplitNeighbourhood(neighbourhoodID, newName string, householdIDs []string) (SplitResult, error) {
	if err := s.ready(); err != nil {
		return SplitResult{}, err
	}
	id, w, err := s.o.grid.SplitNeighbourhood(bg, neighbourhoodID, newName, householdIDs)
	return SplitResult{ID: id, Warnings: w}, err
}

// MergeNeighbourhoods moves every household of from into into and removes from; it returns what it
// did, for UndoMerge, with size warnings.
func (s *GridService) MergeNeighbourhoods(into, from string) (grid.Merged, error) {
	if err := s.ready(); err != nil {
		return grid.Merged{}, err
	}
	return s.o.grid.MergeNeighbourhoods(bg, into, from)
}

// UndoMerge undoes a merge MergeNeighbourhoods reported.
func (s *GridService) UndoMerge(m grid.Merged) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.UndoMerge(bg, m)
}

// Restore brings back a household, resident, village, piece, group or neighbourhood deleted by
// mistake (table names which); code conflict naming what stands in the way.
func (s *GridService) Restore(table, id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.Restore(bg, table, id)
}

// Members lists a household's residents, IDs and phones masked.
func (s *GridService) Members(householdID string) ([]grid.Resident, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Members(bg, householdID)
}

// GetResident returns one resident in full (the detail view); grid records the view in the audit log.
func (s *GridService) GetResident(id string) (grid.Resident, error) {
	if err := s.ready(); err != nil {
		return grid.Resident{}, err
	}
	return s.o.grid.GetResident(bg, id)
}

// AddResident adds a resident.
func (s *GridService) AddResident(in grid.ResidentInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.grid.AddResident(bg, in)
}

// UpdateResident changes a resident.
func (s *GridService) UpdateResident(id string, in grid.ResidentInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.UpdateResident(bg, id, in)
}

// DeleteResident removes a resident registered by mistake.
func (s *GridService) DeleteResident(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.DeleteResident(bg, id)
}

// SetResidentStatus marks a resident 迁出 or 死亡 as of a date, or puts them back in the register.
func (s *GridService) SetResidentStatus(id string, in grid.StatusInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.SetResidentStatus(bg, id, in)
}

// Leaders lists the leaders of a village and of everything in it.
func (s *GridService) Leaders(villageID string) ([]grid.Leader, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Leaders(bg, villageID)
}

// AssignLeader gives a person a role.
func (s *GridService) AssignLeader(in grid.LeaderInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.grid.AssignLeader(bg, in)
}

// EndTerm ends a leader's term.
func (s *GridService) EndTerm(leaderID, date string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.EndTerm(bg, leaderID, date)
}

// Search finds residents by name, pinyin, ID or phone digits, or address.
func (s *GridService) Search(query string, limit int) ([]grid.Hit, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Search(bg, query, limit)
}

// RecordVisit records a visit.
func (s *GridService) RecordVisit(in grid.VisitInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.grid.RecordVisit(bg, in)
}

// UpdateVisit corrects a recorded visit.
func (s *GridService) UpdateVisit(id string, in grid.VisitInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.UpdateVisit(bg, id, in)
}

// WithdrawVisit withdraws a visit recorded by mistake, with the reason.
func (s *GridService) WithdrawVisit(id, reason string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.WithdrawVisit(bg, id, reason)
}

// Visits lists a household's visits.
func (s *GridService) Visits(householdID string) ([]grid.Visit, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Visits(bg, householdID)
}

// Cadence returns the visit-cadence tracker (one village, or all when villageID is empty).
func (s *GridService) Cadence(villageID string, limit int) (grid.CadenceReport, error) {
	if err := s.ready(); err != nil {
		return grid.CadenceReport{}, err
	}
	return s.o.grid.Cadence(bg, villageID, limit)
}

// OverdueIn lists the overdue households of one neighbourhood, longest overdue first.
func (s *GridService) OverdueIn(neighbourhoodID string) ([]grid.CadenceItem, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.OverdueIn(bg, neighbourhoodID)
}

// Choices returns the fixed lists the forms offer.
func (s *GridService) Choices() GridChoices {
	roles := map[string]string{}
	for r, label := range grid.RoleLabels {
		roles[string(r)] = label
	}
	return GridChoices{KeyTags: grid.KeyTags, Relations: grid.Relations, VisitForms: grid.VisitForms, Roles: roles,
		Ethnicities: idcard.Ethnicities, Statuses: grid.Statuses}
}

// GridChoices are the fixed lists of the grid forms.
type GridChoices struct {
	KeyTags     []string          `json:"keyTags"`
	Relations   []string          `json:"relations"`
	VisitForms  []string          `json:"visitForms"`
	Roles       map[string]string `json:"roles"`
	Ethnicities []string          `json:"ethnicities"`
	Statuses    []string          `json:"statuses"` // what takes a resident out of the register: 迁出, 死亡
}

// PossibleDuplicates lists the 身份证号 that several residents carry (after a merge with another
// office) and no decision has settled.
func (s *GridService) PossibleDuplicates() ([]grid.PossibleDuplicate, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.PossibleDuplicates(bg)
}

// SettleDuplicate records that residents sharing a 身份证号 are the same person (one kept, what
// pointed at the others follows it) or different people.
func (s *GridService) SettleDuplicate(d grid.DuplicateDecision) (grid.DuplicateSettled, error) {
	if err := s.ready(); err != nil {
		return grid.DuplicateSettled{}, err
	}
	return s.o.grid.SettleDuplicate(bg, d)
}

// Orphans lists, per deleted parent, the registry's records under it (left by merges).
func (s *GridService) Orphans() ([]store.Orphans, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.Orphans(bg)
}

// SettleOrphans brings a listed parent back (restoreParent), or deletes the records of table under it.
func (s *GridService) SettleOrphans(table, parentID string, restoreParent bool) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.SettleOrphans(bg, table, parentID, restoreParent)
}

// LeaderClashes lists the posts of one holder (片长, 组长, 邻长) held by several people over the same
// days (left by merges).
func (s *GridService) LeaderClashes() ([]grid.LeaderClash, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.LeaderClashes(bg)
}

// SettleLeaderClash keeps one holder of a post in clash; the others' terms end before it.
func (s *GridService) SettleLeaderClash(keepID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.grid.SettleLeaderClash(bg, keepID)
}
