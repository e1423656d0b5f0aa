package app

import (
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"xiangzhi/backend/errs"
)

// fileType is what a save dialog offers to save.
type fileType struct {
	name string // e.g. "Excel 工作簿 (*.xlsx)"
	ext  string // e.g. ".xlsx"
}

var (
	xlsxFile = fileType{"Excel 工作簿 (*.xlsx)", ".xlsx"}
	pdfFile  = fileType{"PDF 文件 (*.pdf)", ".pdf"}
	ttfFile  = fileType{"TrueType 字体 (*.ttf)", ".ttf"}
)

// saveDialog asks where to save a file of type ft; "" when the officer cancels.
func saveDialog(w *windowEvents, ft fileType, title, name string) (string, error) {
	ctx := w.window()
	if ctx == nil {
		return "", errs.New(errs.Internal, "窗口尚未就绪")
	}
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title: title, DefaultFilename: name,
		Filters: []runtime.FileFilter{{DisplayName: ft.name, Pattern: "*" + ft.ext}},
	})
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法打开保存对话框")
	}
	if path != "" && !strings.HasSuffix(strings.ToLower(path), ft.ext) {
		path += ft.ext
	}
	return path, nil
}

// openDialog asks for a file of type ft to open; "" when the officer cancels.
func openDialog(w *windowEvents, ft fileType, title string) (string, error) {
	ctx := w.window()
	if ctx == nil {
		return "", errs.New(errs.Internal, "窗口尚未就绪")
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   title,
		Filters: []runtime.FileFilter{{DisplayName: ft.name, Pattern: "*" + ft.ext}, {DisplayName: "所有文件", Pattern: "*.*"}},
	})
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法打开文件对话框")
	}
	return path, nil
}
