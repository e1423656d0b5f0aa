package cases

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// What a ledger import looks up: the office's villages and leaders (from grid), its own categories
// and the rows it imported before (from cases), and the people of the registry a row names.

// ledgerRefs is what a check compares a ledger's rows with.
type ledgerRefs struct {
	villages   map[string]string // name -> id of the live villages
	names      []string          // their names, in the registry's order
	handlers   map[string]bool   // names of the leaders in office, and the operator
	categories map[string]bool   // categories of live cases, and the office's own, that are not built in
	settings   Settings          // the office's categories and their limits
	index      *ledgerIndex
	added      map[dayCount]string // workday.Add already made (a sheet has few distinct ones)
	counted    map[dayCount]int    // workday.Between already made
}

// dayCount is a day and a number of working days after it, or a day and the one it counts to.
type dayCount struct {
	from, to string
	n        int
}

// add is workday.Add as ISO, remembered: a lookup of the holiday calendar costs a hundred times more
// than the map.
func (r *ledgerRefs) add(from time.Time, n int) string {
	k := dayCount{from: from.Format(dateLayout), n: n}
	d, ok := r.added[k]
	if !ok {
		d = workday.Add(from, n).Format(dateLayout)
		r.added[k] = d
	}
	return d
}

// between is workday.Between, remembered.
func (r *ledgerRefs) between(from, to time.Time) int {
	k := dayCount{from: from.Format(dateLayout), to: to.Format(dateLayout)}
	n, ok := r.counted[k]
	if !ok {
		n = workday.Between(from, to)
		r.counted[k] = n
	}
	return n
}

// ledgerRefs reads the office's villages, leaders in office, own categories and imported rows.
func (s *Service) ledgerRefs(ctx context.Context) (*ledgerRefs, error) {
	g := grid.NewService(s.db, nil)
	vs, err := g.Villages(ctx)
	if err != nil {
		return nil, err
	}
	refs := &ledgerRefs{villages: map[string]string{}, handlers: map[string]bool{}, categories: map[string]bool{},
		added: map[dayCount]string{}, counted: map[dayCount]int{}}
	if refs.settings, err = s.Settings(ctx); err != nil {
		return nil, err
	}
	for _, c := range refs.settings.Categories {
		if _, builtIn := LimitOf(c.Name); !builtIn {
			refs.categories[c.Name] = true
		}
	}
	today := s.db.Today().Format(dateLayout)
	for _, v := range vs {
		refs.villages[v.Name] = v.ID
		refs.names = append(refs.names, v.Name)
		leaders, err := g.Leaders(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		for _, l := range leaders {
			if l.TermEnd == "" || l.TermEnd >= today {
				refs.handlers[l.PersonName] = true
			}
		}
	}
	if op := s.db.Operator(); op != "" {
		refs.handlers[op] = true
	}
	refs.index, err = readLedgerIndex(func(q string, args ...any) (*sql.Rows, error) {
		return s.db.SQL().QueryContext(ctx, q, args...)
	}, refs.categories)
	return refs, err
}

// village finds the village a sheet names: by its name, or with 村 or 社区 added or left off (儒林 is
// 儒林村). It returns the village's own name and id, "" when none is.
func (r *ledgerRefs) village(name string) (string, string) {
	for _, n := range []string{name, name + "村", name + "社区", strings.TrimSuffix(name, "村"), strings.TrimSuffix(name, "社区")} {
		if id, ok := r.villages[n]; ok && n != "" {
			return n, id
		}
	}
	return "", ""
}

// villageList names the office's villages for a message (the first eight).
func (r *ledgerRefs) villageList() string {
	switch n := len(r.names); {
	case n == 0:
		return "：本单位还没有登记任何村，请先在「网格」中建立或导入花名册"
	case n <= 8:
		return "，已有：" + strings.Join(r.names, "、")
	default:
		return fmt.Sprintf("，已有：%s等 %d 个", strings.Join(r.names[:8], "、"), n)
	}
}

// ownCategories lists the office's own categories for a message, "" when it has none.
func (r *ledgerRefs) ownCategories() string {
	var out []string
	for c := range r.categories {
		out = append(out, c)
	}
	if len(out) == 0 {
		return ""
	}
	slices.Sort(out)
	return strings.Join(out, "、")
}

// ledgerIndex is what identifies the cases already there, so that a row imported before is skipped.
// A row with its own 编号 is there when a live case has that number (as its own: a re-import of an
// export) or as its ledger_no, or was imported from a row without a 编号 with the same day, person and
// matter (the sheet gained a 编号 column since). A row without a 编号 is there when a live case was
// imported from a row with the same day, person and matter.
type ledgerIndex struct {
	numbers    map[string]bool // case numbers and ledger numbers
	unnumbered map[string]bool // content keys of cases imported from rows without a 编号
	keys       map[string]bool // content keys of all imported cases
}

// readLedgerIndex reads the index of the live cases through query, and the office's own categories
// into categories.
func readLedgerIndex(query func(q string, args ...any) (*sql.Rows, error), categories map[string]bool) (*ledgerIndex, error) {
	rows, err := query(`SELECT number, ledger_no, ledger_key, category FROM cases WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取已有的民情失败")
	}
	defer rows.Close()
	x := &ledgerIndex{numbers: map[string]bool{}, unnumbered: map[string]bool{}, keys: map[string]bool{}}
	for rows.Next() {
		var number, no, key, category string
		if err := rows.Scan(&number, &no, &key, &category); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取已有的民情失败")
		}
		x.add(number, no, key)
		if _, builtIn := LimitOf(category); !builtIn && categories != nil {
			categories[category] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取已有的民情失败")
	}
	return x, nil
}

func (x *ledgerIndex) add(number, no, key string) {
	if number != "" {
		x.numbers[strings.ToUpper(number)] = true
	}
	if no != "" {
		x.numbers[no] = true
	}
	if key != "" {
		x.keys[key] = true
		if no == "" {
			x.unnumbered[key] = true
		}
	}
}

// has reports whether r was imported before.
func (x *ledgerIndex) has(r ledgerRow) bool {
	if r.No != "" {
		return x.numbers[r.No] || x.unnumbered[r.Key]
	}
	return x.keys[r.Key]
}

// person is who a row's person is in the registry ("" ids for someone outside it).
type person struct{ resident, household, village, name string }

// matchPeople finds the people of rows in the registry: by ID number, or — rows without one — by
// name among the residents in the register of the row's village, when exactly one has it. ambiguous
// lists the rows whose name more than one resident there has.
func (s *Service) matchPeople(ctx context.Context, tx *store.Tx, rows []*ledgerRow) (found map[int]person, ambiguous map[int]int, err error) {
	found, ambiguous = map[int]person{}, map[int]int{}
	var ids []string
	names := map[string][]string{} // village -> names, each once
	seen := map[string]bool{}
	for _, r := range rows {
		switch key := r.VillageID + "\x00" + r.Person; {
		case r.IDNumber != "":
			ids = append(ids, r.IDNumber)
		case r.VillageID != "" && r.Person != "" && !seen[key]:
			seen[key] = true
			names[r.VillageID] = append(names[r.VillageID], r.Person)
		}
	}
	byID, err := grid.NewService(s.db, nil).ResidentsByIDNumbers(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	byName := map[string][]person{} // village + name -> residents
	for village, list := range names {
		if err := residentsByName(tx, village, list, byName); err != nil {
			return nil, nil, err
		}
	}
	for _, r := range rows {
		switch {
		case r.IDNumber != "":
			if id := byID[r.IDNumber]; id != "" {
				p, err := residentOf(tx, id)
				if err != nil {
					return nil, nil, err
				}
				found[r.Row] = p
			}
		case r.VillageID != "" && r.Person != "":
			switch ps := byName[r.VillageID+"\x00"+r.Person]; len(ps) {
			case 1:
				found[r.Row] = ps[0]
			case 0:
			default:
				ambiguous[r.Row] = len(ps)
			}
		}
	}
	return found, ambiguous, nil
}

// residentOf reads a resident's name, household and village.
func residentOf(tx *store.Tx, id string) (person, error) {
	b, err := grid.ResidentIn(tx, id, "id_number")
	if err != nil {
		return person{}, err
	}
	return person{resident: b.ID, household: b.HouseholdID, village: b.VillageID, name: b.Name}, nil
}

// residentsByName adds to out (key village + "\x00" + name) the residents in the register of a
// village called by one of names (each given once), as grid finds them.
func residentsByName(tx *store.Tx, village string, names []string, out map[string][]person) error {
	found, err := grid.ResidentsByName(tx, village, names)
	if err != nil {
		return err
	}
	for name, list := range found {
		for _, b := range list {
			out[village+"\x00"+name] = append(out[village+"\x00"+name], person{resident: b.ID, household: b.HouseholdID, village: village, name: b.Name})
		}
	}
	return nil
}
