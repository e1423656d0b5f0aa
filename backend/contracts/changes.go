package contracts

import (
	"fmt"
	"strings"
	"xiangzhi/backend/idcard"

	"xiangzhi/backend/docs"
)

// Change is one term that differs between two versions, as the adviser reads it.
type Change struct {
	Field  string `json:"field"` // its label
	Before string `json:"before"`
	After  string `json:"after"`
}

// Changes lists what differs between two versions' structured terms, in the order of the form.
func Changes(a, b Version) []Change {
	out := []Change{}
	add := func(label, x, y string) {
		if x != y {
			out = append(out, Change{Field: label, Before: orDash(x), After: orDash(y)})
		}
	}
	add("合同相对方", a.Counterparty, b.Counterparty)
	add("统一社会信用代码", a.CreditCode, b.CreditCode)
	add("法定代表人", a.Representative, b.Representative)
	add("合同金额", amountText(a.AmountFen), amountText(b.AmountFen))
	add("履行期限起", cnDate(a.TermStart), cnDate(b.TermStart))
	add("履行期限止", cnDate(a.TermEnd), cnDate(b.TermEnd))
	add("续约条款", a.Renewal, b.Renewal)
	add("续约通知期", days(a.NoticeDays), days(b.NoticeDays))
	add("付款计划", paymentsText(a.Payments), paymentsText(b.Payments))
	return out
}

// VersionChanges pairs each version after the first with what changed from the one before.
type VersionChanges struct {
	Version int      `json:"version"`
	Changes []Change `json:"changes"`
}

// changesOf lists, for versions 2 on, what changed from the version before.
func changesOf(versions []Version) []VersionChanges {
	out := []VersionChanges{}
	for i := 1; i < len(versions); i++ {
		out = append(out, VersionChanges{Version: versions[i].Version, Changes: Changes(versions[i-1], versions[i])})
	}
	return out
}

func amountText(fen int64) string {
	if fen == 0 {
		return ""
	}
	return docs.Yuan(fen) + "（" + docs.Capital(fen) + "）"
}

func cnDate(iso string) string {
	if iso == "" {
		return ""
	}
	return idcard.ISODateCN(iso)
}

func days(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d天", n)
}

func paymentsText(list []Payment) string {
	parts := make([]string, len(list))
	for i, p := range list {
		parts[i] = idcard.ISODateCN(p.Due) + " " + docs.Yuan(p.AmountFen)
		if p.Note != "" {
			parts[i] += "（" + p.Note + "）"
		}
	}
	return strings.Join(parts, "；")
}
