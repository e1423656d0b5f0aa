package app

import "xiangzhi/backend/cases"

// The other people a case concerns (backend/cases/parties.go): added, taken off and put back from
// the case's drawer.

// AddParty adds a person to a case and returns the party's id.
func (s *CaseService) AddParty(caseID string, in cases.PartyInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.cases.AddParty(bg, caseID, in)
}

// RemoveParty takes a person off a case; RestoreParty undoes it.
func (s *CaseService) RemoveParty(caseID, partyID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.cases.RemoveParty(bg, caseID, partyID)
}

// RestoreParty puts back a person RemoveParty took off a case.
func (s *CaseService) RestoreParty(caseID, partyID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.cases.RestoreParty(bg, caseID, partyID)
}
