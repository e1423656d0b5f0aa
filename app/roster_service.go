package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/roster"
)

// RosterService is the bound service of the roster (花名册) dialogs: template, check, import, export.
type RosterService struct {
	o      *opening
	window *windowEvents
	tasks  *TaskService

	mu       sync.Mutex
	previews map[string]*roster.Preview
	seq      int
}

// NewRosterService returns the service over the database o opens; problem reports go into a reports
// folder beside the database.
func NewRosterService(o *opening, window *windowEvents, tasks *TaskService) *RosterService {
	return &RosterService{o: o, window: window, tasks: tasks, previews: map[string]*roster.Preview{}}
}

// RosterProblem is one problem of a roster row, with the column's Chinese header.
type RosterProblem struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// RosterPreview is a checked roster file: counts, problems (the first 1,000) and where the full
// report was written.
type RosterPreview struct {
	Token        string          `json:"token"`
	File         string          `json:"file"`
	Total        int             `json:"total"`
	Valid        int             `json:"valid"`
	Rejected     int             `json:"rejected"`
	Existing     int             `json:"existing"`
	Problems     []RosterProblem `json:"problems"`
	ProblemCount int             `json:"problemCount"` // all the problems found
	Unknown      []string        `json:"unknown"`
	ReportPath   string          `json:"reportPath"`
}

const maxShownProblems = 1000

// maxRosterBytes is the largest roster file checked: a township's 10,000 residents take about 1 MB,
// a county's 340,000 some 20 MB.
const maxRosterBytes = 50 << 20

// Preview checks the roster file at path, asked for with the system's file dialog when path is
// empty, and keeps it for Import; an empty File means the officer cancelled the dialog. The file is
// read where it is, never sent through the window. When rows are rejected the report is written to
// the reports folder.
func (s *RosterService) Preview(path string) (RosterPreview, error) {
	if err := s.o.wait(); err != nil {
		return RosterPreview{}, err
	}
	if path == "" {
		chosen, err := openDialog(s.window, xlsxFile, "选择要导入的花名册")
		if err != nil || chosen == "" {
			return RosterPreview{Problems: []RosterProblem{}, Unknown: []string{}}, err
		}
		path = chosen
	}
	if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		return RosterPreview{}, errs.Field("file", "只能导入 .xlsx 格式的 Excel 文件（旧的 .xls 请先在 Excel 中另存为 .xlsx）")
	}
	if st, err := os.Stat(path); err == nil && st.Size() > maxRosterBytes {
		return RosterPreview{}, errs.Field("file", "这个文件有 %.1f MB，超过了 %d MB，请分村导出后分别导入", float64(st.Size())/(1<<20), maxRosterBytes>>20)
	}
	p, err := roster.Check(bg, s.o.grid, path)
	if err != nil {
		return RosterPreview{}, err
	}
	out := RosterPreview{File: filepath.Base(path), Total: p.Total, Valid: p.Valid, Rejected: p.Rejected, Existing: p.Existing,
		Problems: []RosterProblem{}, ProblemCount: p.ProblemCount, Unknown: p.Unknown}
	for i, pr := range p.Problems {
		if i == maxShownProblems {
			break
		}
		column := roster.Header(pr.Key)
		if column == "" {
			column = "整行"
		}
		out.Problems = append(out.Problems, RosterProblem{Row: pr.Row, Column: column, Message: pr.Message})
	}
	if p.Rejected > 0 {
		// Reports go beside the database (in a reports folder), like its backups.
		name := fmt.Sprintf("花名册问题清单-%s.xlsx", s.o.db.Now().Format("20060102-150405.000"))
		out.ReportPath = filepath.Join(filepath.Dir(s.o.db.Path()), "reports", name)
		if err := os.MkdirAll(filepath.Dir(out.ReportPath), 0o755); err != nil {
			return out, errs.Wrap(err, errs.Internal, "无法创建报告文件夹")
		}
		if err := p.WriteReport(out.ReportPath); err != nil {
			return out, err
		}
	}
	s.mu.Lock()
	s.seq++
	out.Token = fmt.Sprintf("p%d", s.seq)
	s.previews = map[string]*roster.Preview{out.Token: p} // only the latest preview is kept
	s.mu.Unlock()
	return out, nil
}

// Import writes the previewed roster: all rows, or with validOnly the valid ones; people already
// registered are updated when updateExisting, else skipped. It runs as the task "roster:import": the
// window shows its progress and can cancel it (TaskService.Cancel), which writes nothing.
func (s *RosterService) Import(token string, validOnly, updateExisting bool) (roster.Result, error) {
	if err := s.o.wait(); err != nil {
		return roster.Result{}, err
	}
	s.mu.Lock()
	p := s.previews[token]
	s.mu.Unlock()
	if p == nil {
		return roster.Result{}, errs.New(errs.NotFound, "这份花名册的检查结果已失效，请重新选择文件")
	}
	var res roster.Result
	err := s.tasks.run("roster:import", func(ctx context.Context, r progress.Reporter) (err error) {
		res, err = roster.Import(ctx, s.o.grid, p, roster.Options{ValidOnly: validOnly, UpdateExisting: updateExisting}, r)
		return err
	})
	if err == nil {
		s.mu.Lock()
		delete(s.previews, token)
		s.mu.Unlock()
	}
	return res, err
}

// SaveTemplate asks where to save the roster template and writes it; it returns the path ("" when
// cancelled).
func (s *RosterService) SaveTemplate() (string, error) {
	path, err := saveDialog(s.window, xlsxFile, "保存花名册模板", "花名册模板.xlsx")
	if err != nil || path == "" {
		return "", err
	}
	return path, roster.WriteTemplate(path)
}

// Export asks where to save and writes the roster of a village (or all when villageID is empty); it
// returns the path ("" when cancelled).
func (s *RosterService) Export(villageID, suggestedName string) (string, error) {
	if err := s.o.wait(); err != nil {
		return "", err
	}
	if suggestedName == "" {
		suggestedName = "花名册"
	}
	path, err := saveDialog(s.window, xlsxFile, "导出花名册", suggestedName+".xlsx")
	if err != nil || path == "" {
		return "", err
	}
	_, err = roster.Export(bg, s.o.grid, villageID, path)
	return path, err
}

// ExportCadence asks where to save and writes the visit tracker (one village, or all); it returns the
// path ("" when cancelled).
func (s *RosterService) ExportCadence(villageID string) (string, error) {
	if err := s.o.wait(); err != nil {
		return "", err
	}
	path, err := saveDialog(s.window, xlsxFile, "导出走访督办表", "走访督办-"+s.o.db.Now().Format("20060102")+".xlsx")
	if err != nil || path == "" {
		return "", err
	}
	rep, err := s.o.grid.Cadence(bg, villageID, 0)
	if err != nil {
		return "", err
	}
	return path, roster.ExportCadence(rep, path)
}
