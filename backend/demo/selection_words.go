package demo

import (
	"math/rand/v2"
	"strings"
)

// The words of the demo's 文明家庭 campaigns: criteria, vetoes and the deeds nominees are put forward
// for, as a village committee writes them.

var familyCriteria = []struct {
	name   string
	weight int
}{{"爱国守法、遵规守约", 20}, {"家庭和睦、孝老爱亲", 25}, {"邻里互助、热心公益", 20}, {"勤劳致富、勤俭节约", 15}, {"环境整洁、移风易俗", 20}}

var familyVetoes = []string{
	"家庭成员有违法犯罪行为或正在接受调查",
	"家庭成员被列为失信被执行人",
	"违反村规民约且经教育拒不改正",
	"近三年有违法建房、大操大办婚丧喜事等行为",
}

// deed openings, middles and endings, drawn one of each: a paragraph that reads like a committee's.
var (
	deedOpen = []string{
		"该户家庭和睦，夫妻相敬如宾，",
		"该户是村里公认的和美之家，",
		"户主为人忠厚，待人真诚，",
		"一家人勤劳朴实，",
		"该户三代同堂，长幼有序，",
		"该户家风正、家教严，",
	}
	deedMiddle = []string{
		"常年悉心照顾瘫痪在床的老母亲，端水喂饭、擦身洗衣从无怨言；",
		"邻里有红白喜事、农忙缺人手，总是主动上门帮忙；",
		"带头发展油茶种植，带动周边八户群众增收；",
		"积极参加村里环境整治和志愿服务，房前屋后干净整洁；",
		"子女勤学上进，一人考入师范院校后回乡任教；",
		"主动让出自家承包地用于村组道路拓宽，不要一分补偿；",
		"多次参与调解邻里纠纷，化解矛盾不出组；",
		"红白喜事简办，带头抵制高价彩礼和铺张浪费；",
	}
	deedClose = []string{
		"在群众中口碑良好。",
		"是邻里学习的榜样。",
		"深受村民好评。",
		"多次获得村组表扬。",
	}
)

// deeds writes a nominee's deeds: an opening, two different middles and an ending.
func deeds(r *rand.Rand) string {
	a := r.IntN(len(deedMiddle))
	b := (a + 1 + r.IntN(len(deedMiddle)-1)) % len(deedMiddle)
	var sb strings.Builder
	sb.WriteString(pick(r, deedOpen))
	sb.WriteString(deedMiddle[a])
	sb.WriteString(strings.TrimSuffix(deedMiddle[b], "；"))
	sb.WriteString("，")
	sb.WriteString(pick(r, deedClose))
	return sb.String()
}
