package cases

import (
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/textrule"
)

// CategoryDispute is the category of disputes (矛盾纠纷): resolving one records how its mediation ended.
const CategoryDispute = "矛盾纠纷"

// The outcomes of a dispute's mediation, recorded when it is resolved (办结):
//   - 调解成功: the parties agreed; the note says what was agreed, and a 人民调解协议书 can be issued.
//   - 调解不成: no agreement; the case still closes here, and its note records the advice given to the
//     parties (the way they can go on: 诉讼, 仲裁, 行政裁决).
//   - 转交: handed to another body that deals with it from now on (司法所, 人民法院, 信访部门, 派出所,
//     仲裁委员会), named in Step.To; the case closes at this office with the note of the hand-over.
//
// A 不满意 follow-up reopens the case and clears the outcome: the next 办结 records it again.
const (
	MediationAgreed      = "调解成功"
	MediationFailed      = "调解不成"
	MediationTransferred = "转交"
)

// Mediations lists the outcomes, as the window offers them.
var Mediations = []string{MediationAgreed, MediationFailed, MediationTransferred}

// TransferBodies are the bodies a dispute is usually handed to (the window offers them; another may
// be written).
var TransferBodies = []string{"司法所", "人民法院", "信访部门", "派出所", "劳动人事争议仲裁委员会", "农村土地承包仲裁委员会"}

// mediationOf checks the outcome of mediation a 办结 gives for a case of category: required for a
// dispute, refused for any other category; the body it is handed to is required for 转交 and refused
// otherwise. Code invalid, on field mediation or to.
func mediationOf(category string, st Step) (outcome, to string, err error) {
	outcome = strings.TrimSpace(st.Mediation)
	if category != CategoryDispute {
		if outcome != "" {
			return "", "", errs.Field("mediation", "只有矛盾纠纷要填写调解结果，这件民情的类别是“%s”", category)
		}
		if strings.TrimSpace(st.To) != "" {
			return "", "", errs.Field("to", "只有转交的矛盾纠纷要填写转交单位")
		}
		return "", "", nil
	}
	if outcome == "" {
		return "", "", errs.Field("mediation", "矛盾纠纷办结时请选择调解结果：%s", strings.Join(Mediations, "、"))
	}
	if !contains(Mediations, outcome) {
		return "", "", errs.Field("mediation", "调解结果“%s”不对，只能是：%s", outcome, strings.Join(Mediations, "、"))
	}
	if outcome != MediationTransferred {
		if strings.TrimSpace(st.To) != "" {
			return "", "", errs.Field("to", "只有转交时才填写转交单位，这件纠纷是“%s”", outcome)
		}
		return outcome, "", nil
	}
	if to, err = textrule.Name("to", "转交单位", st.To, 40, true); err != nil {
		return "", "", err
	}
	return outcome, to, nil
}

// resolveNote names what the note of a 办结 must say, by the outcome of mediation ("" for a case that
// is no dispute).
func resolveNote(outcome string) string {
	switch outcome {
	case MediationAgreed:
		return "办理结果（双方达成的协议）"
	case MediationFailed:
		return "调解不成的情况和给当事人的建议（如可依法向人民法院起诉）"
	case MediationTransferred:
		return "转交的原因和交接情况"
	}
	return "办理结果"
}

// mediationNote is the timeline's note of a dispute's 办结: the outcome first.
func mediationNote(outcome, to, note string) string {
	switch outcome {
	case "":
		return note
	case MediationTransferred:
		return "转交" + to + "：" + note
	}
	return outcome + "：" + note
}
