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
	// Where the household is in the tree, for opening it in the grid screen.
	VillageID       string `json:"villageId"`
	NeighbourhoodID string `json:"neighbourhoodId"`
}

var (
	digitsQuery = regexp.MustCompile(`^[0-9]+[Xx]?$`)
	latinQuery  = regexp.MustCompile(`^[a-z]+$`)
	// An address usually names a place, a number or a building.
	addressHint = regexp.MustCompile(`[号村组路街巷湾坪冲寨屯院楼栋单元弄坡岭垅]`)
)

// birthDigits reads digits typed as a birth date, as they stand inside an ID number: 19800512 is
// 1980-05-12, 198005 is May 1980 (the prefix 1980-05). ok is false for digits that are no date.
func birthDigits(q string) (prefix string, ok bool) {
	if len(q) != 6 && len(q) != 8 {
		return "", false
	}
	y, m := q[:4], q[4:6]
	if y < "1900" || y > "2099" || m < "01" || m > "12" {
		return "", false
	}
	if len(q) == 6 {
		return y + "-" + m, true
	}
	if d := q[6:]; d < "01" || d > "31" {
		return "", false
	}
	return y + "-" + m + "-" + q[6:], true
}

// prefixRange returns the bounds of the strings that start with p, for an index range scan.
func prefixRange(p string) (string, string) { return p, p + "\U0010FFFF" }

// Search finds live residents by name (prefix), pinyin initials (zs finds 张三) or full pinyin
// (prefix), ID number or phone (their first or last digits, at least 3), birth date (19800512 or
// 198005, as inside an ID number), or address (words in it). More words narrow by place: 「张玉莲
// 城南」 finds the 张玉莲 whose village, group, neighbourhood or address has 城南 in it (either word
// may be the name). Results are sorted by pinyin; at most limit (default 50).
func (s *Service) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	words := strings.Fields(idcard.Normalize(query))
	// Words are one name first (张 三 is 张三, 4305 2919… one number), then a name and places.
	hits, err := s.search(ctx, strings.Join(words, ""), nil, limit)
	if len(words) < 2 || err == nil && len(hits) > 0 {
		return hits, err
	}
	// The first word that finds anyone in the places the others name is the name.
	for i, w := range words {
		places := append(append([]string{}, words[:i]...), words[i+1:]...)
		hits, err := s.search(ctx, w, places, limit)
		if err == nil && len(hits) > 0 {
			return hits, nil
		}
	}
	return []Hit{}, nil
}

// search finds residents by one word q (see Search), only in households whose place (village,
// group, neighbourhood and address) has every one of places in it.
func (s *Service) search(ctx context.Context, q string, places []string, limit int) ([]Hit, error) {
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
		if day, ok := birthDigits(q); ok {
			da, db := prefixRange(day)
			branches = append(branches, "birth_date >= ?5 AND birth_date < ?6 AND birth_date <> ''")
			args = append(args, da, db)
		}
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
	// A place narrows each branch: each resident the walk meets is kept when their household's place
	// has every word in it (a few lookups per resident; the name's range bounds the walk).
	placed := ""
	if len(places) > 0 {
		placed = ` AND EXISTS (SELECT 1 FROM households h JOIN neighbourhoods n ON n.id = h.neighbourhood_id
			JOIN groups g ON g.id = n.group_id JOIN pieces p ON p.id = g.piece_id JOIN villages v ON v.id = h.village_id
			WHERE h.id = residents.household_id`
		for _, p := range places {
			args = append(args, p)
			placed += " AND instr(v.name || ' ' || p.name || ' ' || g.name || ' ' || n.name || ' ' || h.address, ?" +
				strconv.Itoa(len(args)) + ") > 0"
		}
		placed += ")"
	}
	n := strconv.Itoa(limit)
	var parts []string
	for _, br := range branches {
		parts = append(parts, "SELECT * FROM (SELECT id, name_pinyin, name FROM residents WHERE deleted_at IS NULL AND "+
			br+placed+" ORDER BY name_pinyin, name, id LIMIT "+n+")")
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
		       h.address, v.name, g.name, n.name, r.status, v.id, n.id
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
			&h.Relation, &h.Address, &h.Village, &h.Group, &h.Neighbourhood, &h.Status,
			&h.VillageID, &h.NeighbourhoodID); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "查找失败")
		}
		h.IDNumber, h.Phone = idcard.MaskID(h.IDNumber), idcard.MaskPhone(h.Phone)
		out = append(out, h)
	}
	return out, rows.Err()
}
