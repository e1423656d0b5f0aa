package docs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
)

// A 公示 ends in the standard form (issue 12 §3): where and how to object, then 联系人 with the
// phone and the 监督电话 each on a line of its own; a 公示 without a contact is refused.
func TestGongshiContact(t *testing.T) {
	k, err := docs.Lookup("gongshi")
	if err != nil {
		t.Fatal(err)
	}
	var in map[string]any
	json.Unmarshal([]byte(k.Example), &in)
	input, _ := json.Marshal(in)
	pdf, _, err := docs.Render(mustFonts(t), "gongshi", input)
	if err != nil {
		t.Fatal(err)
	}
	text := squash(strings.Join(pageLines(t, write(t, outDir(t, "gongshi"), "contact", pdf))[0], ""))
	for _, want := range []string{"请以书面、电话或来访等方式向丹口镇党政办（镇政府二楼）反映", "联系人：李华联系电话：0739-7321234", "监督电话：0739-7325678（镇纪委）"} {
		if !strings.Contains(text, want) {
			t.Errorf("the 公示 lacks %q: %s", want, text)
		}
	}
	delete(in, "contact")
	input, _ = json.Marshal(in)
	if _, _, err := docs.Render(mustFonts(t), "gongshi", input); errs.As(err) == nil || errs.As(err).Field != "contact" {
		t.Errorf("a 公示 without a contact: %v", err)
	}
}

// The phones of a paper are checked as the registry checks them, named by their field, and printed in
// one form: a 公示 was issued with 联系电话 12ab; a 监督电话 keeps its note after the number.
func TestPaperPhonesChecked(t *testing.T) {
	k, err := docs.Lookup("gongshi")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ phone, monitor, field, want string }{
		{"12ab", "0739-7325678（镇纪委）", "phone", "「联系电话」“12ab”不是有效的电话号码"},
		{"7321234", "", "phone", "缺少区号"},
		{"0739-7321234", "abc（镇纪委）", "monitor", "「监督电话」“abc”不是有效的电话号码"},
		{"１３９ ０７３９ １２３４", "0739 7325678（镇纪委）", "", "联系电话：13907391234"},
	} {
		var in map[string]any
		json.Unmarshal([]byte(k.Example), &in)
		in["phone"], in["monitor"] = c.phone, c.monitor
		input, _ := json.Marshal(in)
		pdf, _, err := docs.Render(mustFonts(t), "gongshi", input)
		if c.field != "" {
			if e := errs.As(err); e == nil || e.Field != c.field || !strings.Contains(e.Message, c.want) {
				t.Errorf("phone %q, monitor %q: %v, want %s on %s", c.phone, c.monitor, err, c.want, c.field)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		text := squash(strings.Join(pageLines(t, write(t, outDir(t, "gongshi"), "phones", pdf))[0], ""))
		if !strings.Contains(text, c.want) || !strings.Contains(text, "监督电话：0739-7325678（镇纪委）") {
			t.Errorf("the phones are not printed in one form: %s", text)
		}
	}
}

// A paper's form names every field to mend on one save, a row's fields too: 发布公示 with the contact,
// phone and date left empty, and a person without a name or village, said only 联系人不能为空, then
// one more field a save.
func TestPaperNamesEveryMissingField(t *testing.T) {
	k, err := docs.Lookup("gongshi")
	if err != nil {
		t.Fatal(err)
	}
	var in map[string]any
	json.Unmarshal([]byte(k.Example), &in)
	in["contact"], in["phone"], in["date"] = "", "", ""
	in["people"].([]any)[1].(map[string]any)["name"] = ""
	in["people"].([]any)[2].(map[string]any)["village"] = ""
	in["people"].([]any)[0].(map[string]any)["id"] = "12345"
	input, _ := json.Marshal(in)
	_, _, err = docs.Render(mustFonts(t), "gongshi", input)
	e := errs.As(err)
	if e == nil {
		t.Fatal("a 公示 with empty required fields was rendered")
	}
	var got []string
	for _, f := range e.All() {
		got = append(got, f.Field)
	}
	want := []string{"people.1.name", "people.2.village", "contact", "phone", "date", "people.0.id"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("fields named: %v, want %v (%s)", got, want, e.Messages())
	}
}
