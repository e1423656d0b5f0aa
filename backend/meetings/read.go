package meetings

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// Meeting is a meeting as its page shows it: its particulars, who came, the agenda, the decisions
// with their cases, the minutes and their addenda, and the quorum counted.
type Meeting struct {
	ID           string       `json:"id"`
	VillageID    string       `json:"villageId"`
	VillageName  string       `json:"villageName"`
	Kind         string       `json:"kind"`
	Title        string       `json:"title"`
	Date         string       `json:"date"`
	Start        string       `json:"start"`
	End          string       `json:"end"`
	Place        string       `json:"place"`
	Host         string       `json:"host"`
	Recorder     string       `json:"recorder"`
	State        string       `json:"state"`
	Record       string       `json:"record"`
	Opinion      string       `json:"opinion"`
	CancelReason string       `json:"cancelReason"`
	FinalisedOn  string       `json:"finalisedOn"`
	FinalisedBy  string       `json:"finalisedBy"`
	IssueNo      string       `json:"issueNo"`
	Members      []Member     `json:"members"`
	Items        []Item       `json:"items"`
	Resolutions  []Resolution `json:"resolutions"`
	Addenda      []Addendum   `json:"addenda"`
	Quorum       Quorum       `json:"quorum"`
	NeedsVote    bool         `json:"needsVote"` // its decisions are taken by vote only
}

// Addendum is a dated addition to final minutes.
type Addendum struct {
	On       string `json:"on"`
	Text     string `json:"text"`
	Operator string `json:"operator"`
}

const meetingColumns = `m.id, m.village_id, m.kind, m.title, m.held_on, m.start_time, m.end_time, m.place,
	m.host, m.recorder, m.state, m.record, m.opinion, m.cancel_reason, m.finalised_on, m.finalised_by, m.issue_no`

type scanner interface{ Scan(...any) error }

func scanMeeting(r scanner) (Meeting, error) {
	var m Meeting
	err := r.Scan(&m.ID, &m.VillageID, &m.Kind, &m.Title, &m.Date, &m.Start, &m.End, &m.Place, &m.Host,
		&m.Recorder, &m.State, &m.Record, &m.Opinion, &m.CancelReason, &m.FinalisedOn, &m.FinalisedBy, &m.IssueNo)
	return m, err
}

// Get returns a meeting with everything in it. Code not_found when it is not there (or deleted).
func (s *Service) Get(ctx context.Context, id string) (Meeting, error) {
	var m Meeting
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		m, err = GetIn(tx, id)
		return err
	})
	return m, err
}

// GetIn is Get inside a caller's transaction.
func GetIn(tx *store.Tx, id string) (Meeting, error) {
	m, err := scanMeeting(tx.QueryRow(`SELECT `+meetingColumns+` FROM meetings m WHERE m.id = ? AND m.deleted_at IS NULL`, id))
	if err != nil {
		return m, errs.New(errs.NotFound, "这次会议不存在或已删除")
	}
	m.VillageName, _ = grid.VillageNameIn(tx, m.VillageID, "villageId") // "" for a village since deleted
	if m.Members, err = membersIn(tx, id); err != nil {
		return m, err
	}
	if m.Items, err = itemsIn(tx, id); err != nil {
		return m, err
	}
	if m.Resolutions, err = resolutionsIn(tx, id, m.Members); err != nil {
		return m, err
	}
	if m.Addenda, err = addendaIn(tx, id); err != nil {
		return m, err
	}
	m.Quorum = quorumOf(m.Kind, m.Members)
	_, m.NeedsVote = quorums[m.Kind]
	return m, nil
}

func addendaIn(tx *store.Tx, id string) ([]Addendum, error) {
	rows, err := tx.Query(`SELECT on_date, text, operator FROM meeting_addenda WHERE meeting_id = ? AND deleted_at IS NULL
		ORDER BY on_date, created_at, id`, id)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取补充说明失败")
	}
	defer rows.Close()
	out := []Addendum{}
	for rows.Next() {
		var a Addendum
		if err := rows.Scan(&a.On, &a.Text, &a.Operator); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取补充说明失败")
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Query picks meetings for the list.
type Query struct {
	VillageID string `json:"villageId"`
	Kind      string `json:"kind"`
	State     string `json:"state"`
	From      string `json:"from"` // ISO, "" for no bound
	To        string `json:"to"`
	Limit     int    `json:"limit"` // 0 for 100
	Offset    int    `json:"offset"`
}

// Summary is a meeting in the list.
type Summary struct {
	ID          string `json:"id"`
	VillageID   string `json:"villageId"`
	VillageName string `json:"villageName"`
	Kind        string `json:"kind"`
	Title       string `json:"title"`
	Date        string `json:"date"`
	Start       string `json:"start"`
	Place       string `json:"place"`
	State       string `json:"state"`
	Members     int    `json:"members"` // 应到
	Present     int    `json:"present"` // 实到
	Resolutions int    `json:"resolutions"`
}

// Page is a page of the list and how many meetings match in all.
type Page struct {
	Total    int       `json:"total"`
	Meetings []Summary `json:"meetings"`
}

// List returns the meetings that match q, the latest first.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	conds, args := []string{"m.deleted_at IS NULL"}, []any{}
	add := func(cond string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			conds, args = append(conds, cond), append(args, v)
		}
	}
	add("m.village_id = ?", q.VillageID)
	add("m.kind = ?", q.Kind)
	add("m.state = ?", q.State)
	add("m.held_on >= ?", q.From)
	add("m.held_on <= ?", q.To)
	where := strings.Join(conds, " AND ")
	p := Page{Meetings: []Summary{}}
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM meetings m WHERE `+where, args...).Scan(&p.Total); err != nil {
		return p, errs.Wrap(err, errs.Internal, "读取会议失败")
	}
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT m.id, m.village_id, m.kind, m.title, m.held_on, m.start_time, m.place, m.state,
		(SELECT count(*) FROM meeting_members x WHERE x.meeting_id = m.id AND x.deleted_at IS NULL AND x.voting = 1),
		(SELECT count(*) FROM meeting_members x WHERE x.meeting_id = m.id AND x.deleted_at IS NULL AND x.voting = 1 AND x.attendance = '出席'),
		(SELECT count(*) FROM meeting_resolutions r WHERE r.meeting_id = m.id AND r.deleted_at IS NULL)
		FROM meetings m WHERE `+where+`
		ORDER BY m.held_on DESC, m.start_time DESC, m.id LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return p, errs.Wrap(err, errs.Internal, "读取会议失败")
	}
	defer rows.Close()
	names, err := s.villageNames(ctx)
	if err != nil {
		return p, err
	}
	for rows.Next() {
		var m Summary
		if err := rows.Scan(&m.ID, &m.VillageID, &m.Kind, &m.Title, &m.Date, &m.Start, &m.Place, &m.State,
			&m.Members, &m.Present, &m.Resolutions); err != nil {
			return p, errs.Wrap(err, errs.Internal, "读取会议失败")
		}
		m.VillageName = names[m.VillageID]
		p.Meetings = append(p.Meetings, m)
	}
	return p, rows.Err()
}

// Villages lists the live villages, for the screens' choices.
func (s *Service) Villages(ctx context.Context) ([]grid.VillageBrief, error) {
	return grid.NewService(s.db, nil).VillageList(ctx)
}

// villageNames maps the live villages' ids to their names.
func (s *Service) villageNames(ctx context.Context) (map[string]string, error) {
	list, err := s.Villages(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(list))
	for _, v := range list {
		out[v.ID] = v.Name
	}
	return out, nil
}
