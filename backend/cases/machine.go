package cases

import "strings"

// The states of a case and what may be done in each. An action not listed for a state is refused
// with an error naming the state; nothing changes silently.
const (
	StateRegistered = "登记"
	StateAccepted   = "受理"
	StateRejected   = "不予受理"
	StateHandling   = "办理中"
	StateResolved   = "已办结"
	StateFollowedUp = "已回访"
	StateArchived   = "已归档"
)

// States in the order of the loop.
var States = []string{StateRegistered, StateAccepted, StateRejected, StateHandling, StateResolved, StateFollowedUp, StateArchived}

// Actions on a case.
const (
	ActAccept   = "受理"   // 登记 → 受理
	ActReject   = "不予受理" // 登记 → 不予受理 (reason)
	ActStart    = "开始办理" // 受理 → 办理中, with its 责任人
	ActAssign   = "指派"   // a handler, in any open state
	ActEscalate = "上报"   // one or more levels up (reason); the case is 受理 at the new level
	ActHandDown = "交办"   // down to a lower level with requirements and a deadline: 办理中 there
	ActReturn   = "退回"   // back to the level below (reason): 受理 there
	ActExtend   = "延期"   // more working days (reason)
	ActResolve  = "办结"   // 办理中 → 已办结 (what was done)
	ActFollowUp = "回访"   // 已办结 → 已回访 (满意, 基本满意) or back to 办理中 (不满意: 重新办理)
	ActArchive  = "归档"   // 已回访 or 不予受理 → 已归档
	ActRemind   = "催办"   // an open case is chased (its 催办通知书 is issued with it); the state stays
)

// open are the states in which a case is still being dealt with (its deadline runs).
var open = []string{StateRegistered, StateAccepted, StateHandling}

// openSQL is the condition that picks the open cases.
var openSQL = "state IN ('" + strings.Join(open, "', '") + "')"

// IsOpen reports whether a case in state is still being dealt with.
func IsOpen(state string) bool { return contains(open, state) }

// allowed lists, for each action, the states it may start from.
var allowed = map[string][]string{
	ActAccept:   {StateRegistered},
	ActReject:   {StateRegistered},
	ActStart:    {StateAccepted},
	ActAssign:   open,
	ActEscalate: {StateRegistered, StateAccepted, StateHandling},
	ActHandDown: {StateRegistered, StateAccepted, StateHandling},
	ActReturn:   {StateAccepted, StateHandling},
	ActExtend:   open,
	ActResolve:  {StateHandling},
	ActFollowUp: {StateResolved},
	ActArchive:  {StateFollowedUp, StateRejected},
	ActRemind:   open,
}

// Actions lists every action, in the order of the loop.
var Actions = []string{ActAccept, ActReject, ActStart, ActAssign, ActEscalate, ActHandDown, ActReturn, ActExtend, ActResolve, ActFollowUp, ActArchive, ActRemind}

// Allowed lists the actions a case in state allows, in the order of Actions.
func Allowed(state string) []string {
	out := []string{}
	for _, a := range Actions {
		if contains(allowed[a], state) {
			out = append(out, a)
		}
	}
	return out
}

// Needs is what an action asks for, for the window's form: the level it goes to ("up" for 上报,
// "down" for 交办, "" for none), a handler, working days (with a default), the resident's
// satisfaction, the outcome of mediation (of a 矛盾纠纷 only: Mediation), and whether its note is
// required (a 回访 that is 不满意 always needs one).
type Needs struct {
	Action       string `json:"action"`
	Level        string `json:"level"`
	Handler      bool   `json:"handler"`
	Days         int    `json:"days"`    // the default number of working days; 0 when none is asked
	MaxDays      int    `json:"maxDays"` // the most working days it takes
	Satisfaction bool   `json:"satisfaction"`
	Mediation    bool   `json:"mediation"` // the outcome of mediation, asked of a 矛盾纠纷 (CategoryDispute) only
	Note         bool   `json:"note"`
	Document     string `json:"document"` // the kind of document issued with it (docs), "" for none
	// HandedDownOnly: the document is issued only for a case that was handed down (办结's 办理回执
	// answers a 交办单).
	HandedDownOnly bool `json:"handedDownOnly"`
}

// ActionNeeds lists, for each action in the order of Actions, what it asks for (ActIn checks each).
var ActionNeeds = []Needs{
	{Action: ActAccept}, {Action: ActReject, Note: true}, {Action: ActStart, Handler: true}, {Action: ActAssign, Handler: true},
	{Action: ActEscalate, Level: "up", Note: true}, {Action: ActHandDown, Level: "down", Handler: true, Days: 5, MaxDays: 365, Note: true, Document: "slip"},
	{Action: ActReturn, Note: true}, {Action: ActExtend, Days: 3, MaxDays: 365, Note: true},
	{Action: ActResolve, Mediation: true, Note: true, Document: "receipt", HandedDownOnly: true},
	{Action: ActFollowUp, Satisfaction: true}, {Action: ActArchive}, {Action: ActRemind, Days: 3, MaxDays: 30, Document: "reminder"},
}
