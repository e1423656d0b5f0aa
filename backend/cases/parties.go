package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// The other people a case concerns, beside the one who reported it (the case's own resident or
// person): the other side of a dispute, people who reported it together, anyone else it involves.
// Each is a registered resident, whose name is recorded as it was when added, or a person outside the
// registry. Table case_parties (migration 0022); the full-text index holds their
// names, so a case is found by any of the people it concerns.

// Party roles. The first is the other side of a dispute: a 人民调解协议书 names them as a party.
const (
	RoleOtherSide = "对方当事人"
	RoleCoReport  = "共同反映人"
	RoleInvolved  = "相关人"
)

// PartyRoles are the roles a party may have, in the order the window offers them.
var PartyRoles = []string{RoleOtherSide, RoleCoReport, RoleInvolved}

// PartyInput is a person added to a case: a registered resident (ResidentID; the name comes from the
// registry, the phone only when given here) or a person outside it (Name, Phone).
type PartyInput struct {
	Role       string `json:"role"`
	ResidentID string `json:"residentId"`
	Name       string `json:"name"`
	Phone      string `json:"phone"`
	Note       string `json:"note"`
}

// Party is a person a case concerns, as recorded.
type Party struct {
	ID          string `json:"id"`
	Role        string `json:"role"`
	ResidentID  string `json:"residentId"` // "" for a person outside the registry
	HouseholdID string `json:"householdId"`
	Name        string `json:"name"`
	Phone       string `json:"phone"`
	Note        string `json:"note"`
}

// AddParty adds a person to a case and returns the party's id. Codes: not_found (no such case, or
// resident), conflict (an archived case, or the person is already on the case), invalid naming the
// field; nothing is written then.
func (s *Service) AddParty(ctx context.Context, caseID string, in PartyInput) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = AddPartyIn(tx, caseID, in)
		return err
	})
	if err == nil {
		s.events.Emit("cases:changed", nil)
	}
	return id, err
}

// AddPartyIn is AddParty inside a caller's transaction.
func AddPartyIn(tx *store.Tx, caseID string, in PartyInput) (string, error) {
	c, err := partyCase(tx, caseID)
	if err != nil {
		return "", err
	}
	return addParty(tx, c, in)
}

// addParty adds a person to the case c (its row: id and resident_id are read), in whatever state it
// is: a ledger import writes an archived case with its people.
func addParty(tx *store.Tx, c store.Values, in PartyInput) (string, error) {
	v, err := in.values(tx)
	if err != nil {
		return "", err
	}
	if err := notOnCase(tx, c, v); err != nil {
		return "", err
	}
	v["case_id"] = c["id"]
	return tx.Insert("case_parties", v)
}

// RemoveParty takes a person off a case (a tombstone: RestoreParty undoes it). Codes: not_found,
// conflict for an archived case.
func (s *Service) RemoveParty(ctx context.Context, caseID, partyID string) error {
	return s.partyWrite(ctx, caseID, partyID, func(tx *store.Tx, _ store.Values) error { return tx.Delete("case_parties", partyID) })
}

// RestoreParty puts back a person RemoveParty took off a case. Codes: not_found, conflict for an
// archived case or a person put on the case again since.
func (s *Service) RestoreParty(ctx context.Context, caseID, partyID string) error {
	return s.partyWrite(ctx, caseID, partyID, func(tx *store.Tx, c store.Values) error {
		row, err := tx.Get("case_parties", partyID, store.IncludeDeleted)
		if err != nil {
			return err
		}
		v := store.Values{"resident_id": row["resident_id"], "name": row["name"], "phone": row["phone"]}
		if err := notOnCase(tx, c, v); err != nil {
			return err
		}
		return tx.Restore("case_parties", partyID)
	})
}

// partyWrite runs fn on a party of a case that is not archived (c: the case's row), in one write.
func (s *Service) partyWrite(ctx context.Context, caseID, partyID string, fn func(tx *store.Tx, c store.Values) error) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		c, err := partyCase(tx, caseID)
		if err != nil {
			return err
		}
		var owner string
		err = tx.QueryRow(`SELECT case_id FROM case_parties WHERE id = ?`, partyID).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) || err == nil && owner != caseID {
			return errs.New(errs.NotFound, "这位当事人不在这件民情中")
		}
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取当事人失败")
		}
		return fn(tx, c)
	})
	if err == nil {
		s.events.Emit("cases:changed", nil)
	}
	return err
}

// partyCase is the live case whose people are changed: not an archived one, whose record is closed.
func partyCase(tx *store.Tx, caseID string) (store.Values, error) {
	c, err := tx.Get("cases", caseID)
	if errs.CodeOf(err) == errs.NotFound {
		return nil, errs.New(errs.NotFound, "这件民情不存在或已删除")
	}
	if err != nil {
		return nil, err
	}
	if c["state"] == StateArchived {
		return nil, errs.New(errs.Conflict, "这件民情已归档，不能再改当事人")
	}
	return c, nil
}

// values checks a party and gives the row to insert (without its case).
func (in PartyInput) values(tx *store.Tx) (store.Values, error) {
	role := strings.TrimSpace(in.Role)
	if role == "" {
		role = RoleOtherSide
	}
	if !contains(PartyRoles, role) {
		return nil, errs.Field("role", "当事人身份只能是%s之一", strings.Join(PartyRoles, "、"))
	}
	note, err := textrule.Free("note", "说明", in.Note, 200)
	if err != nil {
		return nil, err
	}
	phone, err := idcard.ParsePhone("phone", in.Phone)
	if err != nil {
		return nil, err
	}
	v := store.Values{"role": role, "note": note, "resident_id": "", "household_id": "", "phone": phone}
	if id := strings.TrimSpace(in.ResidentID); id != "" {
		r, err := grid.ResidentIn(tx, id, "residentId")
		if err != nil {
			return nil, err
		}
		// The phone stays in the registry, read there by whoever needs it (and audited, as every
		// look at a resident's full phone is); a number given here is the one to call about this case.
		v["resident_id"], v["household_id"], v["name"] = r.ID, r.HouseholdID, cut(r.Name, 30)
		return v, nil
	}
	if v["name"], err = textrule.Name("name", "姓名", in.Name, 30, true); err != nil {
		return nil, err
	}
	return v, nil
}

// notOnCase refuses a person already on the case: its reporter, or a live party (the same resident,
// or the same name and phone outside the registry).
func notOnCase(tx *store.Tx, c store.Values, v store.Values) error {
	resident, _ := v["resident_id"].(string)
	if resident != "" && resident == c["resident_id"] {
		return errs.Field("residentId", "%s是这件民情的反映人，不必再添加", v["name"])
	}
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM case_parties WHERE case_id = ? AND deleted_at IS NULL
		AND (resident_id <> '' AND resident_id = ? OR resident_id = '' AND ? = '' AND name = ? AND phone = ?)`,
		c["id"], resident, resident, v["name"], v["phone"]).Scan(&n)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "读取当事人失败")
	}
	if n > 0 {
		field := "name"
		if resident != "" {
			field = "residentId"
		}
		return &errs.Error{Code: errs.Conflict, Field: field, Message: fmt.Sprintf("%s已是这件民情的当事人", v["name"])}
	}
	return nil
}

// partiesOf reads the live parties of a case, in the order they were added.
func partiesOf(ctx context.Context, q *sql.DB, caseID string) ([]Party, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, role, resident_id, household_id, name, phone, note FROM case_parties
		WHERE case_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, caseID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取当事人失败")
	}
	defer rows.Close()
	out := []Party{}
	for rows.Next() {
		var p Party
		if err := rows.Scan(&p.ID, &p.Role, &p.ResidentID, &p.HouseholdID, &p.Name, &p.Phone, &p.Note); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取当事人失败")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取当事人失败")
	}
	return out, nil
}
