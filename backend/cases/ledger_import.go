package cases

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store"
)

// LedgerOptions say what an import does with rejected rows.
type LedgerOptions struct {
	ValidOnly bool `json:"validOnly"` // import the valid rows when some are rejected
}

// LedgerResult counts what an import did.
type LedgerResult struct {
	Imported  int `json:"imported"`  // cases registered
	Skipped   int `json:"skipped"`   // rows imported before (see ledgerIndex), left alone
	Rejected  int `json:"rejected"`  // rows with problems, not imported
	ByID      int `json:"byId"`      // people found in the registry by ID number
	ByName    int `json:"byName"`    // people found by name in their village
	Outsiders int `json:"outsiders"` // people kept by name and phone only
	// Unassigned counts the cases whose 责任人 is not among the office's leaders: kept as written,
	// waiting for someone to confirm or assign them.
	Unassigned int             `json:"unassigned"`
	Notices    []sheet.Problem `json:"notices"` // what wants a look, by row
}

// StageLedgerImport is the stage an import reports its rows under.
const StageLedgerImport = "导入民情"

// ActImport is the timeline entry of a case that came from a ledger: it stands for the steps the sheet
// records (registration to the state it gives), on the last day the sheet names, with the 办理结果.
const ActImport = "导入"

// ImportLedger registers the valid rows of a checked ledger in one transaction: all of them, or none.
// With rejected rows it refuses (code invalid) unless opts.ValidOnly. A row imported before is
// skipped, so importing a sheet again, or one that overlaps it, creates nothing twice. Each case is
// numbered as Register numbers it, in the order of registration, carries the state the sheet gives
// with what the state machine keeps for it (the day and level of resolution, the satisfaction), and
// one timeline entry 导入. It reports rows to rep (may be nil) and stops when ctx is cancelled,
// leaving nothing written (code conflict).
func (s *Service) ImportLedger(ctx context.Context, p *LedgerPreview, opts LedgerOptions, rep progress.Reporter) (LedgerResult, error) {
	res := LedgerResult{Rejected: p.Rejected, Notices: []sheet.Problem{}}
	if p.Rejected > 0 && !opts.ValidOnly {
		return res, errs.New(errs.Invalid, "有 %d 行有问题，未导入任何数据；请改正后重新导入，或选择只导入有效的 %d 行", p.Rejected, p.Valid)
	}
	rep = progress.Or(rep)
	// Numbers follow the order of registration, as if each had been registered on its day.
	rows := make([]*ledgerRow, len(p.rows))
	for i := range p.rows {
		rows[i] = &p.rows[i]
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Registered < rows[j].Registered })
	total := len(rows)
	rep.Report(StageLedgerImport, 0, total)
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		res = LedgerResult{Rejected: p.Rejected, Notices: []sheet.Problem{}}
		w, err := s.newLedgerWriter(ctx, tx, rows, &res)
		if err != nil {
			return err
		}
		for i, r := range w.rows {
			if i%500 == 0 && i > 0 {
				if err := progress.Cancelled(ctx); err != nil {
					return err
				}
				rep.Report(StageLedgerImport, i+res.Skipped, total)
			}
			if err := w.write(r); err != nil {
				e := errs.As(err)
				return &errs.Error{Code: e.Code, Field: e.Field, Message: "第 " + strconv.Itoa(r.Row) + " 行：" + e.Message, Err: e.Err}
			}
		}
		return progress.Cancelled(ctx)
	})
	if err != nil {
		if c := progress.Cancelled(ctx); c != nil {
			return LedgerResult{Rejected: p.Rejected}, c
		}
		return LedgerResult{Rejected: p.Rejected}, err
	}
	rep.Report(StageLedgerImport, total, total)
	sort.SliceStable(res.Notices, func(i, j int) bool { return res.Notices[i].Row < res.Notices[j].Row })
	if res.Imported > 0 {
		s.events.Emit("cases:changed", nil)
	}
	return res, nil
}

// ledgerWriter registers the rows of one import inside its transaction.
type ledgerWriter struct {
	tx       *store.Tx
	res      *LedgerResult
	rows     []*ledgerRow // those not imported before
	people   map[int]person
	named    map[string][]person // village + "\x00" + name -> the residents of the other people rows name
	short    string
	next     map[string]int // number prefix -> the next sequence number
	villages map[string]bool
}

// newLedgerWriter reads, inside tx, what the rows are compared with: the cases imported before
// (whose rows it drops, counting them skipped), the villages the rows name (which must still be
// there) and the people they name.
func (s *Service) newLedgerWriter(ctx context.Context, tx *store.Tx, all []*ledgerRow, res *LedgerResult) (*ledgerWriter, error) {
	index, err := readLedgerIndex(func(q string, args ...any) (*sql.Rows, error) { return tx.Query(q, args...) }, nil)
	if err != nil {
		return nil, err
	}
	w := &ledgerWriter{tx: tx, res: res, next: map[string]int{}, villages: map[string]bool{}}
	seen := &ledgerIndex{numbers: map[string]bool{}, unnumbered: map[string]bool{}, keys: map[string]bool{}}
	for _, r := range all {
		if index.has(*r) || seen.has(*r) { // seen: a valid-only import may hold a row twice no more
			res.Skipped++
			continue
		}
		seen.add("", r.No, r.Key)
		w.rows = append(w.rows, r)
	}
	if len(w.rows) == 0 {
		return w, nil
	}
	if w.short, err = tx.ShortName(); err != nil {
		return nil, err
	}
	for _, r := range w.rows {
		if r.VillageID != "" && !w.villages[r.VillageID] {
			if _, err := tx.Get("villages", r.VillageID); err != nil {
				return nil, errs.New(errs.Conflict, "第 %d 行：村“%s”在检查之后被删除了，请重新选择文件检查后再导入", r.Row, r.Village)
			}
			w.villages[r.VillageID] = true
		}
	}
	var ambiguous map[int]int
	if w.people, ambiguous, err = s.matchPeople(ctx, tx, w.rows); err != nil {
		return nil, err
	}
	if w.named, err = partiesByName(tx, w.rows); err != nil {
		return nil, err
	}
	for _, r := range w.rows {
		if n := ambiguous[r.Row]; n > 0 {
			res.Notices = append(res.Notices, sheet.Problem{Row: r.Row, Key: "person", Message: fmt.Sprintf(
				"%s有 %d 位居民叫“%s”，无法确定是哪一位，已按未登记人员记录；可补填身份证号后核对", r.Village, n, r.Person)})
		}
		if r.Handler != "" && !r.HandlerKnown {
			res.Notices = append(res.Notices, handlerNotice(r))
		}
	}
	return w, nil
}

// number allocates the next case number of a year, as Register does (丹口-2026-0153): one look at the
// highest number of the series, then counted on inside the transaction.
func (w *ledgerWriter) number(registered string) (string, error) {
	prefix := fmt.Sprintf("%s-%s-", w.short, registered[:4])
	n, ok := w.next[prefix]
	if !ok {
		first, err := w.tx.NextNumber("cases", "number", prefix, 4)
		if err != nil {
			return "", err
		}
		if n, err = strconv.Atoi(strings.TrimPrefix(first, prefix)); err != nil {
			return "", errs.Wrap(err, errs.Internal, "编号 %s 无法读取", first)
		}
	}
	w.next[prefix] = n + 1
	return fmt.Sprintf("%s%04d", prefix, n), nil
}

// write registers one row: the row Register would write for it (the check applied Register's rules
// to every field, so they are not applied again: they would count the deadline a second time), with
// the state the sheet gives, and its timeline entry.
func (w *ledgerWriter) write(r *ledgerRow) error {
	v := store.Values{
		"source": r.Source, "category": r.Category, "urgency": r.Urgency, "summary": r.Summary, "description": r.Description,
		"location": r.Location, "village_id": r.VillageID, "household_id": "", "resident_id": "", "person_name": r.Person,
		"person_phone": r.Phone, "visit_id": "", "state": r.State, "level": r.Level, "handler": r.Handler,
		"registered_on": r.Registered, "limit_days": r.LimitDays, "deadline": r.Deadline, "satisfaction": r.Satisfaction,
		"ledger_no": r.No, "ledger_key": r.Key,
	}
	switch p, ok := w.people[r.Row]; {
	case ok:
		v["resident_id"], v["household_id"] = p.resident, p.household
		if r.VillageID == "" {
			v["village_id"] = p.village
		}
		if r.Person == "" {
			v["person_name"] = p.name
		}
		if r.IDNumber != "" {
			w.res.ByID++
		} else {
			w.res.ByName++
		}
	case r.Person != "":
		w.res.Outsiders++
	}
	if r.Handler != "" && !r.HandlerKnown {
		w.res.Unassigned++
	}
	var err error
	if v["number"], err = w.number(r.Registered); err != nil {
		return err
	}
	on := r.Registered
	if r.Resolved != "" {
		v["resolved_on"], v["resolved_level"] = r.Resolved, r.Level
		v["mediation"], v["mediation_to"] = r.Mediation, r.MediationTo
		on = r.Resolved
	}
	id, err := w.tx.Insert("cases", v)
	if err != nil {
		return err
	}
	if err := w.parties(r, id, v["resident_id"].(string), v["village_id"].(string)); err != nil {
		return err
	}
	w.res.Imported++
	return addEvent(w.tx, id, event{On: on, Action: ActImport, To: r.State, Level: r.Level, Handler: r.Handler,
		Deadline: r.Deadline, Note: r.Result})
}

// parties adds the other people a row names to its case: the resident of the case's village with
// the name, when exactly one has it (and is not the reporter), else a person outside the registry.
// In a dispute they are the other side; in any other case they reported it together.
func (w *ledgerWriter) parties(r *ledgerRow, caseID, reporter, village string) error {
	role := RoleCoReport
	if r.Category == CategoryDispute {
		role = RoleOtherSide
	}
	for _, name := range r.Parties {
		in := PartyInput{Role: role, Name: name}
		if ps := w.named[village+"\x00"+name]; len(ps) == 1 && ps[0].resident != reporter {
			in.ResidentID = ps[0].resident
		}
		if _, err := addParty(w.tx, store.Values{"id": caseID, "resident_id": reporter}, in); err != nil {
			return err
		}
	}
	return nil
}

// partiesByName finds, by village, the residents called by the names of the other people rows name.
func partiesByName(tx *store.Tx, rows []*ledgerRow) (map[string][]person, error) {
	names := map[string][]string{}
	seen := map[string]bool{}
	for _, r := range rows {
		for _, n := range r.Parties {
			if key := r.VillageID + "\x00" + n; r.VillageID != "" && !seen[key] {
				seen[key] = true
				names[r.VillageID] = append(names[r.VillageID], n)
			}
		}
	}
	out := map[string][]person{}
	for village, list := range names {
		if err := residentsByName(tx, village, list, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}
