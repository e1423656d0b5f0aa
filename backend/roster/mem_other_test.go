//go:build !linux

package roster_test

import "os"

func resetPeakRSS() bool                   { return false }
func peakRSSMB() float64                   { return -1 }
func cpuSeconds() float64                  { return -1 }
func childPeakMB(*os.ProcessState) float64 { return -1 }
