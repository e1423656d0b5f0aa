package atomicfile

import (
	"errors"
	"syscall"
)

// DiskFull reports whether err says that the disk (or the user's quota) is full.
func DiskFull(err error) bool {
	var no syscall.Errno
	return errors.As(err, &no) && diskFullErrno(no)
}
