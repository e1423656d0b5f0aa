package idcard

import (
	"strings"

	"xiangzhi/backend/errs"
)

// Ethnicities are the 56 official ethnic group names, in the order of GB/T 3304.
var Ethnicities = []string{
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
	"满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
	"佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
	"达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
	"塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
	"独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
}

// ethnicityNames maps every full name and every name without 族 to the full name; it is built
// from a copy so that changing Ethnicities later cannot change what is accepted.
var ethnicityNames = func() map[string]string {
	m := make(map[string]string, 2*len(Ethnicities))
	for _, name := range Ethnicities {
		m[name] = name
		m[strings.TrimSuffix(name, "族")] = name
	}
	return m
}()

// ParseEthnicity reads an ethnic group written in full ("苗族") or without 族 ("苗", "维吾尔")
// and returns the full official name; "" gives "" and no error.
func ParseEthnicity(field, s string) (string, error) {
	s = compact(s)
	if s == "" {
		return "", nil
	}
	if name, ok := ethnicityNames[s]; ok {
		return name, nil
	}
	return "", errs.Field(field, "民族“%s”不是56个民族的名称之一，请填写全称，如“汉族”“苗族”", s)
}
