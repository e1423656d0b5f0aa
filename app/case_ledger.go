package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/events"
	"xiangzhi/backend/roster/sheet"
)

// The 民情台账 in Excel: the template, the import of an office's sheets and the export of a list, each
// one call into backend/cases. A path left empty is asked for with the system's file dialog.

// LedgerSummary is what an import found and did: the rows read, their problems (the first 1,000,
// with the column's header) and where the full report was written, then — when it wrote — what it
// registered. Written is false when rows were rejected and only valid ones were not asked for:
// nothing was written then.
type LedgerSummary struct {
	File         string             `json:"file"`
	Total        int                `json:"total"`
	Valid        int                `json:"valid"`
	Rejected     int                `json:"rejected"`
	Existing     int                `json:"existing"`
	Problems     []RosterProblem    `json:"problems"`
	ProblemCount int                `json:"problemCount"`
	Unknown      []string           `json:"unknown"`
	ReportPath   string             `json:"reportPath"`
	Notices      []RosterProblem    `json:"notices"` // what was imported but wants a look
	Written      bool               `json:"written"`
	Result       cases.LedgerResult `json:"result"` // its notices are in Notices
}

// LedgerExport is where an export was written and how many cases it holds.
type LedgerExport struct {
	Path  string `json:"path"`
	Count int    `json:"count"`
}

// ledgerWindow is where the ledger's dialogs and progress go (nowhere in tests without a window).
func (s *CaseService) ledgerWindow() *windowEvents {
	if s.window == nil {
		return &windowEvents{}
	}
	return s.window
}

// Template writes the empty 民情台账 to path (asked for when empty) and returns the path, "" when the
// officer cancels.
func (s *CaseService) Template(path string) (string, error) {
	if path == "" {
		p, err := saveDialog(s.ledgerWindow(), xlsxFile, "保存民情台账模板", "民情台账模板.xlsx")
		if err != nil || p == "" {
			return "", err
		}
		path = p
	}
	return path, cases.WriteLedgerTemplate(path)
}

// Import checks the ledger at path (asked for when empty) and imports it: every row, or with validOnly
// the valid ones. When rows are rejected the report goes to reportPath, or to the reports folder beside
// the database. Progress reaches the window as "task:progress" events of task cases:import. An empty
// summary means the officer cancelled the dialog.
func (s *CaseService) Import(path string, validOnly bool, reportPath string) (LedgerSummary, error) {
	if err := s.ready(); err != nil {
		return LedgerSummary{}, err
	}
	if path == "" {
		p, err := openDialog(s.ledgerWindow(), xlsxFile, "选择要导入的民情台账")
		if err != nil || p == "" {
			return LedgerSummary{}, err
		}
		path = p
	}
	if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		return LedgerSummary{}, errs.Field("file", "只能导入 .xlsx 格式的 Excel 文件（旧的 .xls 请先在 Excel 中另存为 .xlsx）")
	}
	p, err := s.o.cases.CheckLedger(bg, path)
	if err != nil {
		return LedgerSummary{}, err
	}
	out := LedgerSummary{File: path, Total: p.Total, Valid: p.Valid, Rejected: p.Rejected, Existing: p.Existing,
		Problems: shownProblems(p.Problems), ProblemCount: p.ProblemCount, Unknown: p.Unknown, Notices: shownProblems(p.Notices)}
	if p.Rejected > 0 {
		if out.ReportPath, err = s.reportPath(reportPath); err != nil {
			return out, err
		}
		if err := p.WriteReport(out.ReportPath); err != nil {
			return out, err
		}
		if !validOnly {
			return out, nil // the window shows the problems and offers the valid rows alone
		}
	}
	ev := events.Emitter(s.ledgerWindow())
	res, err := s.o.cases.ImportLedger(bg, p, cases.LedgerOptions{ValidOnly: validOnly},
		&throttled{task: "cases:import", events: ev, every: 100 * time.Millisecond})
	if err != nil {
		return out, err
	}
	out.Written, out.Notices = true, shownProblems(res.Notices)
	res.Notices = nil
	out.Result = res
	return out, nil
}

// reportPath is where an import's report goes: the path given, else a new file in the reports folder
// beside the database, like the roster's.
func (s *CaseService) reportPath(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if err := s.o.wait(); err != nil {
		return "", err
	}
	name := fmt.Sprintf("民情台账问题清单-%s.xlsx", s.o.db.Now().Format("20060102-150405.000"))
	path := filepath.Join(filepath.Dir(s.o.db.Path()), "reports", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", errs.Wrap(err, errs.Internal, "无法创建报告文件夹")
	}
	return path, nil
}

// shownProblems gives the first maxShownProblems of a check's lines with their column's header.
func shownProblems(list []sheet.Problem) []RosterProblem {
	out := []RosterProblem{}
	for i, p := range list {
		if i == maxShownProblems {
			break
		}
		out = append(out, RosterProblem{Row: p.Row, Column: cases.LedgerHeader(p.Key), Message: p.Message})
	}
	return out
}

// Export writes every case q picks (not one page) as a 民情台账 to path (asked for when empty); an
// empty path in the result means the officer cancelled.
func (s *CaseService) Export(q cases.Query, path string) (LedgerExport, error) {
	if err := s.ready(); err != nil {
		return LedgerExport{}, err
	}
	if path == "" {
		p, err := saveDialog(s.ledgerWindow(), xlsxFile, "导出民情台账", "民情台账-"+s.o.db.Now().Format("20060102")+".xlsx")
		if err != nil || p == "" {
			return LedgerExport{}, err
		}
		path = p
	}
	n, err := s.o.cases.ExportLedger(bg, q, path)
	return LedgerExport{Path: path, Count: n}, err
}
