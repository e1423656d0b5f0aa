package engine_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// Table cells are not cut against the rules (issue 12 §2): a label column is as wide as its labels
// (not 「办理过程及结 / 果」), a four-character name stays whole (not 「欧阳建 / 国」), a document
// number keeps 〕 off a line start (not 「〔2026 / 〕1号」) and a date is not split (not
// 「2026-12- / 04」), even when the table is crowded and the relative widths ask otherwise.
func TestTableCellsKeepWhole(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{})
	d.Field("正文")
	d.Table(engine.Table{Field: "交办单", NoHeader: true, Columns: []engine.Column{{Title: "项目", Width: 1, Center: true, Role: fonts.Hei}, {Title: "内容", Width: 5}},
		Rows: [][]string{{"来源", "群众来访"}, {"办理过程及结果", "已于12月4日修复三组饮水管，群众表示满意。"}}})
	long := "照顾瘫痪在床的婆婆十余年，邻里和睦，热心公益，带头参与环境整治和移风易俗，多次调解邻里纠纷。"
	d.Table(engine.Table{Field: "名单", Size: 12, Columns: []engine.Column{{Title: "序号"}, {Title: "姓名"}, {Title: "文号"}, {Title: "日期"}, {Title: "事迹"}},
		Rows: [][]string{{"1", "欧阳建国", "丹政发〔2026〕1号", "2026-12-04", long}, {"2", "司马相如", "丹政发〔2026〕12号", "2026-11-27", long}}})
	// too crowded for every short cell whole: words, numbers and dates still are, and 〕 starts no line
	d.Table(engine.Table{Field: "名单", Size: 12, Columns: []engine.Column{{Title: "序号"}, {Title: "姓名"}, {Title: "身份证号码"}, {Title: "文号"}, {Title: "日期"}, {Title: "事迹"}},
		Rows: [][]string{{"3", "诸葛明亮", "430528199001011234", "丹政发〔2026〕1号", "2026-12-05", long}}})
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := write(t, outDir(t), "table-cells", pdf)
	pngs(t, path, 1, 1)
	var words []string
	for _, w := range bboxWords(t, path)[0] {
		words = append(words, w.Text)
	}
	for _, w := range words {
		if strings.HasPrefix(w, "〕") {
			t.Errorf("a line of a cell starts with 〕: %q", words)
		}
	}
	for _, whole := range []string{"办理过程及结果", "欧阳建国", "司马相如", "丹政发〔2026〕1号", "丹政发〔2026〕12号", "2026-12-04",
		"诸葛明亮", "430528199001011234", "〔2026〕", "2026-12-05"} {
		found := false
		for _, w := range words {
			found = found || strings.Contains(w, whole)
		}
		if !found {
			t.Errorf("%q is cut across lines of its cell; the page's words: %q", whole, words)
		}
	}
}
