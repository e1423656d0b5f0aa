package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

func init() {
	commands["bundle"] = cmdBundle
	commands["peer"] = cmdPeer
	commands["conflicts"] = cmdConflicts
	commands["exchange"] = cmdExchange
}

const exchangeUsage = `用法 / usage:
  xiangzhi-cli bundle export --db PATH --peer 单位 --to DIR [--full] [--passphrase-file F]   导出数据包 / export a bundle
  xiangzhi-cli bundle export --db PATH --full --to DIR [--passphrase-file F]   全部数据（给任何单位）/ a snapshot for anyone
  xiangzhi-cli bundle import --db PATH FILE [--passphrase-file F] [--preview] [--json]   导入数据包 / import a bundle
  xiangzhi-cli bundle list --db PATH [--json]      已导入的数据包 / bundles imported
  xiangzhi-cli bundle undo --db PATH 数据包编号 [--json]   撤销最近一次导入 / take the latest import back
  xiangzhi-cli peer card --db PATH OUT.xzid        本单位名片 / this office's card
  xiangzhi-cli peer add  --db PATH CARD.xzid       添加交换单位 / add a peer from its card
  xiangzhi-cli peer list --db PATH [--json]        交换单位 / peers
  xiangzhi-cli peer remove --db PATH 单位          移除交换单位 / stop exchanging with a peer
  xiangzhi-cli conflicts list --db PATH [--all] [--json]   数据冲突 / conflicts
  xiangzhi-cli conflicts settle --db PATH 序号 local|incoming   处理冲突 / settle a conflict
  xiangzhi-cli conflicts orphans --db PATH [--json]   上级已被删除的记录 / rows whose parent is deleted
  xiangzhi-cli conflicts held --db PATH [--release] [--json]   暂缓合并的记录（时间超前）/ rows held back
  xiangzhi-cli exchange watch --db PATH --dir DIR [--passphrase-file F] [--poll 10s]   守候交换文件夹，到达即导入 / watch a folder
`

func subcommand(name string, args []string, subs map[string]func([]string, io.Writer) error, out io.Writer) error {
	if len(args) == 0 {
		return usageError{errs.New(errs.Invalid, "%s 需要子命令\n%s", name, exchangeUsage)}
	}
	fn, ok := subs[args[0]]
	if !ok {
		return usageError{errs.New(errs.Invalid, "%s 没有子命令 %q\n%s", name, args[0], exchangeUsage)}
	}
	return fn(args[1:], out)
}

func cmdBundle(args []string, out io.Writer) error {
	return subcommand("bundle", args, map[string]func([]string, io.Writer) error{
		"export": bundleExport, "import": bundleImport, "list": bundleList, "undo": bundleUndo}, out)
}

func cmdPeer(args []string, out io.Writer) error {
	return subcommand("peer", args, map[string]func([]string, io.Writer) error{
		"card": peerCard, "add": peerAdd, "list": peerList, "remove": peerRemove}, out)
}

func cmdConflicts(args []string, out io.Writer) error {
	return subcommand("conflicts", args, map[string]func([]string, io.Writer) error{
		"list": conflictsList, "settle": conflictsSettle, "orphans": conflictsOrphans, "held": conflictsHeld}, out)
}

func cmdExchange(args []string, out io.Writer) error {
	return subcommand("exchange", args, map[string]func([]string, io.Writer) error{"watch": exchangeWatch}, out)
}

// exchangeWatch watches an exchange folder until Ctrl+C, merging each bundle for this office as it
// arrives whole, and prints a line for each bundle handled (for an always-on office machine).
func exchangeWatch(args []string, out io.Writer) error {
	fs := newFlags("exchange watch")
	path := fs.String("db", "", "")
	dir := fs.String("dir", "", "")
	passFile := fs.String("passphrase-file", "", "")
	poll := fs.Duration("poll", 0, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usageError{errs.Field("dir", "请用 --dir 指明交换文件夹")}
	}
	pass, err := readPassphrase(*passFile)
	if err != nil {
		return err
	}
	if *poll != 0 && *poll < time.Second { // more often would load the network and the computer for nothing
		return errs.Field("poll", "重新查看文件夹的间隔（%s）应至少 1 秒，如 10s、1m；不写则自动选择", *poll)
	}
	opts := exchange.WatchOptions{Passphrase: pass, Poll: *poll, Contained: grid.Contained}
	if err := exchange.CheckWatch(*dir, opts); err != nil { // before the database is opened
		return err
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, stop := interruptible()
	defer stop()
	fmt.Fprintf(out, "正在守候交换文件夹 %s（按 Ctrl+C 停止）\n", *dir)
	return exchange.Watch(ctx, db, *dir, opts, func(e exchange.WatchEvent) {
		name := filepath.Base(e.File)
		switch {
		case e.Result != nil && e.Result.AlreadyImported:
			fmt.Fprintf(out, "%s：已经导入过\n", name)
		case e.Result != nil:
			r := e.Result
			fmt.Fprintf(out, "%s：已导入 %s 的数据包，新增 %d 行，更新 %d 行，冲突 %d 处\n", name, r.SenderName, r.Inserted, r.Updated, r.Conflicts)
		case e.Skipped != "":
			fmt.Fprintf(out, "%s：跳过（%s）\n", name, e.Skipped)
		default:
			fmt.Fprintf(out, "%s：%s\n", name, failure(e.Err, ""))
		}
	})
}

// readPassphrase reads a passphrase from the first line of a file ("" for no file).
func readPassphrase(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", errs.Wrap(err, errs.Invalid, "无法读取密码文件 %s", path)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", errs.Field("passphrase-file", "密码文件 %s 的第一行是空的", path)
	}
	return line, nil
}

func bundleExport(args []string, out io.Writer) error {
	fs := newFlags("bundle export")
	path := fs.String("db", "", "")
	peer := fs.String("peer", "", "")
	dir := fs.String("to", "", "")
	full := fs.Bool("full", false, "")
	passFile := fs.String("passphrase-file", "", "")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usageError{errs.Field("to", "请用 --to 指明导出到哪个文件夹")}
	}
	pass, err := readPassphrase(*passFile)
	if err != nil {
		return err
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, stop := interruptible()
	defer stop()
	prog := reporterFor(out, *asJSON)
	res, err := exchange.Export(ctx, db, exchange.ExportOptions{Peer: *peer, Full: *full, Dir: *dir, Passphrase: pass}, prog)
	prog.finish()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, res)
	}
	to := res.To
	if to == "" {
		to = "任何单位"
	}
	how := map[string]string{"key": "已用对方的密钥加密", "passphrase": "已用密码加密", "": "未加密"}[res.Sealed]
	fmt.Fprintf(out, "已导出数据包 %s（给%s，%d 行，%d 个附件，%.1f KB，%s）\n", res.Path, to, res.Rows, res.Files,
		float64(res.Bytes)/1024, how)
	return nil
}

func bundleImport(args []string, out io.Writer) error {
	fs := newFlags("bundle import")
	path := fs.String("db", "", "")
	passFile := fs.String("passphrase-file", "", "")
	preview := fs.Bool("preview", false, "")
	asJSON := fs.Bool("json", false, "")
	file, rest := splitFile(args)
	if err := parse(fs, rest); err != nil {
		return err
	}
	if file == "" {
		return usageError{errs.Field("file", "请给出要导入的数据包文件")}
	}
	pass, err := readPassphrase(*passFile)
	if err != nil {
		return err
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, stop := interruptible()
	defer stop()
	prog := reporterFor(out, *asJSON)
	// Running the command is the officer's confirmation: a sender that is not yet a peer becomes one.
	res, err := exchange.Import(ctx, db, file, exchange.ImportOptions{Passphrase: pass, Preview: *preview, Accept: true,
		Contained: grid.Contained}, prog)
	prog.finish()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, res)
	}
	printImport(out, res)
	return nil
}

// bundleList lists the bundles imported here, newest first, and which import can be taken back.
func bundleList(args []string, out io.Writer) error {
	db, asJSON, err := openFlagged(newFlags("bundle list"), args)
	if err != nil {
		return err
	}
	defer db.Close()
	bs, err := db.Bundles(context.Background())
	if err != nil {
		return err
	}
	if asJSON {
		if bs == nil {
			bs = []store.BundleRecord{}
		}
		return writeJSON(out, bs)
	}
	if len(bs) == 0 {
		fmt.Fprintln(out, "还没有导入过数据包")
	}
	names := peerNames(db)
	for _, b := range bs {
		fmt.Fprintf(out, "%s 导入 %s 的数据包，%d 行，改动 %d 行，冲突 %d 处（编号 %s）", localTime(b.ImportedAt), names(b.Sender),
			b.Rows, b.Changed, b.Conflicts, b.BundleID)
		switch {
		case b.UndoneAt != "":
			fmt.Fprintf(out, "（已于 %s 撤销）", localTime(b.UndoneAt))
		case b.Undoable:
			fmt.Fprint(out, "（可撤销）")
		}
		fmt.Fprintln(out)
	}
	return nil
}

// peerNames returns a function naming an office by its site id, from the peers.
func peerNames(db *store.DB) func(string) string {
	peers, _ := db.Peers(context.Background())
	return func(site string) string {
		for _, p := range peers {
			if p.SiteID == site {
				return p.Name
			}
		}
		return site
	}
}

// bundleUndo takes back the latest import (store.Tx.UndoImport).
func bundleUndo(args []string, out io.Writer) error {
	id, rest := splitFile(args)
	fs := newFlags("bundle undo")
	db, asJSON, err := openFlagged(fs, rest)
	if err != nil {
		return err
	}
	defer db.Close()
	if id == "" {
		return usageError{errs.Field("bundle", "请给出要撤销的数据包编号（见 xiangzhi-cli bundle list）")}
	}
	res, err := exchange.UndoImport(context.Background(), db, id)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, res)
	}
	fmt.Fprintf(out, "已撤销这次导入：恢复 %d 条记录，删除导入新增的 %d 条；对方以后发来的数据包会再带来这些改动\n", res.Restored, res.Removed)
	return nil
}

// reporterFor shows progress on out, unless out carries JSON (then nothing else may be printed).
func reporterFor(out io.Writer, asJSON bool) *lineReporter {
	if asJSON {
		out = io.Discard
	}
	return newLineReporter(out, "行")
}

func printImport(out io.Writer, r exchange.ImportResult) {
	if r.AlreadyImported {
		fmt.Fprintf(out, "这个数据包（%s 于 %s 生成）已经导入过，未作改动\n", r.SenderName, localTime(r.CreatedAt))
		return
	}
	verb := "已导入"
	if r.Preview {
		verb = "预览（未改动数据库）"
	}
	fmt.Fprintf(out, "%s：%s 的数据包，%d 行，新增 %d 行，更新 %d 行，冲突 %d 处，附件 %d 个\n", verb, r.SenderName, r.Rows,
		r.Inserted, r.Updated, r.Conflicts, r.Files)
	for _, t := range r.Tables {
		fmt.Fprintf(out, "  %s：%d 行（新增 %d，更新 %d）", t.Label, t.Rows, t.Inserted, t.Updated)
		if t.Quarantined > 0 {
			fmt.Fprintf(out, "，暂缓合并 %d 行", t.Quarantined)
		}
		fmt.Fprintln(out)
	}
	if r.Released > 0 {
		fmt.Fprintf(out, "先前暂缓的 %d 行已到时间，已合并\n", r.Released)
	}
	if r.Preview && !r.AlreadyImported {
		if r.Undoable {
			fmt.Fprintln(out, "导入后如有误，可撤销这次导入（bundle undo）")
		} else {
			fmt.Fprintln(out, "数据较多：导入前会先备份整个数据库，导入后不能撤销，需要时从备份恢复")
		}
	}
	if r.NewPeer {
		if r.Preview {
			fmt.Fprintf(out, "%s 还不是交换单位；导入时将添加它\n", r.SenderName)
		} else {
			fmt.Fprintf(out, "已添加交换单位 %s\n", r.SenderName)
		}
	}
	if !r.Manifest {
		fmt.Fprintln(out, "（数据包旁没有校验文件，已按文件本身检查）")
	}
	if r.Backup != "" {
		fmt.Fprintf(out, "导入前的数据库已备份到 %s\n", r.Backup)
	}
	if !r.Preview && r.Backup == "" && r.Inserted+r.Updated > 0 {
		fmt.Fprintf(out, "如导入有误，可撤销这次导入：xiangzhi-cli bundle undo --db … %s\n", r.BundleID)
	}
	if r.Conflicts > 0 {
		fmt.Fprintln(out, "有冲突待处理：xiangzhi-cli conflicts list --db …")
	}
	if r.Orphans > 0 {
		fmt.Fprintf(out, "有 %d 条记录的上级已被删除，请核实：xiangzhi-cli conflicts orphans --db …\n", r.Orphans)
	}
	if r.Quarantined > 0 {
		fmt.Fprintf(out, "有 %d 行的时间比本机时钟超前一天以上，暂缓合并，本机时钟赶上后自动合并：xiangzhi-cli conflicts held --db …\n", r.Quarantined)
	}
}

// splitFile takes the one argument that is not a flag (nor a flag's value) out of args.
func splitFile(args []string) (string, []string) {
	var rest []string
	file := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-"):
			rest = append(rest, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(a) {
				i++
				rest = append(rest, args[i])
			}
		case file == "":
			file = a
		default:
			rest = append(rest, a) // a second file: parse refuses it
		}
	}
	return file, rest
}

// takesValue says whether a flag of these commands is followed by its value.
func takesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "db", "peer", "to", "passphrase-file":
		return true
	}
	return false
}

func peerCard(args []string, out io.Writer) error {
	fs := newFlags("peer card")
	path := fs.String("db", "", "")
	file, rest := splitFile(args)
	if err := parse(fs, rest); err != nil {
		return err
	}
	if file == "" {
		return usageError{errs.Field("file", "请给出名片文件的路径（.xzid）")}
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := exchange.WriteCard(context.Background(), db, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "已写出 %s 的单位名片 %s；请交给要与本单位交换数据的单位\n", c.Name, file)
	return nil
}

func peerAdd(args []string, out io.Writer) error {
	fs := newFlags("peer add")
	path := fs.String("db", "", "")
	file, rest := splitFile(args)
	if err := parse(fs, rest); err != nil {
		return err
	}
	if file == "" {
		return usageError{errs.Field("file", "请给出对方的单位名片（.xzid）")}
	}
	c, err := exchange.ReadCard(file)
	if err != nil {
		return err
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := exchange.AddPeer(context.Background(), db, c); err != nil {
		return err
	}
	fmt.Fprintf(out, "已添加交换单位 %s（%s）\n", c.Name, c.SiteID)
	return nil
}

func peerList(args []string, out io.Writer) error {
	fs := newFlags("peer list")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	peers, err := db.Peers(context.Background())
	if err != nil {
		return err
	}
	if asJSON {
		if peers == nil {
			peers = []store.Peer{}
		}
		return writeJSON(out, peers)
	}
	if len(peers) == 0 {
		fmt.Fprintln(out, "还没有交换单位")
	}
	for _, p := range peers {
		state := ""
		if p.Removed {
			state = "（已移除）"
		}
		key := "有公钥"
		if p.PublicKey == "" {
			key = "无公钥"
		}
		fmt.Fprintf(out, "%s %s %s %s%s\n", p.Name, p.ShortName, p.SiteID, key, state)
	}
	return nil
}

func peerRemove(args []string, out io.Writer) error {
	fs := newFlags("peer remove")
	path := fs.String("db", "", "")
	name, rest := splitFile(args)
	if err := parse(fs, rest); err != nil {
		return err
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	p, err := exchange.FindPeer(ctx, db, name)
	if err != nil {
		return err
	}
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.RemovePeer(p.SiteID) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "已移除交换单位 %s；此后它的数据包不再导入\n", p.Name)
	return nil
}

func conflictsList(args []string, out io.Writer) error {
	fs := newFlags("conflicts list")
	all := fs.Bool("all", false, "")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.Conflicts(context.Background(), *all)
	if err != nil {
		return err
	}
	if asJSON {
		if cs == nil {
			cs = []store.Conflict{}
		}
		return writeJSON(out, cs)
	}
	if len(cs) == 0 {
		fmt.Fprintln(out, "没有待处理的冲突")
	}
	side := map[string]string{"local": "本单位的值", "incoming": "对方的值"}
	for _, c := range cs {
		row := c.RowID
		if c.RowName != "" {
			row = "“" + c.RowName + "”"
		}
		fmt.Fprintf(out, "%d. %s%s的“%s”：本单位 %v，对方 %v；", c.ID, c.TableLabel, row, c.FieldLabel, show(c.Local), show(c.Incoming))
		if c.SettledAt == "" {
			fmt.Fprintf(out, "现保留%s，待处理\n", side[c.Kept])
			continue
		}
		// settled: what was chosen, not what the merge had kept before
		by := c.SettledBy
		if by == "" {
			by = "未署名的操作员"
		}
		if chosen := side[c.Choice]; chosen != "" {
			fmt.Fprintf(out, "已由 %s 选定%s\n", by, chosen)
		} else {
			fmt.Fprintf(out, "已由 %s 另行修改\n", by)
		}
	}
	return nil
}

// conflictsOrphans lists the rows whose parent is deleted (see store.Orphans).
func conflictsOrphans(args []string, out io.Writer) error {
	fs := newFlags("conflicts orphans")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Orphans(context.Background(), grid.Contained)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "没有上级已被删除的记录")
	}
	for _, o := range list {
		fmt.Fprintf(out, "%s“%s”（%s）已于 %s 删除，其下还有 %d 条%s记录：%s\n", o.ParentLabel, o.ParentName, o.ParentID, o.DeletedAt,
			len(o.IDs), o.TableLabel, strings.Join(o.Names, "、"))
	}
	return nil
}

// conflictsHeld lists the rows bundles held back (see store.Tx.Merge); --release first merges those
// whose time has come.
func conflictsHeld(args []string, out io.Writer) error {
	fs := newFlags("conflicts held")
	release := fs.Bool("release", false, "")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if *release {
		n, err := exchange.ReleaseQuarantine(ctx, db)
		if err != nil {
			return err
		}
		if !asJSON {
			fmt.Fprintf(out, "已合并 %d 行\n", n)
		}
	}
	list, err := db.Quarantined(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "没有暂缓合并的记录")
	}
	for _, q := range list {
		name := q.RowName
		if name == "" {
			name = q.RowID
		}
		why := "随其所属的记录一起合并"
		if q.Reason == store.QuarantineAhead {
			why = "时间 " + q.Stamp.HLC.Wall().Local().Format("2006年1月2日 15:04") + " 比本机时钟超前一天以上"
			if q.Ready {
				why += "（已到时间，下次导入时合并）"
			}
		}
		fmt.Fprintf(out, "%d. %s“%s”：%s\n", q.ID, q.TableLabel, name, why)
	}
	return nil
}

func show(v any) string {
	if v == nil {
		return "（空）"
	}
	if b, ok := v.([]byte); ok {
		return fmt.Sprintf("（%d 字节）", len(b))
	}
	return fmt.Sprintf("“%v”", v)
}

func conflictsSettle(args []string, out io.Writer) error {
	fs := newFlags("conflicts settle")
	path := fs.String("db", "", "")
	var pos, rest []string
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			rest = append(rest, args[i])
			if args[i] == "--db" || args[i] == "-db" {
				if i+1 < len(args) {
					i++
					rest = append(rest, args[i])
				}
			}
			continue
		}
		pos = append(pos, args[i])
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{errs.New(errs.Invalid, "conflicts settle 需要冲突序号和 local 或 incoming")}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return errs.Field("id", "冲突序号应是数字，不是“%s”", pos[0])
	}
	db, err := openExisting(*path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Write(context.Background(), func(tx *store.Tx) error { return tx.SettleConflict(id, pos[1]) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "第 %d 号冲突已处理\n", id)
	return nil
}
