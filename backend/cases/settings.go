package cases

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Settings are an office's own choices for its cases: its categories with their time limits (the
// built-in ones, whose limits it may change, and any it adds), and how many working days left give
// a yellow card. They are settings of this install (local_settings), audited like any other.
type Settings struct {
	Categories []Category `json:"categories"`
	YellowDays int        `json:"yellowDays"`
	// FollowUpDays: a resolved case is followed up within so many working days of its resolution;
	// after them it is marked 回访逾期.
	FollowUpDays int      `json:"followUpDays"`
	BuiltIn      []string `json:"builtIn"` // the names of the built-in categories, which stay (read only)
}

// The keys of the settings in local_settings.
const (
	settingCategories = "cases.categories"
	settingYellowDays = "cases.yellowDays"
	settingFollowUp   = "cases.followUpDays"
)

// settingKeys are the keys of the settings, in the order parseSettings takes their values.
var settingKeys = []string{settingCategories, settingYellowDays, settingFollowUp}

// MaxYellowDays bounds the yellow card: up to a working week before the deadline.
const MaxYellowDays = 5

// MaxFollowUpDays bounds the follow-up window.
const MaxFollowUpDays = 30

// DefaultSettings are the built-in categories and limits, and a yellow card at one working day left.
func DefaultSettings() Settings {
	st := Settings{Categories: append([]Category(nil), Categories...), YellowDays: 1, FollowUpDays: 5}
	for _, c := range Categories {
		st.BuiltIn = append(st.BuiltIn, c.Name)
	}
	return st
}

// LimitOf is a category's time limit in working days; false for a category the office does not have.
func (st Settings) LimitOf(category string) (int, bool) {
	for _, c := range st.Categories {
		if c.Name == category {
			return c.LimitDays, true
		}
	}
	return 0, false
}

// Settings reads the office's settings; those it never set are the defaults.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	vals, err := s.db.LocalSettings(ctx, settingKeys...)
	if err != nil {
		return Settings{}, err
	}
	return parseSettings(vals), nil
}

// settingsIn reads the settings inside a write.
func settingsIn(tx *store.Tx) (Settings, error) {
	vals, err := tx.LocalSettings(settingKeys...)
	if err != nil {
		return Settings{}, err
	}
	return parseSettings(vals), nil
}

// parseSettings reads the stored values (of settingKeys, in order); one unset or unreadable is its
// default.
func parseSettings(vals []string) Settings {
	cats, yellow, followUp := vals[0], vals[1], vals[2]
	st := DefaultSettings()
	var list []Category
	if cats != "" && json.Unmarshal([]byte(cats), &list) == nil && len(list) > 0 {
		st.Categories = list
	}
	if n, err := strconv.Atoi(yellow); err == nil && n >= 0 && n <= MaxYellowDays {
		st.YellowDays = n
	}
	if n, err := strconv.Atoi(followUp); err == nil && n >= 1 && n <= MaxFollowUpDays {
		st.FollowUpDays = n
	}
	return st
}

// SetSettings checks and keeps the office's settings: every category named (at most 20 characters,
// no two alike) with a limit of 1–365 working days, the built-in ones all there, and a yellow card
// at 0–MaxYellowDays working days. Code invalid naming the field; nothing is kept then.
func (s *Service) SetSettings(ctx context.Context, st Settings) error {
	seen := map[string]bool{}
	var list []Category
	for i, c := range st.Categories {
		name, err := textrule.Name("categories", "类别名称", c.Name, 20, true)
		if err != nil {
			return errs.Field("categories", "第 %d 个类别：%s", i+1, errs.As(err).Message)
		}
		if seen[name] {
			return errs.Field("categories", "类别“%s”重复了", name)
		}
		seen[name] = true
		if c.LimitDays < 1 || c.LimitDays > 365 {
			return errs.Field("categories", "类别“%s”的办理时限应为 1 到 365 个工作日", name)
		}
		list = append(list, Category{Name: name, LimitDays: c.LimitDays})
	}
	var missing []string
	for _, c := range Categories {
		if !seen[c.Name] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return errs.Field("categories", "内置类别不能删除：%s", strings.Join(missing, "、"))
	}
	if st.YellowDays < 0 || st.YellowDays > MaxYellowDays {
		return errs.Field("yellowDays", "黄牌提前的天数应为 0 到 %d 个工作日", MaxYellowDays)
	}
	if st.FollowUpDays < 1 || st.FollowUpDays > MaxFollowUpDays {
		return errs.Field("followUpDays", "回访期限应为 1 到 %d 个工作日", MaxFollowUpDays)
	}
	cats, err := json.Marshal(list)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "保存民情设置失败")
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetLocal(settingCategories, string(cats)); err != nil {
			return err
		}
		if err := tx.SetLocal(settingYellowDays, strconv.Itoa(st.YellowDays)); err != nil {
			return err
		}
		return tx.SetLocal(settingFollowUp, strconv.Itoa(st.FollowUpDays))
	})
	if err == nil {
		s.Changed()
	}
	return err
}
