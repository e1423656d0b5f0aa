// Package selections runs the office's selections — 文明家庭, 最美家庭, 五星级文明户, 身边好人, 道德模范
// and 好儿媳 — through their phases 推荐 → 初审 → 评议打分 → 公示 → 审定 → 表彰: a campaign with its
// criteria, vetoes and schedule (campaigns.go), nominations and their 初审 (nominations.go), the panel,
// its recusals and scores (panel.go), the ranked list with ties broken by a stated rule and the quota
// (ranking.go), the 公示 and its objections (objections.go), and the phase changes that issue the
// 公示, the 表彰决定 and the 荣誉证书 in the same write (phases.go, documents.go). What can be done
// depends on the phase, and a phase's work closes on its date. Functions ending in In take a *store.Tx.
package selections

import (
	"context"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
)

// Service holds what the selection functions need. Its database stays inside.
type Service struct {
	db     *store.DB
	events events.Emitter
}

// NewService returns a selection service over db.
func NewService(db *store.DB, ev events.Emitter) *Service {
	if ev == nil {
		ev = events.Nop{}
	}
	return &Service{db: db, events: ev}
}

// write runs fn in one write and tells the window when it succeeded.
func (s *Service) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	err := s.db.Write(ctx, fn)
	if err == nil {
		s.events.Emit("selections:changed", nil)
	}
	return err
}

// Kinds are the selections the office runs. Those in personal are of a person, the others of a
// household.
var Kinds = []string{"文明家庭", "最美家庭", "五星级文明户", "身边好人", "道德模范", "好儿媳"}

var personal = map[string]bool{"身边好人": true, "道德模范": true, "好儿媳": true}

// The phases, in order.
const (
	PhaseNominate = "推荐"
	PhaseReview   = "初审"
	PhaseScore    = "评议打分"
	PhaseNotice   = "公示"
	PhaseDecide   = "审定"
	PhaseHonour   = "表彰"
)

// Phases in order.
var Phases = []string{PhaseNominate, PhaseReview, PhaseScore, PhaseNotice, PhaseDecide, PhaseHonour}

// Recommenders are who may put a nominee forward.
var Recommenders = []string{"本人自荐", "邻长推荐", "村推荐"}

// The results of a 初审 and of an objection's check.
const (
	Passed    = "通过"
	Failed    = "不通过"
	Sustained = "成立"
	Dismissed = "不成立"
)

// TieRule is how equal totals are ordered, as the lists and the 公示 state it.
const TieRule = "总分相同的，依次比较各项标准得分（按标准排列顺序），仍相同的按推荐先后排序"

const dateLayout = "2006-01-02"

// Source names a campaign as the source of the papers issued from it.
func Source(campaignID string) docs.Source {
	return docs.Source{Table: "selection_campaigns", ID: campaignID}
}
