package demo

import (
	"math/rand/v2"
	"strings"
)

// Everything here is invented: names are drawn from common surnames of the area and ordinary given
// names, so duplicates across a county are expected, as in a real one.

// weighted is a list of choices with weights.
type weighted struct {
	items []string
	cum   []int
}

// newWeighted builds a weighted list from "item:weight" pairs; a missing weight counts 1.
func newWeighted(pairs ...string) weighted {
	var w weighted
	total := 0
	for _, p := range pairs {
		item, n := p, 1
		if i := strings.LastIndexByte(p, ':'); i >= 0 {
			item, n = p[:i], atoi(p[i+1:])
		}
		total += n
		w.items = append(w.items, item)
		w.cum = append(w.cum, total)
	}
	return w
}

func (w weighted) pick(r *rand.Rand) string {
	x := r.IntN(w.cum[len(w.cum)-1])
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return w.items[lo]
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// surnames of the area, Miao and Han, weighted roughly by how common they are in 城步.
var surnames = newWeighted(
	"杨:30", "刘:14", "蓝:12", "龙:12", "吴:10", "石:8", "陈:8", "李:8", "王:7", "张:6", "罗:6",
	"肖:6", "周:5", "戴:5", "唐:5", "邓:4", "雷:4", "粟:4", "向:3", "彭:3", "曾:3", "蒋:3", "伍:3",
	"黄:3", "谢:3", "丁:2", "易:2", "胡:2", "欧阳:2", "贺:2", "舒:1", "满:1", "姚:1", "袁:1",
)

// Given-name characters by sex and generation: a first and a second character pool. A name is
// one character of the second pool, or one of each.
type namePool struct{ first, second []rune }

// generation: 0 born before 1960, 1 in 1960–1984, 2 in 1985–2004, 3 from 2005.
func generation(birthYear int) int {
	switch {
	case birthYear < 1960:
		return 0
	case birthYear < 1985:
		return 1
	case birthYear < 2005:
		return 2
	}
	return 3
}

var givenMale = [4]namePool{
	{[]rune("德国富贵金银光明忠福寿长玉昌正开发祖永春秋树林"), []rune("生华才林清贵发元成和祥财山云安顺德")},
	{[]rune("建志国小红军海明文卫新伟德永光平春"), []rune("华强军民平勇兵林东明峰生云辉斌")},
	{[]rune("俊鹏宇浩杰志文家小晓振子嘉"), []rune("鹏杰宇涛伟超磊斌龙辉峰阳")},
	{[]rune("子浩宇梓俊一嘉博思睿皓"), []rune("轩然航豪熙宸睿泽辰涵翔")},
}

var givenFemale = [4]namePool{
	{[]rune("秀桂玉凤翠满金银春冬菊梅荷兰"), []rune("英兰花妹珍莲香凤娥姑秀")},
	{[]rune("红丽小春爱美秀雪桂月素"), []rune("梅霞燕琴芳英玲华萍莲红")},
	{[]rune("婷倩雪佳晓丽小思慧静雅"), []rune("婷倩雪丽娟敏琳慧颖洁瑶")},
	{[]rune("梓欣诗一雨语紫可佳若"), []rune("涵怡琪诺桐萱彤欣妍汐")},
}

// givenName returns a given name for the sex ("男" or "女") and birth year.
func givenName(r *rand.Rand, sex string, birthYear int) string {
	pools := givenMale
	if sex == "女" {
		pools = givenFemale
	}
	p := pools[generation(birthYear)]
	single := 0.3
	if generation(birthYear) == 3 {
		single = 0.12
	}
	if r.Float64() < single {
		return string(pick(r, p.second))
	}
	a, b := pick(r, p.first), pick(r, p.second)
	for a == b {
		b = pick(r, p.second)
	}
	return string(a) + string(b)
}

// fullName returns surname + given name.
func fullName(r *rand.Rand, surname, sex string, birthYear int) string {
	return surname + givenName(r, sex, birthYear)
}

// Village names are two invented syllables of the landscape: 白云, 青石, 金竹, 桃林 …
var (
	villageFirst  = []rune("白青金桃岩杉清龙石竹枫茶梅兰松柳水高长双新大南东西云凤花黄红古平马鹤")
	villageSecond = []rune("云石竹林寨木溪潭坪冲湾岭田坡塘源江峰桥岩山口村庄垅头洞")
	communityName = []string{"城南", "城北", "河东", "河西", "儒苑", "新街", "桥头", "迎宾", "老街", "江滨", "田心", "镇东",
		"镇西", "步云", "青云", "南门", "北门", "文昌", "兴隆", "太平", "和平", "建设", "向阳", "滨河", "新民"}
)

// villageNames returns n distinct village names; every 12th (a township's seat) is a 社区.
func villageNames(r *rand.Rand, n int) (names []string, community []bool) {
	used := map[string]bool{}
	for i := 0; i < n; i++ {
		if i%villagesPerTownship == 0 {
			base := communityName[(i/villagesPerTownship)%len(communityName)]
			name := base + "社区"
			for k := 2; used[name]; k++ {
				name = base + string([]rune("一二三四五六七八九十")[k%10]) + "社区"
			}
			used[name] = true
			names, community = append(names, name), append(community, true)
			continue
		}
		for {
			a, b := pick(r, villageFirst), pick(r, villageSecond)
			name := string(a) + string(b) + "村"
			if a == b || used[name] {
				continue
			}
			used[name] = true
			names, community = append(names, name), append(community, false)
			break
		}
	}
	return names, community
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// chineseNumber writes 1–99 in Chinese numerals: 三, 十二, 二十一.
func chineseNumber(n int) string {
	switch {
	case n <= 10:
		return chineseDigits[n]
	case n < 20:
		return "十" + chineseDigits[n-10]
	case n%10 == 0:
		return chineseDigits[n/10] + "十"
	}
	return chineseDigits[n/10] + "十" + chineseDigits[n%10]
}

// lawFirms are invented law firms of the region.
var lawFirms = []string{"湖南苗岭律师事务所", "湖南巫水律师事务所", "邵阳青溪律师事务所", "湖南桃林律师事务所", "邵阳金竹律师事务所"}
