package grid

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// HouseholdInput is a new or changed household.
type HouseholdInput struct {
	NeighbourhoodID string   `json:"neighbourhoodId"`
	Code            string   `json:"code"` // 户编号; given the next free number in the village when empty
	Address         string   `json:"address"`
	Phone           string   `json:"phone"`
	Tags            []string `json:"tags"`
	Notes           string   `json:"notes"`
}

// Household is a household as lists show it: phone masked, with its head and member count.
type Household struct {
	ID              string   `json:"id"`
	NeighbourhoodID string   `json:"neighbourhoodId"`
	Code            string   `json:"code"`
	Address         string   `json:"address"`
	Phone           string   `json:"phone"`
	Tags            []string `json:"tags"`
	IsKey           bool     `json:"isKey"`
	Notes           string   `json:"notes"`
	HeadName        string   `json:"headName"`
	Members         int      `json:"members"`
}

// TagSeparator joins a household's tags in the database and in spreadsheets.
const TagSeparator = "、"

// CleanTags trims, de-duplicates and checks tags; they may also come as one string split by 、,，;；.
func CleanTags(tags []string) ([]string, error) {
	seen := map[string]bool{}
	out := []string{}
	for _, t := range tags {
		for _, part := range strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune("、,，;；/ ", r) }) {
			part, err := textrule.Name("tags", "户类别", idcard.Normalize(part), 10, false)
			if err != nil {
				return nil, err
			}
			if part == "" || seen[part] {
				continue
			}
			seen[part] = true
			out = append(out, part)
		}
	}
	return out, nil
}

// values checks a household and returns its columns. village is the neighbourhood's village when the
// caller has already found the neighbourhood live in this transaction (a Batch remembers them), else ""
// and it is read. codes, when not nil, gives the live codes of a village (a Batch keeps them), which
// are else asked of the database.
func (in HouseholdInput) values(tx *store.Tx, selfID, village string, codes func(village string) (map[string]string, error)) (store.Values, error) {
	clean, err := in.Clean()
	if err != nil {
		// The 户编号 too, when it is right by itself: the officer hears at once that it is taken.
		if code, cerr := cleanCode(in.Code); cerr == nil && code != "" {
			if village, verr := householdVillage(tx, in.NeighbourhoodID, village); verr != nil {
				err = errs.Also(err, verr)
			} else {
				err = errs.Also(err, codeFree(tx, village, code, selfID, codes))
			}
		}
		return nil, err
	}
	in = clean
	if village, err = householdVillage(tx, in.NeighbourhoodID, village); err != nil {
		return nil, err
	}
	code := in.Code
	if code == "" {
		if code, err = nextHouseholdCode(tx, village); err != nil {
			return nil, err
		}
	} else if err := codeFree(tx, village, code, selfID, codes); err != nil {
		return nil, err
	}
	return store.Values{
		"neighbourhood_id": in.NeighbourhoodID, "village_id": village, "code": code, "address": in.Address, "phone": in.Phone,
		"tags": strings.Join(in.Tags, TagSeparator), "is_key": len(in.Tags) > 0, "notes": in.Notes,
	}, nil
}

// Clean checks what a household's fields may hold by themselves and returns them tidied: the code
// (at most 30 characters), the address (100), the phone, the tags and the notes (500). The roster's
// check applies it to every row too, so a row the preview calls valid is written. Code invalid,
// naming the field.
func (in HouseholdInput) Clean() (HouseholdInput, error) {
	out := in
	var p errs.Problems // every field's problem at once
	var err error
	out.Code, err = cleanCode(in.Code)
	p.Keep(err)
	out.Address, err = textrule.Name("address", "家庭住址", idcard.Normalize(in.Address), 100, false)
	p.Keep(err)
	out.Phone, err = idcard.ParsePhone("phone", in.Phone)
	p.Keep(err)
	out.Tags, err = CleanTags(in.Tags)
	p.Keep(err)
	out.Notes, err = textrule.Free("notes", "备注", in.Notes, 500)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return in, err
	}
	return out, nil
}

func cleanCode(code string) (string, error) {
	return textrule.Name("code", "户编号", idcard.Normalize(code), 30, false)
}

// householdVillage returns the village of a household in the neighbourhood nb: village when the
// caller knows it, else read.
func householdVillage(tx *store.Tx, nb, village string) (string, error) {
	if village != "" {
		return village, nil
	}
	if _, err := tx.Get("neighbourhoods", nb); errs.CodeOf(err) == errs.NotFound {
		return "", errs.Field("neighbourhoodId", "所属的邻不存在或已删除")
	} else if err != nil {
		return "", err
	}
	return villageOf(tx, nb)
}

// codeFree refuses a 户编号 that another live household of the village has (code conflict); codes
// (may be nil) gives a batch's codes of a village, read once, in place of a query.
func codeFree(tx *store.Tx, village, code, selfID string, codes func(village string) (map[string]string, error)) error {
	if codes == nil {
		return checkHouseholdCode(tx, village, code, selfID)
	}
	taken, err := codes(village)
	if err != nil {
		return err
	}
	if holder := taken[code]; holder != "" && holder != selfID {
		return codeTaken(code)
	}
	return nil
}

// villageOf returns the village a neighbourhood belongs to.
func villageOf(tx *store.Tx, neighbourhoodID string) (string, error) {
	var v string
	err := tx.QueryRow(`SELECT p.village_id FROM neighbourhoods n JOIN groups g ON g.id = n.group_id
		JOIN pieces p ON p.id = g.piece_id WHERE n.id = ?`, neighbourhoodID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.Field("neighbourhoodId", "所属的邻不存在")
	}
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "读取邻所在的村失败")
	}
	return v, nil
}

// nextHouseholdCode gives the next 户编号 of a village. The office that registered the village owns
// its plain numbers (0001, 0002, …); another office (the county correcting a township's registry)
// numbers with its short name in front (县-0001), so after merging their data no two households of
// the village share a code.
func nextHouseholdCode(tx *store.Tx, villageID string) (string, error) {
	ours, err := tx.InsertedHere("villages", villageID)
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "读取村的来源失败")
	}
	prefix := ""
	if !ours {
		short, err := tx.ShortName()
		if err != nil {
			return "", err
		}
		prefix = short + "-"
	}
	var max int
	err = tx.QueryRow(`SELECT coalesce(max(CAST(substr(code, ?) AS INTEGER)), 0) FROM households
		WHERE village_id = ? AND code >= ? AND code < ? AND deleted_at IS NULL`,
		utf8.RuneCountInString(prefix)+1, villageID, prefix, prefix+"\U0010FFFF").Scan(&max)
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "读取户编号失败")
	}
	return fmt.Sprintf("%s%04d", prefix, max+1), nil
}

func checkHouseholdCode(tx *store.Tx, villageID, code, selfID string) error {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM households WHERE village_id = ? AND code = ? AND id <> ? AND deleted_at IS NULL`, villageID, code, selfID).Scan(&n)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "读取户编号失败")
	}
	if n > 0 {
		return codeTaken(code)
	}
	return nil
}

func codeTaken(code string) error {
	return &errs.Error{Code: errs.Conflict, Field: "code", Message: "本村已有户编号为 " + code + " 的户"}
}

// CreateHousehold adds a household to a neighbourhood and returns its id.
func (s *Service) CreateHousehold(ctx context.Context, in HouseholdInput) (string, error) {
	var id string
	err := s.Batch(ctx, func(b *Batch) (err error) {
		id, err = b.CreateHousehold(in)
		return err
	})
	return id, err
}

// CreateHouseholdWithHead adds a household and its head (与户主关系 户主) in one transaction, so that
// a new household is never listed without a head. An error about the head names its field with a
// head prefix (headName, headIdNumber), apart from the household's own fields, and says 户主; the
// problems of both are given at once.
func (s *Service) CreateHouseholdWithHead(ctx context.Context, in HouseholdInput, head ResidentInput) (string, error) {
	head.Relation = "户主"
	var id string
	err := s.Batch(ctx, func(b *Batch) error {
		var p errs.Problems
		hh, err := b.CreateHousehold(in)
		keepAll(&p, err, "", "")
		if err == nil {
			head.HouseholdID = hh
			_, err = b.AddResident(head)
		} else {
			err = residentProblems(b.tx, head) // (there is no household to add the head to)
		}
		keepAll(&p, err, "head", "户主")
		id = hh
		return p.Err()
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// residentProblems returns what adding in would be refused for, its household aside: its fields and
// an ID number already registered.
func residentProblems(tx *store.Tx, in ResidentInput) error {
	c, err := in.Clean(tx.Today())
	if err != nil {
		return idTakenToo(tx, err, in, "", "")
	}
	return checkUniqueID(tx, c.IDNumber, "")
}

// keepAll keeps in p each of err's field errors (itself and its Also), the field named with prefix
// (name -> headName) and the message led by who (姓名不能为空 -> 户主姓名不能为空).
func keepAll(p *errs.Problems, err error, prefix, who string) {
	if err == nil {
		return
	}
	e := errs.As(err)
	if e.Field == "" {
		p.Keep(err)
		return
	}
	for _, f := range e.All() {
		field := f.Field
		if prefix != "" {
			field = prefix + strings.ToUpper(field[:1]) + field[1:]
		}
		p.Keep(&errs.Error{Code: f.Code, Field: field, Message: who + f.Message, Err: f.Err})
	}
}

// UpdateHousehold changes a household; moving it is MoveHousehold's work, so the neighbourhood given
// must be its own.
func (s *Service) UpdateHousehold(ctx context.Context, id string, in HouseholdInput) error {
	return s.Batch(ctx, func(b *Batch) error {
		_, err := b.UpdateHousehold(id, in)
		return err
	})
}

// GetHousehold returns one household with its full phone (the edit form).
func (s *Service) GetHousehold(ctx context.Context, id string) (Household, error) {
	row, err := s.db.Get(ctx, "households", id)
	if err != nil {
		return Household{}, err
	}
	str := func(k string) string { v, _ := row[k].(string); return v }
	key, _ := row["is_key"].(int64)
	return Household{ID: id, NeighbourhoodID: str("neighbourhood_id"), Code: str("code"), Address: str("address"),
		Phone: str("phone"), Tags: splitTags(str("tags")), IsKey: key == 1, Notes: str("notes")}, nil
}

// DeleteHousehold tombstones a household that has no members left. Code conflict otherwise.
func (s *Service) DeleteHousehold(ctx context.Context, id string) error {
	return s.Batch(ctx, func(b *Batch) error {
		tx := b.tx
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM residents WHERE household_id = ? AND deleted_at IS NULL AND status = ''`, id).Scan(&n); err != nil {
			return errs.Wrap(err, errs.Internal, "读取成员失败")
		}
		if n > 0 {
			return errs.New(errs.Conflict, "这户还有 %d 名在册成员，请先移走、删除成员或登记其迁出、死亡", n)
		}
		return tx.Delete("households", id)
	})
}

// Households lists the live households of a neighbourhood by code, phones masked.
func (s *Service) Households(ctx context.Context, neighbourhoodID string) ([]Household, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT h.id, h.neighbourhood_id, h.code, h.address, h.phone, h.tags, h.is_key, h.notes,
		  coalesce((SELECT name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主' AND r.deleted_at IS NULL AND r.status = '' LIMIT 1), ''),
		  (SELECT count(*) FROM residents r WHERE r.household_id = h.id AND r.deleted_at IS NULL AND r.status = '')
		FROM households h WHERE h.neighbourhood_id = ? AND h.deleted_at IS NULL ORDER BY h.code`, neighbourhoodID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取户列表失败")
	}
	defer rows.Close()
	out := []Household{}
	for rows.Next() {
		var h Household
		var tags string
		if err := rows.Scan(&h.ID, &h.NeighbourhoodID, &h.Code, &h.Address, &h.Phone, &tags, &h.IsKey, &h.Notes, &h.HeadName, &h.Members); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取户列表失败")
		}
		h.Phone = idcard.MaskPhone(h.Phone)
		h.Tags = splitTags(tags)
		out = append(out, h)
	}
	return out, rows.Err()
}

func splitTags(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, TagSeparator)
}
