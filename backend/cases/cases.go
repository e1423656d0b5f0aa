// Package cases keeps the 民情 case files: a resident's problem, request or dispute, registered with
// its source, category and the people concerned, and carried round the loop 发现 → 反映 → 解决 → 反馈
// by the state machine in machine.go, every step a timeline entry. Deadlines are counted in working
// days (backend/workday). Every change goes through the store's versioned write path; the functions
// ending in In take a *store.Tx, so that another domain can change a case and issue a document in
// one transaction.
package cases

import (
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"

	"xiangzhi/backend/events"
	"xiangzhi/backend/store"
)

// Service holds what the case functions need. Its database stays inside.
type Service struct {
	db     *store.DB
	events events.Emitter
}

// NewService returns a case service over db.
func NewService(db *store.DB, ev events.Emitter) *Service {
	if ev == nil {
		ev = events.Nop{}
	}
	return &Service{db: db, events: ev}
}

// Changed tells the window that cases changed (after a write composed outside this package).
func (s *Service) Changed() { s.events.Emit("cases:changed", nil) }

// Sources are where a case came from.
var Sources = []string{"走访", "来访", "电话", "恳谈会", "分析会", "网格员", "上级交办"}

// Urgencies, least urgent first.
var Urgencies = []string{"一般", "紧急", "特急"}

// Category is a kind of case with its time limit in working days.
type Category struct {
	Name      string `json:"name"`
	LimitDays int    `json:"limitDays"`
}

// Categories are the built-in kinds of case and their default time limits.
var Categories = []Category{
	{"矛盾纠纷", 15}, {"民生诉求", 7}, {"安全隐患", 3}, {"环境卫生", 7}, {"政策咨询", 3}, {"基础设施", 15}, {"其他", 7},
}

// Levels is the escalation ladder, lowest first: a case is settled at the lowest level that can.
var Levels = []string{"邻", "组", "片", "村", "乡镇", "县"}

// DefaultLevel is where a case is taken up unless said otherwise: the village.
const DefaultLevel = "村"

// levelIndex is a level's place on the ladder, -1 for none.
func levelIndex(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return -1
}

// InVillage reports whether a level is inside the village (村 or below): a case resolved there
// counts towards 村内化解率 (小事不出村).
func InVillage(level string) bool {
	i := levelIndex(level)
	return i >= 0 && i <= levelIndex("村")
}

// LimitOf is a built-in category's time limit in working days; false for another category.
func LimitOf(category string) (int, bool) {
	for _, c := range Categories {
		if c.Name == category {
			return c.LimitDays, true
		}
	}
	return 0, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dateLayout is the one form of dates stored: ISO.
const dateLayout = "2006-01-02"

func parseDate(s string) (time.Time, error) { return time.ParseInLocation(dateLayout, s, time.Local) }

// typedDate reads a date an officer typed (ISO), refusing another form on field, named label.
func typedDate(field, label, s string) (time.Time, error) {
	d, err := parseDate(s)
	if err != nil {
		return time.Time{}, errs.Field(field, "%s“%s”不对，请写成 2026-11-27 的形式", label, s)
	}
	return d, nil
}

// periodConds are the conditions and arguments that pick the cases registered from from to to
// (ISO, both included; "" for no bound). Code invalid, on field from or to, for a date that is not one.
func periodConds(from, to string) ([]string, []any, error) {
	var conds []string
	var args []any
	for _, d := range []struct{ field, label, v, op string }{{"from", "起始日期", from, ">="}, {"to", "截止日期", to, "<="}} {
		if d.v = strings.TrimSpace(d.v); d.v == "" {
			continue
		}
		if _, err := typedDate(d.field, d.label, d.v); err != nil {
			return nil, nil, err
		}
		conds = append(conds, "registered_on "+d.op+" ?")
		args = append(args, d.v)
	}
	if f, t := strings.TrimSpace(from), strings.TrimSpace(to); f != "" && t != "" && f > t {
		return nil, nil, errs.Field("to", "「截止日期」%s早于「起始日期」%s", idcard.ISODateCN(t), idcard.ISODateCN(f))
	}
	return conds, args, nil
}
