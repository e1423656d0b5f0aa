// Package contracts keeps the village legal advisers (一村一法律顾问) and their reviews of the
// contracts villages mean to sign: the advisers and the villages they serve (advisers.go), a request
// with its terms in versions (requests.go, terms.go), the states from 待审 to 已签订 or 已放弃
// (steps.go), the adviser's checklist, risks and conclusion issued as a 合同审查意见书 in the same
// transaction (opinion.go), what changed between versions (changes.go), deadlines and the alerts of
// 首页 (alerts.go), and the register per village and year (register.go). Writes go through the store's
// versioned path.
package contracts

import (
	"time"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
)

// Service holds what the contract functions need. Its database stays inside.
type Service struct {
	db     *store.DB
	events events.Emitter
}

// NewService returns a contract service over db.
func NewService(db *store.DB, ev events.Emitter) *Service {
	if ev == nil {
		ev = events.Nop{}
	}
	return &Service{db: db, events: ev}
}

func (s *Service) changed() { s.events.Emit("contracts:changed", nil) }

// The states of a request.
const (
	StateWaiting   = "待审"
	StateReviewing = "审查中"
	StateOpinion   = "已出具意见"
	StateReturned  = "退回补充"
	StateSigned    = "已签订"
	StateAbandoned = "已放弃"
)

// States in the order a request goes through them.
var States = []string{StateWaiting, StateReviewing, StateOpinion, StateReturned, StateSigned, StateAbandoned}

// Types are the kinds of contract a village sends for review.
var Types = []string{"土地流转", "工程承包", "集体资产租赁", "集体资产发包", "采购", "服务", "其他"}

// The adviser's conclusions.
const (
	Agree        = "同意签订"
	AgreeRevised = "修改后签订"
	Disagree     = "不同意签订"
)

// Conclusions in order.
var Conclusions = []string{Agree, AgreeRevised, Disagree}

// ChecklistItems are what the adviser checks in every contract.
var ChecklistItems = []string{"主体资格", "内容合法性", "价款与支付", "履行期限", "违约责任", "争议解决", ProcedureItem, "集体资产保护"}

// ProcedureItem is the checklist's item of the democratic procedure, which a major contract without
// its evidence (a decision or why none is needed) cannot pass.
const ProcedureItem = "民主程序（四议两公开）"

// Check results.
var CheckResults = []string{"符合", "存在问题", "不适用"}

// RiskLevels, highest first.
var RiskLevels = []string{"高", "中", "低"}

const dateLayout = "2006-01-02"

func parseDay(iso string) (time.Time, error) {
	return time.ParseInLocation(dateLayout, iso, time.Local)
}

// Source names a request as the source of the documents issued from it: the opinion of each version.
func Source(requestID string) docs.Source {
	return docs.Source{Table: "contract_requests", ID: requestID}
}
