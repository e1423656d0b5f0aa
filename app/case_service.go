package app

import (
	"xiangzhi/backend/cases"
)

// CaseService is the bound service of the 民情 screens: registering cases, acting on them, lists and
// the supervision counts. Each method is one call into backend/cases.
type CaseService struct {
	c       *cases.Service
	openErr error
}

// NewCaseService returns the service over c; when the database did not open every call fails with
// openErr.
func NewCaseService(c *cases.Service, openErr error) *CaseService {
	return &CaseService{c: c, openErr: openErr}
}

func (s *CaseService) ready() error {
	if s.c == nil {
		return notOpen(s.openErr)
	}
	return nil
}

// CaseChoices are the fixed lists the case forms offer.
type CaseChoices struct {
	Sources       []string            `json:"sources"`
	Categories    []cases.Category    `json:"categories"`
	Urgencies     []string            `json:"urgencies"`
	Levels        []string            `json:"levels"`
	States        []string            `json:"states"`
	Satisfactions []string            `json:"satisfactions"`
	Allowed       map[string][]string `json:"allowed"` // state → the actions it allows
	Needs         []cases.Needs       `json:"needs"`   // what each action asks for
	Cards         []string            `json:"cards"`   // 黄牌 then 红牌
	DefaultLevel  string              `json:"defaultLevel"`
}

// Choices returns the sources, categories, urgencies, levels, states and what each state allows.
func (s *CaseService) Choices() CaseChoices {
	allowed := map[string][]string{}
	for _, st := range cases.States {
		allowed[st] = cases.Allowed(st)
	}
	return CaseChoices{Sources: cases.Sources, Categories: cases.Categories, Urgencies: cases.Urgencies,
		Levels: cases.Levels, States: cases.States, Satisfactions: cases.Satisfactions, Allowed: allowed,
		Needs: cases.ActionNeeds, Cards: []string{cases.CardYellow, cases.CardRed},
		DefaultLevel: cases.DefaultLevel}
}

// Register records a new case and returns its id and number.
func (s *CaseService) Register(in cases.Input) (map[string]string, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	id, number, err := s.c.Register(bg, in)
	if err != nil {
		return nil, err
	}
	return map[string]string{"id": id, "number": number}, nil
}

// Act applies one step to a case.
func (s *CaseService) Act(id string, st cases.Step) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.c.Act(bg, id, st)
}

// Get returns a case with its timeline.
func (s *CaseService) Get(id string) (cases.Case, error) {
	if err := s.ready(); err != nil {
		return cases.Case{}, err
	}
	return s.c.Get(bg, id)
}

// List returns a page of cases.
func (s *CaseService) List(q cases.Query) (cases.Page, error) {
	if err := s.ready(); err != nil {
		return cases.Page{}, err
	}
	return s.c.List(bg, q)
}

// Supervision returns the open cases and their yellow and red cards.
func (s *CaseService) Supervision() (cases.Counts, error) {
	if err := s.ready(); err != nil {
		return cases.Counts{}, err
	}
	return s.c.Supervision(bg)
}

// OfVisits returns the numbers of the cases that came from the given visits (visit id → number).
func (s *CaseService) OfVisits(visitIDs []string) (map[string]string, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.c.OfVisits(bg, visitIDs)
}
