package words_test

import (
	"slices"
	"testing"

	"xiangzhi/backend/docs/words"
)

// Titles of real notices are cut into their words; numbers keep 第 and their unit.
func TestSplit(t *testing.T) {
	if !words.Loaded() {
		t.Fatal("the word list is not built in (run make words)")
	}
	for text, want := range map[string][]string{
		"关于做好2026年冬春农田水利基本建设的通知": {"关于", "做好", "2026年", "冬春", "农田水利", "基本建设", "的", "通知"},
		"丹口镇2027年度村级集体经济发展":      {"丹口镇", "2027年度", "村级", "集体经济", "发展"},
		"关于开展“文明家庭”评选活动的通知":      {"关于", "开展", "“", "文明", "家庭", "”", "评选", "活动", "的", "通知"},
		"第12期":                     {"第12期"},
		"网址https://www.example.cn": {"网址", "https", ":", "/", "/", "www.example.cn"},
	} {
		if got := words.Split(text); !slices.Equal(got, want) {
			t.Errorf("Split(%q) = %q, want %q", text, got, want)
		}
	}
}

// The embedded word list matches the checksum written beside it.
func TestChecksum(t *testing.T) {
	if err := words.Verify(); err != nil {
		t.Fatal(err)
	}
}
