package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// contractWorld is a database of the office 丹口 with the villages 桃林村 and 李家村, whose legal adviser
// is 周敏 (湖南城步正平律师事务所), and three requests of 桃林村: a land transfer reviewed twice (修改后签订,
// then, on its second version, 同意签订: two 意见书 archived), a lease waiting for review since three
// weeks ago (past its deadline) and a purchase sent today.
type contractWorld struct {
	db                        string
	land, lease, purchase     string
	landNo, leaseNo           string
	firstOpinion, lastOpinion string // the archived 意见书 of the land transfer
}

func newContractWorld(t *testing.T) contractWorld {
	t.Helper()
	w := contractWorld{db: filepath.Join(t.TempDir(), "x.db")}
	if code, _, e := runCLI("init", "--db", w.db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	ctx := context.Background()
	d, err := store.Open(w.db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	g := grid.NewService(d, nil)
	village := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"}))
	other := must(g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "李家村"}))
	s := contracts.NewService(d, nil)
	today := d.Today()
	adviser := must(s.AddAdviser(ctx, contracts.AdviserInput{Name: "周敏", Firm: "湖南城步正平律师事务所", LicenceNo: "14305201810123456",
		Phone: "13907390001"}))
	for _, v := range []string{village, other} {
		must(s.AssignVillage(ctx, adviser, v, today.AddDate(-1, 0, 0).Format("2006-01-02")))
	}
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	archive := &docs.Archive{DB: d, Fonts: set}
	checklist := func(problem string) []contracts.Check {
		var out []contracts.Check
		for _, item := range contracts.ChecklistItems {
			c := contracts.Check{Item: item, Result: "符合"}
			if item == problem {
				c.Result, c.Finding = "存在问题", "流转费逾期未付没有违约责任"
			}
			out = append(out, c)
		}
		return out
	}
	terms := contracts.Terms{Counterparty: "城步县绿源种植专业合作社", CreditCode: "93430529MA4L12345R", Representative: "杨春生",
		Amount: "37500", TermStart: "2027-01-01", TermEnd: "2029-12-31"}
	w.land = must(s.Submit(ctx, contracts.RequestInput{VillageID: village, Title: "桃林村土地经营权流转合同", Type: "土地流转",
		SubmittedBy: "蓝建国", SubmittedOn: today.AddDate(0, 0, -2).Format("2006-01-02"),
		Procedure: contracts.Procedure{NoResolution: "已取得全部承包农户的书面委托书"}, Terms: terms}))
	if err := s.StartReview(ctx, w.land, ""); err != nil {
		t.Fatal(err)
	}
	first, err := s.RecordOpinion(ctx, archive, w.land, contracts.OpinionInput{Checklist: checklist("违约责任"),
		Conclusion: contracts.AgreeRevised, Reasons: "按风险点修改后可以签订",
		Risks: []contracts.RiskInput{{Level: "高", Clause: "第五条", Problem: "流转费逾期未付没有违约责任", Revision: "增加逾期30日可解除合同"}}})
	if err != nil {
		t.Fatal(err)
	}
	terms.Amount, terms.ChangeNote = "45000", "流转费提高到每年15000元，增加逾期付款责任"
	if err := s.Resubmit(ctx, w.land, terms, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.StartReview(ctx, w.land, ""); err != nil {
		t.Fatal(err)
	}
	last, err := s.RecordOpinion(ctx, archive, w.land, contracts.OpinionInput{Checklist: checklist(""), Conclusion: contracts.Agree})
	if err != nil {
		t.Fatal(err)
	}
	w.firstOpinion, w.lastOpinion = first.Number, last.Number
	lease := contracts.Terms{Counterparty: "城步苗族自治县恒通商贸有限公司", Amount: "18000", TermStart: "2027-01-01", TermEnd: "2028-12-31"}
	w.lease = must(s.Submit(ctx, contracts.RequestInput{VillageID: village, Title: "桃林村村部闲置用房租赁合同", Type: "集体资产租赁",
		SubmittedBy: "蓝建国", SubmittedOn: today.AddDate(0, 0, -21).Format("2006-01-02"), Terms: lease}))
	w.purchase = must(s.Submit(ctx, contracts.RequestInput{VillageID: other, Title: "李家村太阳能路灯采购安装合同", Type: "采购",
		SubmittedBy: "李明", Terms: contracts.Terms{Counterparty: "邵阳市华兴科技有限公司", Amount: "32800"}}))
	for id, no := range map[string]*string{w.land: &w.landNo, w.lease: &w.leaseNo} {
		r, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		*no = r.Number
	}
	return w
}

// contract list prints the requests with their number, village, title, type, state, counterparty,
// amount, dates, days overdue and conclusion, as text and as JSON, narrowed to a village or to those
// past their deadline; contract opinion writes the latest valid 意见书 of a request named by its
// number or id, byte for byte as archived, and says in Chinese when there is none; bad input fails
// with exit 1, a Chinese message and no file.
func TestContractCommands(t *testing.T) {
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	w := newContractWorld(t)
	dir := t.TempDir()
	today := clock().Format("2006-01-02")

	t.Run("List", func(t *testing.T) {
		code, out, errOut := runCLI("contract", "list", "--db", w.db)
		if code != 0 || !strings.Contains(out, "共 3 份合同审查申请（"+clock().Format("2006年1月2日")+"）") ||
			!strings.Contains(out, "审查编号  村（社区）  合同名称  类型  状态  合同相对方  金额（元）  送审日期  审查期限  超期  审查结论") {
			t.Fatalf("contract list: %d %s %s", code, out, errOut)
		}
		for _, want := range []string{
			w.landNo + "  桃林村  桃林村土地经营权流转合同  土地流转  已出具意见  城步县绿源种植专业合作社  45,000.00  ",
			"  —  同意签订\n",
			w.leaseNo + "  桃林村  桃林村村部闲置用房租赁合同  集体资产租赁  待审  城步苗族自治县恒通商贸有限公司  18,000.00  ",
			"李家村  李家村太阳能路灯采购安装合同  采购  待审  邵阳市华兴科技有限公司  32,800.00  " + today,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("contract list does not say %q:\n%s", want, out)
			}
		}
		if !strings.Contains(out, "超期 ") {
			t.Errorf("the lease is not said to be overdue:\n%s", out)
		}
		code, out, _ = runCLI("contract", "list", "--db", w.db, "--overdue")
		if code != 0 || !strings.Contains(out, "共 1 份合同审查申请审查超期") || !strings.Contains(out, w.leaseNo) || strings.Contains(out, w.landNo) {
			t.Errorf("contract list --overdue: %d %s", code, out)
		}
		code, out, _ = runCLI("contract", "list", "--village", "桃林村", "--json", "--db", w.db)
		var list []contracts.Summary
		if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 2 {
			t.Fatalf("contract list --village --json: %d %s", code, out)
		}
		for _, r := range list {
			if r.ID == w.lease && (!r.Overdue || r.DaysOver < 1 || r.Deadline >= today) || r.ID == w.land && (r.Conclusion != contracts.Agree ||
				r.Version != 2 || r.AmountFen != 4500000) {
				t.Errorf("contract list --json: %+v", r)
			}
		}
		code, out, _ = runCLI("contract", "list", "--db", w.db, "--village", "李家村", "--overdue", "--json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Errorf("an empty list in JSON: %d %q", code, out)
		}
	})

	t.Run("Opinion", func(t *testing.T) {
		pdf := filepath.Join(dir, "opinion.pdf")
		for _, key := range []string{w.landNo, w.land} {
			code, out, errOut := runCLI("contract", "opinion", "--db", w.db, key, "-o", pdf)
			if code != 0 || !strings.Contains(out, "已保存 "+w.landNo+" 的合同审查意见书：存档号 "+w.lastOpinion) || !strings.Contains(out, "逐字节相同") {
				t.Fatalf("contract opinion %s: %d %s %s", key, code, out, errOut)
			}
		}
		text := pdfText(t, pdf)
		for _, want := range []string{"合同审查意见书", w.landNo + "（第2版）", "《桃林村土地经营权流转合同》", "同意签订", "周敏", "湖南城步正平律师事务所",
			"人民币肆万伍仟元整"} {
			if !strings.Contains(text, want) {
				t.Errorf("the 意见书 does not say %q:\n%s", want, text)
			}
		}
		// the archived bytes
		d, err := store.Open(w.db, store.Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		a := &docs.Archive{DB: d}
		rec, err := a.ByNumber(context.Background(), w.lastOpinion)
		if err != nil {
			t.Fatal(err)
		}
		_, archived, err := a.PDF(context.Background(), rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(pdf); string(got) != string(archived) {
			t.Error("the written 意见书 differs from the archived one")
		}
		// the latest voided: the one before it; all voided: said so
		if _, err := a.Void(context.Background(), rec.ID, "编号有误"); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCLI("contract", "opinion", "--db", w.db, "-o", pdf, w.landNo)
		if code != 0 || !strings.Contains(out, "存档号 "+w.firstOpinion) {
			t.Errorf("after voiding the latest: %d %s %s", code, out, errOut)
		}
		first, err := a.ByNumber(context.Background(), w.firstOpinion)
		if err == nil {
			_, err = a.Void(context.Background(), first.ID, "重新出具")
		}
		d.Close()
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut = runCLI("contract", "opinion", "--db", w.db, w.landNo, "-o", filepath.Join(dir, "voided.pdf"))
		if code != 1 || out != "" || !strings.Contains(errOut, "的合同审查意见书已作废") {
			t.Errorf("every 意见书 voided: %d %q %q", code, out, errOut)
		}
	})

	t.Run("Failures", func(t *testing.T) {
		pdf := filepath.Join(dir, "bad.pdf")
		for _, f := range []struct {
			args []string
			want string
		}{
			{[]string{"contract", "opinion", "--db", w.db, w.leaseNo, "-o", pdf}, "合同审查申请 " + w.leaseNo + "（待审）还没有出具审查意见，没有合同审查意见书"},
			{[]string{"contract", "opinion", "--db", w.db, "丹口-合审-2026-9999", "-o", pdf}, "没有审查编号为“丹口-合审-2026-9999”的合同审查申请"},
			{[]string{"contract", "opinion", "--db", w.db, "01a00000-0000-7000-8000-000000000000", "-o", pdf}, "这份合同审查申请不存在或已删除"},
			{[]string{"contract", "opinion", "--db", w.db, w.landNo}, "缺少 -o"},
			{[]string{"contract", "opinion", "--db", w.db, "-o", pdf}, "用法"},
			{[]string{"contract", "opinion", "--db", w.db, w.landNo, w.leaseNo, "-o", pdf}, "用法"},
			{[]string{"contract", "opinion", "--db", w.db, w.landNo, "-o", w.db}, "错误："},
			{[]string{"contract", "opinion", "--db", w.db, w.landNo, "-o", pdf, "--nope"}, "没有参数 --nope"},
			{[]string{"contract", "list", "--db", w.db, "--village", "张家村"}, "--village：没有名为“张家村”的村（社区）"},
			{[]string{"contract", "list", "--db", filepath.Join(dir, "none.db")}, "不存在"},
			{[]string{"contract", "list", "--db", w.db, "--nope"}, "没有参数 --nope"},
			{[]string{"contract", "list", "--db", w.db, "stray"}, "不接受多余的参数"},
			{[]string{"contract", "sign"}, "用法：xiangzhi-cli contract list"},
			{[]string{"contract"}, "用法：xiangzhi-cli contract list"},
		} {
			code, out, errOut := runCLI(f.args...)
			if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, f.want) {
				t.Errorf("%v: exit %d, out %q, err %q", f.args, code, out, errOut)
			}
		}
		if _, err := os.Stat(pdf); !os.IsNotExist(err) {
			t.Error("a failed contract opinion wrote its file")
		}
		// unknown flags and stray arguments print the usage, which names the contract commands
		code, _, errOut := runCLI("contract", "list", "--db", w.db, "--nope")
		if code != 1 || !strings.Contains(errOut, "xiangzhi-cli contract list --db PATH [--village 村名] [--overdue] [--json]") ||
			!strings.Contains(errOut, "xiangzhi-cli contract opinion --db PATH") {
			t.Errorf("usage after an unknown flag: %q", errOut)
		}
	})
}
