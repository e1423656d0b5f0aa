package grid

import (
	"context"
	"database/sql"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Warnings are what an officer should know after a change that succeeded: a neighbourhood now
// outside 5–15 households.
type Warnings = []string

// sizeWarnings reports the neighbourhoods among ids whose household count is out of bounds.
func sizeWarnings(tx *store.Tx, ids ...string) (Warnings, error) {
	out := Warnings{}
	for _, id := range ids {
		var name string
		var n int
		err := tx.QueryRow(`SELECT n.name, (SELECT count(*) FROM households h WHERE h.neighbourhood_id = n.id AND h.deleted_at IS NULL)
			FROM neighbourhoods n WHERE n.id = ? AND n.deleted_at IS NULL`, id).Scan(&name, &n)
		if err != nil {
			continue // tombstoned by a merge: nothing to warn about
		}
		if w := sizeWarning(n); w != "" {
			out = append(out, name+w)
		}
	}
	return out, nil
}

// MoveHousehold moves a household into another neighbourhood and returns size warnings for both.
func (s *Service) MoveHousehold(ctx context.Context, householdID, neighbourhoodID string) (Warnings, error) {
	var warnings Warnings
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		h, err := tx.Get("households", householdID)
		if err != nil {
			return err
		}
		if _, err := tx.Get("neighbourhoods", neighbourhoodID); err != nil {
			return errs.Field("neighbourhoodId", "要迁入的邻不存在或已删除")
		}
		from := h["neighbourhood_id"].(string)
		if err := moveHousehold(tx, householdID, from, neighbourhoodID); err != nil {
			return err
		}
		warnings, err = sizeWarnings(tx, from, neighbourhoodID)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return warnings, err
}

// moveHousehold moves one household; within a village it keeps its code, into another village it gets
// the next free code there when its own is taken.
func moveHousehold(tx *store.Tx, id, from, to string) error {
	if from == to {
		return nil
	}
	v := store.Values{"neighbourhood_id": to}
	fromVillage, err := villageOf(tx, from)
	if err != nil {
		return err
	}
	toVillage, err := villageOf(tx, to)
	if err != nil {
		return err
	}
	if fromVillage != toVillage {
		v["village_id"] = toVillage
		h, err := tx.Get("households", id)
		if err != nil {
			return err
		}
		if checkHouseholdCode(tx, toVillage, h["code"].(string), id) != nil {
			if v["code"], err = nextHouseholdCode(tx, toVillage); err != nil {
				return err
			}
		}
	}
	_, err = tx.Update("households", id, v)
	return err
}

// SplitNeighbourhood makes a new neighbourhood beside an existing one and moves the given households
// into it. It returns the new neighbourhood's id and size warnings for both.
func (s *Service) SplitNeighbourhood(ctx context.Context, neighbourhoodID, newName string, householdIDs []string) (string, Warnings, error) {
	var id string
	var warnings Warnings
	if len(householdIDs) == 0 {
		return "", nil, errs.Field("householdIds", "请选择要分出去的户")
	}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Get("neighbourhoods", neighbourhoodID)
		if err != nil {
			return err
		}
		id, err = createNode(tx, NodeInput{Level: LevelNeighbourhood, ParentID: n["group_id"].(string), Name: newName}, nil)
		if err != nil {
			return err
		}
		for _, h := range householdIDs {
			row, err := tx.Get("households", h)
			if err != nil || row["neighbourhood_id"] != neighbourhoodID {
				return errs.Field("householdIds", "所选的户不在这个邻里")
			}
			if err := moveHousehold(tx, h, neighbourhoodID, id); err != nil {
				return err
			}
		}
		warnings, err = sizeWarnings(tx, neighbourhoodID, id)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return id, warnings, err
}

// MergeNeighbourhoods moves every household of from into into, ends the terms of from's leaders and
// tombstones from. Both must be in the same village. It returns what it did (for UndoMerge) with
// size warnings for into.
func (s *Service) MergeNeighbourhoods(ctx context.Context, into, from string) (Merged, error) {
	m := Merged{Into: into, From: from, Households: []string{}, Leaders: []EndedTerm{}}
	if into == from {
		return m, errs.Field("from", "不能把一个邻合并到它自己")
	}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		for _, id := range []string{into, from} {
			if _, err := tx.Get("neighbourhoods", id); err != nil {
				return err
			}
		}
		vi, err := villageOf(tx, into)
		if err != nil {
			return err
		}
		vf, err := villageOf(tx, from)
		if err != nil {
			return err
		}
		if vi != vf {
			return errs.Field("from", "只能合并同一个村里的邻")
		}
		ids, err := queryIDs(tx, `SELECT id FROM households WHERE neighbourhood_id = ? AND deleted_at IS NULL`, from)
		if err != nil {
			return err
		}
		for _, h := range ids {
			if err := moveHousehold(tx, h, from, into); err != nil {
				return err
			}
		}
		ended, err := endCurrentTerms(tx, RoleNeighbourhoodLeader, from, s.today().AddDate(0, 0, 1).Format(dateLayout))
		if err != nil {
			return err
		}
		if err := tx.Delete("neighbourhoods", from); err != nil {
			return err
		}
		m.Households, m.Leaders = append(m.Households, ids...), append(m.Leaders, ended...)
		m.Warnings, err = sizeWarnings(tx, into)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return m, err
}

// queryIDs returns the ids a query inside the transaction selects.
func queryIDs(tx *store.Tx, q string, args ...any) ([]string, error) {
	return scanIDs(tx.Query(q, args...))
}

// scanIDs reads the one text column of rows, closes them, and returns any error of the query, of a
// row or of the iteration.
func scanIDs(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取失败")
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取失败")
		}
		ids = append(ids, strings.TrimSpace(id))
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取失败")
	}
	return ids, nil
}
