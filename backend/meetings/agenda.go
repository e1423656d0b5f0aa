package meetings

import (
	"context"
	"fmt"
	"strings"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// agendaCases is how many of a village's open cases a 民情分析会's agenda takes at most, the nearest
// deadline first; the rest are counted in the last item.
const agendaCases = 30

// Item is one item of a meeting's agenda.
type Item struct {
	ID           string       `json:"id"`
	Title        string       `json:"title"`
	CaseID       string       `json:"caseId"`       // a case taken up
	Case         *cases.Brief `json:"case"`         // where it stands now
	ResolutionID string       `json:"resolutionId"` // an earlier decision followed up
	Note         string       `json:"note"`         // what was said of it
}

// ItemInput adds or changes an agenda item.
type ItemInput struct {
	Title  string `json:"title"`
	CaseID string `json:"caseId"`
	Note   string `json:"note"`
}

// Pending is an earlier decision not yet carried out: its cases still open, or, without cases, not
// marked done.
type Pending struct {
	ResolutionID string `json:"resolutionId"`
	Text         string `json:"text"`
	Meeting      string `json:"meeting"` // the title of the meeting that took it
	HeldOn       string `json:"heldOn"`
	OpenCases    int    `json:"openCases"`
}

// pendingIn lists the unfinished decisions of the village's meetings held before day, oldest first.
func pendingIn(tx *store.Tx, villageID, day string) ([]Pending, map[string]bool, error) {
	rows, err := tx.Query(`SELECT r.id, r.text, m.title, m.held_on, r.handler FROM meeting_resolutions r JOIN meetings m ON m.id = r.meeting_id
		WHERE m.village_id = ? AND m.held_on < ? AND m.state IN ('进行中', '已定稿') AND m.deleted_at IS NULL
		  AND r.deleted_at IS NULL AND r.passed = 1 AND r.done_on = '' ORDER BY m.held_on, r.position`, villageID, day)
	if err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	type cand struct {
		p       Pending
		handler string
	}
	var list []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.p.ResolutionID, &c.p.Text, &c.p.Meeting, &c.p.HeldOn, &c.handler); err != nil {
			rows.Close()
			return nil, nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	out, linked := []Pending{}, map[string]bool{}
	for _, c := range list {
		links, err := linksIn(tx, c.p.ResolutionID)
		if err != nil {
			return nil, nil, err
		}
		for _, l := range links {
			if l.Case.Open {
				c.p.OpenCases++
			}
		}
		if len(links) > 0 && c.p.OpenCases == 0 || len(links) == 0 && c.handler == "" {
			continue // carried out, or nothing anyone was charged with
		}
		for _, l := range links {
			linked[l.CaseID] = true
		}
		out = append(out, c.p)
	}
	return out, linked, nil
}

// prefillAgendaIn gives a 民情分析会 its agenda: the decisions of earlier meetings not yet carried out,
// then the village's open cases, the nearest deadline first (those of the decisions aside).
func prefillAgendaIn(tx *store.Tx, meetingID, villageID, day string) error {
	pending, linked, err := pendingIn(tx, villageID, day)
	if err != nil {
		return err
	}
	pos := 0
	add := func(v store.Values) error {
		pos++
		v["meeting_id"], v["position"] = meetingID, pos
		_, err := tx.Insert("meeting_items", v)
		return err
	}
	for _, p := range pending {
		title := cut(fmt.Sprintf("跟进%s决定：%s", cn(p.HeldOn), p.Text), 100)
		if err := add(store.Values{"title": title, "resolution_id": p.ResolutionID}); err != nil {
			return err
		}
	}
	open, total, err := cases.OpenInVillageIn(tx, villageID, agendaCases+len(linked))
	if err != nil {
		return err
	}
	taken := 0
	for _, c := range open {
		if linked[c.ID] || taken == agendaCases {
			continue
		}
		taken++
		if err := add(store.Values{"title": caseTitle(c), "case_id": c.ID}); err != nil {
			return err
		}
	}
	if rest := total - taken - len(linked); rest > 0 {
		return add(store.Values{"title": fmt.Sprintf("其余%d件在办民情（见民情台账）", rest)})
	}
	return nil
}

// caseTitle is how an agenda names a case: its number and matter. Whether it is late is read live
// (Item.Case), not written into a title that would go stale.
func caseTitle(c cases.Brief) string { return cut(c.Number+" "+c.Summary, 100) }

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// AddItem adds an item to the agenda: free text, or a case taken up (its number and matter, when
// the title is left empty). Code conflict once the minutes are final.
func (s *Service) AddItem(ctx context.Context, meetingID string, in ItemInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) error {
		if _, err := editable(tx, meetingID); err != nil {
			return err
		}
		v, err := in.values(tx)
		if err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRow(`SELECT coalesce(max(position), 0) FROM meeting_items WHERE meeting_id = ? AND deleted_at IS NULL`, meetingID).Scan(&pos); err != nil {
			return errs.Wrap(err, errs.Internal, "读取议题失败")
		}
		v["meeting_id"], v["position"] = meetingID, pos+1
		id, err = tx.Insert("meeting_items", v)
		return err
	})
	return id, err
}

func (in ItemInput) values(tx *store.Tx) (store.Values, error) {
	caseID := strings.TrimSpace(in.CaseID)
	title := strings.TrimSpace(in.Title)
	if caseID != "" {
		b, err := cases.BriefsIn(tx, []string{caseID})
		if err != nil {
			return nil, err
		}
		c, ok := b[caseID]
		if !ok {
			return nil, errs.Field("caseId", "所选民情不存在或已删除")
		}
		if title == "" {
			title = caseTitle(c)
		}
	}
	title, err := textrule.Name("title", "议题", title, 100, true)
	if err != nil {
		return nil, err
	}
	note, err := textrule.Free("note", "讨论情况", in.Note, 2000)
	if err != nil {
		return nil, err
	}
	return store.Values{"title": title, "case_id": caseID, "note": note}, nil
}

// UpdateItem changes an item's title and what was said of it (its case stays). Code conflict once
// the minutes are final.
func (s *Service) UpdateItem(ctx context.Context, itemID string, in ItemInput) error {
	return s.write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get("meeting_items", itemID)
		if err != nil {
			return errs.New(errs.NotFound, "这项议题不存在或已删除")
		}
		if _, err := editable(tx, row["meeting_id"].(string)); err != nil {
			return err
		}
		in.CaseID = row["case_id"].(string)
		v, err := in.values(tx)
		if err != nil {
			return err
		}
		delete(v, "case_id")
		_, err = tx.Update("meeting_items", itemID, v)
		return err
	})
}

// RemoveItem takes an item off the agenda. Code conflict once the minutes are final, or when a
// decision was taken on it.
func (s *Service) RemoveItem(ctx context.Context, itemID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get("meeting_items", itemID)
		if err != nil {
			return errs.New(errs.NotFound, "这项议题不存在或已删除")
		}
		if _, err := editable(tx, row["meeting_id"].(string)); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM meeting_resolutions WHERE item_id = ? AND deleted_at IS NULL`, itemID).Scan(&n); err != nil {
			return errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		if n > 0 {
			return errs.New(errs.Conflict, "这项议题已有会议决定，不能移除")
		}
		return tx.Delete("meeting_items", itemID)
	})
}

// itemsIn reads a meeting's agenda in order, each case with where it stands.
func itemsIn(tx *store.Tx, meetingID string) ([]Item, error) {
	rows, err := tx.Query(`SELECT id, title, case_id, resolution_id, note FROM meeting_items
		WHERE meeting_id = ? AND deleted_at IS NULL ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取议题失败")
	}
	out := []Item{}
	var ids []string
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Title, &it.CaseID, &it.ResolutionID, &it.Note); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取议题失败")
		}
		if it.CaseID != "" {
			ids = append(ids, it.CaseID)
		}
		out = append(out, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取议题失败")
	}
	briefs, err := cases.BriefsIn(tx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if b, ok := briefs[out[i].CaseID]; ok {
			out[i].Case = &b
		}
	}
	return out, nil
}
