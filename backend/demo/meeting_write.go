package demo

import (
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// writeMeetingRows writes a village's meetings themselves (the cases they registered name them);
// writeMeetingDetails writes the rest once the cases are there.
func writeMeetingRows(tx *store.Tx, villageID string, vm *villageMeetings, st *Stats) error {
	for _, m := range vm.meetings {
		var err error
		m.id, err = tx.Insert("meetings", store.Values{"village_id": villageID, "kind": m.kind, "title": m.title, "held_on": m.date,
			"start_time": m.start, "end_time": m.end, "place": m.place, "host": m.host.name, "recorder": m.recorder.name,
			"state": m.state, "record": m.record, "opinion": m.opinion, "cancel_reason": m.cancelReason,
			"finalised_on": m.finalisedOn, "finalised_by": finalisedBy(m), "issue_no": m.issueNo})
		if err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入会议“%s”失败", m.title)
		}
		st.Meetings++
	}
	return nil
}

func finalisedBy(m *meetingPlan) string {
	if m.finalisedOn == "" {
		return ""
	}
	return m.recorder.name
}

// writeMeetingDetails writes the meetings' lists with attendance, agendas, decisions with their votes
// and the cases they registered, addenda, and the representatives' reviews.
func writeMeetingDetails(tx *store.Tx, villageID string, vm *villageMeetings) error {
	for _, m := range vm.meetings {
		fail := func(err error) error { return errs.Wrap(err, errs.CodeOf(err), "写入会议“%s”失败", m.title) }
		for i, x := range m.members {
			residentID := ""
			if x.p != nil {
				residentID = x.p.id
			}
			if _, err := tx.Insert("meeting_members", store.Values{"meeting_id": m.id, "resident_id": residentID, "name": x.name,
				"role": x.role, "voting": x.voting, "attendance": x.attendance, "reason": x.reason, "arrived": x.arrived, "position": i + 1}); err != nil {
				return fail(err)
			}
		}
		for i, it := range m.items {
			v := store.Values{"meeting_id": m.id, "position": i + 1, "title": it.title, "note": it.note}
			if it.c != nil {
				v["case_id"], v["title"] = it.c.id, cut(it.c.number+" "+it.c.in.Summary, 100)
			}
			if it.follow != nil {
				v["resolution_id"] = it.follow.id
			}
			var err error
			if it.id, err = tx.Insert("meeting_items", v); err != nil {
				return fail(err)
			}
		}
		for i, res := range m.resolutions {
			itemID := ""
			if res.item != nil {
				itemID = res.item.id
			}
			var err error
			res.id, err = tx.Insert("meeting_resolutions", store.Values{"meeting_id": m.id, "item_id": itemID, "position": i + 1,
				"text": res.text, "voted": res.voted, "votes_for": res.votes[0], "votes_against": res.votes[1], "votes_abstain": res.votes[2],
				"recused": "[]", "passed": res.passed, "handler": res.handler, "due_on": res.due, "done_on": res.done, "done_note": res.doneNote})
			if err != nil {
				return fail(err)
			}
			for _, cp := range res.cases {
				if _, err := tx.Insert("meeting_case_links", store.Values{"resolution_id": res.id, "meeting_id": m.id, "case_id": cp.id,
					"action": "立案"}); err != nil {
					return fail(err)
				}
			}
		}
		if m.addendum[0] != "" {
			if _, err := tx.Insert("meeting_addenda", store.Values{"meeting_id": m.id, "on_date": m.addendum[0], "text": m.addendum[1]}); err != nil {
				return fail(err)
			}
		}
	}
	for _, rv := range vm.reviews {
		if _, err := tx.Insert("rep_reviews", store.Values{"resident_id": rv.rep.id, "village_id": villageID, "year": rv.year,
			"grade": rv.grade, "reasons": rv.reasons, "meeting_id": rv.meeting.id, "reviewed_on": rv.meeting.date}); err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "写入村民代表%s的评议结果失败", rv.rep.name)
		}
	}
	return nil
}

// cut shortens s to n characters, the last an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
