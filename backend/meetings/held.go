package meetings

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
)

// Held counts the meetings held (being held or final) in a period, for the 统计 screen.
type Held struct {
	Total       int         `json:"total"`
	Final       int         `json:"final"` // of which with final minutes
	ByKind      []KindCount `json:"byKind"`
	Members     int         `json:"members"` // 应到, summed over the meetings
	Present     int         `json:"present"` // 实到, summed
	Resolutions int         `json:"resolutions"`
	Cases       int         `json:"cases"` // cases their decisions created or handed down
}

// KindCount is how many meetings of a kind were held.
type KindCount struct {
	Kind  string `json:"kind"`
	Held  int    `json:"held"`
	Final int    `json:"final"`
}

// HeldIn counts the meetings held from from to to (ISO, "" for no bound) in one village or all ("").
func (s *Service) HeldIn(ctx context.Context, from, to, villageID string) (Held, error) {
	conds, args := []string{"m.deleted_at IS NULL", "m.state IN ('进行中', '已定稿')"}, []any{}
	add := func(c, v string) {
		if v = strings.TrimSpace(v); v != "" {
			conds, args = append(conds, c), append(args, v)
		}
	}
	add("m.held_on >= ?", from)
	add("m.held_on <= ?", to)
	add("m.village_id = ?", villageID)
	where := strings.Join(conds, " AND ")
	h := Held{ByKind: []KindCount{}}
	counts := map[string]*KindCount{}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT m.kind, count(*), sum(m.state = '已定稿') FROM meetings m WHERE `+where+` GROUP BY m.kind`, args...)
	if err != nil {
		return h, errs.Wrap(err, errs.Internal, "读取会议统计失败")
	}
	for rows.Next() {
		var k KindCount
		if err := rows.Scan(&k.Kind, &k.Held, &k.Final); err != nil {
			rows.Close()
			return h, errs.Wrap(err, errs.Internal, "读取会议统计失败")
		}
		counts[k.Kind] = &k
		h.Total += k.Held
		h.Final += k.Final
	}
	rows.Close()
	for _, k := range Kinds {
		if c, ok := counts[k]; ok {
			h.ByKind = append(h.ByKind, *c)
		} else {
			h.ByKind = append(h.ByKind, KindCount{Kind: k})
		}
	}
	// The meetings of the period are read first and their members by the index by meeting, which
	// holds voting and attendance (migration 0037): CROSS JOIN keeps that order, since the planner
	// would otherwise scan every member of every meeting and look its meeting up.
	err = s.db.SQL().QueryRowContext(ctx, `SELECT coalesce(count(*), 0), coalesce(sum(x.attendance = '出席'), 0)
		FROM meetings m CROSS JOIN meeting_members x ON x.meeting_id = m.id
		WHERE `+where+` AND x.deleted_at IS NULL AND x.voting = 1`, args...).Scan(&h.Members, &h.Present)
	if err != nil {
		return h, errs.Wrap(err, errs.Internal, "读取会议统计失败")
	}
	err = s.db.SQL().QueryRowContext(ctx, `SELECT
		coalesce((SELECT count(*) FROM meetings m CROSS JOIN meeting_resolutions r ON r.meeting_id = m.id WHERE `+where+` AND r.deleted_at IS NULL), 0),
		coalesce((SELECT count(DISTINCT l.case_id) FROM meeting_case_links l JOIN meetings m ON m.id = l.meeting_id WHERE `+where+` AND l.deleted_at IS NULL), 0)`,
		append(append([]any{}, args...), args...)...).Scan(&h.Resolutions, &h.Cases)
	if err != nil {
		return h, errs.Wrap(err, errs.Internal, "读取会议统计失败")
	}
	return h, nil
}
