//go:build !linux && !windows

package fsplace

func place(dir string) Place { return Place{Network: isUNC(dir)} }
