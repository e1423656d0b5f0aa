package app

import (
	"os"

	"xiangzhi/backend/errs"
)

// instanceLock holds the lock file beside a database so that two windows never write one database.
type instanceLock struct{ f *os.File }

// lockDatabase locks dbPath + ".lock". Code conflict when another window holds it.
func lockDatabase(dbPath string) (*instanceLock, error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法创建锁文件 %s.lock", dbPath)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, errs.New(errs.Conflict, "数据库 %s 已在另一个乡治通窗口中打开；请切换到那个窗口", dbPath)
	}
	return &instanceLock{f: f}, nil
}

func (l *instanceLock) release() {
	if l != nil {
		l.f.Close()
	}
}
