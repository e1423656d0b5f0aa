package app

import (
	"xiangzhi/backend/docs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/selections"
)

// SelectionService is the bound service of the 评选表彰 screen: campaigns, nominations and their
// 初审, the panel with its recusals and scores, the ranked list, the 公示 and its objections, the
// approved list and its honours. Each method is one call into backend/selections.
type SelectionService struct {
	o    *opening
	docs *DocService
}

// NewSelectionService returns the service over the database o opens; when it does not open every call
// fails with the reason.
func NewSelectionService(o *opening, docs *DocService) *SelectionService {
	return &SelectionService{o: o, docs: docs}
}

func (s *SelectionService) ready() error { return s.o.wait() }

func (s *SelectionService) archive() (*docs.Archive, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.docs.ready()
}

// SelectionChoices are the fixed lists the forms offer.
type SelectionChoices struct {
	Kinds        []string `json:"kinds"`
	Phases       []string `json:"phases"`
	Recommenders []string `json:"recommenders"`
	TieRule      string   `json:"tieRule"`
}

// Choices returns the kinds, phases and recommenders, and the tie rule.
func (s *SelectionService) Choices() SelectionChoices {
	return SelectionChoices{Kinds: selections.Kinds, Phases: selections.Phases, Recommenders: selections.Recommenders,
		TieRule: selections.TieRule}
}

// Villages lists the villages to choose from.
func (s *SelectionService) Villages() ([]grid.VillageBrief, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.VillageList(bg)
}

// List lists the campaigns of a year (0: all).
func (s *SelectionService) List(year int) ([]selections.Campaign, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.selections.List(bg, year)
}

// Get reads a campaign.
func (s *SelectionService) Get(id string) (selections.Campaign, error) {
	if err := s.ready(); err != nil {
		return selections.Campaign{}, err
	}
	return s.o.selections.Get(bg, id)
}

// Create sets a campaign up.
func (s *SelectionService) Create(in selections.CampaignInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.selections.Create(bg, in)
}

// Nominations lists a campaign's nominees.
func (s *SelectionService) Nominations(id string) ([]selections.Nomination, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.selections.Nominations(bg, id)
}

// Nominate puts a nominee forward.
func (s *SelectionService) Nominate(id string, in selections.NominationInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.selections.Nominate(bg, id, in)
}

// WithdrawNomination takes a nominee back during 推荐.
func (s *SelectionService) WithdrawNomination(nominationID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.WithdrawNomination(bg, nominationID)
}

// CloseNominations ends 推荐 and starts the 初审.
func (s *SelectionService) CloseNominations(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.CloseNominations(bg, id)
}

// Review records a nominee's 初审.
func (s *SelectionService) Review(nominationID string, in selections.ReviewInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.Review(bg, nominationID, in)
}

// AddMember puts someone on the panel.
func (s *SelectionService) AddMember(id string, in selections.MemberInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.selections.AddMember(bg, id, in)
}

// StartScoring ends the 初审 and starts 评议打分.
func (s *SelectionService) StartScoring(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.StartScoring(bg, id)
}

// Declare records a member's declared conflict with a nominee.
func (s *SelectionService) Declare(memberID, nominationID, reason string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.Declare(bg, memberID, nominationID, reason)
}

// Score records a member's scores of a nominee (criterion id -> score).
func (s *SelectionService) Score(memberID, nominationID string, scores map[string]int) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.Score(bg, memberID, nominationID, scores)
}

// MemberScores gives a panel member's saved scores (nominee id -> criterion id -> score).
func (s *SelectionService) MemberScores(memberID string) (map[string]map[string]int, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.selections.MemberScores(bg, memberID)
}

// Rank computes the ranked list with the panel and its recusals.
func (s *SelectionService) Rank(id string) (selections.Ranking, error) {
	if err := s.ready(); err != nil {
		return selections.Ranking{}, err
	}
	return s.o.selections.Rank(bg, id)
}

// Publish posts the 公示 of the ranked list, returned to show at once.
func (s *SelectionService) Publish(id string, in selections.NoticeInput) (DocFile, error) {
	archive, err := s.archive()
	if err != nil {
		return DocFile{}, err
	}
	issued, err := s.o.selections.Publish(bg, archive, id, in)
	if err != nil {
		return DocFile{}, err
	}
	return s.docs.Open(issued.ID)
}

// Objections lists a campaign's objections.
func (s *SelectionService) Objections(id string) ([]selections.Objection, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.selections.Objections(bg, id)
}

// Object registers an objection received during the 公示.
func (s *SelectionService) Object(id string, in selections.ObjectionInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.selections.Object(bg, id, in)
}

// Settle records how an objection was checked and its result.
func (s *SelectionService) Settle(objectionID, verification, result string, notice selections.NoticeInput) (selections.Settled, error) {
	archive, err := s.archive()
	if err != nil {
		return selections.Settled{}, err
	}
	return s.o.selections.Settle(bg, archive, objectionID, verification, result, notice)
}

// Decide records the approved list once the 公示 is over.
func (s *SelectionService) Decide(id, on string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.selections.Decide(bg, id, on)
}

// Honour commends the approved list: the 表彰决定 and the certificates.
func (s *SelectionService) Honour(id string, in selections.HonourInput) (selections.Honoured, error) {
	archive, err := s.archive()
	if err != nil {
		return selections.Honoured{}, err
	}
	return s.o.selections.Honour(bg, archive, id, in)
}

// Documents lists the papers issued for a campaign, oldest first.
func (s *SelectionService) Documents(id string) ([]docs.Issued, error) {
	archive, err := s.archive()
	if err != nil {
		return nil, err
	}
	return archive.BySource(bg, selections.Source(id))
}

// Honours lists a household's honours.
func (s *SelectionService) Honours(householdID string) ([]selections.Honour, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.selections.HonoursOf(bg, householdID)
}
