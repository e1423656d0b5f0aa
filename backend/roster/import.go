package roster

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// Options say what an import does with rejected rows and with people already registered.
type Options struct {
	ValidOnly      bool `json:"validOnly"`      // import the valid rows when some are rejected
	UpdateExisting bool `json:"updateExisting"` // update people already registered (same ID); else skip them
}

// Result counts what an import did.
type Result struct {
	Added      int `json:"added"`
	Updated    int `json:"updated"`
	Unchanged  int `json:"unchanged"`
	Skipped    int `json:"skipped"`
	Households int `json:"households"` // households created
	Nodes      int `json:"nodes"`      // villages, pieces, groups and neighbourhoods created
}

// Import writes a checked roster in one transaction: all its rows, or none. With rejected rows it
// refuses (code invalid) unless opts.ValidOnly. Nobody is registered twice: a person whose ID number
// (or, without one, whose name in the same household) is registered is updated or skipped.
func Import(ctx context.Context, g *grid.Service, p *Preview, opts Options) (Result, error) {
	var res Result
	if p.Rejected > 0 && !opts.ValidOnly {
		return res, errs.New(errs.Invalid, "有 %d 行有问题，未导入任何数据；请改正后重新导入，或选择只导入有效的 %d 行", p.Rejected, p.Valid)
	}
	err := g.Batch(ctx, func(b *grid.Batch) error {
		w := &writer{b: b, res: &res, opts: opts, nodes: map[string]string{}, households: map[string]string{}}
		for _, r := range p.rows {
			if err := w.row(r); err != nil {
				e := errs.As(err)
				return &errs.Error{Code: e.Code, Field: e.Field, Message: "第 " + strconv.Itoa(r.Number) + " 行：" + e.Message, Err: e.Err}
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// writer places rows in the registry, remembering the nodes and households it found or made.
type writer struct {
	b          *grid.Batch
	res        *Result
	opts       Options
	nodes      map[string]string // level and path of names -> id
	households map[string]string // household key -> id
}

func (w *writer) row(r Row) error {
	village, nb, err := w.neighbourhood(r)
	if err != nil {
		return err
	}
	hh, err := w.household(r, village, nb)
	if err != nil {
		return err
	}
	in := r.Resident
	in.HouseholdID = hh
	existing, err := w.existingResident(in)
	if err != nil {
		return err
	}
	switch {
	case existing == "":
		if _, err := w.b.AddResident(in); err != nil {
			return err
		}
		w.res.Added++
	case !w.opts.UpdateExisting:
		w.res.Skipped++
	default:
		changed, err := w.b.UpdateResident(existing, in)
		if err != nil {
			return err
		}
		if len(changed) > 0 {
			w.res.Updated++
		} else {
			w.res.Unchanged++
		}
	}
	return nil
}

// node finds the live node called name under parent (any piece of the village for a group when the
// roster named no piece), or makes it.
func (w *writer) node(level grid.Level, parent, name string) (string, error) {
	key := string(level) + "\x00" + parent + "\x00" + name
	if id, ok := w.nodes[key]; ok {
		return id, nil
	}
	q := map[grid.Level]string{
		grid.LevelVillage:       `SELECT id FROM villages WHERE name = ?2 AND deleted_at IS NULL AND ?1 = '' ORDER BY id LIMIT 1`,
		grid.LevelPiece:         `SELECT id FROM pieces WHERE village_id = ?1 AND name = ?2 AND deleted_at IS NULL ORDER BY seq LIMIT 1`,
		grid.LevelGroup:         `SELECT id FROM groups WHERE piece_id = ?1 AND name = ?2 AND deleted_at IS NULL ORDER BY seq LIMIT 1`,
		grid.LevelNeighbourhood: `SELECT id FROM neighbourhoods WHERE group_id = ?1 AND name = ?2 AND deleted_at IS NULL ORDER BY seq LIMIT 1`,
	}[level]
	var id string
	err := w.b.Tx().QueryRow(q, parent, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id, err = w.b.CreateNode(grid.NodeInput{Level: level, ParentID: parent, Name: name})
		if err == nil {
			w.res.Nodes++
		}
	}
	if err != nil {
		return "", err
	}
	w.nodes[key] = id
	return id, nil
}

// neighbourhood finds or makes the village, piece, group and neighbourhood of a row, and returns the
// ids of the village and the neighbourhood.
func (w *writer) neighbourhood(r Row) (string, string, error) {
	v, err := w.node(grid.LevelVillage, "", r.Village)
	if err != nil {
		return "", "", err
	}
	var g string
	if r.Piece == DefaultPiece { // no 片 given: the group may already be under a named piece
		_ = w.b.Tx().QueryRow(`SELECT g.id FROM groups g JOIN pieces p ON p.id = g.piece_id
			WHERE p.village_id = ? AND g.name = ? AND g.deleted_at IS NULL AND p.deleted_at IS NULL
			ORDER BY p.seq, g.seq LIMIT 1`, v, r.Group).Scan(&g)
	}
	if g == "" {
		p, err := w.node(grid.LevelPiece, v, r.Piece)
		if err != nil {
			return "", "", err
		}
		if g, err = w.node(grid.LevelGroup, p, r.Group); err != nil {
			return "", "", err
		}
	}
	nb, err := w.node(grid.LevelNeighbourhood, g, r.Neighbourhood)
	return v, nb, err
}

// household finds the row's household — made earlier in this import, or registered with the same
// 户编号 in the village, or at the same address in the neighbourhood — or makes it.
func (w *writer) household(r Row, village, nb string) (string, error) {
	key := r.householdKey()
	if id, ok := w.households[key]; ok {
		return id, nil
	}
	var id string
	switch {
	case r.HouseholdCode != "":
		_ = w.b.Tx().QueryRow(`SELECT id FROM households WHERE village_id = ? AND code = ? AND deleted_at IS NULL`,
			village, r.HouseholdCode).Scan(&id)
	case r.Address != "":
		_ = w.b.Tx().QueryRow(`SELECT id FROM households WHERE neighbourhood_id = ? AND address = ? AND deleted_at IS NULL
			ORDER BY code LIMIT 1`, nb, r.Address).Scan(&id)
	}
	if id == "" {
		in := grid.HouseholdInput{NeighbourhoodID: nb, Code: r.HouseholdCode, Address: r.Address, Tags: r.Tags}
		var err error
		if id, err = w.b.CreateHousehold(in); err != nil {
			return "", err
		}
		w.res.Households++
	} else if w.opts.UpdateExisting && (len(r.Tags) > 0 || r.Address != "") {
		// Only what the roster gives changes; the household's code, phone and notes stay.
		cur, err := w.b.Tx().Get("households", id)
		if err != nil {
			return "", err
		}
		in := grid.HouseholdInput{Code: cur["code"].(string), Address: cur["address"].(string),
			Phone: cur["phone"].(string), Notes: cur["notes"].(string), Tags: r.Tags}
		if r.Address != "" {
			in.Address = r.Address
		}
		if len(r.Tags) == 0 {
			in.Tags = []string{cur["tags"].(string)}
		}
		if _, err := w.b.UpdateHousehold(id, in); err != nil {
			return "", err
		}
	}
	w.households[key] = id
	return id, nil
}

// existingResident returns the id of the registered person a row describes, or "".
func (w *writer) existingResident(in grid.ResidentInput) (string, error) {
	var id string
	var err error
	if in.IDNumber != "" {
		err = w.b.Tx().QueryRow(`SELECT id FROM residents WHERE id_number = ? AND id_number <> '' AND deleted_at IS NULL`, in.IDNumber).Scan(&id)
	} else {
		err = w.b.Tx().QueryRow(`SELECT id FROM residents WHERE household_id = ? AND name = ? AND id_number = '' AND deleted_at IS NULL
			ORDER BY id LIMIT 1`, in.HouseholdID, in.Name).Scan(&id)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", errs.Wrap(err, errs.Internal, "读取居民失败")
	}
	return id, nil
}
