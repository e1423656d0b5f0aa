//go:build !linux

package roster_test

func resetPeakRSS() bool  { return false }
func peakRSSMB() float64  { return -1 }
func cpuSeconds() float64 { return -1 }
