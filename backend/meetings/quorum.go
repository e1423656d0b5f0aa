package meetings

import (
	"fmt"

	"xiangzhi/backend/errs"
)

// rule is the least share of a body that must be there, and whether the share itself is enough
// (at least two thirds) or must be passed (more than half).
type rule struct {
	num, den int
	strict   bool
	label    string
}

// quorums are the kinds of meeting that need a share of their members present: a 村民代表会议 at
// least two thirds of its members (村民委员会组织法 §26), a party members' assembly and a committee
// meeting more than half. A decision needs more than half of those present at every kind.
var quorums = map[string]rule{
	KindReps:      {2, 3, false, "三分之二以上"},
	KindParty:     {1, 2, true, "过半数"},
	KindCommittee: {1, 2, true, "过半数"},
}

// least is the fewest of n that satisfy r.
func (r rule) least(n int) int {
	p := r.num * n / r.den
	if r.strict || p*r.den < r.num*n {
		p++
	}
	return p
}

// Quorum is a meeting's attendance counted, and whether it may decide.
type Quorum struct {
	Members   int    `json:"members"`   // 应到: members with a vote
	Present   int    `json:"present"`   // 实到: of those, come
	Leave     int    `json:"leave"`     // 请假
	Absent    int    `json:"absent"`    // 缺席
	Unmarked  int    `json:"unmarked"`  // not yet marked
	Observers int    `json:"observers"` // 列席
	Rule      string `json:"rule"`      // 三分之二以上 …; "" when its kind needs none
	Needed    int    `json:"needed"`    // the fewest present that make the quorum (0 for none)
	Met       bool   `json:"met"`
	Line      string `json:"line"` // the sentence the minutes print
}

// quorumOf counts a meeting's attendance.
func quorumOf(kind string, members []Member) Quorum {
	var q Quorum
	for _, m := range members {
		switch {
		case m.Attendance == Observer || !m.Voting && m.Attendance == Present:
			q.Observers++
			continue
		case !m.Voting:
			continue
		}
		q.Members++
		switch m.Attendance {
		case Present:
			q.Present++
		case OnLeave:
			q.Leave++
		case Absent:
			q.Absent++
		default:
			q.Unmarked++
		}
	}
	q.Line = fmt.Sprintf("本次会议应到%d人，实到%d人", q.Members, q.Present)
	if q.Leave > 0 {
		q.Line += fmt.Sprintf("，请假%d人", q.Leave)
	}
	if q.Absent > 0 {
		q.Line += fmt.Sprintf("，缺席%d人", q.Absent)
	}
	if q.Observers > 0 {
		q.Line += fmt.Sprintf("，列席%d人", q.Observers)
	}
	r, ok := quorums[kind]
	if !ok {
		q.Met = q.Present > 0
		q.Line += "。"
		return q
	}
	q.Rule, q.Needed = r.label, r.least(q.Members)
	q.Met = q.Members > 0 && q.Present >= q.Needed
	if q.Met {
		q.Line += fmt.Sprintf("，到会人数达到应到人数的%s，符合规定。", r.label)
	} else {
		q.Line += fmt.Sprintf("，到会人数未达到应到人数的%s（至少%d人），不能作出决定。", r.label, q.Needed)
	}
	return q
}

// VoteInput is a decision's vote: the counts, and the members (ids) who stepped out for a conflict
// of interest.
type VoteInput struct {
	For     int      `json:"for"`
	Against int      `json:"against"`
	Abstain int      `json:"abstain"`
	Recused []string `json:"recused"`
}

// tally checks a vote against the meeting's attendance and says whether it passed. Those recused
// leave the body for that vote: the quorum is of the members less them, the majority of those
// present less them ("到会人员的过半数"). Code conflict, with the numbers, when the quorum fails; invalid
// for counts that do not add up.
func tally(kind string, members []Member, v VoteInput) (passed bool, err error) {
	byID := map[string]Member{}
	for _, m := range members {
		byID[m.ID] = m
	}
	recusedPresent, recused := 0, map[string]bool{}
	for _, id := range v.Recused {
		m, ok := byID[id]
		if !ok || !m.Voting {
			return false, errs.Field("recused", "回避人员须是本次会议有表决权的人员")
		}
		if recused[id] {
			continue
		}
		recused[id] = true
		if m.Attendance == Present {
			recusedPresent++
		}
	}
	q := quorumOf(kind, members)
	if q.Unmarked > 0 {
		return false, errs.New(errs.Conflict, "还有%d人未标记出席情况，请先点名再表决", q.Unmarked)
	}
	eligible, voters := q.Members-len(recused), q.Present-recusedPresent
	if r, ok := quorums[kind]; ok {
		if need := r.least(eligible); eligible <= 0 || voters < need {
			return false, errs.New(errs.Conflict, "应到%d人（回避%d人除外），实到%d人，未达到%s（至少%d人），不能表决",
				eligible, len(recused), voters, r.label, need)
		}
	}
	if voters <= 0 {
		return false, errs.New(errs.Conflict, "没有可以表决的到会人员")
	}
	if v.For < 0 || v.Against < 0 || v.Abstain < 0 {
		return false, errs.Field("for", "票数不能为负")
	}
	if total := v.For + v.Against + v.Abstain; total == 0 {
		return false, errs.Field("for", "请填写同意、反对、弃权的票数")
	} else if total > voters {
		return false, errs.Field("for", "同意、反对、弃权共%d票，多于可以表决的到会人数%d人", total, voters)
	}
	return 2*v.For > voters, nil
}
