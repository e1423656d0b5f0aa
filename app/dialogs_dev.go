//go:build dev

package app

import "os"

func init() {
	e2eSaveDir = os.Getenv("XIANGZHI_E2E_SAVE_DIR")
	e2eOpenFile = os.Getenv("XIANGZHI_E2E_OPEN_FILE")
}
