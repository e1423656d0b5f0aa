package selections

import (
	"strings"
	"testing"
)

// The 表彰决定 names one household alone (it said 陈永峰家庭等1户家庭), up to three then 等N户家庭, and
// is addressed to a 社区's 居民小组, a village's 村民小组, the township's 村（社区）.
func TestDecisionWording(t *testing.T) {
	honoured := func(name string) Ranked {
		return Ranked{Selected: true, Nomination: Nomination{Name: name, Place: "一组", Deeds: "照顾瘫痪婆婆十二年。"}}
	}
	one := []Ranked{honoured("陈永峰家庭")}
	four := []Ranked{honoured("陈永峰家庭"), honoured("李华家庭"), honoured("王明家庭"), honoured("赵四家庭")}
	for _, c := range []struct {
		scope, village string
		list           []Ranked
		to, named      string
	}{
		{"城南社区", "v1", one, "各居民小组", "和审定，陈永峰家庭事迹突出"},
		{"桃林村", "v2", four, "各村民小组", "和审定，陈永峰家庭、李华家庭、王明家庭等4户家庭事迹突出"},
		{"全镇", "", one, "各村（社区）", "和审定，陈永峰家庭事迹突出"},
	} {
		camp := Campaign{Kind: "文明家庭", Year: 2026, Scope: c.scope, VillageID: c.village, NoticeStart: "2026-10-09", NoticeEnd: "2026-10-15"}
		d, _, err := honourDocsIn(nil, camp, Ranking{List: c.list}, HonourInput{Issuer: "丹口镇人民政府"}, "2026-10-16")
		if err != nil {
			t.Fatal(err)
		}
		if d.To != c.to || !strings.Contains(d.Body, c.named) {
			t.Errorf("%s with %d: to %q, body %q", c.scope, len(c.list), d.To, d.Body)
		}
	}
}
