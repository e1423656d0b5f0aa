package cases

import (
	"context"
	"strings"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// ActAgreement is the timeline entry of a 人民调解协议书 issued for a dispute mediated to an agreement:
// no step of the state machine (the state stays), the record of the paper, with its 存档号.
const ActAgreement = "出具调解协议书"

// AgreementDraft is the 人民调解协议书 of a dispute mediated to an agreement (调解成功) as far as the case
// knows it, for the officer to complete: the person who raised it as the first party (from the
// registry: sex, ethnicity, birth date, household address and phone; or the outsider's name and
// phone), the facts from what was reported, the agreement the 办结 recorded as its first term, the
// village's mediation committee, the handler as mediator, the operator as recorder, today's date.
// A case registered from a household by a member's name finds that member. The other side is each of
// the case's 对方当事人 (parties.go), or a blank party when it names none; the terms' details are the
// officer's to add. Codes: not_found, conflict (no agreement was reached).
func (s *Service) AgreementDraft(ctx context.Context, id string) (*docs.Agreement, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := agreed(c); err != nil {
		return nil, err
	}
	g := grid.NewService(s.db, nil)
	village := ""
	if c.VillageID != "" {
		vs, err := g.VillageNames(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			if v.ID == c.VillageID {
				village = v.Name
			}
		}
	}
	resident := c.ResidentID
	if resident == "" && c.HouseholdID != "" && c.PersonName != "" {
		// registered from a household by the name of one of its members (the head, usually)
		members, err := g.Members(ctx, c.HouseholdID)
		if err != nil && errs.CodeOf(err) != errs.NotFound {
			return nil, err
		}
		for _, m := range members {
			if m.Name == c.PersonName {
				resident = m.ID
				break
			}
		}
	}
	party, err := agreementParty(ctx, g, village, resident, c.PersonName, c.PersonPhone, c.Location)
	if err != nil {
		return nil, err
	}
	// The other side of the dispute, when the case names it; else a blank party for the officer.
	parties := []docs.AgreementParty{party}
	for _, p := range c.Parties {
		if p.Role == RoleOtherSide {
			other, err := agreementParty(ctx, g, village, p.ResidentID, p.Name, p.Phone, "")
			if err != nil {
				return nil, err
			}
			parties = append(parties, other)
		}
	}
	if len(parties) == 1 {
		parties = append(parties, docs.AgreementParty{})
	}
	a := &docs.Agreement{Parties: parties, Facts: matter(c), Mediators: cut(c.Handler, 40),
		Recorder: cut(s.db.Operator(), 20), Date: docs.Date(s.db.Today().Format(dateLayout))}
	if village != "" {
		a.Committee = cut(village+"人民调解委员会", 40)
	}
	for i := len(c.Events) - 1; i >= 0; i-- {
		if e := c.Events[i]; e.Action == ActResolve {
			if term := strings.TrimSpace(strings.TrimPrefix(e.Note, MediationAgreed+"：")); term != "" {
				a.Terms = []string{term}
			}
			break
		}
	}
	return a, nil
}

// agreed refuses a case whose mediation reached no agreement: only a 调解成功 has a 协议书.
func agreed(c Case) error {
	switch {
	case c.Category != CategoryDispute:
		return errs.New(errs.Conflict, "民情 %s 不是矛盾纠纷，没有人民调解协议书", c.Number)
	case c.Mediation != MediationAgreed:
		return errs.New(errs.Conflict, "民情 %s 还没有以“调解成功”办结，不能出具人民调解协议书", c.Number)
	}
	return nil
}

// IssueAgreement archives the 人民调解协议书 a of a dispute mediated to an agreement, linked to the case
// (Source), and records it on the case's timeline, in one write: both or neither. Codes: not_found,
// conflict (no agreement reached), invalid (the document, naming the field; no short name or
// operator).
func (s *Service) IssueAgreement(ctx context.Context, archive *docs.Archive, id string, a *docs.Agreement) (docs.Issued, error) {
	var rec docs.Issued
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		rec, err = IssueAgreementIn(tx, archive, id, a)
		return err
	})
	if err != nil {
		return docs.Issued{}, err
	}
	s.events.Emit("cases:changed", nil)
	return rec, nil
}

// IssueAgreementIn is IssueAgreement inside a caller's transaction.
func IssueAgreementIn(tx *store.Tx, archive *docs.Archive, id string, a *docs.Agreement) (docs.Issued, error) {
	c, _, err := caseIn(tx, id)
	if err != nil {
		return docs.Issued{}, err
	}
	if err := agreed(c); err != nil {
		return docs.Issued{}, err
	}
	rec, _, err := archive.IssueIn(tx, a, Source(id))
	if err != nil {
		return docs.Issued{}, err
	}
	err = addEvent(tx, id, event{On: tx.Today().Format(dateLayout), Action: ActAgreement, From: c.State, To: c.State, Level: c.Level,
		Handler: c.Handler, Deadline: c.Deadline, Note: "人民调解协议书 " + rec.Number})
	return rec, err
}

// agreementParty is a party of a 人民调解协议书: a registered resident with their sex, ethnicity,
// birth date, phone and address from the registry, or as the case records them (name, phone, place).
func agreementParty(ctx context.Context, g *grid.Service, village, resident, name, phone, place string) (docs.AgreementParty, error) {
	party := docs.AgreementParty{Name: cut(name, 30), Phone: phone, Address: cut(place, 60)}
	if resident == "" {
		return party, nil
	}
	r, err := g.GetResident(ctx, resident)
	switch {
	case errs.CodeOf(err) == errs.NotFound: // removed from the registry since: the case's own record stands
		return party, nil
	case err != nil:
		return party, err
	}
	party.Name, party.Gender, party.Ethnicity, party.Birth = r.Name, r.Sex, r.Ethnicity, r.BirthDate
	if r.Phone != "" {
		party.Phone = r.Phone
	}
	if h, err := g.GetHousehold(ctx, r.HouseholdID); err == nil && h.Address != "" {
		party.Address = h.Address
		if village != "" && !strings.Contains(h.Address, village) {
			party.Address = village + h.Address
		}
		party.Address = cut(party.Address, 60)
	}
	return party, nil
}
