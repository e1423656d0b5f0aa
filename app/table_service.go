package app

import (
	"sync"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/roster/sheet"
)

// TableService exports what a list on screen shows, as the officer has sorted and filtered it: to
// Excel, or as a 台账 of the documents engine for printing. A long view comes in pieces (Stage) and
// then the call that uses them names its token: one message from the window to the backend is kept
// small (the development server's socket reads a message as one frame).
type TableService struct {
	window *windowEvents
	docs   *DocService

	mu     sync.Mutex
	staged map[string][][]string
	order  []string // tokens, oldest first
}

// maxStaged is how many views may wait at once; the oldest is dropped after that (a window that
// never finished its export).
const maxStaged = 8

// NewTableService returns the service; window is for the save dialog, docs renders the 台账.
func NewTableService(window *windowEvents, docs *DocService) *TableService {
	return &TableService{window: window, docs: docs, staged: map[string][][]string{}}
}

// Stage keeps rows of a view under token until ExportXlsx or Ledger takes them.
func (s *TableService) Stage(token string, rows [][]string) error {
	if token == "" {
		return errs.Field("token", "缺少暂存编号")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.staged[token]; !ok {
		s.order = append(s.order, token)
		if len(s.order) > maxStaged {
			delete(s.staged, s.order[0])
			s.order = s.order[1:]
		}
	}
	if len(s.staged[token])+len(rows) > sheet.MaxTableRows {
		return errs.Field("rows", "一次最多导出 %d 行，请先筛选", sheet.MaxTableRows)
	}
	s.staged[token] = append(s.staged[token], rows...)
	return nil
}

// take returns the rows staged under token followed by rows, and forgets the token.
func (s *TableService) take(token string, rows [][]string) [][]string {
	if token == "" {
		return rows
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	staged := s.staged[token]
	delete(s.staged, token)
	for i, t := range s.order {
		if t == token {
			s.order = append(s.order[:i:i], s.order[i+1:]...)
			break
		}
	}
	return append(staged, rows...)
}

// ExportXlsx checks the table (its rows: those staged under token, then its own; code invalid naming
// the field), asks where to save it and writes it as a workbook; it returns the path ("" when
// cancelled).
func (s *TableService) ExportXlsx(t sheet.Table, token string) (string, error) {
	t.Rows = s.take(token, t.Rows)
	if err := t.Check(); err != nil {
		return "", err
	}
	path, err := saveDialog(s.window, xlsxFile, "导出 Excel", docs.FileName(t.Title)+".xlsx")
	if err != nil || path == "" {
		return "", err
	}
	return path, sheet.WriteTable(path, t)
}

// Ledger renders the view as a 台账 (nothing is archived) for the print preview: l's rows are those
// staged under token, then its own. Bad input: code invalid naming the field.
func (s *TableService) Ledger(l docs.Ledger, token string) (DocFile, error) {
	l.Rows = s.take(token, l.Rows)
	a, err := s.docs.ready()
	if err != nil {
		return DocFile{}, err
	}
	pdf, err := docs.RenderDocument(a.Fonts, &l)
	if err != nil {
		return DocFile{}, err
	}
	return draftFile(pdf, &l), nil
}
