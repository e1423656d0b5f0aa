package docs

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"xiangzhi/backend/errs"
)

// ParseYuan reads an amount of money in 元 ("120000", "1,234.5", "¥88.00", "12万", "12.5万元", in
// full-width digits too) as a whole number of 分; field names the input for the error (code
// invalid). The whole text must be the amount: "3万5千" or "12元5角" is refused, never read as 3 or 12.
func ParseYuan(field, label, s string) (int64, error) {
	t := yuanNoise.Replace(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "¥"), "￥"), "元")
	m := yuanPattern.FindStringSubmatch(t)
	if m == nil {
		return 0, errs.Field(field, "「%s」“%s”不是金额，请写成 120000、120000.50 或 12万", label, s)
	}
	places := 2 // of the fraction, down to 分
	if m[3] != "" {
		places = 6 // 万元
	}
	frac := strings.TrimRight(m[2], "0")
	if len(frac) > places {
		return 0, errs.Field(field, "「%s」最多到分（两位小数）", label)
	}
	digits := strings.TrimLeft(m[1]+frac+strings.Repeat("0", places-len(frac)), "0")
	if digits == "" {
		return 0, nil
	}
	fen, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || len(digits) > 14 || fen >= 1e14 {
		return 0, errs.Field(field, "「%s」应在 0 到 1 万亿元之间", label)
	}
	return fen, nil
}

var (
	// yuanPattern is an amount once its separators are gone: digits, a fraction, and 万.
	yuanPattern = regexp.MustCompile(`^([0-9]+)(?:\.([0-9]+))?(万)?$`)
	// yuanNoise takes out thousands separators and spaces, and folds full-width digits and points.
	yuanNoise = strings.NewReplacer(",", "", "，", "", " ", "", "　", "", "．", ".", "。", ".",
		"０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9")
)

// Yuan formats fen as ¥120,000.00.
func Yuan(fen int64) string {
	y, f := fen/100, fen%100
	s := fmt.Sprint(y)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("¥%s.%02d", b.String(), f)
}

var (
	capDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	capUnits  = []string{"", "拾", "佰", "仟"}
	capGroups = []string{"", "万", "亿"}
)

// Capital writes fen in the Chinese capital form used on contracts and
// receipts: 120000.50 元 → 人民币壹拾贰万元伍角, 100 元 → 人民币壹佰元整.
func Capital(fen int64) string {
	y, jiao, f := fen/100, (fen/10)%10, fen%10
	var b strings.Builder
	b.WriteString("人民币")
	if y > 0 {
		b.WriteString(capitalInt(y))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && f == 0:
		if y == 0 {
			b.WriteString("零元")
		}
		b.WriteString("整")
	default:
		if jiao > 0 {
			b.WriteString(capDigits[jiao] + "角")
		} else if y > 0 {
			b.WriteString("零")
		}
		if f > 0 {
			b.WriteString(capDigits[f] + "分")
		}
	}
	return b.String()
}

// capitalInt writes n > 0 in capital digits with 拾佰仟万亿, reading zeros as
// one 零 (10,005 → 壹万零伍).
func capitalInt(n int64) string {
	var groups []int64
	for ; n > 0; n /= 10000 {
		groups = append(groups, n%10000)
	}
	var b strings.Builder
	zero := false
	for g := len(groups) - 1; g >= 0; g-- {
		v := groups[g]
		if v == 0 {
			zero = b.Len() > 0
			continue
		}
		if b.Len() > 0 && v < 1000 {
			zero = true
		}
		for u := 3; u >= 0; u-- {
			d := (v / int64(math.Pow10(u))) % 10
			if d == 0 {
				zero = zero || (b.Len() > 0 && v%int64(math.Pow10(u)) != 0 && u > 0)
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(capDigits[d] + capUnits[u])
		}
		b.WriteString(capGroups[g%3])
		if g >= 3 {
			b.WriteString("亿")
		}
	}
	return b.String()
}
