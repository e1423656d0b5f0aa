// Command words writes the word list the title breaker keeps whole (package backend/docs/words):
// the Han words of 2 to 8 characters, with their frequencies, of the Chinese dictionary of
// github.com/go-ego/gse (Apache-2.0, from jieba's, MIT) that occur at least minFreq times,
// sorted by word after a first line "#total N", compressed with brotli. Run by make words; its
// output is not committed.
//
//	go run ./build/words backend/docs/words/dict/words.txt.br
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/brotli"
)

const (
	module  = "github.com/go-ego/gse@v0.80.3"
	minFreq = 10
)

func main() {
	if len(os.Args) != 2 {
		fail("usage: go run ./build/words OUT.txt.br")
	}
	dir, err := moduleDir()
	if err != nil {
		fail("%v", err)
	}
	in, err := os.Open(filepath.Join(dir, "data", "dict", "zh", "s_1.txt"))
	if err != nil {
		fail("%v", err)
	}
	defer in.Close()
	freqs := map[string]int{}
	total := 0
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil || freq < minFreq || !han(f[0]) {
			continue
		}
		freqs[f[0]] += int(freq)
		total += int(freq)
	}
	if err := sc.Err(); err != nil {
		fail("%v", err)
	}
	// sorted by word, so that the program finds a word by binary search without building a map
	words := make([]string, 0, len(freqs))
	for w := range freqs {
		words = append(words, w)
	}
	sort.Strings(words)
	var list bytes.Buffer
	fmt.Fprintf(&list, "#total %d\n", total)
	for _, w := range words {
		fmt.Fprintf(&list, "%s %d\n", w, freqs[w])
	}
	n := len(words)
	if n < 50000 {
		fail("only %d words in %s", n, dir)
	}
	var out bytes.Buffer
	w := brotli.NewWriterLevel(&out, brotli.BestCompression)
	w.Write(list.Bytes())
	if err := w.Close(); err != nil {
		fail("%v", err)
	}
	if err := os.WriteFile(os.Args[1], out.Bytes(), 0o644); err != nil {
		fail("%v", err)
	}
	// its CRC-32, which the program reads instead of the file to find its expanded copy
	sum := fmt.Sprintf("%08x\n", crc32.ChecksumIEEE(out.Bytes()))
	if err := os.WriteFile(os.Args[1]+".crc", []byte(sum), 0o644); err != nil {
		fail("%v", err)
	}
	fmt.Printf("%s: %d words, %d KB\n", os.Args[1], n, out.Len()/1024)
}

// han tells whether w is 2 to 8 Han characters.
func han(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 8 {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// moduleDir downloads the dictionary's module (through the Go module proxy, or from the cache) and
// returns its folder.
func moduleDir() (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %v", module, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s %v", module, m.Error, err)
	}
	return m.Dir, nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "words: "+format+"\n", args...)
	os.Exit(1)
}
