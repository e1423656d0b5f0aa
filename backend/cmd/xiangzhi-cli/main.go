// Command xiangzhi-cli is the headless command line over the 乡治通 backend: create, check and back
// up databases. It exits 0 on success and 1 with a one-line Chinese and English message on failure.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"xiangzhi/backend/errs"
)

const usage = `用法 / usage:
  xiangzhi-cli init   --db PATH [--office NAME] [--short 简称]   新建数据库 / create a database
  xiangzhi-cli office --db PATH [--name NAME] [--short 简称] [--json]   单位名称和简称 / office names
  xiangzhi-cli check  --db PATH [--json]          检查数据库 / check a database
  xiangzhi-cli backup --db PATH --to FILE         备份数据库 / back a database up
  xiangzhi-cli restore --from BACKUP --db NEW     从备份复制出新的数据库 / copy a backup out to a new database
  xiangzhi-cli demo   --db PATH --scale township|county   生成演示数据 / demo data
  xiangzhi-cli roster template OUT.xlsx           花名册模板 / roster template
  xiangzhi-cli roster import --db PATH FILE.xlsx [--valid-only] [--update] [--report OUT.xlsx]
  xiangzhi-cli roster export --db PATH [--village 村名] OUT.xlsx
  xiangzhi-cli visits overdue --db PATH [--village 村名] [--json]   逾期未走访 / overdue visits
  xiangzhi-cli case list --db PATH [--state 状态] [--overdue] [--village 村名] [--json]   民情列表 / cases
  xiangzhi-cli case show --db PATH 编号 [--json]   一件民情及其办理记录 / one case and its timeline
  xiangzhi-cli case template OUT.xlsx             民情台账模板 / case ledger template
  xiangzhi-cli case import --db PATH FILE.xlsx [--valid-only] [--report OUT.xlsx]   导入民情台账 / import a case ledger
  xiangzhi-cli case export --db PATH OUT.xlsx [--state 状态] [--village 村名] [--from 日期 --to 日期] ...   导出民情台账 / export cases
  xiangzhi-cli meeting list|show|minutes --db PATH ...   会议：列表（--due 待开和未开）、详情、会议记录和纪要 PDF（xiangzhi-cli meeting 看用法）
  xiangzhi-cli contract list --db PATH [--village 村名] [--overdue] [--json]   合同审查申请 / contract reviews（--overdue 审查超期）
  xiangzhi-cli contract opinion --db PATH 申请ID或审查编号 -o OUT.pdf   最近一份合同审查意见书 / the latest review opinion, as archived
  xiangzhi-cli points balance --db PATH [--village 村名] [--json]   道德超市积分：各户获得、扣分、兑换和结余 / merit shop balances
  xiangzhi-cli selection list --db PATH [--json]   评选活动 / selections with their phase
  xiangzhi-cli selection notice --db PATH 评选ID或名称 -o OUT.pdf   最近一份公示 / the latest 公示, as archived
  xiangzhi-cli selection certificates --db PATH 评选ID或名称 -o OUT.pdf   荣誉证书 / the certificates, as archived
  xiangzhi-cli stats  --db PATH [--from 日期 --to 日期] [--village 村名] [--json]   民情统计 / case figures
  xiangzhi-cli holidays --db PATH [--json]        节假日安排（内置和本单位录入的年份）/ the holiday calendar's years
  xiangzhi-cli doc kinds [--json] | render | reprint | fonts [--licenses] [--json]   文书 / documents（xiangzhi-cli doc 看用法）
  xiangzhi-cli bundle export|import|list|undo ... | peer card|add|list|remove ... | conflicts list|settle|orphans|held ... | exchange watch ...   数据交换 / sharing between offices（xiangzhi-cli bundle 看用法）
  xiangzhi-cli selftest [--dir 文件夹]             本机自检 / check this machine: database, roster, documents, fonts, backup
`

// commands maps each subcommand to its function.
var commands = map[string]func(args []string, out io.Writer) error{
	"init":    cmdInit,
	"office":  cmdOffice,
	"check":   cmdCheck,
	"backup":  cmdBackup,
	"restore": cmdRestore,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, out, errOut io.Writer) int {
	out, errOut = safeWriter{out}, safeWriter{errOut}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(out, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintln(errOut, failure(errs.New(errs.Invalid, "未知命令 %q", args[0]), "unknown command "+args[0]))
		fmt.Fprint(errOut, usage)
		return 1
	}
	if err := cmd(args[1:], out); err != nil {
		fmt.Fprintln(errOut, failure(namingFlag(err, args[1:]), ""))
		if errors.As(err, new(usageError)) && !strings.Contains(errs.As(err).Message, "\n") { // (else the message is the usage)
			fmt.Fprint(errOut, usageOf(args[0]))
		}
		return 1
	}
	return 0
}

// usageOf is the usage of one command (its lines of usage), or the whole usage when it has none.
func usageOf(cmd string) string {
	lines := strings.SplitAfter(usage, "\n")
	var b strings.Builder
	b.WriteString(lines[0]) // 用法 / usage:
	for _, l := range lines[1:] {
		if strings.HasPrefix(strings.TrimSpace(l), "xiangzhi-cli "+cmd+" ") {
			b.WriteString(l)
		}
	}
	if b.Len() == len(lines[0]) {
		return usage
	}
	return b.String()
}

// english says in English what each error code means.
var english = map[string]string{
	errs.Invalid:   "invalid input or unusable file",
	errs.NotFound:  "not found",
	errs.Conflict:  "conflicts with existing data or version",
	errs.Forbidden: "not allowed",
	errs.Internal:  "internal error",
}

// failure formats err as one line: the Chinese message, then the code and cause in English.
func failure(err error, en string) string {
	e := errs.As(err)
	if en == "" {
		en = english[e.Code]
	}
	first, rest, _ := strings.Cut(e.Messages(), "\n") // a usage given as the message keeps its lines
	line := "错误：" + first + " | error (" + e.Code + "): " + en
	if e.Err != nil {
		line += ": " + e.Err.Error()
	}
	line = strings.Join(strings.Fields(line), " ")
	if rest = strings.TrimRight(rest, "\n "); rest != "" {
		line += "\n" + rest
	}
	return line
}

// namingFlag adds to an error on a field the flag the officer gave it with (--from, --poll), so that
// a message such as 起始日期“2026-13-45”不对 says which of the command's values is meant.
func namingFlag(err error, args []string) error {
	e := errs.As(err)
	if e.Field == "" || strings.Contains(e.Message, "--"+e.Field) {
		return err
	}
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && name == e.Field {
			named := *e
			dashes := "--"
			if len(e.Field) == 1 { // -o, as the usage writes it
				dashes = "-"
			}
			named.Message += "（参数 " + dashes + e.Field + "）"
			return &named
		}
	}
	return err
}

// flagProblems put the flag package's own errors in Chinese, naming the flag.
var flagProblems = []struct {
	re   *regexp.Regexp
	text string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "没有参数 --$1"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "参数 --$1 后面缺少它的值"},
	{regexp.MustCompile(`^invalid boolean value (".*") for -+(\S+): .*$`), "参数 --$2 只能单独写（不带值），或写成 --$2=true、--$2=false；不能是 $1"},
	{regexp.MustCompile(`^invalid value (".*") for flag -+(\S+): .*$`), "参数 --$2 的值 $1 不对"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "参数 $1 的写法不对"},
}

// flagProblem is the Chinese of a flag parse error.
func flagProblem(err error) string {
	for _, p := range flagProblems {
		if p.re.MatchString(err.Error()) {
			return p.re.ReplaceAllString(err.Error(), p.text)
		}
	}
	return "参数有误"
}

// newFlags returns a flag set that reports its own errors as ours.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// usageError is a command line that does not fit the command: run prints the usage after it.
type usageError struct{ err *errs.Error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// parse reads a command's flags; an unknown flag, a flag without its value or a stray argument is
// refused (code invalid) and the usage printed.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{errs.Wrap(err, errs.Invalid, "%s：%s", fs.Name(), flagProblem(err))}
	}
	if fs.NArg() > 0 {
		return usageError{errs.New(errs.Invalid, "%s 不接受多余的参数 %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
