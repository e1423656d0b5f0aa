//go:build !unix

package sheet_test

// cpuSeconds is not measured here.
func cpuSeconds() float64 { return -1 }
