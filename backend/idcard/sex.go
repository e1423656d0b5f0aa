package idcard

import "xiangzhi/backend/errs"

// sexes maps the accepted spellings (after normalizing and lowering ASCII) to "男" or "女".
var sexes = map[string]string{
	"男": "男", "男性": "男", "m": "男", "male": "男", "1": "男",
	"女": "女", "女性": "女", "f": "女", "female": "女", "2": "女",
}

// ParseSex reads a sex written as 男/女, 男性/女性, M/F, male/female or the codes 1/2 (GB/T 2261.1)
// and returns "男" or "女"; "" gives "" and no error.
func ParseSex(field, s string) (string, error) {
	s = compact(s)
	if s == "" {
		return "", nil
	}
	if sex, ok := sexes[asciiLower(s)]; ok {
		return sex, nil
	}
	return "", errs.Field(field, "性别“%s”无法识别，请填写“男”或“女”（也可写男性、女性、M、F，或代码1表示男、2表示女）", s)
}
