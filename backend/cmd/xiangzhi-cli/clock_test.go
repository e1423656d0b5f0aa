package main

import "xiangzhi/backend/store/storetest"

// The command line's tests run on the test clock (storetest.Start), like every other package's.
func init() { clock = storetest.NewClock(storetest.Start()).Now }
