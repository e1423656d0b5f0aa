package docs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The 催办通知书 of a matter handed down names its 交办单 and the day it was handed down; one that
// was never handed down (taken up where it was registered) says it was registered and is handled by
// the unit, and names no 交办单. Both count the working days overdue to the notice's day.
func TestReminderSaysHowTheMatterCame(t *testing.T) {
	set := mustFonts(t)
	var m docs.Reminder
	if err := json.Unmarshal(example(t, "reminder"), &m); err != nil {
		t.Fatal(err)
	}
	pdf, err := docs.RenderDocument(set, &m)
	if err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, pdf))
	for _, want := range []string{"2026年11月10日交办你单位办理的民情事项（交办单编号：丹民交〔2026〕141号）：",
		"办结时限为2026年11月17日，至今未办结，已超期8个工作日。"} { // 18–20, 23–27 November
		if !strings.Contains(text, want) {
			t.Errorf("handed down: the notice does not say %q:\n%s", want, text)
		}
	}
	m.SlipNo = ""
	if err := m.Validate(); err != nil {
		t.Fatalf("a notice without a 交办单: %v", err)
	}
	pdf, err = docs.RenderDocument(set, &m)
	if err != nil {
		t.Fatal(err)
	}
	text = squash(pdfText(t, pdf))
	if want := "2026年11月10日登记、由你单位承办的民情事项：下团村五组路灯损坏8盏"; !strings.Contains(text, want) {
		t.Errorf("never handed down: the notice does not say %q:\n%s", want, text)
	}
	if strings.Contains(text, "交办单编号") || strings.Contains(text, "交办你单位") {
		t.Errorf("never handed down, the notice still speaks of a 交办单:\n%s", text)
	}
	if m.Heading() != "催办通知书 丹口镇水务站" {
		t.Errorf("heading %q", m.Heading())
	}
}

// A 催办通知书 issued without a 催办编号 of its own (from a case, with its 催办) prints its 存档号 as
// the number; one with a number keeps it.
func TestReminderNumberedByTheArchive(t *testing.T) {
	a := &docs.Archive{DB: storetest.Open(t, store.Options{ShortName: "丹口"}), Fonts: mustFonts(t), Issuer: "王丽"}
	var m docs.Reminder
	if err := json.Unmarshal(example(t, "reminder"), &m); err != nil {
		t.Fatal(err)
	}
	own := m.Number
	m.Number = ""
	in, _ := json.Marshal(m)
	rec, pdf, err := a.Issue(ctx, "reminder", in, "")
	if err != nil {
		t.Fatal(err)
	}
	if text := squash(pdfText(t, pdf)); !strings.Contains(text, rec.Number) || rec.DocNumber != rec.Number {
		t.Errorf("the notice without a number of its own does not print %s (文号 %q):\n%s", rec.Number, rec.DocNumber, text)
	}
	m.Number = own
	in, _ = json.Marshal(m)
	rec, pdf, err = a.Issue(ctx, "reminder", in, "")
	if err != nil {
		t.Fatal(err)
	}
	if text := squash(pdfText(t, pdf)); !strings.Contains(text, own) || strings.Contains(text, rec.Number) {
		t.Errorf("the notice with its own number %s:\n%s", own, text)
	}
}
