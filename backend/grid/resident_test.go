package grid_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

func TestResidents(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "丹口村三组12号")
	idA := validID("19800512", 123) // odd serial: 男
	a, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: " 杨 明 ", Relation: "户主", IDNumber: idA,
		Phone: "138 0739 1234", Ethnicity: "苗", PartyMember: true})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.GetResident(ctx, a)
	if r.Name != "杨明" || r.Sex != "男" || r.BirthDate != "1980-05-12" || r.Ethnicity != "苗族" ||
		r.Phone != "13807391234" || r.IDNumber != idA || !r.PartyMember {
		t.Errorf("stored %+v", r)
	}
	members, _ := s.Members(ctx, h)
	if len(members) != 1 || members[0].IDNumber != "430529********"+idA[14:] || members[0].Phone != "138****1234" {
		t.Errorf("list not masked: %+v", members)
	}

	bad := map[string]struct {
		in    grid.ResidentInput
		code  string
		field string
		msg   string
	}{
		"ErrNameRequired":  {grid.ResidentInput{Name: " "}, errs.Invalid, "name", "姓名"},
		"ErrCheckDigit":    {grid.ResidentInput{Name: "甲", IDNumber: idA[:17] + wrongDigit(idA[17])}, errs.Invalid, "idNumber", "校验"},
		"ErrBirthDate":     {grid.ResidentInput{Name: "乙", IDNumber: validID("19800230", 1)}, errs.Invalid, "idNumber", ""},
		"ErrOldForm":       {grid.ResidentInput{Name: "丙", IDNumber: "430529800512123"}, errs.Invalid, "idNumber", "15"},
		"ErrSexMismatch":   {grid.ResidentInput{Name: "丁", IDNumber: validID("19900101", 122), Sex: "男"}, errs.Invalid, "idNumber", "女"},
		"ErrBirthMismatch": {grid.ResidentInput{Name: "戊", IDNumber: validID("19900101", 122), BirthDate: "1990-01-02"}, errs.Invalid, "idNumber", ""},
		"ErrPhone":         {grid.ResidentInput{Name: "己", Phone: "12345"}, errs.Invalid, "phone", ""},
		"ErrDuplicateID":   {grid.ResidentInput{Name: "杨明明", IDNumber: idA}, errs.Conflict, "idNumber", "杨明（丹口村 第三组 第1邻）"},
	}
	for name, c := range bad {
		t.Run(name, func(t *testing.T) {
			c.in.HouseholdID = h
			_, err := s.AddResident(ctx, c.in)
			e := wantErr(t, err, c.code, c.field)
			if !strings.Contains(e.Message, c.msg) {
				t.Errorf("message %q lacks %q", e.Message, c.msg)
			}
		})
	}
	t.Run("EveryFieldAtOnce", func(t *testing.T) {
		_, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: " ", IDNumber: idA[:17] + wrongDigit(idA[17]), Phone: "12345"})
		e := wantErr(t, err, errs.Invalid, "name")
		if len(e.Also) != 2 || e.Also[0].Field != "idNumber" || e.Also[1].Field != "phone" {
			t.Errorf("also %+v, want idNumber and phone", e.Also)
		}
	})
	if members, _ := s.Members(ctx, h); len(members) != 1 {
		t.Errorf("bad input wrote %d residents", len(members)-1)
	}

	t.Run("UpdateKeepsOwnID", func(t *testing.T) {
		r.Notes = "村民代表"
		if err := s.UpdateResident(ctx, a, r.ResidentInput); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("DeletedPersonFreesTheID", func(t *testing.T) {
		if err := s.DeleteResident(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", IDNumber: idA}); err != nil {
			t.Fatal(err)
		}
	})
}

func wrongDigit(c byte) string {
	if c == '1' {
		return "2"
	}
	return "1"
}

// Names read as pinyin, the first character as a surname; a character without a reading is left
// out. Twice: the second time the readings come from what the first looked up.
func TestPinyin(t *testing.T) {
	for round := range 2 {
		for name, want := range map[string][2]string{
			"张三": {"zhangsan", "zs"}, "曾国藩": {"zengguofan", "zgf"}, "单雄信": {"shanxiongxin", "sxx"},
			"龙长生": {"longchangsheng", "lcs"}, "杨A": {"yanga", "ya"}, "欧阳·娜娜": {"ouyangnana", "oynn"},
			"国曾": {"guoceng", "gc"},
		} {
			full, initials := grid.Pinyin(name)
			if full != want[0] || initials != want[1] {
				t.Errorf("round %d: Pinyin(%s) = %s %s, want %v", round+1, name, full, initials, want)
			}
		}
	}
}
