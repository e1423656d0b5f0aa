package grid

import (
	"context"
	"database/sql"
	"fmt"

	"xiangzhi/backend/errs"
)

// VillageSummary is one village in the list of villages, with its counts.
type VillageSummary struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	Pieces         int    `json:"pieces"`
	Groups         int    `json:"groups"`
	Neighbourhoods int    `json:"neighbourhoods"`
	Households     int    `json:"households"`
	Residents      int    `json:"residents"`
}

// Villages lists the live villages in pinyin order with their counts.
func (s *Service) Villages(ctx context.Context) ([]VillageSummary, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT v.id, v.name, v.kind,
		  (SELECT count(*) FROM pieces p WHERE p.village_id = v.id AND p.deleted_at IS NULL),
		  (SELECT count(*) FROM groups g JOIN pieces p ON p.id = g.piece_id
		     WHERE p.village_id = v.id AND g.deleted_at IS NULL AND p.deleted_at IS NULL),
		  (SELECT count(*) FROM neighbourhoods n JOIN groups g ON g.id = n.group_id JOIN pieces p ON p.id = g.piece_id
		     WHERE p.village_id = v.id AND n.deleted_at IS NULL AND g.deleted_at IS NULL AND p.deleted_at IS NULL),
		  coalesce(c.households, 0), coalesce(c.residents, 0)
		FROM villages v LEFT JOIN village_counts c ON c.village_id = v.id -- kept by triggers (migration 0013)
		WHERE v.deleted_at IS NULL ORDER BY v.sort_key, v.name`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
	}
	defer rows.Close()
	out := []VillageSummary{}
	for rows.Next() {
		var v VillageSummary
		if err := rows.Scan(&v.ID, &v.Name, &v.Kind, &v.Pieces, &v.Groups, &v.Neighbourhoods, &v.Households, &v.Residents); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村列表失败")
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// TreeNode is a piece, group or neighbourhood of a village's tree.
type TreeNode struct {
	ID         string     `json:"id"`
	Level      Level      `json:"level"`
	Name       string     `json:"name"`
	Households int        `json:"households"`
	Leader     string     `json:"leader"`            // the current leader's name, if any
	Warning    string     `json:"warning,omitempty"` // a neighbourhood outside 5–15 households
	Children   []TreeNode `json:"children"`
}

// VillageTree returns a village's pieces, groups and neighbourhoods with household counts,
// current leaders and size warnings. Code not_found when the village does not exist.
func (s *Service) VillageTree(ctx context.Context, villageID string) (TreeNode, error) {
	v, err := s.db.Get(ctx, "villages", villageID)
	if err != nil {
		return TreeNode{}, err
	}
	root := TreeNode{ID: villageID, Level: LevelVillage, Name: v["name"].(string), Children: []TreeNode{}}
	leaders, err := s.currentLeaderNames(ctx, villageID)
	if err != nil {
		return root, err
	}
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT p.id, p.name, g.id, g.name, n.id, n.name,
		  (SELECT count(*) FROM households h WHERE h.neighbourhood_id = n.id AND h.deleted_at IS NULL)
		FROM pieces p
		LEFT JOIN groups g ON g.piece_id = p.id AND g.deleted_at IS NULL
		LEFT JOIN neighbourhoods n ON n.group_id = g.id AND n.deleted_at IS NULL
		WHERE p.village_id = ? AND p.deleted_at IS NULL
		ORDER BY p.seq, p.name, g.seq, g.name, n.seq, n.name`, villageID)
	if err != nil {
		return root, errs.Wrap(err, errs.Internal, "读取网格失败")
	}
	defer rows.Close()
	for rows.Next() {
		var pid, pname string
		var gid, gname, nid, nname sql.NullString
		var count int
		if err := rows.Scan(&pid, &pname, &gid, &gname, &nid, &nname, &count); err != nil {
			return root, errs.Wrap(err, errs.Internal, "读取网格失败")
		}
		p := lastOrAppend(&root.Children, pid, LevelPiece, pname, leaders[pid])
		if !gid.Valid {
			continue
		}
		g := lastOrAppend(&p.Children, gid.String, LevelGroup, gname.String, leaders[gid.String])
		if !nid.Valid {
			continue
		}
		n := lastOrAppend(&g.Children, nid.String, LevelNeighbourhood, nname.String, leaders[nid.String])
		n.Households = count
		n.Warning = sizeWarning(count)
	}
	for i := range root.Children {
		p := &root.Children[i]
		for j := range p.Children {
			g := &p.Children[j]
			for _, n := range g.Children {
				g.Households += n.Households
			}
			p.Households += g.Households
		}
		root.Households += p.Households
	}
	return root, rows.Err()
}

func lastOrAppend(list *[]TreeNode, id string, level Level, name, leader string) *TreeNode {
	if n := len(*list); n > 0 && (*list)[n-1].ID == id {
		return &(*list)[n-1]
	}
	*list = append(*list, TreeNode{ID: id, Level: level, Name: name, Leader: leader, Children: []TreeNode{}})
	return &(*list)[len(*list)-1]
}

// sizeWarning says when a neighbourhood has too few or too many households.
func sizeWarning(n int) string {
	switch {
	case n < MinHouseholds:
		return fmt.Sprintf("只有 %d 户，少于 %d 户", n, MinHouseholds)
	case n > MaxHouseholds:
		return fmt.Sprintf("有 %d 户，多于 %d 户", n, MaxHouseholds)
	}
	return ""
}
