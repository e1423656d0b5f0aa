package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

func init() { commands["doc"] = cmdDoc }

const docUsage = `用法：
  xiangzhi-cli doc kinds [--json]                          列出文书种类及每种的输入示例
  xiangzhi-cli doc render --kind 种类 --in 输入.json -o 输出.pdf|输出.docx [--font 用途=字体.ttf ...] [--db PATH --issue [--issuer 发文人] [--replaces 存档号]]
  xiangzhi-cli doc fonts [--licenses] [--json]             列出所用字体（用途：title 小标宋、fang 仿宋、hei 黑体、kai 楷体）
  xiangzhi-cli doc reprint --db PATH --number 存档号 -o 输出.pdf`

// cmdDoc: doc kinds | render | reprint — the PDF documents from the command line.
func cmdDoc(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errs.New(errs.Invalid, "%s", docUsage)
	}
	switch args[0] {
	case "kinds":
		return docKinds(args[1:], out)
	case "render":
		return docRender(args[1:], out)
	case "reprint":
		return docReprint(args[1:], out)
	case "fonts":
		return docFonts(args[1:], out)
	}
	return errs.New(errs.Invalid, "%s", docUsage)
}

// docKinds lists the document kinds with their fields and an example input each.
func docKinds(args []string, out io.Writer) error {
	fs := newFlags("doc kinds")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, docs.Kinds())
	}
	for _, k := range docs.Kinds() {
		orient := "竖版"
		if k.Landscape {
			orient = "横版"
		}
		fmt.Fprintf(out, "%s  %s（%s）\n", k.Name, k.Label, orient)
		for _, f := range k.Fields {
			req := ""
			if f.Required {
				req = "（必填）"
			}
			fmt.Fprintf(out, "    %-12s %s%s\n", f.Key, f.Label, req)
		}
		fmt.Fprintf(out, "  示例输入：\n%s\n\n", indent(k.Example))
	}
	return nil
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }

func docRender(args []string, out io.Writer) error {
	// A render is a short process that allocates a few megabytes: collecting garbage on the way
	// cost two collections and about 5 ms of a 30 ms run. The limit still collects for a huge input.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(256 << 20))
	fs := newFlags("doc render")
	kind := fs.String("kind", "", "")
	in := fs.String("in", "", "")
	outPath := fs.String("o", "", "")
	dbPath := fs.String("db", "", "")
	issue := fs.Bool("issue", false, "")
	replaces := fs.String("replaces", "", "")
	issuer := fs.String("issuer", "", "")
	var chosen fontFlags
	fs.Var(&chosen, "font", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *kind == "" || *in == "" || *outPath == "" {
		return errs.New(errs.Invalid, "%s", docUsage)
	}
	if !*issue {
		for _, f := range []struct{ name, v string }{{"db", *dbPath}, {"issuer", *issuer}, {"replaces", *replaces}} {
			if f.v != "" { // it would be ignored: say so rather than let the officer think it was issued
				return errs.Field(f.name, "--%s 只在发文存档（--issue）时使用；只生成文书不需要它", f.name)
			}
		}
	}
	release, err := guardOutput(*outPath, []string{".pdf", ".docx"}, *dbPath, *in)
	if err != nil {
		return err
	}
	defer release()
	var input []byte
	if *in == "-" {
		input, err = io.ReadAll(os.Stdin)
	} else {
		input, err = os.ReadFile(*in)
	}
	if err != nil {
		return errs.Wrap(err, errs.Invalid, "无法读取输入文件 %s", *in)
	}
	set, err := chosen.apply()
	if err != nil {
		return err
	}
	word := strings.EqualFold(filepath.Ext(*outPath), ".docx")
	if word && *issue {
		return errs.Field("o", "发文存档只存 PDF；要 Word 文件请去掉 --issue，单独生成 .docx")
	}
	if word {
		file, doc, err := docs.RenderWord(set, *kind, input)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteBytes(*outPath, file); err != nil {
			return err
		}
		fmt.Fprintf(out, "已生成 %s：%sWord 文件，%d KB\n", *outPath, bookTitle(doc.Heading()), (len(file)+1023)/1024)
		return nil
	}
	if !*issue {
		pdf, doc, err := docs.Render(set, *kind, input)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteBytes(*outPath, pdf); err != nil {
			return err
		}
		fmt.Fprintf(out, "已生成 %s：%s%d 页，%d KB\n", *outPath, bookTitle(doc.Heading()), docs.Pages(pdf), (len(pdf)+1023)/1024)
		return nil
	}
	db, err := openExisting(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := atomicfile.Check(*outPath); err != nil { // now also against the database's companions and backups
		return err
	}
	// A run killed after its paper was archived left the PDF in flight; this run may be refused (the
	// 文号 is taken: the paper is in the archive, to be reprinted), so it is cleared first.
	atomicfile.RemoveAbandoned(filepath.Dir(*outPath), filepath.Base(*outPath)+".partial")
	a := &docs.Archive{DB: db, Fonts: set, Issuer: *issuer}
	ctx := context.Background()
	replacesID := ""
	if *replaces != "" {
		old, err := a.ByNumber(ctx, *replaces)
		if err != nil {
			return err
		}
		replacesID = old.ID
	}
	rec, pdf, err := a.Issue(ctx, *kind, input, replacesID)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(*outPath, pdf); err != nil {
		return err
	}
	fmt.Fprintf(out, "已发文并存档：存档号 %s%s%d 页，发文人 %s，SHA-256 %s，已保存到 %s\n", rec.Number, bookTitle(rec.Title), rec.Pages, rec.Issuer, rec.SHA256, *outPath)
	return nil
}

func docReprint(args []string, out io.Writer) error {
	fs := newFlags("doc reprint")
	dbPath := fs.String("db", "", "")
	number := fs.String("number", "", "")
	outPath := fs.String("o", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *number == "" || *outPath == "" {
		return errs.New(errs.Invalid, "%s", docUsage)
	}
	db, err := openExisting(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := atomicfile.Check(*outPath); err != nil {
		return err
	}
	if err := wantExt(*outPath, pdf...); err != nil {
		return err
	}
	a := &docs.Archive{DB: db}
	ctx := context.Background()
	rec, err := a.ByNumber(ctx, *number)
	if err != nil {
		return err
	}
	_, pdf, err := a.PDF(ctx, rec.ID)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(*outPath, pdf); err != nil {
		return err
	}
	fmt.Fprintf(out, "已重印存档号 %s%s到 %s（与发文时的文件逐字节相同，SHA-256 %s）\n", rec.Number, bookTitle(rec.Title), *outPath, rec.SHA256)
	return nil
}

// fontFlags are the --font ROLE=FILE options: a TrueType file put first for a role.
type fontFlags []string

func (f *fontFlags) String() string     { return strings.Join(*f, ",") }
func (f *fontFlags) Set(v string) error { *f = append(*f, v); return nil }

// apply returns the default font set with the chosen files put first.
func (f fontFlags) apply() (*fonts.Set, error) {
	set, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	for _, v := range f {
		role, path, ok := strings.Cut(v, "=")
		if !ok {
			return nil, errs.Field("font", "--font 要写成 用途=字体文件，如 --font fang=C:\\Windows\\Fonts\\simfang.ttf")
		}
		r, err := fonts.ParseRole(role)
		if err != nil {
			return nil, err
		}
		face, err := fonts.OpenFace("user-"+string(r), path)
		if err != nil {
			return nil, err
		}
		set = set.With(r, face)
	}
	return set, nil
}

func docFonts(args []string, out io.Writer) error {
	fs := newFlags("doc fonts")
	licenses := fs.Bool("licenses", false, "")
	asJSON := fs.Bool("json", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	set, err := fonts.Default()
	if err != nil {
		return err
	}
	if *asJSON {
		type role struct {
			Role  string   `json:"role"`
			Label string   `json:"label"`
			Faces []string `json:"faces"`
		}
		var list []role
		for _, r := range fonts.Roles {
			x := role{Role: string(r), Label: r.Label(), Faces: []string{}}
			for _, f := range set.Faces(r) {
				x.Faces = append(x.Faces, f.Name)
			}
			list = append(list, x)
		}
		return writeJSON(out, list)
	}
	for _, r := range fonts.Roles {
		var names []string
		for _, f := range set.Faces(r) {
			names = append(names, f.Name)
		}
		fmt.Fprintf(out, "%-5s %s：%s\n", r, r.Label(), strings.Join(names, " → "))
	}
	if *licenses {
		for _, l := range fonts.Licenses() {
			fmt.Fprintf(out, "\n==== %s ====\n%s\n", l.Font, l.Text)
		}
	}
	return nil
}
