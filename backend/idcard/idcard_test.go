package idcard_test

import (
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/idcard"
)

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		name, first17 string
		want          byte
	}{
		{"StandardExampleX", "11010519491231002", 'X'},
		{"Digit", "44052418800101001", '4'},
		{"Zero", "00000000000000000", '1'},
		{"UsesFirst17Only", "11010519491231002X", 'X'},
		{"TooShort", "1101051949123100", 0},
		{"Empty", "", 0},
		{"NotDigits", "1101051949123100A", 0},
		{"FullWidth", "１１０１０５１９４９１２３１００２", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := idcard.CheckDigit(tt.first17); got != tt.want {
				t.Errorf("CheckDigit(%q) = %q, want %q", tt.first17, got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	man := valid("43052919900101123")   // 城步苗族自治县, 17th digit 3
	woman := valid("43052119850615002") // 17th digit 2
	tests := []struct {
		name, in, number, region, birth, sex string
	}{
		{"Man", man, man, "430529", "1990-01-01", "男"},
		{"Woman", woman, woman, "430521", "1985-06-15", "女"},
		{"RealWorldStyleX", "11010519491231002X", "11010519491231002X", "110105", "1949-12-31", "女"},
		{"LowerCaseX", "11010519491231002x", "11010519491231002X", "110105", "1949-12-31", "女"},
		{"FullWidth", fullWidth(man), man, "430529", "1990-01-01", "男"},
		{"FullWidthLowerX", "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", "110105", "1949-12-31", "女"},
		{"SpacesInside", man[:6] + " " + man[6:14] + "\u3000" + man[14:], man, "430529", "1990-01-01", "男"},
		{"SurroundingSpace", "  " + man + "\t", man, "430529", "1990-01-01", "男"},
		{"BornToday", valid("43052920260615001"), valid("43052920260615001"), "430529", "2026-06-15", "男"},
		{"Born1890", valid("43052918900101002"), valid("43052918900101002"), "430529", "1890-01-01", "女"},
		{"LeapDay", valid("82000020000229123"), valid("82000020000229123"), "820000", "2000-02-29", "男"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := idcard.Parse("idNumber", tt.in, today)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if id.Number != tt.number || id.Region != tt.region || id.Sex != tt.sex ||
				id.Birth.Format(time.DateOnly) != tt.birth {
				t.Errorf("Parse(%q) = %+v, want %s %s %s %s", tt.in, id, tt.number, tt.region, tt.birth, tt.sex)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	good := valid("43052919900101123")
	const checkChars = "0123456789X"
	wrongCheck := good[:17] + string(checkChars[(strings.IndexByte(checkChars, good[17])+1)%11])
	tests := []struct {
		name, in string
		parts    []string
	}{
		{"ErrEmpty", "", []string{"身份证号为空"}},
		{"ErrOnlySpaces", " \u3000 ", []string{"身份证号为空"}},
		{"ErrLetterInMiddle", "4305291990A1011234", []string{"第11位“A”", "只能由数字组成"}},
		{"ErrChinese", "43052919900101123号", []string{"第18位“号”"}},
		{"ErrXInMiddle", "43052919900X011234", []string{"第12位是X", "只能出现在最后一位"}},
		{"ErrDash", "430529-19900101-1234", []string{"第7位“-”"}},
		{"ErrOld15Digit", "430529900101123", []string{"15位的旧身份证号", "不再使用", "18位"}},
		{"ErrLength17", good[:17], []string{"应为18位，现在是17位"}},
		{"ErrLength19", "4305291990010112345", []string{"应为18位，现在是19位"}},
		{"ErrLength1", "4", []string{"现在是1位"}},
		{"ErrRegionStartsWith0", valid("03052919900101123"), []string{"不能以0开头"}},
		{"ErrProvince", valid("99052919900101123"), []string{"前两位“99”", "省级地区码"}},
		{"ErrProvince10", valid("10052919900101123"), []string{"前两位“10”"}},
		{"ErrBirthFeb30", valid("43052920260230123"), []string{"“20260230”不是真实存在的日期"}},
		{"ErrBirthMonth13", valid("43052919901331123"), []string{"“19901331”不是真实存在的日期"}},
		{"ErrBirthMonth00", valid("43052919900001123"), []string{"“19900001”"}},
		{"ErrBirthDay00", valid("43052919900100123"), []string{"“19900100”"}},
		{"ErrBirthNotLeap", valid("43052120230229123"), []string{"“20230229”不是真实存在"}},
		{"ErrBirthFuture", valid("43052920260616123"), []string{"“20260616”晚于今天"}},
		{"ErrBirthFarFuture", valid("43052930000101123"), []string{"晚于今天"}},
		{"ErrBirthBefore1890", valid("43052918891231123"), []string{"“18891231”早于1890年"}},
		{"ErrCheckDigit", wrongCheck, []string{"校验位不对，请核对是否抄错"}},
		{"ErrCheckDigitXExpectedDigit", "110105194912310021", []string{"校验位不对"}},
		{"ErrCheckDigitSwappedDigits", good[:14] + good[15:16] + good[14:15] + good[16:], []string{"校验位不对"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := idcard.Parse("idNumber", tt.in, today)
			wantErr(t, err, "idNumber", tt.parts...)
			if id != (idcard.ID{}) {
				t.Errorf("Parse returned %+v with its error, want the zero ID", id)
			}
		})
	}
	t.Run("ErrCheckDigitHidesExpected", func(t *testing.T) {
		_, err := idcard.Parse("idNumber", "110105194912310021", today)
		if err == nil || strings.Contains(err.Error(), "X") || strings.Contains(err.Error(), "应为") {
			t.Errorf("message %v should not reveal the expected check digit", err)
		}
	})
}

// TestParseEveryCheckDigit tries all 11 possible last characters for several numbers: exactly
// the one CheckDigit gives must pass.
func TestParseEveryCheckDigit(t *testing.T) {
	for _, first17 := range []string{"43052919900101123", "11010519491231002", "65010220001231456", "81000019700707000"} {
		t.Run(first17, func(t *testing.T) {
			for _, c := range "0123456789X" {
				_, err := idcard.Parse("id", first17+string(c), today)
				if ok := byte(c) == idcard.CheckDigit(first17); ok != (err == nil) {
					t.Errorf("last %c: err = %v, check digit is %c", c, err, idcard.CheckDigit(first17))
				}
			}
		})
	}
}

func TestAge(t *testing.T) {
	parse := func(first17 string) idcard.ID {
		id, err := idcard.Parse("id", valid(first17), today)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	june15 := parse("43052919900615123")
	leap := parse("43052920000229123")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.Local) }
	tests := []struct {
		name string
		id   idcard.ID
		at   time.Time
		want int
	}{
		{"DayBeforeBirthday", june15, day(2026, time.June, 14), 35},
		{"OnBirthday", june15, day(2026, time.June, 15), 36},
		{"LaterMonth", june15, day(2026, time.December, 1), 36},
		{"EarlierMonth", june15, day(2026, time.January, 31), 35},
		{"BirthDay", june15, day(1990, time.June, 15), 0},
		{"BeforeBirth", june15, day(1980, time.January, 1), 0},
		{"LeapDayOnFeb28", leap, day(2023, time.February, 28), 22},
		{"LeapDayOnMar1", leap, day(2023, time.March, 1), 23},
		{"LeapDayInLeapYear", leap, day(2024, time.February, 29), 24},
		{"ZeroID", idcard.ID{}, day(2026, time.June, 15), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.id.Age(tt.at); got != tt.want {
				t.Errorf("Age(%s) = %d, want %d", tt.at.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

func TestCheckAgainst(t *testing.T) {
	id, err := idcard.Parse("id", "11010519491231002X", today) // 女, 1949-12-31
	if err != nil {
		t.Fatal(err)
	}
	ok := []struct{ name, sex, birth string }{
		{"BothMatch", "女", "1949-12-31"},
		{"NothingTyped", "", ""},
		{"OnlySex", "女", ""},
		{"OnlyBirth", "", "1949-12-31"},
		{"BirthOtherForm", "", "1949年12月31日"},
	}
	for _, tt := range ok {
		t.Run(tt.name, func(t *testing.T) {
			if err := idcard.CheckAgainst("idNumber", id, tt.sex, tt.birth); err != nil {
				t.Errorf("CheckAgainst(%q, %q): %v", tt.sex, tt.birth, err)
			}
		})
	}
	bad := []struct {
		name, sex, birth string
		parts            []string
	}{
		{"ErrSex", "男", "", []string{"身份证号显示性别为女，但填写的是男"}},
		{"ErrBirth", "", "1949-12-30", []string{"身份证号显示出生日期为1949-12-31，但填写的是1949-12-30"}},
		{"ErrBoth", "男", "1950-01-01", []string{"性别为女，但填写的是男；", "出生日期为1949-12-31，但填写的是1950-01-01"}},
		{"ErrBirthUnreadable", "", "1949-02-30", []string{"不存在"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, idcard.CheckAgainst("idNumber", id, tt.sex, tt.birth), "idNumber", tt.parts...)
		})
	}
	t.Run("ZeroID", func(t *testing.T) {
		if err := idcard.CheckAgainst("idNumber", idcard.ID{}, "男", "2000-01-01"); err != nil {
			t.Errorf("zero ID: %v", err)
		}
	})
}
