package grid

import (
	"context"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// restorable names what Restore brings back: a household, a resident, or a village, piece, group or
// neighbourhood.
var restorable = map[string]string{
	"households": "户", "residents": "居民",
	string(LevelVillage): "村（社区）", string(LevelPiece): "片", string(LevelGroup): "组", string(LevelNeighbourhood): "邻",
}

// Restore brings back a record deleted by mistake (the 撤销 after a delete): the row comes back as
// it was, provided where it belongs is still there and nothing since took its place — its parent
// live, its 户编号, 身份证号 or name not used by another. Code invalid for a kind it cannot restore,
// not_found, conflict naming what stands in the way.
func (s *Service) Restore(ctx context.Context, table, id string) error {
	label, ok := restorable[table]
	if !ok {
		return errs.Field("table", "不能恢复这类记录（%s）", table)
	}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get(table, id, store.IncludeDeleted)
		if err != nil {
			return err
		}
		str := func(k string) string { v, _ := row[k].(string); return v }
		parentGone := func(parentTable, parentID string) error {
			if _, err := tx.Get(parentTable, parentID); err != nil {
				return errs.New(errs.Conflict, "这个%s所属的上级已被删除，无法恢复", label)
			}
			return nil
		}
		switch table {
		case "households":
			if err := parentGone("neighbourhoods", str("neighbourhood_id")); err != nil {
				return err
			}
			if err := checkHouseholdCode(tx, str("village_id"), str("code"), id); err != nil {
				return err
			}
		case "residents":
			if err := parentGone("households", str("household_id")); err != nil {
				return err
			}
			if err := checkUniqueID(tx, str("id_number"), id); err != nil {
				return err
			}
		default:
			info := levelInfo[Level(table)]
			if info.parent != "" {
				if err := parentGone(info.parentTable, str(info.parent)); err != nil {
					return err
				}
			}
			if err := checkUniqueName(tx, Level(table), str(info.parent), str("name"), id); err != nil {
				return err
			}
		}
		return tx.Restore(table, id)
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// Merged is what a merge of neighbourhoods did, for its undo: the neighbourhood merged away, the
// households it moved and the leaders whose terms it ended.
type Merged struct {
	Into       string      `json:"into"`
	From       string      `json:"from"`
	Households []string    `json:"households"`
	Leaders    []EndedTerm `json:"leaders"`
	Warnings   Warnings    `json:"warnings"`
}

// UndoMerge undoes a merge: the neighbourhood merged away comes back, the households it moved that
// are still in the other go back to it, and its leaders' terms ended by the merge are open again.
// Code conflict when the neighbourhood cannot come back (see Restore).
func (s *Service) UndoMerge(ctx context.Context, m Merged) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get("neighbourhoods", m.From, store.IncludeDeleted)
		if err != nil {
			return err
		}
		groupID, _ := row["group_id"].(string)
		name, _ := row["name"].(string)
		if _, err := tx.Get("groups", groupID); err != nil {
			return errs.New(errs.Conflict, "这个邻所属的组已被删除，无法撤销合并")
		}
		if err := checkUniqueName(tx, LevelNeighbourhood, groupID, name, m.From); err != nil {
			return err
		}
		if err := tx.Restore("neighbourhoods", m.From); err != nil {
			return err
		}
		for _, h := range m.Households {
			hh, err := tx.Get("households", h)
			if err != nil || hh["neighbourhood_id"] != m.Into {
				continue // deleted or moved on since: left where it is
			}
			if err := moveHousehold(tx, h, m.Into, m.From); err != nil {
				return err
			}
		}
		for _, l := range m.Leaders {
			if _, err := tx.Get("leaders", l.ID); err != nil {
				continue // removed since
			}
			if _, err := tx.Update("leaders", l.ID, store.Values{"term_end": l.TermEnd}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}
