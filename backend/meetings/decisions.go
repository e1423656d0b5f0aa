package meetings

import (
	"context"
	"encoding/json"
	"strings"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Resolution is a decision of a meeting (会议决定), its vote, and the cases it created or handed down.
type Resolution struct {
	ID           string     `json:"id"`
	ItemID       string     `json:"itemId"` // the agenda item it settles, if any
	Text         string     `json:"text"`
	Voted        bool       `json:"voted"`
	For          int        `json:"for"`
	Against      int        `json:"against"`
	Abstain      int        `json:"abstain"`
	Recused      []string   `json:"recused"`      // member ids
	RecusedNames []string   `json:"recusedNames"` // their names
	Passed       bool       `json:"passed"`
	Handler      string     `json:"handler"`
	DueOn        string     `json:"dueOn"`
	DoneOn       string     `json:"doneOn"`
	DoneNote     string     `json:"doneNote"`
	Cases        []CaseLink `json:"cases"`
}

// CaseLink is a case a decision created (立案) or handed down (交办, 指派), as it stands now.
type CaseLink struct {
	CaseID string      `json:"caseId"`
	Action string      `json:"action"`
	Case   cases.Brief `json:"case"`
}

// ResolutionInput is a decision as the recorder enters it. Vote is nil for a decision agreed without
// a vote (a 民情分析会 议定); the kinds with a quorum (quorum.go) decide only by vote.
type ResolutionInput struct {
	ItemID  string     `json:"itemId"`
	Text    string     `json:"text"`
	Vote    *VoteInput `json:"vote"`
	Handler string     `json:"handler"`
	DueOn   string     `json:"dueOn"`
}

// running reads a meeting that is being held: decisions are taken then. Code conflict otherwise.
func running(tx *store.Tx, id string) (store.Values, error) {
	row, err := editable(tx, id)
	if err != nil {
		return nil, err
	}
	if row["state"] != StateRunning {
		return nil, errs.New(errs.Conflict, "会议还在筹备，开始会议后才能记录决定")
	}
	return row, nil
}

// values checks a decision; every problem of it is told at once (code invalid, or conflict for a
// vote without quorum), nothing is written then.
func (in ResolutionInput) values(tx *store.Tx, meeting store.Values, meetingID string) (store.Values, error) {
	var p errs.Problems
	text, err := textrule.Free("text", "决定事项", in.Text, 1000)
	p.Keep(err)
	if err == nil && strings.TrimSpace(text) == "" {
		p.Keep(errs.Field("text", "请填写决定事项"))
	}
	handler, err := textrule.Name("handler", "落实人", in.Handler, 30, false)
	p.Keep(err)
	due, err := idcard.ParseDate("dueOn", in.DueOn)
	p.Keep(err)
	if err == nil && due != "" && due < meeting["held_on"].(string) {
		p.Keep(errs.Field("dueOn", "落实期限不能早于会议日期"))
	}
	itemID := strings.TrimSpace(in.ItemID)
	if itemID != "" {
		it, err := tx.Get("meeting_items", itemID)
		if err != nil || it["meeting_id"] != meetingID {
			p.Keep(errs.Field("itemId", "所选议题不在本次会议中"))
		}
	}
	v := store.Values{"item_id": itemID, "text": text, "handler": handler, "due_on": due, "voted": false,
		"votes_for": 0, "votes_against": 0, "votes_abstain": 0, "recused": "[]", "passed": true}
	kind := meeting["kind"].(string)
	if in.Vote == nil {
		if _, ok := quorums[kind]; ok {
			p.Keep(errs.Field("vote", "%s的决定须经表决，请填写表决结果", kind))
		}
		return v, p.Err()
	}
	members, err := membersIn(tx, meetingID)
	if err != nil {
		return nil, err
	}
	passed, err := tally(kind, members, *in.Vote)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return nil, err
	}
	recused := in.Vote.Recused
	if recused == nil {
		recused = []string{}
	}
	list, _ := json.Marshal(recused)
	v["voted"], v["votes_for"], v["votes_against"], v["votes_abstain"] = true, in.Vote.For, in.Vote.Against, in.Vote.Abstain
	v["recused"], v["passed"] = string(list), passed
	return v, nil
}

// AddResolution records a decision of a meeting being held, with its vote; a vote without quorum is
// refused with the numbers (code conflict), as is a decision of a kind that must vote, taken without
// one (code invalid). It returns the id.
func (s *Service) AddResolution(ctx context.Context, meetingID string, in ResolutionInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) error {
		row, err := running(tx, meetingID)
		if err != nil {
			return err
		}
		v, err := in.values(tx, row, meetingID)
		if err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRow(`SELECT coalesce(max(position), 0) FROM meeting_resolutions WHERE meeting_id = ? AND deleted_at IS NULL`, meetingID).Scan(&pos); err != nil {
			return errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		v["meeting_id"], v["position"] = meetingID, pos+1
		id, err = tx.Insert("meeting_resolutions", v)
		return err
	})
	return id, err
}

// UpdateResolution changes a decision while the meeting is held, with the checks of recording one.
func (s *Service) UpdateResolution(ctx context.Context, id string, in ResolutionInput) error {
	return s.write(ctx, func(tx *store.Tx) error {
		r, err := resolutionRow(tx, id)
		if err != nil {
			return err
		}
		row, err := running(tx, r["meeting_id"].(string))
		if err != nil {
			return err
		}
		v, err := in.values(tx, row, r["meeting_id"].(string))
		if err != nil {
			return err
		}
		_, err = tx.Update("meeting_resolutions", id, v)
		return err
	})
}

// RemoveResolution removes a decision recorded by mistake while the meeting is held. Code conflict
// when it created or handed down a case.
func (s *Service) RemoveResolution(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		r, err := resolutionRow(tx, id)
		if err != nil {
			return err
		}
		if _, err := running(tx, r["meeting_id"].(string)); err != nil {
			return err
		}
		links, err := linksIn(tx, id)
		if err != nil {
			return err
		}
		if len(links) > 0 {
			return errs.New(errs.Conflict, "这项决定已交办了民情 %s，不能删除", links[0].Case.Number)
		}
		return tx.Delete("meeting_resolutions", id)
	})
}

func resolutionRow(tx *store.Tx, id string) (store.Values, error) {
	r, err := tx.Get("meeting_resolutions", id)
	if err != nil {
		return nil, errs.New(errs.NotFound, "这项会议决定不存在或已删除")
	}
	return r, nil
}

// CaseOrder is what a decision asks of a case: a new one (its matter and category) or one on the
// agenda (CaseID), handed to a handler at a level with a time limit in working days.
type CaseOrder struct {
	CaseID      string `json:"caseId"` // an existing case; "" to register a new one
	Summary     string `json:"summary"`
	Category    string `json:"category"`
	Description string `json:"description"`
	Level       string `json:"level"` // "" or 村 keeps it at the village; lower hands it down (交办)
	Handler     string `json:"handler"`
	Days        int    `json:"days"` // working days; 0 for the category's limit (new cases)
}

// Ordered is what a decision did to a case.
type Ordered struct {
	CaseID string       `json:"caseId"`
	Number string       `json:"number"`
	Action string       `json:"action"`
	Slip   *docs.Issued `json:"slip"` // the 民情交办单, when it was handed down
}

// OrderCase carries a passed decision out on a case, in one transaction with the case's timeline and
// its 民情交办单: a new case is registered (its meeting recorded on it) and accepted by the village
// or handed down; a case on the agenda is handed down (交办) or, kept at its level, assigned (指派).
// The link goes both ways: the decision lists the case, the case its meeting. Codes as cases.ActIn.
func (s *Service) OrderCase(ctx context.Context, archive *docs.Archive, resolutionID string, o CaseOrder) (Ordered, error) {
	var out Ordered
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		out, err = OrderCaseIn(tx, archive, resolutionID, o)
		return err
	})
	if err == nil {
		s.Changed()
	}
	return out, err
}

// OrderCaseIn is OrderCase inside a caller's transaction.
func OrderCaseIn(tx *store.Tx, archive *docs.Archive, resolutionID string, o CaseOrder) (Ordered, error) {
	var out Ordered
	r, err := resolutionRow(tx, resolutionID)
	if err != nil {
		return out, err
	}
	if r["passed"] != int64(1) {
		return out, errs.New(errs.Conflict, "这项决定未获通过，不能据此交办民情")
	}
	m, err := meetingRow(tx, r["meeting_id"].(string))
	if err != nil {
		return out, err
	}
	if m["state"] != StateRunning && m["state"] != StateFinal {
		return out, errs.New(errs.Conflict, "会议还在筹备，开始会议后才能据决定交办民情")
	}
	note := cut("依据"+m["title"].(string)+"决定："+r["text"].(string), 2000)
	level := strings.TrimSpace(o.Level)
	down := level != "" && level != cases.DefaultLevel
	caseID := strings.TrimSpace(o.CaseID)
	if caseID == "" {
		source := "分析会"
		if m["kind"] == KindTalk {
			source = "恳谈会"
		}
		in := cases.Input{Source: source, Category: o.Category, Summary: o.Summary, Description: o.Description,
			VillageID: m["village_id"].(string), MeetingID: m["id"].(string), Location: "", Handler: o.Handler, LimitDays: o.Days}
		if down {
			in.Handler, in.LimitDays = "", 0
		}
		if caseID, out.Number, err = cases.RegisterIn(tx, in); err != nil {
			return out, err
		}
		out.Action = "立案"
		if !down {
			if o.Handler == "" {
				return out, errs.Field("handler", "请填写责任人")
			}
			if err := cases.ActIn(tx, caseID, cases.Step{Action: cases.ActAccept, Note: note}); err != nil {
				return out, err
			}
		}
	}
	out.CaseID = caseID
	switch {
	case down:
		if err := cases.ActIn(tx, caseID, cases.Step{Action: cases.ActHandDown, Level: level, Handler: o.Handler, Days: o.Days, Note: note}); err != nil {
			return out, err
		}
		slip, err := cases.SlipIn(tx, caseID)
		if err != nil {
			return out, err
		}
		issued, _, err := archive.IssueIn(tx, slip, cases.Source(caseID))
		if err != nil {
			return out, err
		}
		out.Slip = &issued
		if out.Action == "" {
			out.Action = "交办"
		}
	case out.Action == "":
		if err := cases.ActIn(tx, caseID, cases.Step{Action: cases.ActAssign, Handler: o.Handler, Note: note}); err != nil {
			return out, err
		}
		out.Action = "指派"
	}
	if out.Number == "" {
		b, err := cases.BriefsIn(tx, []string{caseID})
		if err != nil {
			return out, err
		}
		out.Number = b[caseID].Number
	}
	_, err = tx.Insert("meeting_case_links", store.Values{"resolution_id": resolutionID, "meeting_id": m["id"], "case_id": caseID, "action": out.Action})
	return out, err
}

// MarkDone records that a decision was carried out, on date (ISO, "" for today), with what was done;
// it then leaves the next meetings' agendas. Code conflict for a decision not passed.
func (s *Service) MarkDone(ctx context.Context, resolutionID, date, note string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		r, err := resolutionRow(tx, resolutionID)
		if err != nil {
			return err
		}
		if r["passed"] != int64(1) {
			return errs.New(errs.Conflict, "这项决定未获通过，无需落实")
		}
		d, err := idcard.ParseDate("date", date)
		if err != nil {
			return err
		}
		today := tx.Today().Format(dateLayout)
		if d == "" {
			d = today
		}
		if d > today {
			return errs.Field("date", "落实日期不能晚于今天")
		}
		n, err := textrule.Free("note", "落实情况", note, 500)
		if err != nil {
			return err
		}
		_, err = tx.Update("meeting_resolutions", resolutionID, store.Values{"done_on": d, "done_note": n})
		return err
	})
}

// linksIn reads the cases a decision created or handed down.
func linksIn(tx *store.Tx, resolutionID string) ([]CaseLink, error) {
	rows, err := tx.Query(`SELECT case_id, action FROM meeting_case_links WHERE resolution_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, resolutionID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	out := []CaseLink{}
	var ids []string
	for rows.Next() {
		var l CaseLink
		if err := rows.Scan(&l.CaseID, &l.Action); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		out = append(out, l)
		ids = append(ids, l.CaseID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	briefs, err := cases.BriefsIn(tx, ids)
	if err != nil {
		return nil, err
	}
	live := out[:0]
	for _, l := range out {
		if b, ok := briefs[l.CaseID]; ok {
			l.Case = b
			live = append(live, l)
		}
	}
	return live, nil
}

// resolutionsIn reads a meeting's decisions in order, with their cases.
func resolutionsIn(tx *store.Tx, meetingID string, members []Member) ([]Resolution, error) {
	rows, err := tx.Query(`SELECT id, item_id, text, voted, votes_for, votes_against, votes_abstain, recused, passed, handler,
		due_on, done_on, done_note FROM meeting_resolutions WHERE meeting_id = ? AND deleted_at IS NULL ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	names := map[string]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	out := []Resolution{}
	for rows.Next() {
		var r Resolution
		var recused string
		if err := rows.Scan(&r.ID, &r.ItemID, &r.Text, &r.Voted, &r.For, &r.Against, &r.Abstain, &recused, &r.Passed, &r.Handler,
			&r.DueOn, &r.DoneOn, &r.DoneNote); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		r.Recused, r.RecusedNames = []string{}, []string{}
		_ = json.Unmarshal([]byte(recused), &r.Recused)
		for _, id := range r.Recused {
			r.RecusedNames = append(r.RecusedNames, names[id])
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	for i := range out {
		if out[i].Cases, err = linksIn(tx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
