package roster

import (
	"context"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster/sheet"
)

// Export writes the registry (one village, or all when villageID is empty) as a roster in the
// template's columns, so that importing it again changes nothing. It returns the number of rows.
func Export(ctx context.Context, g *grid.Service, villageID, path string) (int, error) {
	list, err := g.RegistryRows(ctx, villageID)
	if err != nil {
		return 0, err
	}
	out := make([]map[string]string, 0, len(list))
	for _, x := range list {
		r := x.Resident
		party := "否"
		if r.PartyMember {
			party = "是"
		}
		out = append(out, map[string]string{
			"village": x.Village, "piece": x.Piece, "group": x.Group, "neighbourhood": x.Neighbourhood,
			"household_code": x.HouseholdCode, "head_name": x.HeadName, "relation": r.Relation, "name": r.Name,
			"id_number": r.IDNumber, "sex": r.Sex, "birth_date": r.BirthDate, "ethnicity": r.Ethnicity,
			"phone": r.Phone, "address": x.Address, "tags": x.Tags, "party_member": party, "notes": r.Notes,
		})
	}
	if err := sheet.Write(path, out); err != nil {
		return 0, err
	}
	return len(out), nil
}

// WriteTemplate writes the empty roster template.
func WriteTemplate(path string) error { return sheet.WriteTemplate(path) }
