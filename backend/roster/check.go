// Package roster imports and exports the registry as officers' Excel rosters (花名册): one row per
// resident with the village, piece, group and neighbourhood, the household and the person. The
// spreadsheet layer is roster/sheet; this package validates rows and writes them to the grid.
package roster

import (
	"context"
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/roster/sheet"
)

// Default names for levels a roster leaves out: many village sheets have only 村 and 组.
const (
	DefaultPiece         = "未分片"
	DefaultNeighbourhood = "未分邻"
)

// Row is one valid roster row, ready to write.
type Row struct {
	Number                               int
	Village, Piece, Group, Neighbourhood string
	HouseholdCode, HeadName, Address     string
	Tags                                 []string
	Resident                             grid.ResidentInput
}

// householdKey says which rows belong to one household: the 户编号 when given, else the head's
// name and the address within the group.
func (r Row) householdKey() string {
	if r.HouseholdCode != "" {
		return r.Village + "\x00code\x00" + r.HouseholdCode
	}
	return strings.Join([]string{r.Village, r.Piece, r.Group, r.Neighbourhood, r.HeadName, r.Address}, "\x00")
}

// Preview is what a roster file holds, checked, before anything is written.
type Preview struct {
	File     string `json:"file"`
	Total    int    `json:"total"`    // data rows read
	Valid    int    `json:"valid"`    // rows without problems
	Rejected int    `json:"rejected"` // rows with at least one problem
	Existing int    `json:"existing"` // valid rows whose ID number is already registered
	// Problems are the first MaxProblems problems; ProblemCount counts them all (a sheet where every
	// row is wrong, an ID column Excel stored as numbers, has as many as it has rows).
	Problems     []sheet.Problem `json:"problems"`
	ProblemCount int             `json:"problemCount"`
	Unknown      []string        `json:"unknown"` // headers that were not recognised (ignored)

	sheet *sheet.Sheet
	rows  []packedRow // the valid rows
}

// fieldColumns maps the grid's field names in errors to roster column keys.
var fieldColumns = map[string]string{
	"name": "name", "relation": "relation", "idNumber": "id_number", "sex": "sex", "birthDate": "birth_date",
	"ethnicity": "ethnicity", "phone": "phone", "notes": "notes", "tags": "tags", "address": "address",
}

// Check reads and validates a roster file. Every problem is listed with its row, column and reason;
// nothing is written. Code invalid when the file cannot be read as a roster at all.
func Check(ctx context.Context, g *grid.Service, path string) (*Preview, error) {
	p := &Preview{File: path, Problems: []sheet.Problem{}}
	today := g.Today()
	seenID := map[string]int{}
	var rejected []sheet.Row // the cells of the rows the report lists
	// Each row is parsed as it is read, beside the reading (on the other core); only the valid rows
	// (packed) and the cells of the rejected rows the report lists are kept, never the whole sheet.
	parse := func(raw sheet.Row) {
		p.Total++
		row, problems := parseRow(raw, today)
		if row.Resident.IDNumber != "" && len(problems) == 0 {
			if first, dup := seenID[row.Resident.IDNumber]; dup {
				problems = append(problems, sheet.Problem{Row: raw.Number, Key: "id_number",
					Message: fmt.Sprintf("与第 %d 行的身份证号相同，同一个人只能登记一次", first)})
			} else {
				seenID[row.Resident.IDNumber] = raw.Number
			}
		}
		if len(problems) > 0 {
			p.Rejected++
			p.ProblemCount += len(problems)
			if len(p.Problems) < MaxProblems {
				p.Problems = append(p.Problems, problems...)
				rejected = append(rejected, raw)
			}
			return
		}
		p.Valid++
		p.rows = append(p.rows, packRow(row))
	}
	batches, parsed := make(chan []sheet.Row, 4), make(chan struct{})
	go func() {
		defer close(parsed)
		for b := range batches {
			if b == nil {
				*p, seenID, rejected = Preview{File: path, Problems: []sheet.Problem{}}, map[string]int{}, nil
			}
			for _, raw := range b {
				parse(raw)
			}
		}
	}()
	batch, read := make([]sheet.Row, 0, parseBatch), 0
	// The sheet is read in one pass; when the fast reader gives up halfway, the parsing forgets what
	// it had (a nil batch) and the rows come again from the first.
	restart := func() {
		batches <- batch
		batches <- nil
		batch = make([]sheet.Row, 0, parseBatch)
	}
	sh, err := sheet.Roster.ReadEachOver(path, restart, func(raw sheet.Row) error {
		if read++; read%1024 == 0 && ctx.Err() != nil {
			return progress.Cancelled(ctx)
		}
		if batch = append(batch, raw); len(batch) == parseBatch {
			batches <- batch
			batch = make([]sheet.Row, 0, parseBatch)
		}
		return nil
	})
	batches <- batch
	close(batches)
	<-parsed
	if err != nil {
		return nil, err
	}
	sh.Rows = rejected
	p.sheet, p.Unknown = sh, sh.Unknown
	if p.Unknown == nil {
		p.Unknown = []string{}
	}
	existing, err := registeredIDs(ctx, g, p.rows)
	if err != nil {
		return nil, err
	}
	p.Existing = existing
	return p, nil
}

// parseBatch is how many rows the reading hands to the parsing at a time.
const parseBatch = 256

// parseRow turns a sheet row into a Row, or the problems that keep it out.
func parseRow(raw sheet.Row, today time.Time) (Row, []sheet.Problem) {
	val := func(k string) string { return idcard.Normalize(raw.Cells[k].Value) }
	var problems []sheet.Problem
	bad := func(key, msg string) {
		problems = append(problems, sheet.Problem{Row: raw.Number, Key: key, Message: msg})
	}
	r := Row{Number: raw.Number, Village: val("village"), Piece: val("piece"), Group: val("group"),
		Neighbourhood: val("neighbourhood"), HouseholdCode: val("household_code"), HeadName: val("head_name"), Address: val("address")}
	if r.Village == "" {
		bad("village", "村（社区）不能为空")
	}
	if r.Group == "" {
		bad("group", "组不能为空")
	}
	if r.Piece == "" {
		r.Piece = DefaultPiece
	}
	if r.Neighbourhood == "" {
		r.Neighbourhood = DefaultNeighbourhood
	}
	// The same rules as the write: a row the preview calls valid is written.
	for _, place := range []struct {
		key, label string
		name       *string
	}{{"village", "村（社区）", &r.Village}, {"piece", "片", &r.Piece}, {"group", "组", &r.Group}, {"neighbourhood", "邻", &r.Neighbourhood}} {
		if *place.name == "" {
			continue
		}
		clean, err := grid.CleanNodeName(place.label, *place.name)
		if err != nil {
			bad(place.key, errs.As(err).Message)
		}
		*place.name = clean
	}
	hh, err := grid.HouseholdInput{Code: r.HouseholdCode, Address: r.Address, Tags: []string{val("tags")}}.Clean()
	if err != nil {
		e := errs.As(err)
		for _, f := range e.All() {
			bad(map[string]string{"code": "household_code", "address": "address", "tags": "tags"}[f.Field], f.Message)
		}
	}
	r.HouseholdCode, r.Address, r.Tags = hh.Code, hh.Address, hh.Tags
	in := grid.ResidentInput{Name: val("name"), Relation: val("relation"), Sex: val("sex"),
		Ethnicity: val("ethnicity"), Phone: val("phone"), Notes: val("notes")}
	if id := raw.Cells["id_number"]; id.Numeric {
		bad("id_number", "Excel 把身份证号存成了数字，后几位已丢失；请把该列设为文本格式后重新填写")
	} else {
		in.IDNumber = val("id_number")
	}
	if b := raw.Cells["birth_date"]; b.Numeric && b.Raw != "" {
		in.BirthDate = b.Raw // an Excel serial number; ParseDate reads it
	} else {
		in.BirthDate = val("birth_date")
	}
	if pm, err := idcard.ParseBool("party_member", partyValue(val("party_member"))); err != nil {
		bad("party_member", errs.As(err).Message)
	} else {
		in.PartyMember = pm
	}
	clean, err := in.Clean(today)
	if err != nil {
		e := errs.As(err)
		for _, f := range e.All() { // each bad cell of the row
			key := fieldColumns[f.Field]
			if key == "" {
				key = "name"
			}
			bad(key, f.Message)
		}
	}
	if r.HeadName == "" && clean.Relation == "户主" {
		r.HeadName = clean.Name
	}
	r.Resident = clean
	return r, problems
}

// partyValue reads a 政治面貌 column too: 中共党员 and 预备党员 are members, anything else is not.
func partyValue(s string) string {
	switch {
	case strings.Contains(s, "党员"):
		return "是"
	case s == "群众" || strings.Contains(s, "团员") || strings.Contains(s, "民主"):
		return "否"
	}
	return s
}

// registeredIDs counts the rows whose ID number is already in the registry.
func registeredIDs(ctx context.Context, g *grid.Service, rows []packedRow) (int, error) {
	ids := idNumbers(rows)
	found, err := g.ResidentsByIDNumbers(ctx, nil, ids)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		if _, ok := found[id]; ok && id != "" {
			n++
		}
	}
	return n, nil
}

// idNumbers lists the ID numbers of the rows.
func idNumbers(rows []packedRow) []string {
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.row().Resident.IDNumber)
	}
	return ids
}

// WriteReport writes the validation report: every problem, and the rejected rows with the bad
// cells marked.
func (p *Preview) WriteReport(path string) error {
	return sheet.WriteReport(p.sheet, p.Problems, p.ProblemCount, path)
}

// MaxProblems bounds the problems a check keeps and its report lists; the rest are counted.
const MaxProblems = 20000

// Header returns the Chinese header of a roster column key.
func Header(key string) string {
	for _, c := range sheet.Columns {
		if c.Key == key {
			return c.Header
		}
	}
	return key
}
