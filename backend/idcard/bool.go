package idcard

import "xiangzhi/backend/errs"

// bools maps the accepted yes/no spellings (after normalizing and lowering ASCII) to a value.
var bools = map[string]bool{
	"是": true, "是党员": true, "党员": true, "中共党员": true,
	"y": true, "yes": true, "true": true, "1": true, "√": true, "✓": true, "✔": true,
	"否": false, "不是": false, "群众": false,
	"n": false, "no": false, "false": false, "0": false, "×": false, "✗": false, "✘": false,
}

// ParseBool reads a yes/no cell: 是, 党员, 是党员, 中共党员, Y, yes, true, 1, √ are true; 否, 不是,
// 群众, N, no, false, 0, × are false; "" is false.
func ParseBool(field, s string) (bool, error) {
	s = compact(s)
	if s == "" {
		return false, nil
	}
	if v, ok := bools[asciiLower(s)]; ok {
		return v, nil
	}
	return false, errs.Field(field, "“%s”无法识别，请填写“是”或“否”（也可写党员、群众、Y、N、1、0、√、×）", s)
}
