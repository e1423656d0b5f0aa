package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/store"
)

// case list and case show print what the database holds, as text and as JSON; a bad state and an
// unknown number fail with exit 1 and a Chinese message.
func TestCaseCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	d, err := store.Open(db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	s := cases.NewService(d, nil)
	_, number, err := s.Register(context.Background(), cases.Input{Source: "电话", Category: "政策咨询", Summary: "咨询养老保险缴费", PersonName: "杨秀英"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Register(context.Background(), cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "宅基地界址纠纷", PersonName: "龙大海",
		Parties: []cases.PartyInput{{Role: cases.RoleOtherSide, Name: "杨秀英", Note: "邻居"}}}); err != nil {
		t.Fatal(err)
	}
	d.Close()

	code, out, errOut := runCLI("case", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "共 2 件") || !strings.Contains(out, number+" 登记 政策咨询") || !strings.Contains(out, "宅基地界址纠纷") {
		t.Fatalf("case list: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI("case", "list", "--db", db, "--json", "--state", "登记")
	var list []cases.Case
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 2 {
		t.Fatalf("case list --json: %d %s", code, out)
	}
	code, out, _ = runCLI("case", "list", "--db", db, "--overdue")
	if code != 0 || !strings.Contains(out, "共 0 件") {
		t.Fatalf("case list --overdue: %d %s", code, out)
	}
	code, out, _ = runCLI("case", "show", number, "--db", db)
	if code != 0 || !strings.Contains(out, "反映事项：咨询养老保险缴费") || !strings.Contains(out, "来源：电话") {
		t.Fatalf("case show: %d %s", code, out)
	}
	code, out, _ = runCLI("case", "show", strings.Replace(number, "0001", "0002", 1), "--db", db)
	if code != 0 || !strings.Contains(out, "对方当事人：杨秀英（邻居）") {
		t.Fatalf("case show of a dispute with its other side: %d %s", code, out)
	}
	code, out, _ = runCLI("case", "show", "--db", db, number, "--json")
	var one cases.Case
	if code != 0 || json.Unmarshal([]byte(out), &one) != nil || one.Number != number || len(one.Events) != 1 {
		t.Fatalf("case show --json: %d %s", code, out)
	}
	code, out, _ = runCLI("stats", "--db", db, "--from", "2020-01-01")
	if code != 0 || !strings.Contains(out, "登记 2 件") || !strings.Contains(out, "村内化解率") {
		t.Fatalf("stats: %d %s", code, out)
	}
	code, out, _ = runCLI("stats", "--db", db, "--json")
	var st cases.Stats
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st.Registered != 2 {
		t.Fatalf("stats --json: %d %s", code, out)
	}
	for _, args := range [][]string{
		{"stats", "--db", db, "--from", "11月1日"},
		{"case", "list", "--db", db, "--state", "办完"},
		{"case", "show", "--db", db, "丹口-2026-9999"},
		{"case", "show", "--db", db},
		{"case", "list", "--db", db, "--nope"},
		{"case", "frobnicate"},
	} {
		code, out, errOut := runCLI(args...)
		if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") {
			t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errOut)
		}
	}
}
