package cases

import (
	"context"
	"sort"
	"strconv"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// HandlerChoice is someone a village's case can be assigned to (its 责任人).
type HandlerChoice struct {
	Name  string `json:"name"`
	Level string `json:"level"` // the rung of the ladder they serve at (邻 … 村); "" for the township's staff
	Role  string `json:"role"`  // 第3组组长, 两委成员 (or the title given), 经办过 12 件
	Phone string `json:"phone"`
}

// handlerChoicesMax bounds the names a village's earlier cases add to its leaders.
const handlerChoicesMax = 30

// HandlerChoices lists whom the cases of a village ("" for a case of none) can be assigned to: the
// leaders in office over the village — its neighbourhood, group and piece leaders, its committee
// members and legal adviser, lowest rung first — then the other names its cases were assigned to
// before (the township's staff; for a case of no village, the names of all the office's cases of the
// last 30 days), the most recently used first, and the operator. Each name comes once.
func (s *Service) HandlerChoices(ctx context.Context, villageID string) ([]HandlerChoice, error) {
	var out []HandlerChoice
	seen := map[string]bool{}
	if villageID != "" {
		g := grid.NewService(s.db, nil)
		leaders, err := g.Leaders(ctx, villageID)
		if err != nil {
			return nil, err
		}
		tree, err := g.VillageTree(ctx, villageID)
		if err != nil {
			return nil, err
		}
		places := placesIn(tree, "", map[string]string{})
		today := s.db.Today().Format(dateLayout)
		for _, l := range leaders {
			if (l.TermEnd != "" && l.TermEnd < today) || seen[l.PersonName] {
				continue
			}
			seen[l.PersonName] = true
			out = append(out, HandlerChoice{Name: l.PersonName, Level: leaderLevel[l.Role], Role: leaderRole(l, places), Phone: l.Phone})
		}
		sort.SliceStable(out, func(i, j int) bool { return levelIndex(out[i].Level) < levelIndex(out[j].Level) })
	}
	// A village's own; for a case of no village, those of the office's cases of the last month.
	where, arg := `village_id = ?`, villageID
	if villageID == "" {
		where, arg = `registered_on >= ?`, s.db.Today().AddDate(0, 0, -30).Format(dateLayout)
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT handler, count(*) FROM cases
		WHERE `+where+` AND handler <> '' AND deleted_at IS NULL
		GROUP BY handler ORDER BY max(registered_on) DESC, handler LIMIT ?`, arg, handlerChoicesMax)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取以往的责任人失败")
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取以往的责任人失败")
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, HandlerChoice{Name: name, Role: "经办过 " + strconv.Itoa(n) + " 件"})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取以往的责任人失败")
	}
	if op := s.db.Operator(); op != "" && !seen[op] {
		out = append(out, HandlerChoice{Name: op, Role: "本机操作人"})
	}
	return out, nil
}

// leaderLevel is the rung of the ladder each role serves at.
var leaderLevel = map[grid.Role]string{
	grid.RoleNeighbourhoodLeader: "邻", grid.RoleGroupLeader: "组", grid.RolePieceLeader: "片",
	grid.RoleCommitteeMember: "村", grid.RoleLegalAdviser: "村",
}

// leaderRole says what a leader is: for the village's own (两委, 法律顾问) the title given (村党支部书记)
// or the role; for the others the place too (第3组组长, 十三组第2邻村民代表).
func leaderRole(l grid.Leader, places map[string]string) string {
	role := l.Title
	if role == "" {
		role = grid.RoleLabels[l.Role]
	}
	if l.Role == grid.RoleCommitteeMember || l.Role == grid.RoleLegalAdviser {
		return role
	}
	place := places[l.ScopeID]
	if place == "" {
		place = l.ScopeName
	}
	return place + role
}

// placesIn names each piece, group and neighbourhood under a village's tree node as officers do:
// a piece or group by its name, a neighbourhood with its group's (十三组第2邻).
func placesIn(n grid.TreeNode, group string, out map[string]string) map[string]string {
	for _, c := range n.Children {
		switch c.Level {
		case grid.LevelGroup:
			out[c.ID] = c.Name
			placesIn(c, c.Name, out)
		case grid.LevelNeighbourhood:
			out[c.ID] = group + c.Name
		default:
			out[c.ID] = c.Name
			placesIn(c, group, out)
		}
	}
	return out
}
