package app

import (
	"xiangzhi/backend/contracts"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/roster/sheet"
)

// ContractService is the bound service of the 合同审查 screens: the legal advisers and the villages
// they serve, review requests through their states, the adviser's opinion and its 合同审查意见书, the
// alerts of 首页, and the register. Each method is one call into backend/contracts.
type ContractService struct {
	o      *opening
	docs   *DocService
	window *windowEvents
}

// NewContractService returns the service over the database o opens; when it does not open every call
// fails with the reason.
func NewContractService(o *opening, docs *DocService, window *windowEvents) *ContractService {
	return &ContractService{o: o, docs: docs, window: window}
}

func (s *ContractService) ready() error { return s.o.wait() }

func (s *ContractService) archive() (*docs.Archive, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.docs.ready()
}

// ContractChoices are the fixed lists the contract forms offer.
type ContractChoices struct {
	Types        []string `json:"types"`
	States       []string `json:"states"`
	Conclusions  []string `json:"conclusions"`
	Checklist    []string `json:"checklist"`
	CheckResults []string `json:"checkResults"`
	RiskLevels   []string `json:"riskLevels"`
	// ProcedureItem is the checklist's item a major contract without its procedure cannot pass.
	ProcedureItem string `json:"procedureItem"`
}

// Choices returns the types, states, conclusions, checklist items and risk levels.
func (s *ContractService) Choices() ContractChoices {
	return ContractChoices{Types: contracts.Types, States: contracts.States, Conclusions: contracts.Conclusions,
		Checklist: contracts.ChecklistItems, CheckResults: contracts.CheckResults, RiskLevels: contracts.RiskLevels,
		ProcedureItem: contracts.ProcedureItem}
}

// Villages lists the villages to choose from.
func (s *ContractService) Villages() ([]grid.VillageBrief, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.contracts.Villages(bg)
}

// Settings returns the office's rules for reviews.
func (s *ContractService) Settings() (contracts.Settings, error) {
	if err := s.ready(); err != nil {
		return contracts.Settings{}, err
	}
	return s.o.contracts.Settings(bg)
}

// SetSettings keeps the office's rules for reviews.
func (s *ContractService) SetSettings(st contracts.Settings) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.SetSettings(bg, st)
}

// Advisers lists the legal advisers with the villages they serve and their attendance.
func (s *ContractService) Advisers() ([]contracts.Adviser, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.contracts.Advisers(bg)
}

// AddAdviser records a legal adviser.
func (s *ContractService) AddAdviser(in contracts.AdviserInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.contracts.AddAdviser(bg, in)
}

// UpdateAdviser changes an adviser's details.
func (s *ContractService) UpdateAdviser(id string, in contracts.AdviserInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.UpdateAdviser(bg, id, in)
}

// AssignVillage makes an adviser the village's legal adviser from since ("" for today).
func (s *ContractService) AssignVillage(adviserID, villageID, since string) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.contracts.AssignVillage(bg, adviserID, villageID, since)
}

// EndService ends an adviser's service of a village on until ("" for today).
func (s *ContractService) EndService(servedID, until string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.EndService(bg, servedID, until)
}

// List returns a page of requests, the latest submitted first.
func (s *ContractService) List(q contracts.Query) (contracts.Page, error) {
	if err := s.ready(); err != nil {
		return contracts.Page{}, err
	}
	return s.o.contracts.List(bg, q)
}

// Get returns a request with its versions, opinions, risks and timeline.
func (s *ContractService) Get(id string) (contracts.Request, error) {
	if err := s.ready(); err != nil {
		return contracts.Request{}, err
	}
	return s.o.contracts.Get(bg, id)
}

// Decisions lists the village's decisions passed by vote, the evidence a major contract may name.
func (s *ContractService) Decisions(villageID string) ([]meetings.ResolutionBrief, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.meetings.PassedDecisions(bg, villageID)
}

// Submit registers a request for review.
func (s *ContractService) Submit(in contracts.RequestInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.contracts.Submit(bg, in)
}

// StartReview: the adviser takes the request up ("" keeps the adviser it was sent to).
func (s *ContractService) StartReview(id, adviserID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.StartReview(bg, id, adviserID)
}

// ReturnForMore sends the request back for what is missing.
func (s *ContractService) ReturnForMore(id, missing string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.ReturnForMore(bg, id, missing)
}

// Resubmit sends a revised version for review ("" for today).
func (s *ContractService) Resubmit(id string, terms contracts.Terms, on string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.Resubmit(bg, id, terms, on)
}

// RecordOpinion records the adviser's opinion and issues its 合同审查意见书, returned to show at once.
func (s *ContractService) RecordOpinion(id string, in contracts.OpinionInput) (DocFile, error) {
	archive, err := s.archive()
	if err != nil {
		return DocFile{}, err
	}
	issued, err := s.o.contracts.RecordOpinion(bg, archive, id, in)
	if err != nil {
		return DocFile{}, err
	}
	return s.docs.Open(issued.ID)
}

// SetProcedure records the decision that approved the contract, or why none is needed.
func (s *ContractService) SetProcedure(id string, p contracts.Procedure) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.SetProcedure(bg, id, p)
}

// Sign marks the contract signed.
func (s *ContractService) Sign(id string, in contracts.SignInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.Sign(bg, id, in)
}

// Abandon gives the contract up.
func (s *ContractService) Abandon(id, reason string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.Abandon(bg, id, reason)
}

// Delete removes a request entered by mistake, before any opinion.
func (s *ContractService) Delete(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.contracts.Delete(bg, id)
}

// Documents lists the opinions issued for a request, oldest first.
func (s *ContractService) Documents(id string) ([]docs.Issued, error) {
	archive, err := s.archive()
	if err != nil {
		return nil, err
	}
	return archive.BySource(bg, contracts.Source(id))
}

// Alerts lists the overdue reviews and the coming ends, notice dates and payments, for 首页.
func (s *ContractService) Alerts() ([]contracts.Alert, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.contracts.Alerts(bg)
}

// PrintRegister renders the register of a village ("" for all) and year as a 台账 for the print
// preview; nothing is archived.
func (s *ContractService) PrintRegister(villageID string, year int) (DocFile, error) {
	archive, err := s.archive()
	if err != nil {
		return DocFile{}, err
	}
	l, err := s.o.contracts.Ledger(bg, villageID, year)
	if err != nil {
		return DocFile{}, err
	}
	pdf, err := docs.RenderDocument(archive.Fonts, l)
	if err != nil {
		return DocFile{}, err
	}
	return draftFile(pdf, l), nil
}

// ExportRegister writes the register of a village and year as a workbook where the officer chooses;
// it returns the path ("" when cancelled).
func (s *ContractService) ExportRegister(villageID string, year int) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	t, err := s.o.contracts.Register(bg, villageID, year)
	if err != nil {
		return "", err
	}
	path, err := saveDialog(s.window, xlsxFile, "导出合同审查台账", docs.FileName(t.Title)+".xlsx")
	if err != nil || path == "" {
		return "", err
	}
	return path, sheet.WriteTable(path, t)
}
