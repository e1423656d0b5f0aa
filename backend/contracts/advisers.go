package contracts

import (
	"context"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// AdviserInput is a legal adviser as the office enters them.
type AdviserInput struct {
	Name      string `json:"name"`
	Firm      string `json:"firm"`
	LicenceNo string `json:"licenceNo"`
	Phone     string `json:"phone"`
	Notes     string `json:"notes"`
}

// Adviser is a legal adviser with the villages they serve and their attendance at those villages'
// 两委会议 while serving them.
type Adviser struct {
	AdviserInput
	ID         string              `json:"id"`
	Villages   []Served            `json:"villages"`
	Attendance meetings.Attendance `json:"attendance"`
	Open       int                 `json:"open"` // requests waiting for or under their review
}

// Served is a village an adviser serves or served.
type Served struct {
	ID          string              `json:"id"`
	VillageID   string              `json:"villageId"`
	VillageName string              `json:"villageName"`
	Since       string              `json:"since"`
	Until       string              `json:"until"`
	Attendance  meetings.Attendance `json:"attendance"`
}

func (in AdviserInput) values() (store.Values, error) {
	name, err := textrule.Name("name", "姓名", idcard.Normalize(in.Name), 30, true)
	if err != nil {
		return nil, err
	}
	firm, err := textrule.Name("firm", "执业机构", in.Firm, 60, false)
	if err != nil {
		return nil, err
	}
	licence := strings.ReplaceAll(idcard.Normalize(in.LicenceNo), " ", "")
	if licence != "" && (len(licence) != 17 || strings.Trim(licence, "0123456789") != "") {
		return nil, errs.Field("licenceNo", "律师执业证号应为 17 位数字，“%s”不是", licence)
	}
	phone, err := idcard.ParsePhone("phone", in.Phone)
	if err != nil {
		return nil, err
	}
	notes, err := textrule.Free("notes", "备注", in.Notes, 200)
	if err != nil {
		return nil, err
	}
	return store.Values{"name": name, "firm": firm, "licence_no": licence, "phone": phone, "notes": notes}, nil
}

// AddAdviser records a legal adviser.
func (s *Service) AddAdviser(ctx context.Context, in AdviserInput) (string, error) {
	v, err := in.values()
	if err != nil {
		return "", err
	}
	var id string
	err = s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = tx.Insert("legal_advisers", v)
		return err
	})
	if err == nil {
		s.changed()
	}
	return id, err
}

// UpdateAdviser changes an adviser's details; the 法律顾问 posts they hold take the new name and phone.
func (s *Service) UpdateAdviser(ctx context.Context, id string, in AdviserInput) error {
	v, err := in.values()
	if err != nil {
		return err
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Get("legal_advisers", id); err != nil {
			return err
		}
		if _, err := tx.Update("legal_advisers", id, v); err != nil {
			return err
		}
		served, err := servedIn(tx, id)
		if err != nil {
			return err
		}
		for _, sv := range served {
			if sv.leaderID == "" {
				continue
			}
			if err := grid.RenamePostIn(tx, sv.leaderID, v["name"].(string), v["phone"].(string)); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.changed()
	}
	return err
}

// AssignVillage makes an adviser the legal adviser of a village from since (ISO; today when empty):
// one village, one adviser, so whoever served it before stops the day before. The village's
// 法律顾问 post in the registry is made in the same write, so its meetings invite the adviser.
func (s *Service) AssignVillage(ctx context.Context, adviserID, villageID, since string) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = AssignVillageIn(tx, adviserID, villageID, since)
		return err
	})
	if err == nil {
		s.changed()
	}
	return id, err
}

// AssignVillageIn is AssignVillage inside a caller's transaction.
func AssignVillageIn(tx *store.Tx, adviserID, villageID, since string) (string, error) {
	a, err := tx.Get("legal_advisers", adviserID)
	if err != nil {
		return "", errs.Field("adviserId", "所选的法律顾问不存在或已删除")
	}
	if _, err := grid.VillageNameIn(tx, villageID, "villageId"); err != nil {
		return "", err
	}
	if since == "" {
		since = tx.Today().Format(dateLayout)
	}
	if since, err = idcard.ParseDate("since", since); err != nil {
		return "", err
	}
	current, err := servingIn(tx, villageID, since)
	if err != nil {
		return "", err
	}
	for _, c := range current {
		if c.adviserID == adviserID {
			return "", errs.Field("adviserId", "%s已是本村的法律顾问（自%s起）", a["name"], idcard.ISODateCN(c.since))
		}
		if c.since >= since {
			return "", errs.Field("since", "本村现任法律顾问自%s起服务，新顾问的起始日应晚于这一天", idcard.ISODateCN(c.since))
		}
		if err := endServiceIn(tx, c, dayBefore(since)); err != nil {
			return "", err
		}
	}
	leaderID, err := grid.AssignLeaderIn(tx, grid.LeaderInput{Role: grid.RoleLegalAdviser, ScopeID: villageID,
		PersonName: a["name"].(string), Phone: a["phone"].(string), Title: "村法律顾问", TermStart: since})
	if err != nil {
		return "", err
	}
	return tx.Insert("adviser_villages", store.Values{"adviser_id": adviserID, "village_id": villageID,
		"since": since, "leader_id": leaderID})
}

// EndService ends an adviser's service of a village on until (ISO; today when empty), and the post.
func (s *Service) EndService(ctx context.Context, servedID, until string) error {
	if until == "" {
		until = s.db.Today().Format(dateLayout)
	}
	until, err := idcard.ParseDate("until", until)
	if err != nil {
		return err
	}
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := tx.Get("adviser_villages", servedID)
		if err != nil {
			return err
		}
		sv := served{id: servedID, adviserID: row["adviser_id"].(string), since: row["since"].(string),
			until: row["until"].(string), leaderID: row["leader_id"].(string)}
		if sv.until != "" {
			return errs.Field("until", "该顾问已于%s停止服务本村", idcard.ISODateCN(sv.until))
		}
		if until < sv.since {
			return errs.Field("until", "截止日不能早于服务起始日%s", idcard.ISODateCN(sv.since))
		}
		return endServiceIn(tx, sv, until)
	})
	if err == nil {
		s.changed()
	}
	return err
}

type served struct {
	id, adviserID, villageID, since, until, leaderID string
}

func endServiceIn(tx *store.Tx, sv served, until string) error {
	if _, err := tx.Update("adviser_villages", sv.id, store.Values{"until": until}); err != nil {
		return err
	}
	if sv.leaderID != "" {
		return grid.EndTermIn(tx, sv.leaderID, until)
	}
	return nil
}

func readServed(tx *store.Tx, where string, args ...any) ([]served, error) {
	rows, err := tx.Query(`SELECT id, adviser_id, village_id, since, until, leader_id FROM adviser_villages
		WHERE deleted_at IS NULL AND `+where+` ORDER BY since, id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取法律顾问服务的村失败")
	}
	defer rows.Close()
	var out []served
	for rows.Next() {
		var sv served
		if err := rows.Scan(&sv.id, &sv.adviserID, &sv.villageID, &sv.since, &sv.until, &sv.leaderID); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取法律顾问服务的村失败")
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

func servedIn(tx *store.Tx, adviserID string) ([]served, error) {
	return readServed(tx, "adviser_id = ?", adviserID)
}

// servingIn lists who serves a village on day (ISO) or later: normally one adviser.
func servingIn(tx *store.Tx, villageID, day string) ([]served, error) {
	return readServed(tx, "village_id = ? AND (until = '' OR until >= ?)", villageID, day)
}

// VillageAdviserIn returns the id and name of the adviser serving a village on day, or "" when none.
func VillageAdviserIn(tx *store.Tx, villageID, day string) (string, string, error) {
	cur, err := readServed(tx, "village_id = ? AND since <= ? AND (until = '' OR until >= ?)", villageID, day, day)
	if err != nil || len(cur) == 0 {
		return "", "", err
	}
	a, err := tx.Get("legal_advisers", cur[len(cur)-1].adviserID)
	if err != nil {
		return "", "", err
	}
	return cur[len(cur)-1].adviserID, a["name"].(string), nil
}

// Advisers lists the advisers, by name, each with the villages served and their attendance at those
// villages' 两委会议 while serving them.
func (s *Service) Advisers(ctx context.Context) ([]Adviser, error) {
	out := []Adviser{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(`SELECT id, name, firm, licence_no, phone, notes FROM legal_advisers WHERE deleted_at IS NULL
			ORDER BY name COLLATE pinyin, id`)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取法律顾问失败")
		}
		for rows.Next() {
			var a Adviser
			if err := rows.Scan(&a.ID, &a.Name, &a.Firm, &a.LicenceNo, &a.Phone, &a.Notes); err != nil {
				rows.Close()
				return errs.Wrap(err, errs.Internal, "读取法律顾问失败")
			}
			a.Villages = []Served{}
			out = append(out, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, errs.Internal, "读取法律顾问失败")
		}
		for i := range out {
			a := &out[i]
			list, err := servedIn(tx, a.ID)
			if err != nil {
				return err
			}
			for _, sv := range list {
				name, err := grid.VillageNameIn(tx, sv.villageID, "villageId")
				if errs.CodeOf(err) == errs.NotFound {
					continue
				} else if err != nil {
					return err
				}
				att, err := meetings.AdviserAttendanceIn(tx, a.Name, sv.villageID, sv.since, sv.until)
				if err != nil {
					return err
				}
				a.Villages = append(a.Villages, Served{ID: sv.id, VillageID: sv.villageID, VillageName: name,
					Since: sv.since, Until: sv.until, Attendance: att})
				a.Attendance.Invited += att.Invited
				a.Attendance.Present += att.Present
			}
			if err := tx.QueryRow(`SELECT count(*) FROM contract_requests WHERE adviser_id = ? AND deleted_at IS NULL
				AND state IN (?, ?)`, a.ID, StateWaiting, StateReviewing).Scan(&a.Open); err != nil {
				return errs.Wrap(err, errs.Internal, "读取法律顾问失败")
			}
		}
		return nil
	})
	return out, err
}

// dayBefore is the ISO day before an ISO day.
func dayBefore(iso string) string {
	d, err := parseDay(iso)
	if err != nil {
		return iso
	}
	return d.AddDate(0, 0, -1).Format(dateLayout)
}
