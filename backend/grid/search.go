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
	Status        string `json:"status"` // 迁出 or 死亡 for someone no longer in the register, else ""
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
	// Each way of matching is a branch that yields its first matches in pinyin order from an index;
	// the branches are merged and cut to the limit before anything is joined.
	var branches []string
	var args []any
	switch lower := strings.ToLower(q); {
	case digitsQuery.MatchString(q):
		if len(q) < 3 {
			return nil, errs.Field("query", "按身份证号或电话查找，请至少输入 3 位")
		}
		up := strings.ToUpper(q)
		a, b := prefixRange(up)
		ra, rb := prefixRange(reverse(up))
		branches = []string{
			"id_number >= ?1 AND id_number < ?2 AND id_number <> ''",
			"id_rev >= ?3 AND id_rev < ?4 AND id_rev <> ''",
			"phone >= ?1 AND phone < ?2 AND phone <> ''",
			"phone_rev >= ?3 AND phone_rev < ?4 AND phone_rev <> ''",
		}
		args = []any{a, b, ra, rb}
	case latinQuery.MatchString(lower):
		a, b := prefixRange(lower)
		branches = []string{"name_initials >= ?1 AND name_initials < ?2", "name_pinyin >= ?1 AND name_pinyin < ?2"}
		args = []any{a, b}
	case addressHint.MatchString(q):
		branches = []string{"household_id IN (SELECT id FROM households WHERE instr(address, ?1) > 0 AND deleted_at IS NULL)"}
		args = []any{q}
	default:
		// A name starts with q exactly when its pinyin starts with q's pinyin and the name starts
		// with q: walking the pinyin index gives the pinyin order and stops at the limit, even for
		// a surname shared by tens of thousands.
		a, b := prefixRange(q)
		full, _ := Pinyin(q)
		pa, pb := prefixRange(full)
		branches = []string{"name_pinyin >= ?3 AND name_pinyin < ?4 AND +name >= ?1 AND +name < ?2"}
		args = []any{a, b, pa, pb}
	}
	n := strconv.Itoa(limit)
	var parts []string
	for _, br := range branches {
		parts = append(parts, "SELECT * FROM (SELECT id, name_pinyin, name FROM residents WHERE deleted_at IS NULL AND "+
			br+" ORDER BY name_pinyin, name, id LIMIT "+n+")")
	}
	where := "SELECT id FROM (" + strings.Join(parts, " UNION ") + ") ORDER BY name_pinyin, name, id LIMIT " + n
	return s.hits(ctx, where, args)
}

func (s *Service) hits(ctx context.Context, candidates string, args []any) ([]Hit, error) {
	// Order and cut the matching residents first, on the residents table alone, then join the few
	// that are kept: a short query like "zs" matches thousands.
	rows, err := s.db.SQL().QueryContext(ctx, `
		WITH m AS (`+candidates+`)
		SELECT r.id, r.household_id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.relation,
		       h.address, v.name, g.name, n.name, r.status
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
			&h.Relation, &h.Address, &h.Village, &h.Group, &h.Neighbourhood, &h.Status); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "查找失败")
		}
		h.IDNumber, h.Phone = idcard.MaskID(h.IDNumber), idcard.MaskPhone(h.Phone)
		out = append(out, h)
	}
	return out, rows.Err()
}
