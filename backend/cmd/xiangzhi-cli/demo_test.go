package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/store"
)

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	code, out, errOut := runCLI("demo", "--db", db, "--scale", "township", "--seed", "7")
	if code != 0 {
		t.Fatalf("demo: exit %d, %s", code, errOut)
	}
	// Not a terminal: a plain line at each tenth of the villages, not one per village.
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 13 || lines[0] != "生成演示数据 0%（0/12 个村）" || lines[1] != "生成演示数据 16%（2/12 个村）" ||
		lines[10] != "生成演示数据 100%（12/12 个村）" || lines[11] != fmt.Sprintf("演示文书 %d 份已发文存档", len(docs.Kinds())) ||
		strings.Contains(out, "\r") {
		t.Errorf("progress lines:\n%s", out)
	}
	summary := regexp.MustCompile(`^演示数据已写入 .*demo\.db：12 个村（社区）、\d+ 个片、\d+ 个组、\d+ 个邻、(\d+) 户、(\d+) 名居民、\d+ 条任职、\d+ 条走访记录、[1-9]\d* 件民情，用时 [0-9.]+ 秒$`)
	if !summary.MatchString(lines[len(lines)-1]) {
		t.Errorf("summary %q", lines[len(lines)-1])
	}
	// the documents: every kind's example, the 合同审查意见书 of each of the township's contract reviews,
	// and the 公示, 表彰决定 and 荣誉证书 of last year's 文明家庭 campaign
	count := func(out, table string) int {
		m := regexp.MustCompile(`（` + table + `）：(\d+) 行`).FindStringSubmatch(out)
		if m == nil {
			return -1
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	if code, out, _ := runCLI("check", "--db", db); code != 0 || !regexp.MustCompile(`居民（residents）：\d{4,} 行`).MatchString(out) ||
		count(out, "contract_reviews") < 1 || count(out, "documents") != len(docs.Kinds())+count(out, "contract_reviews")+3 || count(out, "honours") < 1 {
		t.Errorf("check after demo: %d\n%s", code, out)
	}
	// Nothing in the demo is dated after its today (its 荣誉证书 was dated 2026-12-20).
	today := clock().Format("2006-01-02")
	ddb, err := store.Open(db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	var later []string
	rows, err := ddb.SQL().Query(`SELECT number || ' ' || doc_date FROM documents WHERE doc_date > ?`, today)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		later = append(later, s)
	}
	rows.Close()
	ddb.Close()
	if len(later) > 0 {
		t.Errorf("demo documents dated after %s: %v", today, later)
	}

	failures := map[string]struct {
		args []string
		want string
	}{
		"NotEmpty":     {[]string{"demo", "--db", db, "--scale", "township"}, "数据库中已有网格数据，演示数据只写入空数据库 | error (conflict)"},
		"UnknownScale": {[]string{"demo", "--db", filepath.Join(dir, "x.db"), "--scale", "province"}, "未知的演示数据规模“province”"},
		"NoScale":      {[]string{"demo", "--db", filepath.Join(dir, "x.db")}, "缺少 --scale"},
		"NoDB":         {[]string{"demo", "--scale", "county"}, "缺少 --db"},
		"BadSeed":      {[]string{"demo", "--db", filepath.Join(dir, "x.db"), "--scale", "county", "--seed", "one"}, "参数 --seed 的值 \"one\" 不对"},
	}
	for name, f := range failures {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := runCLI(f.args...)
			if code != 1 || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, f.want) {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); !os.IsNotExist(err) {
		t.Error("a refused demo created a database")
	}
}
