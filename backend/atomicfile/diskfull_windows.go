package atomicfile

import "syscall"

// ERROR_HANDLE_DISK_FULL (39) and ERROR_DISK_FULL (112).
func diskFullErrno(no syscall.Errno) bool { return no == 39 || no == 112 }
