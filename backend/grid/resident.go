package grid

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// ResidentInput is a new or changed resident, as typed.
type ResidentInput struct {
	HouseholdID string `json:"householdId"`
	Name        string `json:"name"`
	Relation    string `json:"relation"` // 与户主关系; 户主 for the head
	IDNumber    string `json:"idNumber"`
	Sex         string `json:"sex"`
	BirthDate   string `json:"birthDate"`
	Ethnicity   string `json:"ethnicity"`
	Phone       string `json:"phone"`
	PartyMember bool   `json:"partyMember"`
	Notes       string `json:"notes"`
}

// Resident is a resident as the detail view shows it: the full ID and phone, and whether they are
// still in the register (Status "", else 迁出 or 死亡 since StatusDate; see SetResidentStatus).
type Resident struct {
	ResidentInput
	ID         string `json:"id"`
	Status     string `json:"status"`
	StatusDate string `json:"statusDate"`
	StatusNote string `json:"statusNote"`
}

// Relations are the usual answers to 与户主关系.
var Relations = []string{"户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿", "兄弟姐妹", "其他"}

// Clean checks and normalizes a resident as typed: the name, the ID number (GB 11643 check digit,
// birth date and sex derived from it and checked against what was typed), phone, ethnicity. Errors
// are of code invalid and name the field, every field's at once (errs.Problems). today is the date a
// birth date may not be after.
func (in ResidentInput) Clean(today time.Time) (ResidentInput, error) {
	out := in
	var p errs.Problems
	name, err := textrule.Name("name", "姓名", idcard.Normalize(in.Name), 30, true)
	p.Keep(err)
	out.Name = strings.ReplaceAll(name, " ", "") // 张 三 is 张三
	out.Relation, err = textrule.Name("relation", "与户主关系", idcard.Normalize(in.Relation), 10, false)
	p.Keep(err)
	sex, sexErr := idcard.ParseSex("sex", in.Sex)
	p.Keep(sexErr)
	birth, birthErr := idcard.ParseDate("birthDate", in.BirthDate)
	p.Keep(birthErr)
	out.Sex, out.BirthDate = sex, birth
	out.IDNumber = ""
	if strings.TrimSpace(in.IDNumber) != "" {
		id, err := idcard.Parse("idNumber", in.IDNumber, today)
		if err == nil && sexErr == nil && birthErr == nil {
			err = idcard.CheckAgainst("idNumber", id, sex, birth)
		}
		p.Keep(err)
		if err == nil {
			out.IDNumber, out.Sex, out.BirthDate = id.Number, id.Sex, id.Birth.Format(dateLayout)
		}
	}
	out.Phone, err = idcard.ParsePhone("phone", in.Phone)
	p.Keep(err)
	out.Ethnicity, err = idcard.ParseEthnicity("ethnicity", in.Ethnicity)
	p.Keep(err)
	out.Notes, err = textrule.Free("notes", "备注", in.Notes, 500)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return in, err
	}
	return out, nil
}

// values are the columns of a cleaned resident.
func (in ResidentInput) values() store.Values {
	full, initials := Pinyin(in.Name)
	return store.Values{
		"household_id": in.HouseholdID, "name": in.Name, "name_pinyin": full, "name_initials": initials,
		"relation": in.Relation, "id_number": in.IDNumber, "id_rev": reverse(in.IDNumber),
		"sex": in.Sex, "birth_date": in.BirthDate, "ethnicity": in.Ethnicity,
		"phone": in.Phone, "phone_rev": reverse(digits(in.Phone)), "party_member": in.PartyMember, "notes": in.Notes,
	}
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// checkUniqueID refuses an ID number that another live resident has, naming that person. The
// index answers whether there is one; only then is the person's place read for the message.
func checkUniqueID(tx *store.Tx, idNumber, selfID string) error {
	if idNumber == "" {
		return nil
	}
	var other string
	err := tx.QueryRow(`SELECT id FROM residents WHERE id_number = ? AND id_number <> '' AND deleted_at IS NULL AND id <> ?
		LIMIT 1`, idNumber, selfID).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return &errs.Error{Code: errs.Internal, Field: "idNumber", Message: "读取居民失败", Err: err}
	}
	var name, village, group, nb string
	err = tx.QueryRow(`SELECT r.name, v.name, g.name, n.name FROM residents r
		JOIN households h ON h.id = r.household_id JOIN neighbourhoods n ON n.id = h.neighbourhood_id
		JOIN groups g ON g.id = n.group_id JOIN pieces p ON p.id = g.piece_id JOIN villages v ON v.id = p.village_id
		WHERE r.id = ?`, other).Scan(&name, &village, &group, &nb)
	if err != nil {
		return &errs.Error{Code: errs.Internal, Field: "idNumber", Message: "读取居民失败", Err: err}
	}
	return &errs.Error{Code: errs.Conflict, Field: "idNumber",
		Message: "身份证号 " + idcard.MaskID(idNumber) + " 已登记为 " + name + "（" + village + " " + group + " " + nb + "），同一个人不能登记两次"}
}

// idTakenToo adds to the problems of a resident's form (err) that its ID number, right by itself, is
// already registered (unless it is current, the number the resident holds), so that the officer
// hears of it with the rest rather than after mending them.
func idTakenToo(tx *store.Tx, err error, in ResidentInput, selfID, current string) error {
	if strings.TrimSpace(in.IDNumber) == "" {
		return err
	}
	id, perr := idcard.Parse("idNumber", in.IDNumber, tx.Today())
	if perr != nil || id.Number == current {
		return err
	}
	return errs.Also(err, checkUniqueID(tx, id.Number, selfID))
}

// AddResident adds a resident to a household and returns the id. Codes: invalid for bad input
// (naming the field), conflict when the ID number is already registered, not_found for the household.
func (s *Service) AddResident(ctx context.Context, in ResidentInput) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = addResident(tx, in, false, nil)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return id, err
}

// addResident adds a resident; householdLive says the caller made the household in this transaction,
// so it need not be read again. holders (may be nil) maps ID numbers known in this transaction to
// the live resident holding them ("" for none); a number it knows to be free needs no query, and the
// new resident's number is entered in it.
func addResident(tx *store.Tx, in ResidentInput, householdLive bool, holders map[string]string) (string, error) {
	c, err := in.Clean(tx.Today())
	if err != nil {
		return "", idTakenToo(tx, err, in, "", "")
	}
	if !householdLive {
		if _, err := tx.Get("households", c.HouseholdID); err != nil {
			return "", errs.Field("householdId", "所属的户不存在或已删除")
		}
	}
	if holder, known := holders[c.IDNumber]; !known || holder != "" {
		if err := checkUniqueID(tx, c.IDNumber, ""); err != nil {
			return "", err
		}
	}
	id, err := tx.Insert("residents", c.values())
	if err == nil && holders != nil && c.IDNumber != "" {
		holders[c.IDNumber] = id
	}
	return id, err
}

// UpdateResident changes a resident; it may also move them to another household.
func (s *Service) UpdateResident(ctx context.Context, id string, in ResidentInput) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		_, err := updateResident(tx, id, in, nil)
		return err
	})
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// updateResident changes a resident and returns the fields that changed; the number it now holds
// is entered in holders (may be nil; see addResident). The number it gave up stays entered as held:
// a number entered as held is asked of the database again, so a stale entry costs a query, never a
// person registered twice.
func updateResident(tx *store.Tx, id string, in ResidentInput, holders map[string]string) ([]string, error) {
	cur, err := tx.Get("residents", id)
	if err != nil {
		return nil, err
	}
	c, err := in.Clean(tx.Today())
	if err != nil {
		current, _ := cur["id_number"].(string)
		return nil, idTakenToo(tx, err, in, id, current)
	}
	if _, err := tx.Get("households", c.HouseholdID); err != nil {
		return nil, errs.Field("householdId", "所属的户不存在或已删除")
	}
	// Checked only when the number changes: after a merge brought in the same person from another
	// office, either record can still be edited until someone settles the pair.
	if c.IDNumber != cur["id_number"] {
		if err := checkUniqueID(tx, c.IDNumber, id); err != nil {
			return nil, err
		}
	}
	changed, err := tx.Update("residents", id, c.values())
	if err == nil && holders != nil && c.IDNumber != "" {
		holders[c.IDNumber] = id
	}
	return changed, err
}

// DeleteResident tombstones a resident registered by mistake (one who moved away or died keeps
// their record: SetResidentStatus).
func (s *Service) DeleteResident(ctx context.Context, id string) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("residents", id) })
	if err == nil {
		s.emit("grid:changed", nil)
	}
	return err
}

// GetResident returns one resident with the full ID number and phone (the detail view). Seeing them
// is personal data shown in full, so it is written to the audit log (action view, with the operator
// and the fields shown: id_number and/or phone, those the resident has) in the same transaction
// that reads the row.
func (s *Service) GetResident(ctx context.Context, id string) (Resident, error) {
	var r Resident
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get("residents", id)
		if err != nil {
			return err
		}
		r = residentFromRow(row)
		var shown []string
		if r.IDNumber != "" {
			shown = append(shown, "id_number")
		}
		if r.Phone != "" {
			shown = append(shown, "phone")
		}
		if len(shown) == 0 {
			return nil
		}
		return tx.RecordView("residents", id, shown)
	})
	return r, err
}

// getResident reads one resident without recording a view: for lists, which mask what they show.
func (s *Service) getResident(ctx context.Context, id string) (Resident, error) {
	row, err := s.db.Get(ctx, "residents", id)
	if err != nil {
		return Resident{}, err
	}
	return residentFromRow(row), nil
}

func residentFromRow(row store.Values) Resident {
	str := func(k string) string { s, _ := row[k].(string); return s }
	pm, _ := row["party_member"].(int64)
	return Resident{ID: str("id"), ResidentInput: ResidentInput{
		HouseholdID: str("household_id"), Name: str("name"), Relation: str("relation"), IDNumber: str("id_number"),
		Sex: str("sex"), BirthDate: str("birth_date"), Ethnicity: str("ethnicity"), Phone: str("phone"),
		PartyMember: pm == 1, Notes: str("notes"),
	}, Status: str("status"), StatusDate: str("status_date"), StatusNote: str("status_note")}
}

// Members returns the residents of a household, IDs and phones masked: those in the register first,
// the head first among them, then those who moved away or died (the household's history).
func (s *Service) Members(ctx context.Context, householdID string) ([]Resident, error) {
	ids, err := scanIDs(s.db.SQL().QueryContext(ctx, `SELECT id FROM residents WHERE household_id = ? AND deleted_at IS NULL
		ORDER BY status <> '', relation <> '户主', birth_date, name_pinyin`, householdID))
	if err != nil {
		return nil, err
	}
	out := []Resident{}
	for _, id := range ids {
		r, err := s.getResident(ctx, id)
		if err != nil {
			return nil, err
		}
		r.IDNumber, r.Phone = idcard.MaskID(r.IDNumber), idcard.MaskPhone(r.Phone)
		out = append(out, r)
	}
	return out, nil
}
