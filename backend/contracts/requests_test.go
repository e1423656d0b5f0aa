package contracts_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/errs"
)

// A request for review is refused on each field that is wrong — of the request and of its terms —
// all of them in one answer, and nothing is written.
func TestSubmitRefusesBadInputAtOnce(t *testing.T) {
	w := open(t, day("2026-11-27"))
	count := func() (n int) {
		if err := w.db.SQL().QueryRow(`SELECT (SELECT count(*) FROM contract_requests) + (SELECT count(*) FROM contract_versions)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	good := func() contracts.RequestInput {
		return contracts.RequestInput{VillageID: w.village, Title: "桃林村土地经营权流转合同", Type: "土地流转", SubmittedBy: "蓝建国", Terms: landTransfer()}
	}
	for _, c := range []struct {
		change func(*contracts.RequestInput)
		field  string
	}{
		{func(in *contracts.RequestInput) { in.Title = "" }, "title"},
		{func(in *contracts.RequestInput) { in.Type = "买卖" }, "type"},
		{func(in *contracts.RequestInput) { in.SubmittedBy = "" }, "submittedBy"},
		{func(in *contracts.RequestInput) { in.SubmittedOn = "2026-11-28" }, "submittedOn"},
		{func(in *contracts.RequestInput) { in.ReviewDays = 400 }, "reviewDays"},
		{func(in *contracts.RequestInput) { in.Terms.Counterparty = "" }, "counterparty"},
		{func(in *contracts.RequestInput) { in.Terms.Amount = "三万" }, "amount"},
		{func(in *contracts.RequestInput) { in.Terms.TermEnd = "2026-12-31" }, "termEnd"},
		{func(in *contracts.RequestInput) { in.Terms.Amount = "30000" }, "payments"}, // 37,500 planned
		{func(in *contracts.RequestInput) { in.VillageID = "" }, "villageId"},
	} {
		in := good()
		c.change(&in)
		_, err := w.s.Submit(ctx, in)
		wantErr(t, err, errs.Invalid, c.field)
	}
	// no type chosen asks for one in a line; a type not offered (from a file) is named, with the list
	for typ, want := range map[string]string{"": "请选择合同类型", "买卖": "合同类型“买卖”不在可选的类型中（土地流转、"} {
		in := good()
		in.Type = typ
		if _, err := w.s.Submit(ctx, in); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("type %q: %v, want %s…", typ, err, want)
		}
	}
	in := good()
	in.Title, in.Type, in.Terms.Counterparty, in.Terms.Amount = "", "", "", "三万"
	_, err := w.s.Submit(ctx, in)
	wantErr(t, err, errs.Invalid, "title")
	var fields []string
	for _, e := range errs.As(err).Also {
		fields = append(fields, e.Field)
	}
	if got := strings.Join(fields, " "); got != "type counterparty amount" {
		t.Errorf("also %q, want type, counterparty and amount", got)
	}
	if count() != 0 {
		t.Fatal("a refused request left rows behind")
	}
}
