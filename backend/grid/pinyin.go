package grid

import (
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// surnameReadings are surnames whose reading differs from the character's usual one.
var surnameReadings = map[rune]string{
	'曾': "zeng", '单': "shan", '解': "xie", '仇': "qiu", '区': "ou", '查': "zha", '朴': "piao",
	'盖': "ge", '缪': "miao", '乐': "yue", '尉': "yu", '覃': "qin", '翟': "zhai", '召': "shao",
	'种': "chong", '秘': "bi", '长': "chang", '重': "chong", '员': "yun", '贲': "ben",
}

// givenNameReadings are characters whose usual reading in given names differs from the dictionary's
// first one (长生 is changsheng, not zhangsheng).
var givenNameReadings = map[rune]string{'长': "chang", '朝': "zhao", '重': "chong", '行': "xing"}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	a.Fallback = func(r rune, _ pinyin.Args) []string {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return []string{strings.ToLower(string(r))}
		}
		return nil
	}
	return a
}()

// Pinyin returns the toneless pinyin of a name, joined ("zhangsan"), and its initials ("zs"). The
// first character is read as a surname.
func Pinyin(name string) (full, initials string) {
	var b, in strings.Builder
	for i, r := range []rune(name) {
		var syl string
		if i == 0 {
			syl = surnameReadings[r]
		} else {
			syl = givenNameReadings[r]
		}
		if syl == "" {
			syl = reading(r)
		}
		if syl == "" {
			continue
		}
		b.WriteString(syl)
		in.WriteByte(syl[0])
	}
	return b.String(), in.String()
}

// readings keeps each character's first reading once looked up (rune -> string, "" for none): the
// library finds it through a regular expression every time, some 3 µs, and a 100,000-person roster
// spent 0.35 s of its import there. Names use a few thousand characters.
var readings sync.Map

// reading returns the first toneless reading of r, or "".
func reading(r rune) string {
	if s, ok := readings.Load(r); ok {
		return s.(string)
	}
	s := ""
	if ps := pinyin.SinglePinyin(r, pinyinArgs); len(ps) > 0 {
		s = ps[0]
	}
	readings.Store(r, s)
	return s
}
