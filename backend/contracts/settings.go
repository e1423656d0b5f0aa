package contracts

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Settings are the office's rules for reviews: which contracts are major (by type, or from an
// amount up), the review's time limit in working days, and how many days ahead 首页 warns of a
// contract's end, its renewal notice date and its payments. Settings of this install
// (local_settings), audited like any other.
type Settings struct {
	MajorTypes     []string `json:"majorTypes"`
	MajorAmountFen int64    `json:"majorAmountFen"` // from this amount up a contract is major
	MajorAmount    string   `json:"majorAmount"`    // the same in 元, as typed (SetSettings reads this)
	ReviewDays     int      `json:"reviewDays"`
	AlertDays      int      `json:"alertDays"`
}

const (
	settingMajorTypes  = "contracts.majorTypes"
	settingMajorAmount = "contracts.majorAmountFen"
	settingReviewDays  = "contracts.reviewDays"
	settingAlertDays   = "contracts.alertDays"
)

var settingKeys = []string{settingMajorTypes, settingMajorAmount, settingReviewDays, settingAlertDays}

// Bounds of the settings.
const (
	MaxReviewDays = 60
	MaxAlertDays  = 180
)

// DefaultSettings: land transfers and the contracting-out of collective assets are always major,
// any contract from 5万元 up too; five working days to review; warnings 30 days ahead.
func DefaultSettings() Settings {
	return Settings{MajorTypes: []string{"土地流转", "集体资产发包"}, MajorAmountFen: 5000000, MajorAmount: "50000",
		ReviewDays: 5, AlertDays: 30}
}

// Major says whether a contract of this type and amount is major, and why ("" when it is not).
func (st Settings) Major(typ string, amountFen int64) (bool, string) {
	if slices.Contains(st.MajorTypes, typ) {
		return true, typ + "合同"
	}
	if st.MajorAmountFen > 0 && amountFen >= st.MajorAmountFen {
		return true, "金额达到" + docs.Yuan(st.MajorAmountFen)
	}
	return false, ""
}

func parseSettings(vals []string) Settings {
	st := DefaultSettings()
	var types []string
	if vals[0] != "" && json.Unmarshal([]byte(vals[0]), &types) == nil {
		st.MajorTypes = types
	}
	if n, err := strconv.ParseInt(vals[1], 10, 64); err == nil && n >= 0 {
		st.MajorAmountFen = n
	}
	if n, err := strconv.Atoi(vals[2]); err == nil && n >= 1 && n <= MaxReviewDays {
		st.ReviewDays = n
	}
	if n, err := strconv.Atoi(vals[3]); err == nil && n >= 1 && n <= MaxAlertDays {
		st.AlertDays = n
	}
	st.MajorAmount = strconv.FormatFloat(float64(st.MajorAmountFen)/100, 'f', -1, 64)
	return st
}

// Settings reads the office's settings; those it never set are the defaults.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	vals, err := s.db.LocalSettings(ctx, settingKeys...)
	if err != nil {
		return Settings{}, err
	}
	return parseSettings(vals), nil
}

func settingsIn(tx *store.Tx) (Settings, error) {
	vals, err := tx.LocalSettings(settingKeys...)
	if err != nil {
		return Settings{}, err
	}
	return parseSettings(vals), nil
}

// SetSettings checks and keeps the settings: known types, an amount in 元 (MajorAmount), a review
// limit of 1–MaxReviewDays working days and warnings 1–MaxAlertDays days ahead. Code invalid naming
// the field; nothing is kept then.
func (s *Service) SetSettings(ctx context.Context, st Settings) error {
	for _, t := range st.MajorTypes {
		if !slices.Contains(Types, t) {
			return errs.Field("majorTypes", "未知的合同类型“%s”", t)
		}
	}
	if st.MajorTypes == nil {
		st.MajorTypes = []string{}
	}
	fen, err := docs.ParseYuan("majorAmount", "重大合同金额标准（元）", st.MajorAmount)
	if err != nil {
		return err
	}
	if st.ReviewDays < 1 || st.ReviewDays > MaxReviewDays {
		return errs.Field("reviewDays", "审查时限应为 1 到 %d 个工作日", MaxReviewDays)
	}
	if st.AlertDays < 1 || st.AlertDays > MaxAlertDays {
		return errs.Field("alertDays", "提前提醒的天数应为 1 到 %d 天", MaxAlertDays)
	}
	types, err := json.Marshal(st.MajorTypes)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "保存合同审查设置失败")
	}
	vals := []string{string(types), strconv.FormatInt(fen, 10), strconv.Itoa(st.ReviewDays), strconv.Itoa(st.AlertDays)}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		for i, key := range settingKeys {
			if err := tx.SetLocal(key, vals[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.changed()
	}
	return err
}
