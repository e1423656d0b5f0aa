package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"xiangzhi/backend/errs"
)

// fileType is what a save dialog offers to save.
type fileType struct {
	name    string // e.g. "Excel 工作簿 (*.xlsx)"
	ext     string // e.g. ".xlsx"
	pattern string // the open dialog's filter when it is not "*" + ext, e.g. "*.jpg;*.pdf"
}

func (ft fileType) filter() string {
	if ft.pattern != "" {
		return ft.pattern
	}
	return "*" + ft.ext
}

var (
	xlsxFile = fileType{"Excel 工作簿 (*.xlsx)", ".xlsx", ""}
	pdfFile  = fileType{"PDF 文件 (*.pdf)", ".pdf", ""}
	docxFile = fileType{"Word 文档 (*.docx)", ".docx", ""}
	ttfFile  = fileType{"TrueType 字体 (*.ttf)", ".ttf", ""}
	dbFile   = fileType{"乡治通数据库 (*.db)", ".db", ""}
	cardFile = fileType{"单位名片 (*.xzid)", ".xzid", ""}
	// A bundle from another office, sealed or not, or another office's database file.
	bundleFile = fileType{"数据包或数据库 (*.xzb *.age *.db)", "", "*.xzb;*.age;*.db"}
	// The photos, scans and documents a record may have attached (backend/attachments tells them by content).
	attachmentFile = fileType{"照片、扫描件和 Word 文档 (*.jpg *.png *.webp *.heic *.pdf *.docx *.doc *.wps)", "",
		"*.jpg;*.jpeg;*.png;*.webp;*.heic;*.heif;*.pdf;*.docx;*.doc;*.wps;*.JPG;*.JPEG;*.PNG;*.WEBP;*.HEIC;*.HEIF;*.PDF;*.DOCX;*.DOC;*.WPS"}
)

// relaunch starts the program again on the database at dbPath and closes this window.
func relaunch(w *windowEvents, dbPath string) error {
	exe, err := os.Executable()
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法重新启动乡治通；请手动用 --db %s 打开", dbPath)
	}
	if err := exec.Command(exe, "--db", dbPath).Start(); err != nil {
		return errs.Wrap(err, errs.Internal, "无法重新启动乡治通；请手动用 --db %s 打开", dbPath)
	}
	if ctx := w.window(); ctx != nil {
		runtime.Quit(ctx)
	}
	return nil
}

// e2eSaveDir, set only in a dev build (dialogs_dev.go) from $XIANGZHI_E2E_SAVE_DIR, is where the
// end-to-end tests have saveDialog put files without asking: the system dialog cannot be driven from
// the page.
var e2eSaveDir string

// e2eOpenFile, set only in a dev build (dialogs_dev.go) from $XIANGZHI_E2E_OPEN_FILE, names a file
// in which the end-to-end tests write the path openDialog is to give, or the paths openFilesDialog
// is to give, one a line (once: the file is removed as it is read); without that file both answer as
// if the officer cancelled.
var e2eOpenFile string

// saveDialog asks where to save a file of type ft; "" when the officer cancels.
func saveDialog(w *windowEvents, ft fileType, title, name string) (string, error) {
	if e2eSaveDir != "" {
		return filepath.Join(e2eSaveDir, name), nil
	}
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
	if e2eOpenFile != "" {
		chosen, err := os.ReadFile(e2eOpenFile)
		if err != nil {
			return "", nil // nothing chosen: cancelled
		}
		os.Remove(e2eOpenFile)
		first, _, _ := strings.Cut(strings.TrimSpace(string(chosen)), "\n")
		return strings.TrimSpace(first), nil
	}
	ctx := w.window()
	if ctx == nil {
		return "", errs.New(errs.Internal, "窗口尚未就绪")
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   title,
		Filters: []runtime.FileFilter{{DisplayName: ft.name, Pattern: ft.filter()}, {DisplayName: "所有文件", Pattern: "*.*"}},
	})
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法打开文件对话框")
	}
	return path, nil
}

// folderDialog asks for a folder; "" when the officer cancels. In a dev build with
// $XIANGZHI_E2E_OPEN_FILE it answers the path written there.
func folderDialog(w *windowEvents, title string) (string, error) {
	if e2eOpenFile != "" {
		return openDialog(w, fileType{}, title)
	}
	ctx := w.window()
	if ctx == nil {
		return "", errs.New(errs.Internal, "窗口尚未就绪")
	}
	dir, err := runtime.OpenDirectoryDialog(ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法打开文件夹对话框")
	}
	return dir, nil
}

// openFilesDialog asks for one or more files of type ft to open; none when the officer cancels. In a
// dev build with $XIANGZHI_E2E_OPEN_FILE it answers the paths written there, one a line.
func openFilesDialog(w *windowEvents, ft fileType, title string) ([]string, error) {
	if e2eOpenFile != "" {
		chosen, err := os.ReadFile(e2eOpenFile)
		if err != nil {
			return nil, nil // nothing chosen: cancelled
		}
		os.Remove(e2eOpenFile)
		var paths []string
		for _, p := range strings.Split(string(chosen), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paths = append(paths, p)
			}
		}
		return paths, nil
	}
	ctx := w.window()
	if ctx == nil {
		return nil, errs.New(errs.Internal, "窗口尚未就绪")
	}
	paths, err := runtime.OpenMultipleFilesDialog(ctx, runtime.OpenDialogOptions{
		Title:   title,
		Filters: []runtime.FileFilter{{DisplayName: ft.name, Pattern: ft.filter()}, {DisplayName: "所有文件", Pattern: "*.*"}},
	})
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法打开文件对话框")
	}
	return paths, nil
}
