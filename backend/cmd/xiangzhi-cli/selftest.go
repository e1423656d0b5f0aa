package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/docs/words"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store"
)

func init() { commands["selftest"] = cmdSelftest }

// cmdSelftest runs the program's main paths once on this machine — a database in a folder whose name
// has Chinese characters and spaces, the write path, a roster import and export, every document kind
// with the fonts found here, a backup — and prints one line per step. It is how a Windows build is
// checked where it runs (under wine in make test, on an officer's laptop when something is wrong):
//
//	xiangzhi-cli selftest [--dir D]
//
// The files go to a new folder inside D (kept), or without --dir to a new temporary folder that is
// removed when every step passes. Exit 0 only when every step passes.
func cmdSelftest(args []string, out io.Writer) error {
	fs := newFlags("selftest")
	dir := fs.String("dir", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	t := &selftest{out: out, ctx: context.Background()}
	total := store.Stopwatch()
	fmt.Fprintf(out, "乡治通自检（xiangzhi-cli %s，%s/%s）\n", cliVersion, runtime.GOOS, runtime.GOARCH)

	var work string
	folderOK := t.step("准备文件夹", func() (string, error) {
		var err error
		work, err = selftestFolder(*dir)
		return work, err
	})

	var db *store.DB
	dbSteps := []string{"检查数据库", "写入网格", "导入花名册", "导出花名册", "备份数据库"}
	dbOK := false
	switch {
	case !folderOK:
		t.skip("创建数据库", "准备文件夹")
		t.skipAll(dbSteps, "准备文件夹")
	case !t.step("创建数据库", func() (string, error) {
		var err error
		db, err = store.Open(filepath.Join(work, "乡治通 自检.db"),
			store.Options{Clock: clock, OfficeName: "自检乡镇", AppVersion: cliVersion})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s（结构版本 %d）", db.Path(), db.SchemaVersion()), nil
	}):
		t.skipAll(dbSteps, "创建数据库")
	default:
		g := grid.NewService(db, nil)
		dbOK = t.step("检查数据库", func() (string, error) { return t.checkDB(db) })
		var villageID string
		dbOK = t.step("写入网格", func() (string, error) {
			var detail string
			var err error
			villageID, detail, err = t.writeGrid(db, g)
			return detail, err
		}) && dbOK
		dbOK = t.step("导入花名册", func() (string, error) { return t.importRoster(g, work) }) && dbOK
		dbOK = t.step("导出花名册", func() (string, error) { return t.exportRoster(g, villageID, work) }) && dbOK
	}

	t.step("内置字体和词表", func() (string, error) {
		if err := fonts.VerifyEmbedded(); err != nil {
			return "", errs.Wrap(err, errs.Internal, "内置字体已损坏，请重新安装乡治通")
		}
		if err := words.Verify(); err != nil {
			return "", errs.Wrap(err, errs.Internal, "内置词表已损坏，请重新安装乡治通")
		}
		return "与校验值相符", nil
	})

	var set *fonts.Set
	if t.step("加载字体", func() (string, error) {
		dirs := fonts.SystemDirs()
		var err error
		set, err = fonts.Load(dirs)
		if len(dirs) == 0 {
			return "字体文件夹：无（只用内置字体）", err
		}
		return "字体文件夹：" + strings.Join(dirs, "；"), err
	}) {
		for _, role := range fonts.Roles {
			t.step("字体 "+role.Label(), func() (string, error) { return fontReport(set, role) })
		}
		for _, k := range docs.Kinds() {
			t.step("生成文书 "+k.Label, func() (string, error) {
				if !folderOK {
					return renderKind(set, k, "")
				}
				return renderKind(set, k, filepath.Join(work, "文书 "+docs.FileName(k.Name+" "+k.Label)+".pdf"))
			})
		}
	} else {
		t.skip("生成文书", "加载字体")
	}

	if dbOK {
		// Backed up last, so the copy holds all that was written; its rows are compared.
		t.step("备份数据库", func() (string, error) { return t.backup(db, work) })
	} else if db != nil {
		t.skip("备份数据库", t.failed[0])
	}
	if db != nil {
		t.step("关闭数据库", func() (string, error) { return "", db.Close() })
	}
	if *dir == "" && folderOK && len(t.failed) == 0 {
		// The temporary folder goes once everything passed; on Windows this fails when a file is
		// still held open, which is worth knowing too.
		t.step("删除临时文件夹", func() (string, error) {
			if err := os.RemoveAll(work); err != nil {
				return "", errs.Wrap(err, errs.Internal, "无法删除临时文件夹 %s", work)
			}
			return work, nil
		})
	}

	if len(t.failed) > 0 {
		kept := ""
		if folderOK {
			kept = "；文件保留在 " + work
		}
		return &errs.Error{Code: errs.As(t.firstErr).Code,
			Message: fmt.Sprintf("自检未通过：%d 项失败（%s），%d 项通过%s", len(t.failed), strings.Join(t.failed, "、"), t.passed, kept)}
	}
	fmt.Fprintf(out, "自检通过：%d 项全部通过，共 %d ms\n", t.passed, total().Milliseconds())
	return nil
}

// selftest runs the steps and remembers how they went.
type selftest struct {
	out      io.Writer
	ctx      context.Context
	passed   int
	failed   []string // names of the steps that failed or were skipped
	firstErr error
}

// step runs fn, timing it, and prints "[通过] name detail N ms" or "[失败] name: reason". A panic in fn
// is a failure of the step, not of the selftest.
func (t *selftest) step(name string, fn func() (string, error)) bool {
	elapsed := store.Stopwatch()
	detail, err := func() (detail string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = errs.New(errs.Internal, "程序异常：%v", r)
			}
		}()
		return fn()
	}()
	ms := elapsed().Milliseconds()
	if err != nil {
		fmt.Fprintf(t.out, "[失败] %s: %s\n", name, reason(err))
		t.fail(name, err)
		return false
	}
	if detail != "" {
		detail = " " + oneLine(detail)
	}
	fmt.Fprintf(t.out, "[通过] %s%s %d ms\n", name, detail, ms)
	t.passed++
	return true
}

// skip prints a step that could not run because an earlier one failed.
func (t *selftest) skip(name, after string) {
	fmt.Fprintf(t.out, "[跳过] %s: 因“%s”未通过而未运行\n", name, after)
	t.fail(name, errs.New(errs.Internal, "未运行"))
}

func (t *selftest) skipAll(names []string, after string) {
	for _, n := range names {
		t.skip(n, after)
	}
}

func (t *selftest) fail(name string, err error) {
	t.failed = append(t.failed, name)
	if t.firstErr == nil {
		t.firstErr = err
	}
}

// reason is an error as one line: the Chinese message, then its cause.
func reason(err error) string {
	e := errs.As(err)
	s := e.Message
	if e.Err != nil {
		s += "（" + e.Err.Error() + "）"
	}
	return oneLine(s)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// selftestFolder makes the new folder the files go to: inside dir when given (dir is created when
// missing), else in the system's temporary folder. Its name has Chinese characters and a space.
func selftestFolder(dir string) (string, error) {
	base := dir
	if dir == "" {
		base = os.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", errs.Wrap(err, errs.Invalid, "无法创建文件夹 %s", dir)
	}
	work, err := os.MkdirTemp(base, "乡治通 自检 ")
	if err != nil {
		return "", errs.Wrap(err, errs.Invalid, "无法在 %s 中新建文件夹", base)
	}
	return work, nil
}

// checkDB checks the new database: every migration applied, quick_check ok.
func (t *selftest) checkDB(db *store.DB) (string, error) {
	r, err := db.Check(t.ctx)
	if err != nil {
		return "", err
	}
	if r.QuickCheck != "ok" {
		return "", errs.New(errs.Internal, "完整性检查未通过：%s", r.QuickCheck)
	}
	if want := len(store.Migrations()); r.SchemaVersion != want {
		return "", errs.New(errs.Internal, "结构版本是 %d，应为 %d", r.SchemaVersion, want)
	}
	if len(db.SharedTables()) == 0 {
		return "", errs.New(errs.Internal, "没有共享表")
	}
	return fmt.Sprintf("完整性 ok，结构版本 %d，%d 张表", r.SchemaVersion, len(r.Tables)), nil
}

// selftestID makes a valid 身份证号 (城步 county code) for a birth date and sequence number.
func selftestID(birth string, seq int) string {
	first17 := fmt.Sprintf("430529%s%03d", birth, seq)
	return first17 + string(idcard.CheckDigit(first17))
}

// writeGrid writes a village down to a resident through the grid's functions (the versioned write
// path), then reads the resident back. It returns the village's id.
func (t *selftest) writeGrid(db *store.DB, g *grid.Service) (string, string, error) {
	village, err := g.CreateNode(t.ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "自检村", Kind: "village"})
	if err != nil {
		return "", "", err
	}
	parent := village
	for _, n := range []struct {
		level grid.Level
		name  string
	}{{grid.LevelPiece, "一片"}, {grid.LevelGroup, "一组"}, {grid.LevelNeighbourhood, "一邻"}} {
		if parent, err = g.CreateNode(t.ctx, grid.NodeInput{Level: n.level, ParentID: parent, Name: n.name}); err != nil {
			return "", "", err
		}
	}
	hh, err := g.CreateHousehold(t.ctx, grid.HouseholdInput{NeighbourhoodID: parent, Address: "自检村一组 1 号", Tags: []string{"留守老人"}})
	if err != nil {
		return "", "", err
	}
	in := grid.ResidentInput{HouseholdID: hh, Name: "龙𠀋自检", Relation: "户主", IDNumber: selftestID("19580312", 11),
		Ethnicity: "苗族", Phone: "13807390001"}
	id, err := g.AddResident(t.ctx, in)
	if err != nil {
		return "", "", err
	}
	got, err := g.GetResident(t.ctx, id)
	if err != nil {
		return "", "", err
	}
	if got.Name != in.Name || got.IDNumber != in.IDNumber || got.Sex != "男" || got.BirthDate != "1958-03-12" {
		return "", "", errs.New(errs.Internal, "读回的居民与写入的不同：%s %s %s %s", got.Name, got.IDNumber, got.Sex, got.BirthDate)
	}
	versions, err := db.FieldVersions(t.ctx, "residents", id)
	if err != nil {
		return "", "", err
	}
	if len(versions) == 0 {
		return "", "", errs.New(errs.Internal, "新居民没有字段版本记录（写入未经版本化写入路径）")
	}
	return village, "1 个村、3 级网格、1 户、1 人，已读回并有版本记录", nil
}

// rosterRows are the rows the selftest fills into the roster template: two households, one in the
// village writeGrid made, one in a new village.
var rosterRows = []map[string]string{
	{"village": "自检村", "group": "二组", "head_name": "杨自检", "relation": "户主", "name": "杨自检",
		"id_number": selftestID("19700101", 21), "ethnicity": "苗族", "phone": "13807390002", "address": "自检村二组 5 号",
		"tags": "低保户", "party_member": "是"},
	{"village": "自检村", "group": "二组", "head_name": "杨自检", "relation": "配偶", "name": "蓝自检",
		"id_number": selftestID("19720202", 22), "ethnicity": "侗族", "address": "自检村二组 5 号"},
	{"village": "花名册 自检社区", "group": "一组", "relation": "户主", "name": "刘自检", "birth_date": "1990-05-12",
		"sex": "女", "ethnicity": "汉族"},
}

// importRoster writes the roster template, fills rows into it as an officer would, and imports it
// through roster's check and import.
func (t *selftest) importRoster(g *grid.Service, work string) (string, error) {
	path := filepath.Join(work, "花名册 自检.xlsx")
	if err := roster.WriteTemplate(path); err != nil {
		return "", err
	}
	if err := fillTemplate(path, rosterRows); err != nil {
		return "", err
	}
	p, err := roster.Check(t.ctx, g, path)
	if err != nil {
		return "", err
	}
	if p.Rejected > 0 {
		pr := p.Problems[0]
		return "", errs.New(errs.Internal, "花名册有 %d 行被拒，如第 %d 行 %s：%s", p.Rejected, pr.Row, roster.Header(pr.Key), pr.Message)
	}
	if p.Total != len(rosterRows) {
		return "", errs.New(errs.Internal, "花名册读出 %d 行，应为 %d 行", p.Total, len(rosterRows))
	}
	res, err := roster.Import(t.ctx, g, p, roster.Options{}, nil)
	if err != nil {
		return "", err
	}
	if res.Added != len(rosterRows) || res.Households != 2 {
		return "", errs.New(errs.Internal, "导入结果不对：新增 %d 人、%d 户，应为 %d 人、2 户", res.Added, res.Households, len(rosterRows))
	}
	villages, err := g.Villages(t.ctx)
	if err != nil {
		return "", err
	}
	residents := 0
	for _, v := range villages {
		residents += v.Residents
	}
	if len(villages) != 2 || residents != 1+len(rosterRows) {
		return "", errs.New(errs.Internal, "导入后有 %d 个村、%d 人，应为 2 个村、%d 人", len(villages), residents, 1+len(rosterRows))
	}
	return fmt.Sprintf("%s：%d 行，新增 %d 人、%d 户", path, p.Total, res.Added, res.Households), nil
}

// fillTemplate writes rows into the template's data rows (from row 3), each value in the column whose
// header row 1 of the template gives for it.
func fillTemplate(path string, rows []map[string]string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法打开花名册模板 %s", path)
	}
	defer f.Close()
	name := f.GetSheetName(0)
	header, err := f.GetRows(name)
	if err != nil || len(header) == 0 {
		return errs.Wrap(err, errs.Internal, "花名册模板 %s 没有表头", path)
	}
	col := map[string]int{}
	for i, h := range header[0] {
		if c, ok := sheet.Lookup(h); ok {
			col[c.Key] = i + 1
		}
	}
	for i, row := range rows {
		for key, v := range row {
			n, ok := col[key]
			if !ok {
				return errs.New(errs.Internal, "花名册模板没有“%s”列", key)
			}
			cell, _ := excelize.CoordinatesToCellName(n, i+3)
			if err := f.SetCellStr(name, cell, v); err != nil {
				return errs.Wrap(err, errs.Internal, "无法填写花名册")
			}
		}
	}
	if err := f.Save(); err != nil {
		return errs.Wrap(err, errs.Internal, "无法保存花名册 %s", path)
	}
	return nil
}

// exportRoster exports the first village and reads the file back.
func (t *selftest) exportRoster(g *grid.Service, villageID, work string) (string, error) {
	if villageID == "" {
		return "", errs.New(errs.Internal, "没有可导出的村（写入网格未通过）")
	}
	path := filepath.Join(work, "花名册 导出.xlsx")
	n, err := roster.Export(t.ctx, g, villageID, path)
	if err != nil {
		return "", err
	}
	sh, err := sheet.Read(path)
	if err != nil {
		return "", err
	}
	if n != 3 || len(sh.Rows) != n {
		return "", errs.New(errs.Internal, "导出 %d 人、读回 %d 行，应为 3 人", n, len(sh.Rows))
	}
	return fmt.Sprintf("%s：%d 人", path, n), nil
}

// fontReport says which font file serves a role: the face that draws 中 in it, and the role's faces.
func fontReport(set *fonts.Set, role fonts.Role) (string, error) {
	f := set.Pick(role, '中')
	if f == nil {
		return "", errs.New(errs.Internal, "没有能写“中”字的%s字体", role.Label())
	}
	where := f.Path
	if where == "" {
		where = "程序内置"
	}
	var chain []string
	for _, face := range set.Faces(role) {
		chain = append(chain, face.Name)
	}
	return fmt.Sprintf("%s：%s（%s：%s）", role, where, role.Label(), strings.Join(chain, " → ")), nil
}

// renderKind draws a kind's example input and checks the PDF; with a path it also writes the file.
func renderKind(set *fonts.Set, k docs.Kind, path string) (string, error) {
	pdf, _, err := docs.Render(set, k.Name, []byte(k.Example))
	if err != nil {
		return "", err
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return "", errs.New(errs.Internal, "%s 生成的文件不是 PDF", k.Label)
	}
	pages := docs.Pages(pdf)
	if pages < 1 {
		return "", errs.New(errs.Internal, "%s 生成的 PDF 没有页面", k.Label)
	}
	detail := fmt.Sprintf("%d 页，%d KB", pages, (len(pdf)+1023)/1024)
	if path != "" {
		if err := atomicfile.WriteBytes(path, pdf); err != nil {
			return "", err
		}
		detail += "，" + path
	}
	return detail, nil
}

// backup backs the live database up, opens the copy and compares its rows with the original's.
func (t *selftest) backup(db *store.DB, work string) (string, error) {
	r, err := db.BackupTo(t.ctx, filepath.Join(work, "备份 自检.db"))
	if err != nil {
		return "", err
	}
	if !r.Verified {
		return "", errs.New(errs.Internal, "备份未校验")
	}
	orig, err := db.Check(t.ctx)
	if err != nil {
		return "", err
	}
	cp, err := store.Open(r.Path, store.Options{Clock: clock, AppVersion: cliVersion})
	if err != nil {
		return "", err
	}
	copied, err := cp.Check(t.ctx)
	if cerr := cp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	if copied.QuickCheck != "ok" || copied.SiteID != orig.SiteID {
		return "", errs.New(errs.Internal, "备份 %s 检查未通过：%s", r.Path, copied.QuickCheck)
	}
	rows := map[string]int64{}
	for _, tc := range copied.Tables {
		rows[tc.Table] = tc.Rows
	}
	for _, tc := range orig.Tables {
		if rows[tc.Table] != tc.Rows {
			return "", errs.New(errs.Internal, "备份的 %s 表有 %d 行，原库有 %d 行", tc.Table, rows[tc.Table], tc.Rows)
		}
	}
	return fmt.Sprintf("%s：%d 字节，已校验，%d 张表行数与原库一致", r.Path, r.Bytes, len(orig.Tables)), nil
}
