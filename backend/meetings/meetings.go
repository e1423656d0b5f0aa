// Package meetings keeps the villages' meetings and their minutes: the monthly 民情分析会 and the
// quarterly 恳谈会 and whether each village holds them (cadence.go), who was invited and who came
// (members.go), the quorum and the votes (quorum.go), the agenda taken from open cases (agenda.go),
// decisions that become assigned cases (decisions.go), minutes that lock once final and are printed
// as 会议记录 and 会议纪要 (minutes.go, documents.go), and the representatives' yearly report and
// review (report.go). Writes go through the store's versioned path; functions ending in In take a
// *store.Tx so another domain, or the documents engine, can join the same transaction.
package meetings

import (
	"strconv"
	"strings"
	"time"

	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
)

// Service holds what the meeting functions need. Its database stays inside.
type Service struct {
	db     *store.DB
	events events.Emitter
}

// NewService returns a meeting service over db.
func NewService(db *store.DB, ev events.Emitter) *Service {
	if ev == nil {
		ev = events.Nop{}
	}
	return &Service{db: db, events: ev}
}

// Changed tells the window that meetings changed (after a write composed outside this package).
func (s *Service) Changed() { s.events.Emit("meetings:changed", nil) }

// The kinds of meeting.
const (
	KindAnalysis  = "民情分析会"    // monthly, in every village
	KindTalk      = "村(居)民恳谈会" // quarterly, in every village
	KindCommittee = "两委会议"
	KindReps      = "村民代表会议"
	KindParty     = "党员大会"
	KindReview    = "述职评议会"
)

// Kinds lists the kinds of meeting, the regular ones first.
var Kinds = []string{KindAnalysis, KindTalk, KindCommittee, KindReps, KindParty, KindReview}

// The states of a meeting: planned, being held (its minutes a draft), minutes final (locked), or
// called off.
const (
	StatePlanned   = "筹备"
	StateRunning   = "进行中"
	StateFinal     = "已定稿"
	StateCancelled = "已取消"
)

// States in order.
var States = []string{StatePlanned, StateRunning, StateFinal, StateCancelled}

// Attendance marks.
const (
	Present  = "出席"
	OnLeave  = "请假"
	Absent   = "缺席"
	Observer = "列席" // attending without a vote
)

// Attendances lists the marks, "" (not yet marked) aside.
var Attendances = []string{Present, OnLeave, Absent, Observer}

// Grades are the results of a representative's yearly review, best first.
var Grades = []string{"优秀", "称职", "基本称职", "不称职"}

const dateLayout = "2006-01-02"

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// cn writes an ISO date as officers read it: 2026年11月27日.
func cn(iso string) string {
	d, err := time.ParseInLocation(dateLayout, iso, time.Local)
	if err != nil {
		return iso
	}
	return d.Format("2006年1月2日")
}

// numbered writes items as 一、…\n二、… (the official-document way of numbering).
func numbered(items []string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(chineseNumber(i+1) + "、" + it)
	}
	return b.String()
}

// chineseNumber writes 1–99 in Chinese numerals: 一, 十, 十二, 二十三.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return strconv.Itoa(n)
}

func parseDay(s string) (time.Time, error) { return time.ParseInLocation(dateLayout, s, time.Local) }
