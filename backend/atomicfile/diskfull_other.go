//go:build !windows

package atomicfile

import "syscall"

func diskFullErrno(no syscall.Errno) bool { return no == syscall.ENOSPC || no == syscall.EDQUOT }
