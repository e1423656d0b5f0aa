package cases

import (
	"context"
	"strconv"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// WriteLedgerTemplate writes the empty 民情台账 template: the title, the columns with a help line each,
// drop-down lists, text-formatted ID, phone and number columns, and a 说明 sheet.
func WriteLedgerTemplate(path string) error { return LedgerLayout.WriteTemplate(path) }

// ExportLedger writes every case q picks (all of them, not one page; q's Limit and Offset are
// ignored) as a 民情台账 in the template's columns, oldest first unless q sorts otherwise, so that
// importing the file again gives the same cases — into this database, where each is found by its
// number and skipped, or into another office's with the same villages. It returns the number of cases.
// Code invalid for a bad filter.
func (s *Service) ExportLedger(ctx context.Context, q Query, path string) (int, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	where, args, err := s.where(ctx, q, st)
	if err != nil {
		return 0, err
	}
	order, desc := listOrders["registeredOn"], false
	if q.Sort != "" {
		if order, desc, err = orderOf(q); err != nil {
			return 0, err
		}
	}
	list, err := s.ledgerCases(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+where+` ORDER BY `+order.by(desc), args)
	if err != nil {
		return 0, err
	}
	results, err := s.ledgerResults(ctx, where, args)
	if err != nil {
		return 0, err
	}
	parties, err := s.ledgerParties(ctx, where, args)
	if err != nil {
		return 0, err
	}
	vs, err := grid.NewService(s.db, nil).VillageNames(ctx)
	if err != nil {
		return 0, err
	}
	villages := map[string]string{}
	for _, v := range vs {
		villages[v.ID] = v.Name
	}
	out := make([]map[string]string, 0, len(list))
	for _, c := range list {
		id, name, err := s.residentID(ctx, c.ResidentID)
		if err != nil {
			return 0, err
		}
		if c.PersonName != "" {
			name = c.PersonName
		}
		out = append(out, map[string]string{
			"number": c.Number, "registered_on": c.RegisteredOn, "source": c.Source, "category": c.Category,
			"urgency": c.Urgency, "person": name, "id_number": id, "phone": c.PersonPhone, "village": villages[c.VillageID],
			"location": c.Location, "summary": c.Summary, "description": c.Description, "level": c.Level,
			"handler": c.Handler, "limit_days": strconv.Itoa(c.LimitDays), "deadline": c.Deadline, "state": c.State,
			"resolved_on": c.ResolvedOn, "result": results[c.ID], "satisfaction": c.Satisfaction,
			"mediation": mediationCell(c.Mediation, c.MediationTo), "parties": strings.Join(parties[c.ID], "、"),
		})
	}
	if err := LedgerLayout.Write(path, out); err != nil {
		return 0, err
	}
	return len(out), nil
}

// ledgerCases reads the cases a query picks.
func (s *Service) ledgerCases(ctx context.Context, q string, args []any) ([]Case, error) {
	rows, err := s.db.SQL().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取民情失败")
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ledgerResults maps each case the condition picks to its 办理结果: the note of its latest 办结, or of
// its 导入 when it has been resolved by no step since.
func (s *Service) ledgerResults(ctx context.Context, where string, args []any) (map[string]string, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT case_id, note FROM case_events
		WHERE deleted_at IS NULL AND action IN ('`+ActResolve+`', '`+ActImport+`') AND case_id IN (SELECT id FROM cases WHERE `+where+`)
		ORDER BY on_date, at, rowid`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, note string
		if err := rows.Scan(&id, &note); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
		}
		out[id] = note
	}
	return out, rows.Err()
}

// ledgerParties maps each case the condition picks to the names of the other people it concerns, in
// the order they were added.
func (s *Service) ledgerParties(ctx context.Context, where string, args []any) (map[string][]string, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT case_id, name FROM case_parties
		WHERE deleted_at IS NULL AND case_id IN (SELECT id FROM cases WHERE `+where+`) ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取当事人失败")
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取当事人失败")
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}

// residentID reads the ID number and name of a case's resident ("" for none).
func (s *Service) residentID(ctx context.Context, resident string) (id, name string, err error) {
	if resident == "" {
		return "", "", nil
	}
	r, err := s.db.Get(ctx, "residents", resident)
	if errs.CodeOf(err) == errs.NotFound {
		return "", "", nil // deleted from the registry since: the case keeps its person's name
	}
	if err != nil {
		return "", "", err
	}
	id, _ = r["id_number"].(string)
	name, _ = r["name"].(string)
	return id, name, nil
}
