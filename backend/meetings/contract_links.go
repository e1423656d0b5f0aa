package meetings

import (
	"context"
	"database/sql"
	"errors"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Contracts build on meetings: a major contract needs the 村民代表会议 decision that approved it,
// and a legal adviser's attendance at the 两委会议 is counted from the meetings' roll.

// ResolutionBrief is a decision as another domain shows it: what was decided, where and when.
type ResolutionBrief struct {
	ID           string `json:"id"`
	MeetingID    string `json:"meetingId"`
	MeetingTitle string `json:"meetingTitle"`
	Kind         string `json:"kind"`
	VillageID    string `json:"villageId"`
	HeldOn       string `json:"heldOn"`
	State        string `json:"state"` // the meeting's
	Text         string `json:"text"`
	Voted        bool   `json:"voted"`
	Passed       bool   `json:"passed"`
	For          int    `json:"for"`
	Against      int    `json:"against"`
	Abstain      int    `json:"abstain"`
}

const briefColumns = `r.id, m.id, m.title, m.kind, m.village_id, m.held_on, m.state, r.text, r.voted, r.passed,
	r.votes_for, r.votes_against, r.votes_abstain
	FROM meeting_resolutions r JOIN meetings m ON m.id = r.meeting_id`

func scanBrief(sc scanner) (ResolutionBrief, error) {
	var b ResolutionBrief
	err := sc.Scan(&b.ID, &b.MeetingID, &b.MeetingTitle, &b.Kind, &b.VillageID, &b.HeldOn, &b.State, &b.Text,
		&b.Voted, &b.Passed, &b.For, &b.Against, &b.Abstain)
	return b, err
}

// ResolutionBriefIn reads a live decision of a live meeting, in tx. Code not_found naming field when
// there is none.
func ResolutionBriefIn(tx *store.Tx, id, field string) (ResolutionBrief, error) {
	b, err := scanBrief(tx.QueryRow(`SELECT `+briefColumns+` WHERE r.id = ? AND r.deleted_at IS NULL AND m.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, &errs.Error{Code: errs.NotFound, Field: field, Message: "所选的会议决定不存在或已删除"}
	}
	if err != nil {
		return b, &errs.Error{Code: errs.Internal, Field: field, Message: "读取会议决定失败", Err: err}
	}
	return b, nil
}

// PassedDecisions lists a village's decisions passed by vote at a 村民代表会议 or 党员大会 that was
// held, the latest first: the evidence a major contract may name.
func (s *Service) PassedDecisions(ctx context.Context, villageID string) ([]ResolutionBrief, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+briefColumns+` WHERE m.village_id = ? AND m.kind IN (?, ?)
		AND m.state IN (?, ?) AND r.voted = 1 AND r.passed = 1 AND r.deleted_at IS NULL AND m.deleted_at IS NULL
		ORDER BY m.held_on DESC, r.position`, villageID, KindReps, KindParty, StateRunning, StateFinal)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
	}
	defer rows.Close()
	out := []ResolutionBrief{}
	for rows.Next() {
		b, err := scanBrief(rows)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Attendance is how often someone was invited to a kind of meeting and came.
type Attendance struct {
	Invited int `json:"invited"`
	Present int `json:"present"` // 出席 or 列席
}

// AdviserAttendanceIn counts, in tx, the 两委会议 held in a village from since to until (ISO; "" for
// no end) to which a legal adviser of this name was invited, and those they attended.
func AdviserAttendanceIn(tx *store.Tx, name, villageID, since, until string) (Attendance, error) {
	var a Attendance
	if until == "" {
		until = "9999-12-31"
	}
	err := tx.QueryRow(`SELECT count(*), coalesce(sum(x.attendance IN (?, ?)), 0)
		FROM meeting_members x JOIN meetings m ON m.id = x.meeting_id
		WHERE x.name = ? AND x.role = ? AND x.deleted_at IS NULL AND m.deleted_at IS NULL AND m.village_id = ?
		  AND m.kind = ? AND m.state IN (?, ?) AND m.held_on BETWEEN ? AND ?`,
		Present, Observer, name, RoleAdviser, villageID, KindCommittee, StateRunning, StateFinal, since, until).Scan(&a.Invited, &a.Present)
	if err != nil {
		return a, errs.Wrap(err, errs.Internal, "读取法律顾问列席会议情况失败")
	}
	return a, nil
}
