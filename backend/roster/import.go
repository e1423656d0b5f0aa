package roster

import (
	"context"
	"strconv"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/progress"
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
// It reports the rows written as stage 导入 to rep (may be nil) and stops when ctx is cancelled,
// leaving nothing written (code conflict, wrapping the context's error).
func Import(ctx context.Context, g *grid.Service, p *Preview, opts Options, rep progress.Reporter) (Result, error) {
	var res Result
	if p.Rejected > 0 && !opts.ValidOnly {
		return res, errs.New(errs.Invalid, "有 %d 行有问题，未导入任何数据；请改正后重新导入，或选择只导入有效的 %d 行", p.Rejected, p.Valid)
	}
	rep = progress.Or(rep)
	total := len(p.rows)
	rep.Report(StageImport, 0, total)
	err := g.Batch(ctx, func(b *grid.Batch) error {
		registered, err := b.RegisteredIDs(ctx, idNumbers(p.rows))
		if err != nil {
			return err
		}
		if err := b.ExpectResidents(total - len(registered)); err != nil {
			return err
		}
		b.Tx().DeferInserts()
		w := &writer{b: b, res: &res, opts: opts, nodes: map[string]string{}, made: map[string]bool{}, households: map[string]string{},
			registered: registered}
		for i, packed := range p.rows {
			r := packed.row()
			if i%reportEvery == 0 && i > 0 {
				if err := progress.Cancelled(ctx); err != nil {
					return err
				}
				rep.Report(StageImport, i, total)
			}
			if err := w.row(r); err != nil {
				e := errs.As(err)
				return &errs.Error{Code: e.Code, Field: e.Field, Message: "第 " + strconv.Itoa(r.Number) + " 行：" + e.Message, Err: e.Err}
			}
		}
		return progress.Cancelled(ctx)
	})
	if err != nil {
		if c := progress.Cancelled(ctx); c != nil {
			return Result{}, c // the read or write that noticed it first says "context canceled"
		}
		return Result{}, err
	}
	rep.Report(StageImport, total, total)
	return res, nil
}

// StageImport is the stage an import reports its rows under.
const StageImport = "导入"

// reportEvery is how many rows an import writes between two reports (and checks for a cancel).
const reportEvery = 500

// writer places rows in the registry, remembering the nodes and households it found or made.
type writer struct {
	b          *grid.Batch
	res        *Result
	opts       Options
	nodes      map[string]string // level and path of names -> id
	made       map[string]bool   // the nodes this import made
	households map[string]string // household key -> id
	registered map[string]string // ID number -> id of the resident registered with it
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

// node finds the live node called name under parent, or makes it.
func (w *writer) node(level grid.Level, parent, name string) (string, error) {
	key := string(level) + "\x00" + parent + "\x00" + name
	if id, ok := w.nodes[key]; ok {
		return id, nil
	}
	var id string
	var err error
	if !w.made[parent] { // under a node this import made there is nothing to find
		id, err = grid.FindNode(w.b.Tx(), level, parent, name)
	}
	if err == nil && id == "" {
		id, err = w.b.CreateNode(grid.NodeInput{Level: level, ParentID: parent, Name: name})
		if err == nil {
			w.res.Nodes++
			w.made[id] = true
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
		key := "group-in-village\x00" + v + "\x00" + r.Group
		g = w.nodes[key]
		if g == "" {
			if g, err = grid.FindGroupInVillage(w.b.Tx(), v, r.Group); err != nil {
				return "", "", err
			}
			if g != "" {
				w.nodes[key] = g
			}
		}
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
	var err error
	switch {
	case r.HouseholdCode != "":
		id, err = w.b.HouseholdByCode(village, r.HouseholdCode)
	case r.Address != "":
		id, err = grid.HouseholdByAddress(w.b.Tx(), nb, r.Address)
	}
	if err != nil {
		return "", err
	}
	if id == "" {
		in := grid.HouseholdInput{NeighbourhoodID: nb, Code: r.HouseholdCode, Address: r.Address, Tags: r.Tags}
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

// existingResident returns the id of the registered person a row describes, or "". People with an ID
// number were looked up all at once when the import began (the roster has each ID once, so its own
// rows cannot add one); people without one by name in their household.
func (w *writer) existingResident(in grid.ResidentInput) (string, error) {
	if in.IDNumber != "" {
		return w.registered[in.IDNumber], nil
	}
	return grid.ResidentByName(w.b.Tx(), in.HouseholdID, in.Name)
}
