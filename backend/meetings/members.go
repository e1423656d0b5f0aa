package meetings

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// The roles a member is invited in, as the minutes name them.
const (
	RoleCommittee = "两委成员"
	RolePiece     = "片长"
	RoleGroup     = "组长"
	RoleRep       = "村民代表" // a neighbourhood leader is a villager representative
	RoleAdviser   = "法律顾问"
	RoleParty     = "党员"
)

// Roles lists the roles that can be invited from the registry, in the order a list names them.
var Roles = []string{RoleCommittee, RolePiece, RoleGroup, RoleRep, RoleAdviser, RoleParty}

var gridRoles = map[string]grid.Role{
	RoleCommittee: grid.RoleCommitteeMember, RolePiece: grid.RolePieceLeader, RoleGroup: grid.RoleGroupLeader,
	RoleRep: grid.RoleNeighbourhoodLeader, RoleAdviser: grid.RoleLegalAdviser,
}

// invite is a role a kind of meeting calls, with or without a vote.
type invite struct {
	role   string
	voting bool
}

// invitations are whom each kind of meeting calls: the 两委 and the grid's leaders analyse the
// month's cases; the representatives meet the villagers quarterly; the legal adviser attends the
// committee's and the representatives' meetings without a vote (列席); a 村民代表会议 is the committee
// and the representatives (村民委员会组织法 §25).
var invitations = map[string][]invite{
	KindAnalysis:  {{RoleCommittee, true}, {RolePiece, true}, {RoleGroup, true}},
	KindTalk:      {{RoleCommittee, true}, {RoleGroup, true}, {RoleRep, true}},
	KindCommittee: {{RoleCommittee, true}, {RoleAdviser, false}},
	KindReps:      {{RoleCommittee, true}, {RoleRep, true}, {RoleAdviser, false}},
	KindParty:     {{RoleParty, true}},
	KindReview:    {{RoleCommittee, true}, {RoleRep, true}},
}

// Member is a person invited to a meeting and whether they came.
type Member struct {
	ID         string `json:"id"`
	ResidentID string `json:"residentId"`
	Name       string `json:"name"`
	Role       string `json:"role"`
	Voting     bool   `json:"voting"`
	Attendance string `json:"attendance"` // one of Attendances, "" while not marked
	Reason     string `json:"reason"`     // of a leave
	Arrived    string `json:"arrived"`    // HH:MM of a late arrival
	LeftEarly  string `json:"leftEarly"`  // HH:MM of an early departure
}

// MemberInput adds a person to a meeting: from the registry (ResidentID) or by name.
type MemberInput struct {
	ResidentID string `json:"residentId"`
	Name       string `json:"name"`
	Role       string `json:"role"`
	Voting     bool   `json:"voting"`
}

// people is who is invited already: by resident, or by name for those outside the registry.
type people map[string]bool

func key(residentID, name string) string {
	if residentID != "" {
		return "r:" + residentID
	}
	return "n:" + name
}

func invitedIn(tx *store.Tx, meetingID string) (people, int, error) {
	rows, err := tx.Query(`SELECT resident_id, name FROM meeting_members WHERE meeting_id = ? AND deleted_at IS NULL`, meetingID)
	if err != nil {
		return nil, 0, errs.Wrap(err, errs.Internal, "读取参会人员失败")
	}
	defer rows.Close()
	out := people{}
	n := 0
	for rows.Next() {
		var r, name string
		if err := rows.Scan(&r, &name); err != nil {
			return nil, 0, errs.Wrap(err, errs.Internal, "读取参会人员失败")
		}
		out[key(r, name)] = true
		n++
	}
	return out, n, rows.Err()
}

// inviteIn adds to a meeting, from the registry as it stands on day, everyone holding one of the
// roles, skipping who is invited already (a piece leader is also a committee member: invited once,
// under the first role that calls them).
func inviteIn(tx *store.Tx, meetingID, villageID, day string, roles []invite) error {
	have, n, err := invitedIn(tx, meetingID)
	if err != nil {
		return err
	}
	var leaders []grid.Leader
	add := func(residentID, name, role string, voting bool) error {
		k := key(residentID, name)
		if have[k] {
			return nil
		}
		have[k] = true
		n++
		_, err := tx.Insert("meeting_members", store.Values{"meeting_id": meetingID, "resident_id": residentID, "name": name,
			"role": role, "voting": voting, "position": n})
		return err
	}
	for _, in := range roles {
		if in.role == RoleParty {
			members, err := grid.PartyMembersIn(tx, villageID)
			if err != nil {
				return err
			}
			for _, m := range members {
				if err := add(m.ID, m.Name, in.role, in.voting); err != nil {
					return err
				}
			}
			continue
		}
		if leaders == nil {
			if leaders, err = grid.LeadersOnIn(tx, villageID, day); err != nil {
				return err
			}
		}
		for _, l := range leaders {
			if l.Role == gridRoles[in.role] {
				if err := add(l.ResidentID, l.PersonName, in.role, in.voting); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// InviteRole invites everyone who holds role in the meeting's village on its day (Roles), with or
// without a vote, and returns how many were added. Code conflict once the minutes are final.
func (s *Service) InviteRole(ctx context.Context, meetingID, role string, voting bool) (int, error) {
	var added int
	err := s.write(ctx, func(tx *store.Tx) error {
		row, err := editable(tx, meetingID)
		if err != nil {
			return err
		}
		if !contains(Roles, role) {
			return errs.Field("role", "身份只能是%s之一", strings.Join(Roles, "、"))
		}
		_, before, err := invitedIn(tx, meetingID)
		if err != nil {
			return err
		}
		if err := inviteIn(tx, meetingID, row["village_id"].(string), row["held_on"].(string), []invite{{role, voting}}); err != nil {
			return err
		}
		_, after, err := invitedIn(tx, meetingID)
		added = after - before
		return err
	})
	return added, err
}

// AddMember invites one person. Code invalid, naming the field, for a missing name or a person
// invited already; conflict once the minutes are final.
func (s *Service) AddMember(ctx context.Context, meetingID string, in MemberInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) error {
		if _, err := editable(tx, meetingID); err != nil {
			return err
		}
		name, residentID := strings.TrimSpace(in.Name), strings.TrimSpace(in.ResidentID)
		if residentID != "" {
			b, err := grid.ResidentIn(tx, residentID, "residentId")
			if err != nil {
				return err
			}
			name = b.Name
		}
		name, err := textrule.Name("name", "姓名", name, 30, true)
		if err != nil {
			return err
		}
		role, err := textrule.Name("role", "身份", in.Role, 20, false)
		if err != nil {
			return err
		}
		have, n, err := invitedIn(tx, meetingID)
		if err != nil {
			return err
		}
		if have[key(residentID, name)] {
			return errs.Field("name", "%s已在参会名单中", name)
		}
		id, err = tx.Insert("meeting_members", store.Values{"meeting_id": meetingID, "resident_id": residentID, "name": name,
			"role": role, "voting": in.Voting, "position": n + 1})
		return err
	})
	return id, err
}

// RemoveMember takes a person off the list. Code conflict once the minutes are final, or when a
// decision records them as recused.
func (s *Service) RemoveMember(ctx context.Context, memberID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		m, err := memberRow(tx, memberID)
		if err != nil {
			return err
		}
		if _, err := editable(tx, m["meeting_id"].(string)); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM meeting_resolutions, json_each(recused) WHERE meeting_id = ? AND deleted_at IS NULL
			AND value = ?`, m["meeting_id"], memberID).Scan(&n); err != nil {
			return errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		if n > 0 {
			return errs.New(errs.Conflict, "%s是某项决定的回避人员，不能移出名单", m["name"])
		}
		return tx.Delete("meeting_members", memberID)
	})
}

func memberRow(tx *store.Tx, id string) (store.Values, error) {
	m, err := tx.Get("meeting_members", id)
	if err != nil {
		return nil, errs.New(errs.NotFound, "这位参会人员不在名单中（可能已移出）")
	}
	return m, nil
}

// Mark is a person's attendance.
type Mark struct {
	Attendance string `json:"attendance"`
	Reason     string `json:"reason"`    // required for a leave
	Arrived    string `json:"arrived"`   // HH:MM, a late arrival
	LeftEarly  string `json:"leftEarly"` // HH:MM, an early departure
}

// MarkAttendance records whether a person came: a member with a vote is 出席, 请假 (with a reason) or
// 缺席; one without a vote 列席, 请假 or 缺席. Code invalid, naming the field, for a mark that does not
// fit; conflict once the minutes are final.
func (s *Service) MarkAttendance(ctx context.Context, memberID string, mk Mark) error {
	return s.write(ctx, func(tx *store.Tx) error {
		m, err := memberRow(tx, memberID)
		if err != nil {
			return err
		}
		meeting, err := editable(tx, m["meeting_id"].(string))
		if err != nil {
			return err
		}
		v, err := mk.values(m["voting"] == int64(1), m["name"].(string), meeting["start_time"].(string), meeting["end_time"].(string))
		if err != nil {
			return err
		}
		_, err = tx.Update("meeting_members", memberID, v)
		return err
	})
}

// values checks a mark of name's attendance at a meeting from start to end (HH:MM, "" when not set):
// a late arrival is after the start, an early departure before the end.
func (mk Mark) values(voting bool, name, start, end string) (store.Values, error) {
	a := strings.TrimSpace(mk.Attendance)
	switch {
	case a == "":
	case a == Observer && voting:
		return nil, errs.Field("attendance", "%s有表决权，到会请标“出席”；列席是无表决权的人员", name)
	case a == Present && !voting:
		return nil, errs.Field("attendance", "%s无表决权，到会请标“列席”", name)
	case !contains(Attendances, a):
		return nil, errs.Field("attendance", "出席情况只能是%s之一", strings.Join(Attendances, "、"))
	}
	reason, err := textrule.Name("reason", "请假原因", mk.Reason, 50, a == OnLeave)
	if err != nil {
		return nil, err
	}
	arrived, err := hhmm("arrived", "迟到时间", mk.Arrived)
	if err != nil {
		return nil, err
	}
	left, err := hhmm("leftEarly", "早退时间", mk.LeftEarly)
	if err != nil {
		return nil, err
	}
	if a != Present && a != Observer && (arrived != "" || left != "") {
		return nil, errs.Field("arrived", "只有到会的人员才记迟到或早退时间")
	}
	if arrived != "" && left != "" && left <= arrived {
		return nil, errs.Field("leftEarly", "早退时间应晚于到会时间")
	}
	if arrived != "" && start != "" && arrived <= start {
		return nil, errs.Field("arrived", "迟到时间应晚于会议开始时间%s", start)
	}
	if left != "" && end != "" && left >= end {
		return nil, errs.Field("leftEarly", "早退时间应早于会议结束时间%s", end)
	}
	if a != OnLeave {
		reason = ""
	}
	return store.Values{"attendance": a, "reason": reason, "arrived": arrived, "left_early": left}, nil
}

// MarkRest marks everyone not yet marked as come (出席, or 列席 for those without a vote) and returns
// how many. Code conflict once the minutes are final.
func (s *Service) MarkRest(ctx context.Context, meetingID string) (int, error) {
	var n int
	err := s.write(ctx, func(tx *store.Tx) error {
		if _, err := editable(tx, meetingID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT id, voting FROM meeting_members WHERE meeting_id = ? AND attendance = '' AND deleted_at IS NULL`, meetingID)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取参会人员失败")
		}
		marks := map[string]string{}
		for rows.Next() {
			var id string
			var voting bool
			if err := rows.Scan(&id, &voting); err != nil {
				rows.Close()
				return errs.Wrap(err, errs.Internal, "读取参会人员失败")
			}
			marks[id] = Observer
			if voting {
				marks[id] = Present
			}
		}
		rows.Close()
		for id, a := range marks {
			if _, err := tx.Update("meeting_members", id, store.Values{"attendance": a}); err != nil {
				return err
			}
		}
		n = len(marks)
		return nil
	})
	return n, err
}

// membersIn reads a meeting's list in its order.
func membersIn(tx *store.Tx, meetingID string) ([]Member, error) {
	rows, err := tx.Query(`SELECT id, resident_id, name, role, voting, attendance, reason, arrived, left_early
		FROM meeting_members WHERE meeting_id = ? AND deleted_at IS NULL ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取参会人员失败")
	}
	defer rows.Close()
	out := []Member{}
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.ResidentID, &m.Name, &m.Role, &m.Voting, &m.Attendance, &m.Reason, &m.Arrived, &m.LeftEarly); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取参会人员失败")
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
