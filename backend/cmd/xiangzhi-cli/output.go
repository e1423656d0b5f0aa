package main

import "xiangzhi/backend/atomicfile"

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
