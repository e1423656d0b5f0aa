package docs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Archive keeps every issued document: its number, kind, title, the PDF
// and its SHA-256, the input it was made from, who issued it and when.
type Archive struct {
	DB    *store.DB
	Fonts *fonts.Set
	// Issuer names who issues documents; empty means the install's
	// operator (设置 → 操作员), which must then be set.
	Issuer string
}

// Issued is an archived document (without its PDF bytes).
type Issued struct {
	ID             string `json:"id"`
	Number         string `json:"number"` // e.g. 2026-通知-0003
	Kind           string `json:"kind"`
	KindLabel      string `json:"kindLabel"`
	Title          string `json:"title"`
	DocDate        string `json:"docDate"`
	SHA256         string `json:"sha256"`
	Input          string `json:"input"`
	Pages          int    `json:"pages"`
	Size           int    `json:"size"`
	Issuer         string `json:"issuer"`
	IssuedAt       string `json:"issuedAt"`
	Replaces       string `json:"replaces"`       // id of the document this one corrects
	ReplacesNumber string `json:"replacesNumber"` // its number
	ReplacedBy     string `json:"replacedBy"`     // number of the document that corrects this one
	Source         Source `json:"source"`         // the record it was issued for, if any
	DocNumber      string `json:"docNumber"`      // its 文号 (发文字号) when its kind has one, e.g. 儒政发〔2026〕12号
	DraftID        string `json:"draftId"`        // the window's draft it was issued from, if any
	VoidedAt       string `json:"voidedAt"`       // when it was voided (作废), local time; "" when valid
	VoidReason     string `json:"voidReason"`
	VoidedBy       string `json:"voidedBy"`
}

// Source is the record a document was issued for: a row of a shared table (a meeting whose 纪要 it
// is, a case whose 交办单 it is). The zero Source is a document issued on its own.
type Source struct {
	Table string `json:"table"`
	ID    string `json:"id"`
}

// Draft renders input exactly as Issue would, with the line saying what
// it corrects when replaces is given, without archiving anything.
func (a *Archive) Draft(ctx context.Context, kind string, input []byte, replaces string) ([]byte, Document, error) {
	k, doc, note, err := a.draft(ctx, kind, input, replaces)
	if err != nil {
		return nil, nil, err
	}
	pdf, err := k.Draw(a.Fonts, doc, note)
	return pdf, doc, err
}

// DraftWord is Draft as a .docx file for WPS and Word (Kind.Word).
func (a *Archive) DraftWord(ctx context.Context, kind string, input []byte, replaces string) ([]byte, Document, error) {
	k, doc, note, err := a.draft(ctx, kind, input, replaces)
	if err != nil {
		return nil, nil, err
	}
	file, err := k.Word(a.Fonts, doc, note)
	return file, doc, err
}

// draft reads a draft's input and the line saying what it corrects.
func (a *Archive) draft(ctx context.Context, kind string, input []byte, replaces string) (*Kind, Document, string, error) {
	k, doc, err := parse(kind, input)
	if err != nil {
		return nil, nil, "", err
	}
	note := ""
	if replaces != "" {
		old, err := a.Get(ctx, replaces)
		if err != nil {
			return nil, nil, "", err
		}
		if note, err = correctionNote(k, old); err != nil {
			return nil, nil, "", err
		}
	}
	return k, doc, note, nil
}

// correctionNote checks that old can be corrected by a document of kind k and returns the words that
// name it in the correction's note: its 文号, which the villages saw, and title, with the 存档号; the
// 存档号 and title when it has no 文号. Codes: invalid (another kind), conflict (already corrected).
func correctionNote(k *Kind, old Issued) (string, error) {
	if old.Kind != k.Name {
		return "", errs.Field("replaces", "更正件应与原件同类：原件是%s", old.KindLabel)
	}
	if old.ReplacedBy != "" {
		return "", errs.New(errs.Conflict, "存档号 %s 已被 %s 更正，请更正最新的一份", old.Number, old.ReplacedBy)
	}
	if old.DocNumber != "" {
		return old.DocNumber + "《" + old.Title + "》（存档号" + old.Number + "）", nil
	}
	return "存档号" + old.Number + "《" + old.Title + "》", nil
}

// Issue renders a kind's JSON input, archives the PDF and returns the
// record and the bytes. With replaces (the id of an issued document of
// the same kind) the new document says which one it corrects. Errors:
// invalid (input, naming the field; no issuer or short name known),
// not_found (replaces), conflict (replaces is already corrected).
func (a *Archive) Issue(ctx context.Context, kind string, input []byte, replaces string) (Issued, []byte, error) {
	return a.IssueDraft(ctx, kind, input, replaces, "")
}

// IssueDraft is Issue for the window's draft draftID (may be ""): a draft is issued once, and a second
// 发文存档 of it (a double click, a second window) is refused with the number it got (code conflict).
func (a *Archive) IssueDraft(ctx context.Context, kind string, input []byte, replaces, draftID string) (Issued, []byte, error) {
	_, doc, err := parse(kind, input)
	if err != nil {
		return Issued{}, nil, err
	}
	var rec Issued
	var pdf []byte
	err = a.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if err := draftNotIssued(tx, draftID); err != nil {
			return err
		}
		rec, pdf, err = a.issueIn(tx, doc, Source{}, replaces, draftID)
		return err
	})
	if err != nil {
		return Issued{}, nil, err
	}
	return rec, pdf, nil
}

// IssueIn validates, renders, numbers and archives a document inside the caller's transaction, linked
// to the record it was issued for, so a domain can change its data and issue the document in one
// write (a meeting finalised and its 纪要 archived). Errors: invalid (the document, naming the field;
// no issuer or short name; a source that does not exist), internal (a type that is no kind).
func (a *Archive) IssueIn(tx *store.Tx, doc Document, src Source) (Issued, []byte, error) {
	return a.issueIn(tx, doc, src, "", "")
}

func (a *Archive) issueIn(tx *store.Tx, doc Document, src Source, replaces, draftID string) (Issued, []byte, error) {
	k, err := KindOf(doc)
	if err != nil {
		return Issued{}, nil, err
	}
	if err := doc.Validate(); err != nil {
		return Issued{}, nil, err
	}
	if src.ID != "" {
		if _, err := tx.Get(src.Table, src.ID); err != nil {
			return Issued{}, nil, errs.Wrap(err, errs.Invalid, "文书所属的记录（%s %s）不存在或已删除", src.Table, src.ID)
		}
	}
	note := ""
	var old Issued
	if replaces != "" {
		// read inside the transaction: two corrections of one document at once are refused
		if old, err = getIssued(txRow{tx}, replaces); err != nil {
			return Issued{}, nil, err
		}
		if old.VoidedAt != "" {
			return Issued{}, nil, errs.New(errs.Conflict, "存档号 %s 的文书已作废，不能再更正", old.Number)
		}
		if note, err = correctionNote(k, old); err != nil {
			return Issued{}, nil, err
		}
	}
	// A kind whose 编号 is its 存档号 is numbered before it is drawn, so that the paper carries it.
	number := ""
	if n, ok := doc.(archiveNumbered); ok {
		if number, err = nextNumber(tx, k); err != nil {
			return Issued{}, nil, err
		}
		n.setNumber(number)
	}
	pdf, err := k.Draw(a.Fonts, doc, note)
	if err != nil {
		return Issued{}, nil, err
	}
	issuer := a.Issuer
	if issuer == "" {
		issuer = tx.Operator()
	}
	if issuer == "" {
		return Issued{}, nil, errs.Field("operator", "还没有填写操作员：发文存档要记下发文人，请先在「设置」中填写操作员姓名")
	}
	if number == "" {
		if number, err = nextNumber(tx, k); err != nil {
			return Issued{}, nil, err
		}
	}
	input, err := json.Marshal(doc)
	if err != nil {
		return Issued{}, nil, errs.Wrap(err, errs.Internal, "无法保存文书内容")
	}
	at := tx.Now()
	sum := sha256.Sum256(pdf)
	rec := Issued{Kind: k.Name, KindLabel: k.Label, Title: doc.Heading(), SHA256: hex.EncodeToString(sum[:]),
		Input: string(input), Pages: Pages(pdf), Size: len(pdf), Issuer: issuer, IssuedAt: at.Format("2006-01-02T15:04:05"),
		Replaces: replaces, ReplacesNumber: old.Number, Source: src, DraftID: draftID}
	if t := doc.Dated(); !t.IsZero() {
		rec.DocDate = t.Format("2006-01-02")
	}
	var withNumber struct {
		Number string `json:"number"` // the 文号, in the kinds that have one
	}
	if json.Unmarshal(input, &withNumber) == nil {
		rec.DocNumber = strings.TrimSpace(withNumber.Number)
	}
	if k.hasDocNumber() {
		if err := docNumberFree(tx, rec.DocNumber, replaces); err != nil {
			return Issued{}, nil, err
		}
	}
	rec.Number = number
	v := store.Values{"number": rec.Number, "kind": k.Name, "title": rec.Title, "doc_date": rec.DocDate, "sha256": rec.SHA256,
		"input": rec.Input, "pdf": pdf, "pages": rec.Pages, "issuer": rec.Issuer, "issued_at": rec.IssuedAt,
		"source_table": src.Table, "source_id": src.ID, "draft_id": draftID}
	if replaces != "" {
		v["replaces"] = replaces
	}
	if rec.ID, err = tx.Insert("documents", v); err != nil {
		return Issued{}, nil, err
	}
	return rec, pdf, nil
}

// hasDocNumber tells the kinds whose number is a 文号 (发文字号: 通知, 公示, 函, 请示 …) from those
// whose number refers to something else: a 交办单 and its 回执 share the case's number, and 纪要 of
// two villages may both be 第12期.
func (k *Kind) hasDocNumber() bool {
	for _, f := range k.Fields {
		if f.Key == "number" {
			return f.Label == "文号"
		}
	}
	return false
}

// docNumberKinds are the names of the kinds with a 文号.
func docNumberKinds() []any {
	var out []any
	for _, name := range order {
		if k, ok := kinds[name]; ok && k.hasDocNumber() {
			out = append(out, name)
		}
	}
	return out
}

// docNumberFree refuses (code invalid, field number) a 文号 that a live document of a kind with 文号
// already carries: one 文号 names one paper. A correction may keep the 文号 of the document it
// replaces (and of those that one replaced); a voided document's 文号 stays taken, as it was seen.
// The 文号 is compared as typed, and only this office's archive is searched (a merge does not refuse).
func docNumberFree(tx *store.Tx, docNumber, replaces string) error {
	if docNumber == "" {
		return nil
	}
	named := docNumberKinds()
	// json_extract before the rest: voided_at and deleted_at lie after the PDF in the row.
	var number, title string
	err := tx.QueryRow(`SELECT d.number, d.title FROM documents d
		WHERE json_extract(d.input, '$.number') = ? AND d.kind IN (?`+strings.Repeat(", ?", len(named)-1)+`)
		  AND d.deleted_at IS NULL AND d.id <> ?
		  AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.replaces = d.id AND n.deleted_at IS NULL)
		ORDER BY d.number LIMIT 1`, append(append([]any{docNumber}, named...), replaces)...).Scan(&number, &title)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法查对文号")
	}
	return errs.Field("number", "文号“%s”已用于存档号 %s 的《%s》；一个文号只能用于一份文件，请改用新的文号（要改那份文件，请对它办理更正）",
		docNumber, number, title)
}

// archiveNumbered is a kind whose printed 编号 is its 存档号 (the 人民调解协议书; a 催办通知书 without
// a number of its own): issueIn numbers it before drawing it.
type archiveNumbered interface{ setNumber(string) }

// nextNumber is the 存档号 the next document of kind k gets: the office's short name, the year and the
// kind's label, then a sequence number (丹口-2026-通知-0003). The year is the day's: a paper recorded on
// a past day (store.Tx.OnDay) is numbered in its year. Code invalid when no short name is set.
func nextNumber(tx *store.Tx, k *Kind) (string, error) {
	short, err := tx.ShortName()
	if err != nil {
		return "", err
	}
	return tx.NextNumber("documents", "number", fmt.Sprintf("%s-%d-%s-", short, tx.Today().Year(), k.Label), 4)
}

// Pages counts the pages of a PDF made by the engine.
func Pages(pdf []byte) int { return bytes.Count(pdf, []byte("/Type /Page\n")) }

// FileName makes a title safe as a Windows file name: no \ / : * ? " < > |,
// no trailing dot or space, at most 80 characters.
func FileName(title string) string {
	r := strings.NewReplacer("\\", "-", "/", "-", ":", "-", "*", "-", "?", "-", "\"", "-", "<", "-", ">", "-", "|", "-", "\n", " ", "\r", " ", "\t", " ")
	s := []rune(strings.TrimSpace(r.Replace(title)))
	if len(s) > 80 {
		s = s[:80]
	}
	return strings.TrimRight(string(s), ". ")
}

const issuedColumns = `d.id, d.number, d.kind, d.title, d.doc_date, d.sha256, d.input, d.pages, length(d.pdf), d.issuer, d.issued_at,
	coalesce(d.replaces, ''), coalesce(o.number, ''),
	coalesce((SELECT n.number FROM documents n WHERE n.replaces = d.id AND n.deleted_at IS NULL ORDER BY n.number DESC LIMIT 1), ''),
	d.source_table, d.source_id, d.draft_id, coalesce(d.voided_at, ''), d.void_reason, d.voided_by,
	coalesce(json_extract(d.input, '$.number'), '')`

const issuedFrom = ` FROM documents d LEFT JOIN documents o ON o.id = d.replaces `

func scanIssued(sc interface{ Scan(...any) error }) (Issued, error) {
	var r Issued
	err := sc.Scan(&r.ID, &r.Number, &r.Kind, &r.Title, &r.DocDate, &r.SHA256, &r.Input, &r.Pages, &r.Size, &r.Issuer, &r.IssuedAt,
		&r.Replaces, &r.ReplacesNumber, &r.ReplacedBy, &r.Source.Table, &r.Source.ID, &r.DraftID, &r.VoidedAt, &r.VoidReason, &r.VoidedBy,
		&r.DocNumber)
	if k, ok := kinds[r.Kind]; ok {
		r.KindLabel = k.Label
	}
	return r, err
}

// rowReader runs a query that returns at most one row: in a transaction or on the read pool.
type rowReader interface {
	QueryRow(query string, args ...any) *sql.Row
}

type txRow struct{ tx *store.Tx }

func (r txRow) QueryRow(q string, args ...any) *sql.Row { return r.tx.QueryRow(q, args...) }

type dbRow struct {
	ctx context.Context
	db  *sql.DB
}

func (r dbRow) QueryRow(q string, args ...any) *sql.Row {
	return r.db.QueryRowContext(r.ctx, q, args...)
}

// Get returns an archived document's record; code not_found when there is none.
func (a *Archive) Get(ctx context.Context, id string) (Issued, error) {
	return getIssued(dbRow{ctx, a.DB.SQL()}, id)
}

func getIssued(q rowReader, id string) (Issued, error) {
	r, err := scanIssued(q.QueryRow(`SELECT `+issuedColumns+issuedFrom+`WHERE d.id = ? AND d.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Issued{}, errs.New(errs.NotFound, "存档中没有这份文书")
	}
	if err != nil {
		return Issued{}, errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	return r, nil
}

// ByNumber returns an archived document's record by its number; code not_found when there is none.
func (a *Archive) ByNumber(ctx context.Context, number string) (Issued, error) {
	var id string
	err := a.DB.SQL().QueryRowContext(ctx, `SELECT id FROM documents WHERE number = ? AND deleted_at IS NULL`, number).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Issued{}, errs.Field("number", "存档中没有存档号为 %s 的文书", number)
	}
	if err != nil {
		return Issued{}, errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	return a.Get(ctx, id)
}

// PDF returns an archived document's PDF exactly as issued; code internal
// when the stored bytes no longer match their SHA-256.
func (a *Archive) PDF(ctx context.Context, id string) (Issued, []byte, error) {
	r, err := a.Get(ctx, id)
	if err != nil {
		return Issued{}, nil, err
	}
	var pdf []byte
	if err := a.DB.SQL().QueryRowContext(ctx, `SELECT pdf FROM documents WHERE id = ?`, id).Scan(&pdf); err != nil {
		return Issued{}, nil, errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	sum := sha256.Sum256(pdf)
	if hex.EncodeToString(sum[:]) != r.SHA256 {
		return Issued{}, nil, errs.New(errs.Internal, "存档号 %s 的文件与登记的校验值不符，可能已损坏", r.Number)
	}
	return r, pdf, nil
}

// Page is a page of the archive: its documents, how many match in all, and how many of those are
// voided (the rest are in force).
type Page struct {
	Items  []Issued `json:"items"`
	Total  int      `json:"total"`
	Voided int      `json:"voided"`
}

// List returns issued documents, newest first, of one kind or all (""); query matches the number,
// the title or the 文号 (发文字号) in its input, such as 儒政发〔2026〕12号.
func (a *Archive) List(ctx context.Context, kind, query string, limit, offset int) (Page, error) {
	return a.ListSorted(ctx, kind, query, "", false, limit, offset)
}

// archiveOrders are the orders the archive can be listed in, by the key of the column: numbers and
// dates as stored, titles and names in pinyin order.
var archiveOrders = map[string]string{
	"number": "d.number", "docDate": "d.doc_date", "pages": "d.pages", "issuedAt": "d.issued_at",
	"title": "d.title COLLATE " + store.Pinyin, "issuer": "d.issuer COLLATE " + store.Pinyin,
}

// ListSorted is List in the order of one column (see archiveOrders; "" for newest first), ascending
// or descending. Code invalid for a column it cannot order by.
func (a *Archive) ListSorted(ctx context.Context, kind, query, sort string, desc bool, limit, offset int) (Page, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	order := "d.issued_at DESC, d.number DESC"
	if sort != "" {
		col, ok := archiveOrders[sort]
		if !ok {
			return Page{}, errs.Field("sort", "存档不能按“%s”排序", sort)
		}
		dir := " ASC"
		if desc {
			dir = " DESC"
		}
		order = col + dir + ", d.number" + dir
	}
	where := `d.deleted_at IS NULL AND (? = '' OR d.kind = ?) AND (? = '' OR d.title LIKE '%' || ? || '%' OR d.number LIKE '%' || ? || '%'
		OR json_extract(d.input, '$.number') LIKE '%' || ? || '%')`
	args := []any{kind, kind, query, query, query, query}
	var p Page
	if err := a.DB.SQL().QueryRowContext(ctx, `SELECT count(*), count(d.voided_at) FROM documents d WHERE `+where, args...).Scan(&p.Total, &p.Voided); err != nil {
		return Page{}, errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	var err error
	p.Items, err = a.list(ctx, `WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return Page{}, err
	}
	return p, nil
}

// BySource returns the live documents issued for a record (the 纪要 of a meeting, the 交办单 and 回执
// of a case), oldest first.
func (a *Archive) BySource(ctx context.Context, src Source) ([]Issued, error) {
	return a.list(ctx, `WHERE d.source_table = ? AND d.source_id = ? AND d.source_id <> '' AND d.deleted_at IS NULL
		ORDER BY d.issued_at, d.id`, src.Table, src.ID) // ids are UUIDv7: in the order they were issued
}

func (a *Archive) list(ctx context.Context, where string, args ...any) ([]Issued, error) {
	rows, err := a.DB.SQL().QueryContext(ctx, `SELECT `+issuedColumns+issuedFrom+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	defer rows.Close()
	out := []Issued{}
	for rows.Next() {
		r, err := scanIssued(rows)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "无法读取存档")
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	return out, nil
}

// IssueExamplesIn issues every kind's example input inside the caller's transaction, for demo
// databases: the demo's registry and its documents land together or not at all.
func (a *Archive) IssueExamplesIn(tx *store.Tx) ([]Issued, error) {
	var out []Issued
	for _, k := range Kinds() {
		_, doc, err := parse(k.Name, []byte(k.Example))
		if err != nil {
			return nil, err
		}
		rec, _, err := a.issueIn(tx, doc, Source{}, "", "")
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}
