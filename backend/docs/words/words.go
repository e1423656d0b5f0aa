// Package words finds the words of Chinese text, so that a title broken over two lines keeps its
// words whole (「关于做好2026年冬春 / 农田水利基本建设的通知」, not 「…冬春农 / 田水利…」). Han text is cut
// by the most probable route through a word list (as jieba does, without its model for unknown
// words); a number stays with the 第 before it and the unit after it (第3期, 2027年度, 5个); any other
// character is a word of its own, and runs of letters and digits stay whole.
package words

import (
	"embed"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"xiangzhi/backend/docs/internal/unpack"
)

//go:embed dict
var dict embed.FS

// maxLen is the longest word in the list, in characters.
const maxLen = 8

// list is the word list as the generator wrote it: "#total N", then one "word freq" a line, sorted
// by word; a word is found by binary search over the text itself (as the Unix look does), so a
// process indexes nothing before its first title.
type list struct {
	text   string
	first  int // where the first word's line starts
	total  float64
	minLog float64 // the log share given to a character not in the list
	loaded bool
}

// load reads the word list once per process, the first time a text is cut; an empty list (a
// build without make words) cuts Han text into single characters.
var load = sync.OnceValue(func() *list {
	l := &list{}
	data, err := unpack.Expand(dict, "dict/words.txt.br", "words.txt", unpack.Brotli)
	if err != nil || len(data) == 0 {
		return l
	}
	l.text = unsafe.String(&data[0], len(data)) // never written: mapped read-only from the cache
	head, _, ok := strings.Cut(l.text, "\n")
	total, err := strconv.ParseFloat(strings.TrimPrefix(head, "#total "), 64)
	if !ok || err != nil || total <= 0 {
		return &list{}
	}
	l.total, l.loaded, l.first = total, true, len(head)+1
	l.minLog = math.Log(1 / total)
	return l
})

// logFreq is the log share of word, and whether the list has it;
// more is false when no longer word starts with word: the list is sorted, so the first entry not
// before word starts with it if any does.
func (l *list) logFreq(word string) (lf float64, ok, more bool) {
	at := l.search(word)
	if at == len(l.text) {
		return 0, false, false
	}
	w, next := l.line(at)
	if w != word {
		return 0, false, strings.HasPrefix(w, word)
	}
	if next < len(l.text) {
		w2, _ := l.line(next)
		more = strings.HasPrefix(w2, word)
	}
	freq := l.text[at+len(word)+1 : next]
	freq = strings.TrimSuffix(freq, "\n")
	n, err := strconv.ParseFloat(freq, 64)
	if err != nil || n <= 0 {
		return 0, false, more
	}
	return math.Log(n / l.total), true, more
}

// search returns where the line of the first word not before word starts (the text's length when
// there is none): lines before lo hold smaller words, the line at hi (or the end) one not smaller.
func (l *list) search(word string) int {
	lo, hi := l.first, len(l.text)
	for lo < hi {
		mid := lo + (hi-lo)/2
		at := strings.LastIndexByte(l.text[:mid], '\n') + 1 // the line holding mid
		if at < lo {
			at = lo
		}
		if w, next := l.line(at); w < word {
			lo = next
		} else {
			hi = at
		}
	}
	return lo
}

// line returns the word of the line starting at at, and where the next line starts.
func (l *list) line(at int) (word string, next int) {
	line, next := l.text[at:], len(l.text)
	if end := strings.IndexByte(line, '\n'); end >= 0 {
		line, next = line[:end], at+end+1
	}
	if sp := strings.IndexByte(line, ' '); sp >= 0 {
		line = line[:sp]
	}
	return line, next
}

// Loaded tells whether the word list was built into the program.
func Loaded() bool { return load().loaded }

// Joined returns, for each character of rs, whether it belongs to the same word as the one
// before it (false for the first).
func Joined(rs []rune) []bool {
	joined := make([]bool, len(rs))
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isHan(rs[i]):
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			cutHan(rs[i:j], joined[i:j])
		case isAlnum(rs[i]):
			for j < len(rs) && (isAlnum(rs[j]) || strings.ContainsRune(".-%", rs[j]) && j+1 < len(rs) && isAlnum(rs[j+1])) {
				joined[j] = true
				j++
			}
		}
		i = j
	}
	// a number stays with 第 before it and with the unit after it
	for i, r := range rs {
		if !isDigit(r) || i > 0 && joined[i] {
			continue
		}
		end := i + 1
		for end < len(rs) && joined[end] {
			end++
		}
		if i > 0 && rs[i-1] == '第' {
			joined[i] = true
		}
		if end < len(rs) && strings.ContainsRune(units, rs[end]) {
			joined[end] = true
		}
	}
	return joined
}

// units are the characters that follow a number as its unit.
const units = "年月日时分秒号期届次个名户人元角万亿千百条项件家村组类批岁周天倍层栋间亩米吨"

// cutHan marks in joined the words of a run of Han characters: the route through the list whose
// words' log shares add up to the most.
func cutHan(rs []rune, joined []bool) {
	l := load()
	n := len(rs)
	best := make([]float64, n+1) // best[i]: the best score of rs[i:]
	next := make([]int, n+1)     // where the first word of that route ends
	for i := n - 1; i >= 0; i-- {
		best[i], next[i] = l.minLog+best[i+1], i+1
		for j := i + 2; j <= n && j-i <= maxLen; j++ {
			lf, ok, more := l.logFreq(string(rs[i:j]))
			if ok && lf+best[j] > best[i] {
				best[i], next[i] = lf+best[j], j
			}
			if !more { // no longer word begins here
				break
			}
		}
	}
	prevSingle := false // the word before was one character the list does not know, not a particle
	for i := 0; i < n; i = next[i] {
		for k := i + 1; k < next[i]; k++ {
			joined[k] = true
		}
		// characters the list does not know, next to each other, are most likely one unknown
		// word, a name (丹口镇, 蓝建国): kept together; particles (的, 和) stay apart
		single := next[i] == i+1 && !strings.ContainsRune(particles, rs[i])
		if single && prevSingle {
			joined[i] = true
		}
		prevSingle = single
	}
}

// particles are characters that stand as words of their own between others.
const particles = "的地得了着过和与及或并对在为于把被将向从由等之其是有也都就而以所给让使按经各每该本"

func isHan(r rune) bool   { return unicode.Is(unicode.Han, r) }
func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
func isAlnum(r rune) bool {
	return isDigit(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ'
}

// Split cuts s into its words (for tests and messages).
func Split(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	for i, j := range Joined(rs) {
		if i > 0 && !j {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	if len(rs) > 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}

// Verify checks the embedded word list against the checksum its generator wrote beside it (see
// package unpack).
func Verify() error { return unpack.Verify(dict, "dict/*.br") }
