package docs_test

import (
	"encoding/json"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
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
