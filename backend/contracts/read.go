package contracts

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// Request is a request for review as its page shows it: the request, every version of its terms,
// every opinion with its risks, and its timeline.
type Request struct {
	Summary
	SubmittedBy    string                    `json:"submittedBy"`
	ReviewDays     int                       `json:"reviewDays"`
	MajorWhy       string                    `json:"majorWhy"`
	ResolutionID   string                    `json:"resolutionId"`
	Resolution     *meetings.ResolutionBrief `json:"resolution"`
	NoResolution   string                    `json:"noResolution"`
	Missing        string                    `json:"missing"`
	SignedOn       string                    `json:"signedOn"`
	OverrideReason string                    `json:"overrideReason"`
	ClosedReason   string                    `json:"closedReason"`
	NeedsProcedure bool                      `json:"needsProcedure"` // major, and no decision nor reason yet
	Versions       []Version                 `json:"versions"`
	Changes        []VersionChanges          `json:"changes"` // what each later version changed
	Reviews        []Review                  `json:"reviews"`
	Risks          []Risk                    `json:"risks"`
	Events         []Event                   `json:"events"`
}

// Summary is a request as a list shows it.
type Summary struct {
	ID           string `json:"id"`
	Number       string `json:"number"`
	VillageID    string `json:"villageId"`
	VillageName  string `json:"villageName"`
	Title        string `json:"title"`
	Type         string `json:"type"`
	State        string `json:"state"`
	AdviserID    string `json:"adviserId"`
	AdviserName  string `json:"adviserName"`
	Counterparty string `json:"counterparty"`
	AmountFen    int64  `json:"amountFen"`
	SubmittedOn  string `json:"submittedOn"`
	Deadline     string `json:"deadline"`
	Version      int    `json:"version"`
	Major        bool   `json:"major"`
	Conclusion   string `json:"conclusion"` // the last opinion's
	Overdue      bool   `json:"overdue"`    // waiting or under review past the deadline
	DaysOver     int    `json:"daysOver"`   // working days past it
	Override     bool   `json:"override"`   // signed against the opinion or without the procedure
	TermEnd      string `json:"termEnd"`
}

// Event is a timeline entry.
type Event struct {
	At       string `json:"at"`
	On       string `json:"on"`
	Action   string `json:"action"`
	From     string `json:"from"`
	To       string `json:"to"`
	Version  int    `json:"version"`
	Note     string `json:"note"`
	Operator string `json:"operator"`
}

// summaryColumns read a Summary from contract_requests q joined to its current version v and village g
// (the adviser's name and the last conclusion come from the subqueries).
const summaryColumns = `q.id, q.number, q.village_id, q.title, q.type, q.state, q.adviser_id,
	coalesce((SELECT name FROM legal_advisers a WHERE a.id = q.adviser_id), ''), coalesce(v.counterparty, ''),
	coalesce(v.amount_fen, 0), q.submitted_on, q.deadline, q.version, q.major,
	coalesce((SELECT conclusion FROM contract_reviews r WHERE r.request_id = q.id AND r.deleted_at IS NULL
		ORDER BY r.version DESC, r.issued_on DESC, r.id DESC LIMIT 1), ''), q.override_reason <> '', coalesce(v.term_end, '')
	FROM contract_requests q LEFT JOIN contract_versions v ON v.request_id = q.id AND v.version = q.version AND v.deleted_at IS NULL`

func scanSummary(sc interface{ Scan(...any) error }, today string) (Summary, error) {
	var s Summary
	err := sc.Scan(&s.ID, &s.Number, &s.VillageID, &s.Title, &s.Type, &s.State, &s.AdviserID, &s.AdviserName,
		&s.Counterparty, &s.AmountFen, &s.SubmittedOn, &s.Deadline, &s.Version, &s.Major, &s.Conclusion, &s.Override, &s.TermEnd)
	if err == nil && (s.State == StateWaiting || s.State == StateReviewing) && s.Deadline < today {
		s.Overdue = true
		due, _ := parseDay(s.Deadline)
		now, _ := parseDay(today)
		s.DaysOver = workday.Between(due, now)
	}
	return s, err
}

// Get reads a request whole.
func (s *Service) Get(ctx context.Context, id string) (Request, error) {
	var r Request
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		r, err = GetIn(tx, id)
		return err
	})
	return r, err
}

// GetIn is Get inside a caller's transaction.
func GetIn(tx *store.Tx, id string) (Request, error) {
	var r Request
	today := tx.Today().Format(dateLayout)
	sum, err := scanSummary(tx.QueryRow(`SELECT `+summaryColumns+` WHERE q.id = ? AND q.deleted_at IS NULL`, id), today)
	if err != nil {
		if strings.Contains(err.Error(), "no rows") {
			return r, errs.New(errs.NotFound, "这份合同审查申请不存在或已删除")
		}
		return r, errs.Wrap(err, errs.Internal, "读取合同审查申请失败")
	}
	r.Summary = sum
	if r.VillageName, err = grid.VillageNameIn(tx, r.VillageID, "villageId"); err != nil && errs.CodeOf(err) != errs.NotFound {
		return r, err
	}
	row, err := tx.Get("contract_requests", id)
	if err != nil {
		return r, err
	}
	r.SubmittedBy, r.ReviewDays = row["submitted_by"].(string), int(row["review_days"].(int64))
	r.ResolutionID, r.NoResolution = row["resolution_id"].(string), row["no_resolution"].(string)
	r.Missing, r.SignedOn = row["missing"].(string), row["signed_on"].(string)
	r.OverrideReason, r.ClosedReason = row["override_reason"].(string), row["closed_reason"].(string)
	if r.ResolutionID != "" {
		b, err := meetings.ResolutionBriefIn(tx, r.ResolutionID, "resolutionId")
		if err == nil {
			r.Resolution = &b
		} else if errs.CodeOf(err) != errs.NotFound {
			return r, err
		}
	}
	if r.Versions, err = versionsIn(tx, id); err != nil {
		return r, err
	}
	r.Changes = changesOf(r.Versions)
	if r.Reviews, err = reviewsIn(tx, id); err != nil {
		return r, err
	}
	if r.Risks, err = risksIn(tx, id); err != nil {
		return r, err
	}
	if r.Events, err = eventsIn(tx, id); err != nil {
		return r, err
	}
	st, err := settingsIn(tx)
	if err != nil {
		return r, err
	}
	if r.Major {
		_, r.MajorWhy = st.Major(r.Type, r.AmountFen)
		if r.MajorWhy == "" {
			r.MajorWhy = "送审时按重大合同办理"
		}
	}
	r.NeedsProcedure = r.Major && r.ResolutionID == "" && r.NoResolution == ""
	return r, nil
}

func eventsIn(tx *store.Tx, id string) ([]Event, error) {
	rows, err := tx.Query(`SELECT at, on_date, action, from_state, to_state, version, note, operator FROM contract_events
		WHERE request_id = ? AND deleted_at IS NULL ORDER BY at, id`, id)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取审查记录失败")
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.On, &e.Action, &e.From, &e.To, &e.Version, &e.Note, &e.Operator); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取审查记录失败")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Query filters the list of requests.
type Query struct {
	VillageID string `json:"villageId"`
	State     string `json:"state"` // a state, or "open" (待审, 审查中, 退回补充, 已出具意见)
	Type      string `json:"type"`
	Year      int    `json:"year"` // submitted in
	Overdue   bool   `json:"overdue"`
	Words     string `json:"words"` // in the title, number or counterparty
	Limit     int    `json:"limit"`
	Offset    int    `json:"offset"`
}

// Page is a page of the list and how many there are in all.
type Page struct {
	Total int       `json:"total"`
	Items []Summary `json:"items"`
}

// List lists requests, the latest submitted first.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	p := Page{Items: []Summary{}}
	conds, args := []string{"q.deleted_at IS NULL"}, []any{}
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	today := s.db.Today().Format(dateLayout)
	if q.VillageID != "" {
		add("q.village_id = ?", q.VillageID)
	}
	switch {
	case q.State == "open":
		add("q.state IN (?, ?, ?, ?)", StateWaiting, StateReviewing, StateReturned, StateOpinion)
	case q.State != "":
		if !slices.Contains(States, q.State) {
			return p, errs.Field("state", "未知的状态“%s”", q.State)
		}
		add("q.state = ?", q.State)
	}
	if q.Type != "" {
		add("q.type = ?", q.Type)
	}
	if q.Year > 0 {
		add("q.submitted_on BETWEEN ? AND ?", yearStart(q.Year), yearEnd(q.Year))
	}
	if q.Overdue {
		add("q.state IN (?, ?) AND q.deadline < ?", StateWaiting, StateReviewing, today)
	}
	if w := strings.TrimSpace(q.Words); w != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w) + "%"
		add(`(q.title LIKE ? ESCAPE '\' OR q.number LIKE ? ESCAPE '\' OR v.counterparty LIKE ? ESCAPE '\')`, like, like, like)
	}
	where := strings.Join(conds, " AND ")
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(`SELECT count(*) FROM contract_requests q LEFT JOIN contract_versions v ON v.request_id = q.id
			AND v.version = q.version AND v.deleted_at IS NULL WHERE `+where, args...).Scan(&p.Total); err != nil {
			return errs.Wrap(err, errs.Internal, "读取合同审查申请失败")
		}
		rows, err := tx.Query(`SELECT `+summaryColumns+` WHERE `+where+` ORDER BY q.submitted_on DESC, q.number DESC LIMIT ? OFFSET ?`,
			append(args, limit, max(q.Offset, 0))...)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取合同审查申请失败")
		}
		defer rows.Close()
		for rows.Next() {
			sum, err := scanSummary(rows, today)
			if err != nil {
				return errs.Wrap(err, errs.Internal, "读取合同审查申请失败")
			}
			p.Items = append(p.Items, sum)
		}
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, errs.Internal, "读取合同审查申请失败")
		}
		return villageNames{}.fill(tx, p.Items)
	})
	return p, err
}

// villageNames remembers the names of the villages read so far.
type villageNames map[string]string

// of returns a village's name ("" for a deleted one).
func (n villageNames) of(tx *store.Tx, id string) (string, error) {
	if name, ok := n[id]; ok {
		return name, nil
	}
	name, err := grid.VillageNameIn(tx, id, "villageId")
	if err != nil && errs.CodeOf(err) != errs.NotFound {
		return "", err
	}
	n[id] = name
	return name, nil
}

// fill fills in the villages' names of a list.
func (n villageNames) fill(tx *store.Tx, items []Summary) (err error) {
	for i := range items {
		if items[i].VillageName, err = n.of(tx, items[i].VillageID); err != nil {
			return err
		}
	}
	return nil
}

// Villages lists the live villages, for the screen's choices.
func (s *Service) Villages(ctx context.Context) ([]grid.VillageBrief, error) {
	return grid.NewService(s.db, nil).VillageList(ctx)
}

func yearStart(y int) string { return fmt.Sprintf("%04d-01-01", y) }
func yearEnd(y int) string   { return fmt.Sprintf("%04d-12-31", y) }
