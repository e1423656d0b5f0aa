package grid

import (
	"database/sql"
	"errors"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// HouseholdBrief is a household as another domain names it: its head, its village and its place in
// the grid (组 and 邻), not its phone.
type HouseholdBrief struct {
	ID          string `json:"id"`
	Code        string `json:"code"`
	Head        string `json:"head"` // the 户主's name, "" when the household has none registered
	VillageID   string `json:"villageId"`
	VillageName string `json:"villageName"`
	Group       string `json:"group"`
	Place       string `json:"place"` // 第一组第二邻
	Order       string `json:"-"`     // sorts households in the grid's order: village, piece, group, neighbourhood, code
}

const householdBriefQuery = `SELECT h.id, h.code,
	coalesce((SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主' AND r.deleted_at IS NULL
		AND r.status = '' LIMIT 1), ''), h.village_id, v.name, g.name, n.name,
	printf('%s|%09d|%09d|%09d|%s', v.sort_key, p.seq, g.seq, n.seq, h.code)
	FROM households h JOIN villages v ON v.id = h.village_id JOIN neighbourhoods n ON n.id = h.neighbourhood_id
	JOIN groups g ON g.id = n.group_id JOIN pieces p ON p.id = g.piece_id`

func scanHouseholdBrief(sc interface{ Scan(...any) error }) (HouseholdBrief, error) {
	var b HouseholdBrief
	var nb string
	err := sc.Scan(&b.ID, &b.Code, &b.Head, &b.VillageID, &b.VillageName, &b.Group, &nb, &b.Order)
	b.Place = b.Group + nb
	return b, err
}

// HouseholdIn returns the brief of the live household id, read in tx. Code invalid naming field when
// none is chosen (id ""); not_found when there is none.
func HouseholdIn(tx *store.Tx, id, field string) (HouseholdBrief, error) {
	if strings.TrimSpace(id) == "" {
		return HouseholdBrief{}, errs.Field(field, "请选择户")
	}
	b, err := scanHouseholdBrief(tx.QueryRow(householdBriefQuery+` WHERE h.id = ? AND h.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, &errs.Error{Code: errs.NotFound, Field: field, Message: "所选的户不存在或已删除"}
	}
	if err != nil {
		return b, &errs.Error{Code: errs.Internal, Field: field, Message: "读取户失败", Err: err}
	}
	return b, nil
}

// HouseholdsOfVillageIn lists the live households of a village, read in tx, in the order of their
// groups, neighbourhoods and codes.
func HouseholdsOfVillageIn(tx *store.Tx, villageID string) ([]HouseholdBrief, error) {
	rows, err := tx.Query(householdBriefQuery+` WHERE h.village_id = ? AND h.deleted_at IS NULL
		ORDER BY p.seq, g.seq, n.seq, h.code, h.id`, villageID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取户失败")
	}
	defer rows.Close()
	out := []HouseholdBrief{}
	for rows.Next() {
		b, err := scanHouseholdBrief(rows)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取户失败")
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
