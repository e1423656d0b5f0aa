package main

import (
	"xiangzhi/backend/atomicfile"
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
