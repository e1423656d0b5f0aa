package roster

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// A header style the workbook refuses fails the export with the reason, and writes no file.
// (The style is a fixed value that excelize accepts; here it is swapped for one it refuses, the only
// way to make NewStyle fail.)
func TestExportCadenceStyleRefused(t *testing.T) {
	saved := headerStyle
	defer func() { headerStyle = saved }()
	headerStyle = &excelize.Style{Font: &excelize.Font{Size: 1000}}
	path := filepath.Join(t.TempDir(), "cadence.xlsx")
	err := ExportCadence(grid.CadenceReport{Today: "2026-11-27"}, path)
	if errs.CodeOf(err) != errs.Internal {
		t.Fatalf("got %v, want an internal error", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s", path)
	}
}
