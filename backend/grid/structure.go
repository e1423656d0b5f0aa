package grid

import (
	"context"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Level names one level of the structure.
type Level string

// The levels of the structure, top down.
const (
	LevelVillage       Level = "villages"
	LevelPiece         Level = "pieces"
	LevelGroup         Level = "groups"
	LevelNeighbourhood Level = "neighbourhoods"
)

// levelInfo says for each level its parent column and its Chinese name.
var levelInfo = map[Level]struct {
	parent, parentTable, label string
	child                      Level
}{
	LevelVillage:       {"", "", "村（社区）", LevelPiece},
	LevelPiece:         {"village_id", "villages", "片", LevelGroup},
	LevelGroup:         {"piece_id", "pieces", "组", LevelNeighbourhood},
	LevelNeighbourhood: {"group_id", "groups", "邻", ""},
}

// NodeInput is a new or renamed village, piece, group or neighbourhood.
type NodeInput struct {
	Level    Level  `json:"level"`
	ParentID string `json:"parentId"` // empty for a village
	Name     string `json:"name"`
	Kind     string `json:"kind"` // villages only: village or community
}

// CleanNodeName checks and tidies the name of a village, piece, group or neighbourhood (label says
// which): not empty, at most 40 characters, spaces collapsed. The roster's check applies it to every
// row too. Code invalid, field name.
func CleanNodeName(label, name string) (string, error) {
	return textrule.Name("name", label+"名称", name, 40, true)
}

// CreateNode adds a village, piece, group or neighbourhood and returns its id. Code invalid for a
// bad name or level, not_found for a missing parent, conflict for a duplicate name under the parent.
func (s *Service) CreateNode(ctx context.Context, in NodeInput) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = createNode(tx, in, nil)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return id, err
}

// createNode adds a node. made, when not nil, is its parent, made earlier in the same batch: it then
// is not read again (it is live, its children are those the batch made, and none has the name), and
// the new node's name is added to its children.
func createNode(tx *store.Tx, in NodeInput, made *madeNode) (string, error) {
	info, ok := levelInfo[in.Level]
	if !ok {
		return "", errs.Field("level", "未知的层级 %q", in.Level)
	}
	name, err := CleanNodeName(info.label, in.Name)
	if err != nil {
		return "", err
	}
	v := store.Values{"name": name}
	if in.Level == LevelVillage {
		kind := in.Kind
		if kind == "" {
			kind = "village"
		}
		if kind != "village" && kind != "community" {
			return "", errs.Field("kind", "类别只能是村或社区")
		}
		full, _ := Pinyin(name)
		v["kind"], v["sort_key"] = kind, full
	} else if made != nil {
		if made.children[name] {
			return "", sameName(in.Level, name)
		}
		v[info.parent], v["seq"] = in.ParentID, len(made.children)+1
		id, err := tx.Insert(string(in.Level), v)
		if err == nil {
			made.children[name] = true
		}
		return id, err
	} else {
		if _, err := tx.Get(info.parentTable, in.ParentID); err != nil {
			return "", errs.Field("parentId", "上级%s不存在或已删除", levelInfo[parentLevel(in.Level)].label)
		}
		v[info.parent] = in.ParentID
		var seq int
		if err := tx.QueryRow("SELECT coalesce(max(seq), 0) + 1 FROM "+string(in.Level)+" WHERE "+info.parent+" = ?", in.ParentID).Scan(&seq); err != nil {
			return "", errs.Wrap(err, errs.Internal, "读取顺序号失败")
		}
		v["seq"] = seq
	}
	if err := checkUniqueName(tx, in.Level, in.ParentID, name, ""); err != nil {
		return "", err
	}
	return tx.Insert(string(in.Level), v)
}

func parentLevel(l Level) Level {
	for p, info := range levelInfo {
		if info.child == l {
			return p
		}
	}
	return ""
}

// checkUniqueName refuses a second live node of the same name under one parent.
func checkUniqueName(tx *store.Tx, level Level, parentID, name, selfID string) error {
	info := levelInfo[level]
	q := "SELECT count(*) FROM " + string(level) + " WHERE name = ? AND deleted_at IS NULL AND id <> ?"
	args := []any{name, selfID}
	if info.parent != "" {
		q += " AND " + info.parent + " = ?"
		args = append(args, parentID)
	}
	var n int
	if err := tx.QueryRow(q, args...).Scan(&n); err != nil {
		return errs.Wrap(err, errs.Internal, "读取名称失败")
	}
	if n > 0 {
		return sameName(level, name)
	}
	return nil
}

// sameName is the error of a second live node of the same name under one parent.
func sameName(level Level, name string) error {
	return &errs.Error{Code: errs.Conflict, Field: "name", Message: "已有同名的" + levelInfo[level].label + "“" + name + "”"}
}

// RenameNode renames a node. Codes as for CreateNode, not_found when it does not exist.
func (s *Service) RenameNode(ctx context.Context, level Level, id, name string) error {
	info, ok := levelInfo[level]
	if !ok {
		return errs.Field("level", "未知的层级 %q", level)
	}
	name, err := CleanNodeName(info.label, name)
	if err != nil {
		return err
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get(string(level), id)
		if err != nil {
			return err
		}
		parent, _ := row[info.parent].(string)
		if err := checkUniqueName(tx, level, parent, name, id); err != nil {
			return err
		}
		v := store.Values{"name": name}
		if level == LevelVillage {
			v["sort_key"], _ = Pinyin(name)
		}
		_, err = tx.Update(string(level), id, v)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// DeleteNode tombstones an empty node. Code conflict when it still has live children or households.
func (s *Service) DeleteNode(ctx context.Context, level Level, id string) error {
	info, ok := levelInfo[level]
	if !ok {
		return errs.Field("level", "未知的层级 %q", level)
	}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		childTable, childCol := string(info.child), levelInfo[info.child].parent
		if level == LevelNeighbourhood {
			childTable, childCol = "households", "neighbourhood_id"
		}
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM "+childTable+" WHERE "+childCol+" = ? AND deleted_at IS NULL", id).Scan(&n); err != nil {
			return errs.Wrap(err, errs.Internal, "读取下级失败")
		}
		if n > 0 {
			return errs.New(errs.Conflict, "这个%s下还有 %d 个下级（或户），请先移走或删除它们", info.label, n)
		}
		return tx.Delete(string(level), id)
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}
