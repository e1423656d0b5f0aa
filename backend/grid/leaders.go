package grid

import (
	"context"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Role is a leadership role in the grid.
type Role string

// The roles, with the level each one leads.
const (
	RolePieceLeader         Role = "piece_leader"         // 片长, a member of the village committee
	RoleGroupLeader         Role = "group_leader"         // 组长 (网格长)
	RoleNeighbourhoodLeader Role = "neighbourhood_leader" // 邻长, a villager representative
	RoleCommitteeMember     Role = "committee_member"     // 两委成员
	RoleLegalAdviser        Role = "legal_adviser"        // 村法律顾问, may serve several villages
)

var roleScope = map[Role]Level{
	RolePieceLeader:         LevelPiece,
	RoleGroupLeader:         LevelGroup,
	RoleNeighbourhoodLeader: LevelNeighbourhood,
	RoleCommitteeMember:     LevelVillage,
	RoleLegalAdviser:        LevelVillage,
}

// RoleLabels are the Chinese names of the roles.
var RoleLabels = map[Role]string{
	RolePieceLeader: "片长", RoleGroupLeader: "组长", RoleNeighbourhoodLeader: "邻长",
	RoleCommitteeMember: "两委成员", RoleLegalAdviser: "法律顾问",
}

// LeaderInput assigns a person to a role over a node for a term.
type LeaderInput struct {
	Role       Role   `json:"role"`
	ScopeID    string `json:"scopeId"`    // the village, piece, group or neighbourhood led
	ResidentID string `json:"residentId"` // empty for someone not in the registry (a legal adviser)
	PersonName string `json:"personName"` // taken from the resident when ResidentID is given
	Phone      string `json:"phone"`
	Title      string `json:"title"`
	TermStart  string `json:"termStart"` // ISO date; empty means today
	TermEnd    string `json:"termEnd"`   // ISO date; empty while in office
}

// Leader is a role held by a person.
type Leader struct {
	LeaderInput
	ID        string `json:"id"`
	ScopeName string `json:"scopeName"`
}

// AssignLeader gives a person a role. A piece leader must be a current committee member of the
// village. Assigning a piece, group or neighbourhood leader ends the term of the one before.
func (s *Service) AssignLeader(ctx context.Context, in LeaderInput) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = AssignLeaderIn(tx, in)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return id, err
}

// AssignLeaderIn is AssignLeader inside a caller's transaction (contracts give a legal adviser the
// village's 法律顾问 post in the same write that records whom they serve).
func AssignLeaderIn(tx *store.Tx, in LeaderInput) (string, error) {
	level, ok := roleScope[in.Role]
	if !ok {
		return "", errs.Field("role", "未知的职务 %q", in.Role)
	}
	if _, err := tx.Get(string(level), in.ScopeID); err != nil {
		return "", errs.Field("scopeId", "要担任%s的%s不存在或已删除", RoleLabels[in.Role], levelInfo[level].label)
	}
	today := tx.Today().Format(dateLayout)
	if in.TermStart == "" {
		in.TermStart = today
	}
	start, err := idcard.ParseDate("termStart", in.TermStart)
	if err != nil {
		return "", err
	}
	end, err := idcard.ParseDate("termEnd", in.TermEnd)
	if err != nil {
		return "", err
	}
	if end != "" && end < start {
		return "", errs.Field("termEnd", "任期结束日期不能早于开始日期")
	}
	phone, err := idcard.ParsePhone("phone", in.Phone)
	if err != nil {
		return "", err
	}
	title, err := textrule.Name("title", "具体职务", in.Title, 30, false)
	if err != nil {
		return "", err
	}
	v := store.Values{"role": string(in.Role), "scope_table": string(level), "scope_id": in.ScopeID,
		"phone": phone, "title": title, "term_start": start, "term_end": end}
	if in.ResidentID != "" {
		r, err := tx.Get("residents", in.ResidentID)
		if err != nil {
			return "", errs.Field("residentId", "所选居民不存在或已删除")
		}
		v["resident_id"], v["person_name"] = in.ResidentID, r["name"]
		if phone == "" {
			v["phone"] = r["phone"]
		}
	} else {
		name, err := textrule.Name("personName", "姓名", idcard.Normalize(in.PersonName), 30, false)
		if err != nil {
			return "", err
		}
		if name == "" {
			return "", errs.Field("personName", "请填写担任%s的人员姓名", RoleLabels[in.Role])
		}
		v["person_name"] = name
	}
	if in.Role == RolePieceLeader {
		if err := requireCommitteeMember(tx, in.ScopeID, in.ResidentID, today); err != nil {
			return "", err
		}
	}
	if in.Role != RoleCommitteeMember && in.Role != RoleLegalAdviser {
		if _, err := endCurrentTerms(tx, in.Role, in.ScopeID, start); err != nil {
			return "", err
		}
	}
	return tx.Insert("leaders", v)
}

// requireCommitteeMember checks that a piece leader is a current 两委 member of the piece's village.
func requireCommitteeMember(tx *store.Tx, pieceID, residentID, today string) error {
	if residentID == "" {
		return errs.Field("residentId", "片长须由村两委成员担任，请从居民中选择")
	}
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM leaders l JOIN pieces p ON p.village_id = l.scope_id
		WHERE p.id = ? AND l.role = 'committee_member' AND l.resident_id = ? AND l.deleted_at IS NULL
		  AND (l.term_end = '' OR l.term_end >= ?)`, pieceID, residentID, today).Scan(&n)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "读取两委成员失败")
	}
	if n == 0 {
		return errs.Field("residentId", "片长须由本村两委成员担任；请先把此人登记为两委成员")
	}
	return nil
}

// endCurrentTerms ends, the day before start, the terms of those holding role over scope.
func endCurrentTerms(tx *store.Tx, role Role, scopeID, start string) ([]EndedTerm, error) {
	rows, err := tx.Query(`SELECT id, term_end FROM leaders WHERE role = ? AND scope_id = ? AND deleted_at IS NULL
		AND (term_end = '' OR term_end >= ?)`, string(role), scopeID, start)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取失败")
	}
	var ended []EndedTerm
	for rows.Next() {
		var e EndedTerm
		if err := rows.Scan(&e.ID, &e.TermEnd); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取失败")
		}
		ended = append(ended, e)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取失败")
	}
	t, err := time.Parse(dateLayout, start)
	if err != nil {
		return nil, errs.Field("termStart", "任职开始日期“%s”不是有效日期", start)
	}
	end := t.AddDate(0, 0, -1).Format(dateLayout)
	for _, e := range ended {
		if _, err := tx.Update("leaders", e.ID, store.Values{"term_end": end}); err != nil {
			return nil, err
		}
	}
	return ended, nil
}

// EndedTerm is a term ended early, with the end it had before (undone by putting it back).
type EndedTerm struct {
	ID      string `json:"id"`
	TermEnd string `json:"termEnd"`
}

// EndTerm ends a leader's term on the given date (today when empty).
func (s *Service) EndTerm(ctx context.Context, leaderID, date string) error {
	if date == "" {
		date = s.today().Format(dateLayout)
	}
	d, err := idcard.ParseDate("termEnd", date)
	if err != nil {
		return err
	}
	return s.Batch(ctx, func(b *Batch) error {
		_, err := b.tx.Update("leaders", leaderID, store.Values{"term_end": d})
		return err
	})
}

// villageScopes is a CTE of the ids of a village (?1) and of its pieces, groups and neighbourhoods.
const villageScopes = `WITH scope(id) AS (
	SELECT ?1
	UNION ALL SELECT id FROM pieces WHERE village_id = ?1
	UNION ALL SELECT g.id FROM groups g JOIN pieces p ON p.id = g.piece_id WHERE p.village_id = ?1
	UNION ALL SELECT n.id FROM neighbourhoods n JOIN groups g ON g.id = n.group_id
		JOIN pieces p ON p.id = g.piece_id WHERE p.village_id = ?1)
`

// scopeNames joins a leader (l) to the place it leads, whose name is coalesce(v.name, p.name, g.name, n.name).
const scopeNames = `
		LEFT JOIN villages v ON l.scope_table = 'villages' AND v.id = l.scope_id
		LEFT JOIN pieces p ON l.scope_table = 'pieces' AND p.id = l.scope_id
		LEFT JOIN groups g ON l.scope_table = 'groups' AND g.id = l.scope_id
		LEFT JOIN neighbourhoods n ON l.scope_table = 'neighbourhoods' AND n.id = l.scope_id`

// Leaders lists the leaders of a village and of everything in it, those in office first.
func (s *Service) Leaders(ctx context.Context, villageID string) ([]Leader, error) {
	rows, err := s.db.SQL().QueryContext(ctx, villageScopes+`
		SELECT l.id, l.role, l.scope_id, coalesce(l.resident_id, ''), l.person_name, l.phone, l.title,
		       l.term_start, l.term_end, coalesce(v.name, p.name, g.name, n.name, '')
		FROM leaders l`+scopeNames+`
		WHERE l.deleted_at IS NULL AND l.scope_id IN (SELECT id FROM scope)
		ORDER BY (l.term_end = '' OR l.term_end >= ?2) DESC, l.role, l.term_start DESC`,
		villageID, s.today().Format(dateLayout))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取人员失败")
	}
	defer rows.Close()
	out := []Leader{}
	for rows.Next() {
		var l Leader
		var role string
		if err := rows.Scan(&l.ID, &role, &l.ScopeID, &l.ResidentID, &l.PersonName, &l.Phone, &l.Title,
			&l.TermStart, &l.TermEnd, &l.ScopeName); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取人员失败")
		}
		l.Role = Role(role)
		l.Phone = idcard.MaskPhone(l.Phone)
		out = append(out, l)
	}
	return out, rows.Err()
}

// currentLeaderNames maps each piece, group and neighbourhood of a village to its leader in office.
func (s *Service) currentLeaderNames(ctx context.Context, villageID string) (map[string]string, error) {
	rows, err := s.db.SQL().QueryContext(ctx, villageScopes+`
		SELECT scope_id, person_name FROM leaders
		WHERE deleted_at IS NULL AND role IN ('piece_leader', 'group_leader', 'neighbourhood_leader')
		  AND scope_id IN (SELECT id FROM scope) AND term_start <= ?2 AND (term_end = '' OR term_end >= ?2)
		ORDER BY term_start`, villageID, s.today().Format(dateLayout))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取人员失败")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取人员失败")
		}
		out[id] = name
	}
	return out, rows.Err()
}

// EndTermIn ends a leader's term on date (ISO), in tx; a term that already ended earlier keeps its end.
func EndTermIn(tx *store.Tx, leaderID, date string) error {
	row, err := tx.Get("leaders", leaderID)
	if err != nil {
		return err
	}
	if end, _ := row["term_end"].(string); end != "" && end <= date {
		return nil
	}
	_, err = tx.Update("leaders", leaderID, store.Values{"term_end": date})
	return err
}

// RenamePostIn gives a post held by someone outside the registry (a legal adviser) their new name and
// phone, in tx.
func RenamePostIn(tx *store.Tx, leaderID, name, phone string) error {
	_, err := tx.Update("leaders", leaderID, store.Values{"person_name": name, "phone": phone})
	return err
}
