package grid

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
)

// Hit is a resident found by a search, with where they live; ID and phone masked.
type Hit struct {
	ResidentID    string `json:"residentId"`
	HouseholdID   string `json:"householdId"`
	Name          string `json:"name"`
	Sex           string `json:"sex"`
	BirthDate     string `json:"birthDate"`
	IDNumber      string `json:"idNumber"`
	Phone         string `json:"phone"`
	Relation      string `json:"relation"`
	Address       string `json:"address"`
	Village       string `json:"village"`
	Group         string `json:"group"`
	Neighbourhood string `json:"neighbourhood"`
}

var (
	digitsQuery = regexp.MustCompile(`^[0-9]+[Xx]?$`)
	latinQuery  = regexp.MustCompile(`^[a-z]+$`)
	// An address usually names a place, a number or a building.
	addressHint = regexp.MustCompile(`[号村组路街巷湾坪冲寨屯院楼栋单元弄坡岭垅]`)
)

// prefixRange returns the bounds of the strings that start with p, for an index range scan.
func prefixRange(p string) (string, string) { return p, p + "\U0010FFFF" }

// Search finds live residents by name (prefix), pinyin initials (zs finds 张三) or full pinyin
// (prefix), ID number or phone (their first or last digits, at least 3), or address (words in it).
// Results are sorted by pinyin; at most limit (default 50).
func (s *Service) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	q := strings.ReplaceAll(idcard.Normalize(query), " ", "")
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	if q == "" {
		return []Hit{}, nil
	}
	var where string
	var args []any
	switch lower := strings.ToLower(q); {
	case digitsQuery.MatchString(q):
		if len(q) < 3 {
			return nil, errs.Field("query", "按身份证号或电话查找，请至少输入 3 位")
		}
		up := strings.ToUpper(q)
		a, b := prefixRange(up)
		ra, rb := prefixRange(reverse(up))
		where = `r.id IN (SELECT id FROM residents WHERE id_number >= ?1 AND id_number < ?2 AND id_number <> '' AND deleted_at IS NULL
			UNION SELECT id FROM residents WHERE id_rev >= ?3 AND id_rev < ?4 AND id_rev <> ''
			UNION SELECT id FROM residents WHERE phone >= ?1 AND phone < ?2 AND phone <> ''
			UNION SELECT id FROM residents WHERE phone_rev >= ?3 AND phone_rev < ?4 AND phone_rev <> '')`
		args = []any{a, b, ra, rb}
	case latinQuery.MatchString(lower):
		a, b := prefixRange(lower)
		where = `r.id IN (SELECT id FROM residents WHERE name_initials >= ?1 AND name_initials < ?2
			UNION SELECT id FROM residents WHERE name_pinyin >= ?1 AND name_pinyin < ?2)`
		args = []any{a, b}
	case addressHint.MatchString(q):
		where = `r.household_id IN (SELECT id FROM households WHERE instr(address, ?1) > 0 AND deleted_at IS NULL)`
		args = []any{q}
	default:
		a, b := prefixRange(q)
		where = `r.id IN (SELECT id FROM residents WHERE name >= ?1 AND name < ?2)`
		args = []any{a, b}
	}
	return s.hits(ctx, where, args, limit)
}

func (s *Service) hits(ctx context.Context, where string, args []any, limit int) ([]Hit, error) {
	// Order and cut the matching residents first, on the residents table alone, then join the few
	// that are kept: a short query like "zs" matches thousands.
	rows, err := s.DB.SQL().QueryContext(ctx, `
		WITH m AS (SELECT r.id FROM residents r WHERE r.deleted_at IS NULL AND `+where+`
		           ORDER BY r.name_pinyin, r.name, r.id LIMIT `+strconv.Itoa(limit)+`)
		SELECT r.id, r.household_id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.relation,
		       h.address, v.name, g.name, n.name
		FROM m JOIN residents r ON r.id = m.id JOIN households h ON h.id = r.household_id
		JOIN neighbourhoods n ON n.id = h.neighbourhood_id JOIN groups g ON g.id = n.group_id
		JOIN pieces p ON p.id = g.piece_id JOIN villages v ON v.id = p.village_id
		WHERE h.deleted_at IS NULL
		ORDER BY r.name_pinyin, r.name, r.id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "查找失败")
	}
	defer rows.Close()
	out := []Hit{}
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ResidentID, &h.HouseholdID, &h.Name, &h.Sex, &h.BirthDate, &h.IDNumber, &h.Phone,
			&h.Relation, &h.Address, &h.Village, &h.Group, &h.Neighbourhood); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "查找失败")
		}
		h.IDNumber, h.Phone = idcard.MaskID(h.IDNumber), idcard.MaskPhone(h.Phone)
		out = append(out, h)
	}
	return out, rows.Err()
}
