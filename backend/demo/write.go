package demo

import (
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// writeVillage writes a planned village through the batch: structure, households and residents,
// leaders, visits, cases, meetings and the merit shop. It counts what it wrote in st.
func writeVillage(b *grid.Batch, v *villagePlan, termStart string, st *Stats) error {
	kind := "village"
	if v.community {
		kind = "community"
	}
	villageID, err := b.CreateNode(grid.NodeInput{Level: grid.LevelVillage, Name: v.name, Kind: kind})
	if err != nil {
		return errs.Wrap(err, errs.CodeOf(err), "写入%s失败", v.name)
	}
	st.Villages++
	assign := func(in grid.LeaderInput) (string, error) {
		in.TermStart = termStart
		id, err := b.AssignLeader(in)
		if err != nil {
			return "", errs.Wrap(err, errs.CodeOf(err), "%s：任命%s失败", v.name, grid.RoleLabels[in.Role])
		}
		st.Leaders++
		return id, nil
	}
	pieceIDs := make([]string, len(v.pieces))
	groupIDs := map[*groupPlan]string{}
	for i, p := range v.pieces {
		if pieceIDs[i], err = b.CreateNode(grid.NodeInput{Level: grid.LevelPiece, ParentID: villageID, Name: p.name}); err != nil {
			return err
		}
		st.Pieces++
		for _, g := range p.groups {
			gid, err := b.CreateNode(grid.NodeInput{Level: grid.LevelGroup, ParentID: pieceIDs[i], Name: g.name})
			if err != nil {
				return err
			}
			groupIDs[g] = gid
			st.Groups++
			for _, nb := range g.nbs {
				if err := writeNeighbourhood(b, gid, nb, st); err != nil {
					return err
				}
			}
		}
	}

	for i, m := range v.committee {
		if _, err := assign(grid.LeaderInput{Role: grid.RoleCommitteeMember, ScopeID: villageID, ResidentID: m.id, Title: v.titles[i]}); err != nil {
			return err
		}
	}
	if a := v.adviser; a != nil { // the adviser's profile, and the village's 法律顾问 post with it
		if err := writeAdviser(b.Tx(), v, villageID, termStart); err != nil {
			return err
		}
		st.Leaders++
	}
	for i, p := range v.pieces {
		if p.leader != nil {
			if _, err := assign(grid.LeaderInput{Role: grid.RolePieceLeader, ScopeID: pieceIDs[i], ResidentID: p.leader.id, Title: "片长"}); err != nil {
				return err
			}
		}
		for _, g := range p.groups {
			if g.leader != nil {
				if _, err := assign(grid.LeaderInput{Role: grid.RoleGroupLeader, ScopeID: groupIDs[g], ResidentID: g.leader.id, Title: "组长（网格长）"}); err != nil {
					return err
				}
			}
			for _, nb := range g.nbs {
				if nb.leader == nil {
					continue
				}
				if nb.leaderID, err = assign(grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: nb.id, ResidentID: nb.leader.id, Title: "村民代表"}); err != nil {
					return err
				}
			}
		}
	}

	for _, p := range v.pieces {
		for _, g := range p.groups {
			for _, nb := range g.nbs {
				for _, h := range nb.households {
					for i := range h.visits {
						vp := &h.visits[i]
						var err error
						vp.id, err = b.RecordVisit(grid.VisitInput{HouseholdID: h.id, LeaderID: nb.leaderID,
							Date: vp.date, Form: vp.form, Findings: vp.findings, FollowUp: vp.followUp})
						if err != nil {
							return errs.Wrap(err, errs.CodeOf(err), "%s：记录走访失败", v.name)
						}
						st.Visits++
					}
				}
			}
		}
	}
	// The meetings first: the cases their decisions registered name them; then their lists, agendas
	// and decisions, which name the cases.
	if v.meetings == nil {
		if err := writeCases(b.Tx(), villageID, v.cases, st); err != nil {
			return err
		}
		return writePoints(b.Tx(), villageID, v.points, st)
	}
	if err := writeMeetingRows(b.Tx(), villageID, v.meetings, st); err != nil {
		return err
	}
	if err := writeCases(b.Tx(), villageID, v.cases, st); err != nil {
		return err
	}
	if err := writeMeetingDetails(b.Tx(), villageID, v.meetings); err != nil {
		return err
	}
	return writePoints(b.Tx(), villageID, v.points, st) // the merit shop and its year (point_write.go)
}

// writeNeighbourhood writes a neighbourhood with its households and their members.
func writeNeighbourhood(b *grid.Batch, groupID string, nb *nbPlan, st *Stats) error {
	var err error
	if nb.id, err = b.CreateNode(grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: groupID, Name: nb.name}); err != nil {
		return err
	}
	st.Neighbourhoods++
	for _, h := range nb.households {
		if h.id, err = b.CreateHousehold(grid.HouseholdInput{NeighbourhoodID: nb.id, Code: h.code, Address: h.address,
			Phone: h.phone, Tags: h.tags}); err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入%s失败", h.address)
		}
		st.Households++
		for _, m := range h.members {
			if m.id, err = b.AddResident(grid.ResidentInput{HouseholdID: h.id, Name: m.name, Relation: m.relation,
				IDNumber: m.idNumber, Sex: m.sex, BirthDate: m.birth.Format(time.DateOnly), Ethnicity: m.ethnicity,
				Phone: m.phone, PartyMember: m.party}); err != nil {
				return errs.Wrap(err, errs.CodeOf(err), "写入%s的居民%s失败", h.address, m.name)
			}
			st.Residents++
		}
	}
	return nil
}
