package app

import (
	"context"
	"encoding/base64"
	"sync"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
)

// DocService is the bound service of the 公文 screen: kinds and their forms, preview, issue into the
// archive, reprint and save.
type DocService struct {
	o         *opening
	window    *windowEvents
	draftsDir string // where the operator's drafts are kept ("": not kept)

	mu      sync.Mutex
	archive *docs.Archive
	fonts   []docs.FontInUse
}

// NewDocService returns the service over the database o opens; fonts are loaded on first use.
func NewDocService(o *opening, window *windowEvents) *DocService {
	return &DocService{o: o, window: window}
}

func (s *DocService) ready() (*docs.Archive, error) {
	if err := s.o.wait(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.archive == nil {
		if err := s.loadFonts(); err != nil {
			return nil, err
		}
	}
	return s.archive, nil
}

// loadFonts (with s.mu held) builds the font set: system and embedded fonts, then the files the
// officer chose.
func (s *DocService) loadFonts() error {
	if err := s.o.wait(); err != nil {
		return err
	}
	base, err := fonts.Default()
	if err != nil {
		return err
	}
	set, use, err := docs.ChosenFonts(context.Background(), s.o.db, base)
	if err != nil {
		return err
	}
	s.archive, s.fonts = &docs.Archive{DB: s.o.db, Fonts: set}, use
	return nil
}

// DocFile is a PDF for the window: its bytes in base64, pages and title.
type DocFile struct {
	PDF    string      `json:"pdf"`
	Pages  int         `json:"pages"`
	Size   int         `json:"size"`
	Title  string      `json:"title"`
	Issued docs.Issued `json:"issued"` // empty for a draft
}

// Kinds lists the document kinds with their form fields and an example input.
func (s *DocService) Kinds() []docs.Kind { return docs.Kinds() }

// Fonts lists, per typeface role, the font documents are drawn with and the file chosen for it.
func (s *DocService) Fonts() ([]docs.FontInUse, error) {
	if _, err := s.ready(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fonts, nil
}

// ChooseFont asks for a TrueType file and makes it the first font of role (title, fang, hei or kai)
// on this install. A .ttc collection or a CFF (.otf) font is refused with code invalid.
func (s *DocService) ChooseFont(role string) ([]docs.FontInUse, error) {
	r, err := fonts.ParseRole(role)
	if err != nil {
		return nil, err
	}
	if _, err := s.ready(); err != nil {
		return nil, err
	}
	path, err := openDialog(s.window, ttfFile, "选择"+r.Label()+"字体文件")
	if err != nil {
		return nil, err
	}
	if path == "" {
		return s.Fonts()
	}
	return s.setFont(r, path)
}

// ResetFont goes back to the system or embedded font for role.
func (s *DocService) ResetFont(role string) ([]docs.FontInUse, error) {
	r, err := fonts.ParseRole(role)
	if err != nil {
		return nil, err
	}
	if _, err := s.ready(); err != nil {
		return nil, err
	}
	return s.setFont(r, "")
}

func (s *DocService) setFont(r fonts.Role, path string) ([]docs.FontInUse, error) {
	if err := s.o.wait(); err != nil {
		return nil, err
	}
	ctx := context.Background()
	var err error
	if path == "" {
		err = docs.ResetFont(ctx, s.o.db, r)
	} else {
		err = docs.ChooseFont(ctx, s.o.db, r, path)
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	err = s.loadFonts()
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return s.Fonts()
}

// FontLicenses returns the licence texts of the embedded fonts.
func (s *DocService) FontLicenses() []fonts.License { return fonts.Licenses() }

// Preview renders a draft (nothing is archived); replaces is the id of the issued document it
// corrects, or "". Bad input: code invalid naming the field.
func (s *DocService) Preview(kind, input, replaces string) (DocFile, error) {
	a, err := s.ready()
	if err != nil {
		return DocFile{}, err
	}
	pdf, doc, err := a.Draft(context.Background(), kind, []byte(input), replaces)
	if err != nil {
		return DocFile{}, err
	}
	return draftFile(pdf, doc), nil
}

// draftFile is a rendered draft (nothing archived) as the window shows it.
func draftFile(pdf []byte, doc docs.Document) DocFile {
	return DocFile{PDF: base64.StdEncoding.EncodeToString(pdf), Pages: docs.Pages(pdf), Size: len(pdf), Title: doc.Heading()}
}

// Issue renders the input, archives it under a new number and returns it; replaces is the id of the
// issued document this one corrects, or "". draftID names the window's draft: a draft is issued once,
// a second 发文存档 of it is refused (code conflict) with the number it got.
func (s *DocService) Issue(kind, input, replaces, draftID string) (DocFile, error) {
	a, err := s.ready()
	if err != nil {
		return DocFile{}, err
	}
	rec, pdf, err := a.IssueDraft(context.Background(), kind, []byte(input), replaces, draftID)
	if err != nil {
		return DocFile{}, err
	}
	return DocFile{PDF: base64.StdEncoding.EncodeToString(pdf), Pages: rec.Pages, Size: rec.Size, Title: rec.Title, Issued: rec}, nil
}

// List returns a page of the archive of one kind or all (""), newest first or in the order of the
// column sort (number, docDate, pages, issuedAt), with how many match and how many of those are voided.
func (s *DocService) List(kind, query, sort string, desc bool, limit, offset int) (docs.Page, error) {
	a, err := s.ready()
	if err != nil {
		return docs.Page{}, err
	}
	return a.ListSorted(context.Background(), kind, query, sort, desc, limit, offset)
}

// Void voids (作废) an issued document with the reason; it stays in the archive, marked.
func (s *DocService) Void(id, reason string) (docs.Issued, error) {
	a, err := s.ready()
	if err != nil {
		return docs.Issued{}, err
	}
	return a.Void(context.Background(), id, reason)
}

// Open returns an issued document's PDF exactly as it was issued (a reprint).
func (s *DocService) Open(id string) (DocFile, error) {
	a, err := s.ready()
	if err != nil {
		return DocFile{}, err
	}
	rec, pdf, err := a.PDF(context.Background(), id)
	if err != nil {
		return DocFile{}, err
	}
	return DocFile{PDF: base64.StdEncoding.EncodeToString(pdf), Pages: rec.Pages, Size: rec.Size, Title: rec.Title, Issued: rec}, nil
}

// SaveIssued asks where to save an issued document and writes it; it returns the path ("" when
// cancelled).
func (s *DocService) SaveIssued(id string) (string, error) {
	a, err := s.ready()
	if err != nil {
		return "", err
	}
	rec, pdf, err := a.PDF(context.Background(), id)
	if err != nil {
		return "", err
	}
	return s.save(pdfFile, "保存 PDF", rec.Number+" "+rec.Title, pdf)
}

// SaveDraft renders a draft (replaces as for Preview) and asks where to save it; it returns the path
// ("" when cancelled).
func (s *DocService) SaveDraft(kind, input, replaces string) (string, error) {
	a, err := s.ready()
	if err != nil {
		return "", err
	}
	pdf, doc, err := a.Draft(context.Background(), kind, []byte(input), replaces)
	if err != nil {
		return "", err
	}
	return s.save(pdfFile, "保存 PDF", "草稿 "+doc.Heading(), pdf)
}

// SaveWord writes a draft (replaces as for Preview) as a Word file (.docx) laid out to the same
// numbers, for an officer to adjust in WPS or Word, and asks where to save it; it returns the path
// ("" when cancelled).
func (s *DocService) SaveWord(kind, input, replaces string) (string, error) {
	a, err := s.ready()
	if err != nil {
		return "", err
	}
	file, doc, err := a.DraftWord(context.Background(), kind, []byte(input), replaces)
	if err != nil {
		return "", err
	}
	return s.save(docxFile, "存为 Word", doc.Heading(), file)
}

// save asks where to save data as a file of type ft named after name, and writes it there; it returns
// the path ("" when cancelled).
func (s *DocService) save(ft fileType, title, name string, data []byte) (string, error) {
	path, err := saveDialog(s.window, ft, title, docs.FileName(name)+ft.ext)
	if err != nil || path == "" {
		return "", err
	}
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return "", err
	}
	return path, nil
}
