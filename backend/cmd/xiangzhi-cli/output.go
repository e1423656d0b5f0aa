package main

import (
	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// guardOutput protects the command's database (db, "" for none) and input files from its output and
// refuses, before any work is done, an output path that the write at the end would refuse (the
// database and, once it is open, its companions and backups; a folder, a device, another database,
// an input). release lifts the protection.
func guardOutput(output, db string, inputs ...string) (release func(), err error) {
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
	return release, nil
}

// openForOutput guards output (see guardOutput), opens the existing database at db and checks output
// again against the database's companions and backups, now that they are known. done closes the
// database and lifts the protection.
func openForOutput(output, db string) (_ *store.DB, done func(), err error) {
	release, err := guardOutput(output, db)
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
	db, done, err = openForOutput(*outPath, *path)
	return db, ids[0], *outPath, done, err
}
