package main

import (
	"path/filepath"
	"strings"
	"time"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// guardOutput protects the command's database (db, "" for none) and input files from its output and
// refuses, before any work is done, an output path that the write at the end would refuse (the
// database and, once it is open, its companions and backups; a folder, a device, another database,
// an input). release lifts the protection.
func guardOutput(output string, exts []string, db string, inputs ...string) (release func(), err error) {
	var releases []func()
	if db != "" {
		releases = append(releases, atomicfile.Protect(db, "本命令使用的数据库"))
	}
	release = func() {
		for _, r := range releases {
			r()
		}
	}
	for _, in := range inputs {
		if in != "" && in != "-" {
			releases = append(releases, atomicfile.Protect(in, "本命令读取的文件"))
		}
	}
	if err := atomicfile.Check(output); err != nil {
		release()
		return func() {}, err
	}
	if err := wantExt(output, exts...); err != nil {
		release()
		return func() {}, err
	}
	return release, nil
}

// The endings of the files the commands write.
var (
	pdf  = []string{".pdf"}
	xlsx = []string{".xlsx"}
)

// kinds of file by extension, for wantExt's message.
var fileKinds = map[string]string{".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel"}

// wantExt refuses an output whose name does not end as the file written there is (a PDF named .docx
// would not open in the program its name promises): exts are the endings allowed.
func wantExt(path string, exts ...string) error {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if ext == e {
			return nil
		}
	}
	var kinds []string
	for _, e := range exts {
		kinds = append(kinds, fileKinds[e]+" 文件（"+e+"）")
	}
	return errs.New(errs.Invalid, "输出文件 %s 的扩展名不对：这里写出的是%s，文件名应以 %s 结尾", path, strings.Join(kinds, "或"), strings.Join(exts, " 或 "))
}

// openForOutput guards output (see guardOutput), opens the existing database at db and checks output
// again against the database's companions and backups, now that they are known. done closes the
// database and lifts the protection.
func openForOutput(output string, exts []string, db string) (_ *store.DB, done func(), err error) {
	release, err := guardOutput(output, exts, db)
	if err != nil {
		return nil, nil, err
	}
	d, err := openExisting(db)
	if err != nil {
		release()
		return nil, nil, err
	}
	done = func() {
		d.Close()
		release()
	}
	if err := atomicfile.Check(output); err != nil {
		done()
		return nil, nil, err
	}
	return d, done, nil
}

// openForPaper reads the arguments of a command that writes one record's paper, `--db PATH ID -o
// OUT.pdf`, and opens the database for it (openForOutput); usage is said when the record is not named.
func openForPaper(name, usage string, args []string) (db *store.DB, id, output string, done func(), err error) {
	fs := newFlags(name)
	path := fs.String("db", "", "")
	outPath := fs.String("o", "", "")
	flags, ids := splitID(args, "db", "o")
	if err := parse(fs, flags); err != nil {
		return nil, "", "", nil, err
	}
	if len(ids) != 1 {
		return nil, "", "", nil, usageError{errs.New(errs.Invalid, "%s", usage)}
	}
	if *outPath == "" {
		return nil, "", "", nil, errs.Field("o", "缺少 -o 输出的 PDF 文件")
	}
	db, done, err = openForOutput(*outPath, pdf, *path)
	return db, ids[0], *outPath, done, err
}

// bookTitle is a document's title in 《》, a title inside it in 〈〉 as Chinese writes it:
// 《〈桃桥村施工合同〉审查意见书》, not 《《桃桥村施工合同》审查意见书》.
func bookTitle(title string) string {
	return "《" + strings.NewReplacer("《", "〈", "》", "〉").Replace(title) + "》"
}

// localTime is a time the database keeps (RFC 3339, UTC) as the officer reads it, in this computer's
// time zone: 2026年12月6日 09:49. Anything else is shown as it is.
func localTime(stored string) string {
	t, err := time.Parse(time.RFC3339Nano, stored)
	if err != nil {
		return stored
	}
	return t.Local().Format("2006年1月2日 15:04")
}
