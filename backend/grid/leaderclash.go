package grid

import (
	"context"
	"slices"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
)

// A 片长, 组长 or 邻长 post has one holder at a time: AssignLeader ends the term of the one before.
// Two offices appointing different people to one post without seeing each other's appointment both
// stand after a merge, with terms that overlap. LeaderClashes lists such posts for a person, who says
// who holds it (SettleLeaderClash).

// LeaderClash is a post held by several people over the same days.
type LeaderClash struct {
	Role      Role     `json:"role"`
	RoleLabel string   `json:"roleLabel"`
	ScopeID   string   `json:"scopeId"`
	ScopeName string   `json:"scopeName"` // with its village: 丹口村 一组
	Leaders   []Leader `json:"leaders"`   // phones masked, earliest start first
}

// LeaderClashes lists the posts of one holder whose live terms overlap.
func (s *Service) LeaderClashes(ctx context.Context) ([]LeaderClash, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT DISTINCT a.role, a.scope_id FROM leaders a JOIN leaders b
		  ON b.scope_id = a.scope_id AND b.role = a.role AND b.id > a.id AND b.deleted_at IS NULL
		WHERE a.deleted_at IS NULL AND a.role IN ('piece_leader', 'group_leader', 'neighbourhood_leader')
		  AND a.term_start <= coalesce(nullif(b.term_end, ''), '9999-12-31')
		  AND b.term_start <= coalesce(nullif(a.term_end, ''), '9999-12-31')
		ORDER BY a.scope_id, a.role`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取任职失败")
	}
	var posts [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, errs.Internal, "读取任职失败")
		}
		posts = append(posts, p)
	}
	rows.Close()
	out := []LeaderClash{}
	for _, p := range posts {
		c := LeaderClash{Role: Role(p[0]), RoleLabel: RoleLabels[Role(p[0])], ScopeID: p[1]}
		if c.Leaders, c.ScopeName, err = s.postHolders(ctx, c.Role, c.ScopeID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// postHolders returns the live leaders of a post, earliest start first, and the post's place.
func (s *Service) postHolders(ctx context.Context, role Role, scopeID string) ([]Leader, string, error) {
	level := roleScope[role]
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, coalesce(resident_id, ''), person_name, phone, title,
		term_start, term_end FROM leaders WHERE role = ? AND scope_id = ? AND deleted_at IS NULL ORDER BY term_start, id`,
		string(role), scopeID)
	if err != nil {
		return nil, "", errs.Wrap(err, errs.Internal, "读取任职失败")
	}
	defer rows.Close()
	var out []Leader
	for rows.Next() {
		l := Leader{LeaderInput: LeaderInput{Role: role, ScopeID: scopeID}}
		if err := rows.Scan(&l.ID, &l.ResidentID, &l.PersonName, &l.Phone, &l.Title, &l.TermStart, &l.TermEnd); err != nil {
			return nil, "", errs.Wrap(err, errs.Internal, "读取任职失败")
		}
		l.Phone = idcard.MaskPhone(l.Phone)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, "", errs.Wrap(err, errs.Internal, "读取任职失败")
	}
	var path string
	q := map[Level]string{
		LevelPiece: `SELECT v.name || ' ' || p.name FROM pieces p JOIN villages v ON v.id = p.village_id WHERE p.id = ?`,
		LevelGroup: `SELECT v.name || ' ' || g.name FROM groups g JOIN pieces p ON p.id = g.piece_id
			JOIN villages v ON v.id = p.village_id WHERE g.id = ?`,
		LevelNeighbourhood: `SELECT v.name || ' ' || g.name || ' ' || n.name FROM neighbourhoods n JOIN groups g ON g.id = n.group_id
			JOIN pieces p ON p.id = g.piece_id JOIN villages v ON v.id = p.village_id WHERE n.id = ?`,
	}[level]
	if err := s.db.SQL().QueryRowContext(ctx, q, scopeID).Scan(&path); err != nil {
		return nil, "", errs.Wrap(err, errs.Internal, "读取任职失败")
	}
	for i := range out {
		out[i].ScopeName = path
	}
	return out, path, nil
}

// SettleLeaderClash says who holds a post listed by LeaderClashes: keepID. Each other term that
// overlaps it ends the day before the kept one starts; one that began on or after that day was an
// appointment made at the same time elsewhere, and is withdrawn. Code conflict when keepID is not a
// live holder of a post in clash.
func (s *Service) SettleLeaderClash(ctx context.Context, keepID string) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		kept, err := tx.Get("leaders", keepID)
		if err != nil {
			return errs.Field("keepId", "所选的任职记录不存在或已删除，请刷新")
		}
		str := func(v store.Values, k string) string { x, _ := v[k].(string); return x }
		role := Role(str(kept, "role"))
		if !slices.Contains([]Role{RolePieceLeader, RoleGroupLeader, RoleNeighbourhoodLeader}, role) {
			return errs.Field("keepId", "这项职务可以由几人同时担任，无需处理")
		}
		start, end := str(kept, "term_start"), orOpen(str(kept, "term_end"))
		others, err := queryIDs(tx, `SELECT id FROM leaders WHERE role = ? AND scope_id = ? AND id <> ? AND deleted_at IS NULL
			AND term_start <= ? AND coalesce(nullif(term_end, ''), '9999-12-31') >= ? ORDER BY id`,
			string(role), str(kept, "scope_id"), keepID, end, start)
		if err != nil {
			return err
		}
		if len(others) == 0 {
			return errs.New(errs.Conflict, "这个职务的任期已不再重叠（可能已有人处理），请刷新")
		}
		day, err := time.Parse(dateLayout, start)
		if err != nil {
			return errs.Field("keepId", "任职开始日期“%s”不是有效日期", start)
		}
		before := day.AddDate(0, 0, -1).Format(dateLayout)
		for _, id := range others {
			o, err := tx.Get("leaders", id)
			if err != nil {
				return err
			}
			if str(o, "term_start") < start {
				_, err = tx.Update("leaders", id, store.Values{"term_end": before})
			} else {
				err = tx.Delete("leaders", id)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// orOpen gives an open term's end ("") as the last day there is.
func orOpen(end string) string {
	if strings.TrimSpace(end) == "" {
		return "9999-12-31"
	}
	return end
}
