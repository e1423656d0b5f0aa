package fonts_test

import (
	"bufio"
	"compress/bzip2"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// wenkai is a real TrueType font outside the embedded subsets (Debian
// package fonts-lxgw-wenkai, installed by make apt).
const wenkai = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

// rareCandidates are Han characters of names, outside GB2312, that LXGW WenKai may have.
const rareCandidates = "堃喆犇昇玥旻珺祎瑄赟镕釭"

func readWenkai(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(wenkai)
	if err != nil {
		t.Fatalf("LXGW WenKai is needed for this test (apt-get install fonts-lxgw-wenkai): %v", err)
	}
	return data
}

// header builds a 12-byte sfnt-like header with the given tag and n tables.
func header(tag string, n int) []byte {
	b := make([]byte, 12, 12+16*n)
	copy(b, tag)
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	return b
}

func TestCheckRefuses(t *testing.T) {
	real := readWenkai(t)
	ttc := append(header("ttcf", 0), make([]byte, 64)...)
	binary.BigEndian.PutUint32(ttc[4:], 0x00010000) // version
	binary.BigEndian.PutUint32(ttc[8:], 2)          // numFonts
	otf := append(header("OTTO", 1), []byte("CFF \x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x04abcd")...)
	cases := []struct {
		name string
		data []byte
		want []string // every one must be in the message
	}{
		{"simsun.ttc", ttc, []string{"simsun.ttc", "字体集合", ".ttc", "无法嵌入"}},
		{"font.otf", otf, []string{"font.otf", "CFF", ".otf", "TrueType"}},
		{"garbage.ttf", []byte("这不是字体文件，只是一段文字而已。"), []string{"garbage.ttf", "不是 TrueType 字体"}},
		{"empty.ttf", nil, []string{"empty.ttf", "不是字体"}},
		{"short.ttf", real[:10], []string{"short.ttf", "太短"}},
		{"cut-dir.ttf", real[:40], []string{"cut-dir.ttf", "不完整"}},
		{"cut-body.ttf", real[:len(real)/2], []string{"cut-body.ttf", "不完整"}},
		{"no-glyf.ttf", append(header("\x00\x01\x00\x00", 1), []byte("cmap\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x00")...), []string{"no-glyf.ttf", "glyf"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := fonts.Check(c.name, c.data)
			if err == nil {
				t.Fatal("accepted")
			}
			if code := errs.CodeOf(err); code != errs.Invalid {
				t.Errorf("code %q, want %q", code, errs.Invalid)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not say %q", err, w)
				}
			}
			if _, err := fonts.NewFace("k", c.name, "", c.data); err == nil {
				t.Error("NewFace accepted it")
			}
			p := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := fonts.OpenFace("k", p); err == nil {
				t.Error("OpenFace accepted it")
			}
		})
	}
	if err := fonts.Check("LXGWWenKai-Regular.ttf", real); err != nil {
		t.Errorf("a good TrueType font is refused: %v", err)
	}
	if _, err := fonts.OpenFace("k", filepath.Join(t.TempDir(), "missing.ttf")); err == nil || !strings.Contains(err.Error(), "无法读取") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadEmbedded(t *testing.T) {
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []fonts.Role{fonts.Title, fonts.Fang, fonts.Hei, fonts.Kai} {
		fs := set.Faces(role)
		if len(fs) != 2 || fs[1].Path != "" || fs[1].Key != fs[0].Key+"-ext" || !strings.Contains(fs[1].Name, "扩展字") {
			t.Fatalf("%s: faces %v, want the embedded two only (GB2312, then the rest of GBK and 通用规范汉字表)", role, fs)
		}
		f := fs[0]
		if f.Path != "" || !strings.HasPrefix(f.Name, "内置") || len(f.Bytes()) == 0 {
			t.Errorf("%s: not an embedded face: %+v", role, f.Name)
		}
		for _, r := range "中华人民共和国，。（）《》“”0123456789ABCxyz" {
			if got := set.Pick(role, r); got != f {
				t.Errorf("%s: Pick(%q) = %v, want %v", role, r, got, f)
			}
		}
		// Advance: a Han character fills its em, a narrow Latin letter does not.
		a, ok := f.Advance('中')
		if !ok || a < 0.95 || a > 1.05 {
			t.Errorf("%s: advance of 中 = %v, %v; want about 1 em", role, a, ok)
		}
		a, ok = f.Advance('i')
		if !ok || a <= 0 || a >= 0.5 {
			t.Errorf("%s: advance of i = %v, %v; want under 0.5 em", role, a, ok)
		}
		if _, ok := f.Advance(0x4DB5); ok {
			t.Errorf("%s: the GB2312 subset has U+4DB5", role)
		}
	}
	// names outside GB2312 print with the embedded faces alone, from each role's second face
	// (TestEmbeddedCoverage has them all)
	for _, r := range rareCandidates {
		for _, role := range fonts.Roles {
			if f := set.Pick(role, r); f != set.Faces(role)[1] {
				t.Errorf("%s: Pick(%c) = %v, want the embedded %v", role, r, f, set.Faces(role)[1])
			}
		}
	}
}

// beyondIn returns Han characters of CJK Extension A that f has and no face of set has: beyond GBK
// and 通用规范汉字表, where the embedded faces end.
func beyondIn(t *testing.T, f *fonts.Face, set *fonts.Set) []rune {
	var out []rune
	for r := rune(0x3400); r <= 0x4DBF && len(out) < 5; r++ {
		if f.Has(r) && set.Pick(fonts.Fang, r) == nil {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no character of Extension A that the set lacks", f)
	}
	return out
}

// rareIn returns the candidates outside GB2312 that f has.
func rareIn(t *testing.T, f *fonts.Face) []rune {
	var out []rune
	for _, r := range rareCandidates {
		if f.Has(r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has none of %s", f, rareCandidates)
	}
	return out
}

func TestLoadSystemFonts(t *testing.T) {
	readWenkai(t)
	dir := t.TempDir()
	if err := os.Symlink(wenkai, filepath.Join(dir, "simkai.ttf")); err != nil {
		t.Fatal(err)
	}
	// Windows font names vary in case.
	data := readWenkai(t)
	if err := os.WriteFile(filepath.Join(dir, "SIMHEI.TTF"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// a collection under a single-font name is skipped, not fatal
	ttc := append(header("ttcf", 0), make([]byte, 64)...)
	if err := os.WriteFile(filepath.Join(dir, "simfang.ttf"), ttc, 0o644); err != nil {
		t.Fatal(err)
	}
	// SimSun-ExtB (here LXGW WenKai under its name) comes after the embedded faces
	if err := os.Symlink(wenkai, filepath.Join(dir, "SimSunB.ttf")); err != nil {
		t.Fatal(err)
	}
	// a non-font file in a font folder is ignored
	if err := os.WriteFile(filepath.Join(dir, "desktop.ini"), []byte("[.ShellClassInfo]"), 0o644); err != nil {
		t.Fatal(err)
	}

	set, err := fonts.Load([]string{filepath.Join(dir, "does-not-exist"), dir})
	if err != nil {
		t.Fatal(err)
	}
	kai := set.Faces(fonts.Kai)
	if len(kai) != 3 || kai[0].Path != filepath.Join(dir, "simkai.ttf") || kai[1].Path != "" || kai[2].Path != "" {
		t.Fatalf("kai faces = %v, want simkai.ttf then the embedded two", kai)
	}
	if !strings.Contains(kai[0].Name, "simkai.ttf") || !strings.Contains(kai[0].Name, "楷体") {
		t.Errorf("kai face name %q", kai[0].Name)
	}
	hei := set.Faces(fonts.Hei)
	if len(hei) != 3 || hei[0].Path != filepath.Join(dir, "SIMHEI.TTF") || hei[1].Path != "" {
		t.Fatalf("hei faces = %v, want SIMHEI.TTF then the embedded two", hei)
	}
	if kai[0].Key == hei[0].Key || kai[0].Key == kai[1].Key {
		t.Errorf("face keys must differ: %q %q %q", kai[0].Key, hei[0].Key, kai[1].Key)
	}
	fang := set.Faces(fonts.Fang)
	if len(fang) != 3 || fang[0].Path != "" || fang[1].Path != "" || fang[2].Path != filepath.Join(dir, "SimSunB.ttf") || fang[2].Name != "宋体扩展区（SimSunB.ttf）" {
		t.Fatalf("fang faces = %v, want the embedded two (simfang.ttf is a collection), then SimSunB.ttf", fang)
	}
	// a character only SimSun-ExtB has is drawn with it in any role (㐂 is in WenKai, not in the embedded faces)
	if f := set.Pick(fonts.Title, '㐂'); f != fang[2] {
		t.Errorf("Pick(title, 㐂) = %v, want %v", f, fang[2])
	}
	if len(set.Faces(fonts.Title)) != 2 {
		t.Errorf("title faces = %v", set.Faces(fonts.Title))
	}

	// the role's own system face first
	if f := set.Pick(fonts.Kai, '中'); f != kai[0] {
		t.Errorf("Pick(kai, 中) = %v, want %v", f, kai[0])
	}
	if f := set.Pick(fonts.Hei, '中'); f != hei[0] {
		t.Errorf("Pick(hei, 中) = %v, want %v", f, hei[0])
	}
	// other roles keep their own (embedded) face for what it has
	if f := set.Pick(fonts.Fang, '中'); f != fang[0] {
		t.Errorf("Pick(fang, 中) = %v, want %v", f, fang[0])
	}
	// a character outside GB2312 (a name's 喆) comes from the role's own faces: its system face, or the
	// embedded one, which covers GBK and 通用规范汉字表
	rare := rareIn(t, kai[0])
	for _, r := range rare {
		for role, want := range map[fonts.Role]*fonts.Face{fonts.Fang: fang[1], fonts.Kai: kai[0], fonts.Hei: hei[0]} {
			if f := set.Pick(role, r); f != want {
				t.Errorf("Pick(%s, %c) = %v, want %v", role, r, f, want)
			}
		}
	}
	// ... and without system fonts, from each role's embedded face
	emb, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rare {
		for _, role := range fonts.Roles {
			if f := emb.Pick(role, r); f != emb.Faces(role)[1] {
				t.Errorf("embedded set: Pick(%s, %c) = %v, want %v", role, r, f, emb.Faces(role)[1])
			}
		}
	}
	// nobody has U+4DB5
	if f := set.Pick(fonts.Fang, 0x4DB5); f != nil {
		t.Errorf("Pick(U+4DB5) = %v", f)
	}
}

func TestSystemDirs(t *testing.T) {
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	if d := fonts.SystemDirs(); d != nil {
		t.Errorf("none: %v", d)
	}
	a, b := t.TempDir(), t.TempDir()
	t.Setenv("XIANGZHI_FONT_DIRS", a+string(os.PathListSeparator)+b)
	if d := fonts.SystemDirs(); len(d) != 2 || d[0] != a || d[1] != b {
		t.Errorf("list: %v", d)
	}
}

// TestAdvanceConcurrent measures from many goroutines at once (run with -race).
func TestAdvanceConcurrent(t *testing.T) {
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := set.Faces(fonts.Fang)[0]
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			for _, r := range "中华人民共和国国务院办公厅关于印发的通知ABCabc123，。" {
				if !f.Has(r) {
					t.Errorf("no %c", r)
				}
				if set.Pick(fonts.Kai, r) == nil {
					t.Errorf("no %c in kai", r)
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}

// TestWith puts a chosen face first for one role without changing the set it came from.
func TestWith(t *testing.T) {
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := fonts.OpenFace("user-fang", wenkai)
	if err != nil {
		t.Fatal(err)
	}
	with := set.With(fonts.Fang, f)
	if fs := with.Faces(fonts.Fang); len(fs) != 3 || fs[0] != f || fs[1] != set.Faces(fonts.Fang)[0] {
		t.Errorf("With: fang faces %v", fs)
	}
	if fs := set.Faces(fonts.Fang); len(fs) != 2 || fs[0] == f {
		t.Errorf("the original set changed: %v", fs)
	}
	if with.Faces(fonts.Hei)[0] != set.Faces(fonts.Hei)[0] {
		t.Error("other roles changed")
	}
	r := beyondIn(t, f, set)[0]
	if with.Pick(fonts.Title, r) != f || set.Pick(fonts.Title, r) != nil {
		t.Errorf("Pick(%c): with %v, without %v", r, with.Pick(fonts.Title, r), set.Pick(fonts.Title, r))
	}
}

// TestSystemNames finds the Chinese-named Windows fonts, prefers the
// better file of a role, and gives every face a printable-ASCII key (the
// key becomes the font's name inside the PDF).
func TestSystemNames(t *testing.T) {
	readWenkai(t)
	dir := t.TempDir()
	for _, name := range []string{"仿宋_GB2312.ttf", "simfang.ttf", "方正小标宋简体.ttf", "黑体.ttf", "Kai Ti_GB2312.ttf"} {
		if err := os.Symlink(wenkai, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	set, err := fonts.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	want := map[fonts.Role][]string{
		fonts.Fang:  {"仿宋_GB2312.ttf", "simfang.ttf", "", ""}, // then the two embedded faces
		fonts.Title: {"方正小标宋简体.ttf", "", ""},
		fonts.Hei:   {"黑体.ttf", "", ""},
		fonts.Kai:   {"", ""}, // "Kai Ti_GB2312.ttf" is no known name
	}
	keys := map[string]bool{}
	for role, names := range want {
		fs := set.Faces(role)
		if len(fs) != len(names) {
			t.Errorf("%s: %v, want %q", role, fs, names)
			continue
		}
		for i, f := range fs {
			if got := filepath.Base(f.Path); f.Path != "" && got != names[i] || f.Path == "" && names[i] != "" {
				t.Errorf("%s face %d is %q, want %q", role, i, f.Path, names[i])
			}
			if keys[f.Key] {
				t.Errorf("key %q used twice", f.Key)
			}
			keys[f.Key] = true
			for _, r := range f.Key {
				if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
					t.Errorf("%s: key %q has %q, not fit for a PDF name", f.Name, f.Key, r)
					break
				}
			}
		}
	}
}

// On Linux the official fonts an office installed through fontconfig (here a 楷体 file in a folder
// of fontconfig's own configuration) are found and preferred to the embedded ones.
func TestFontconfigFonts(t *testing.T) {
	if _, err := exec.LookPath("fc-list"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no fontconfig here")
	}
	dir := t.TempDir()
	fontDir := filepath.Join(dir, "办公 字体")
	if err := os.MkdirAll(fontDir, 0o755); err != nil {
		t.Fatal(err)
	}
	emb, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fontDir, "simkai.ttf"), emb.Faces(fonts.Kai)[0].Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>`+fontDir+`</dir><cachedir>`+filepath.Join(dir, "cache")+`</cachedir></fontconfig>`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FONTCONFIG_FILE", conf)
	if v, ok := os.LookupEnv("XIANGZHI_FONT_DIRS"); ok { // unset while the test runs
		os.Unsetenv("XIANGZHI_FONT_DIRS")
		t.Cleanup(func() { os.Setenv("XIANGZHI_FONT_DIRS", v) })
	}
	dirs := fonts.SystemDirs()
	if len(dirs) != 1 || dirs[0] != fontDir {
		t.Fatalf("fontconfig's folders: %q, want %q", dirs, fontDir)
	}
	set, err := fonts.Load(dirs)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Faces(fonts.Kai)[0].Name; got != "楷体（simkai.ttf）" {
		t.Errorf("楷体 is %q, want the installed simkai.ttf", got)
	}
	if got := set.Faces(fonts.Fang)[0].Name; !strings.Contains(got, "内置") {
		t.Errorf("仿宋 is %q, want the embedded one (no 仿宋 is installed)", got)
	}
}

// Residents' names print with the embedded fonts alone, in every role: each embedded face has every
// character of GBK (21,886, GB2312 among them) and all 8,105 of 通用规范汉字表, the list for personal
// and place names, those above U+FFFF too (for printing them, see the engine), read from Unihan's
// kTGH field (Debian's unicode-data, installed by make apt).
func TestEmbeddedCoverage(t *testing.T) {
	emb, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	var gbk []rune
	dec := simplifiedchinese.GBK.NewDecoder()
	for hi := 0x81; hi <= 0xFE; hi++ {
		for lo := 0x40; lo <= 0xFE; lo++ {
			if lo == 0x7F {
				continue
			}
			out, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if r, n := utf8.DecodeRune(out); err == nil && n == len(out) && r != utf8.RuneError && r >= 0x80 && !unicode.Is(unicode.Co, r) {
				gbk = append(gbk, r)
			}
		}
	}
	if len(gbk) < 21000 {
		t.Fatalf("only %d characters decoded from GBK", len(gbk))
	}
	f, err := os.Open("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
	if err != nil {
		t.Fatalf("Unihan is needed for the list of 通用规范汉字表 (apt-get install unicode-data): %v", err)
	}
	defer f.Close()
	var general []rune
	lines := bufio.NewScanner(bzip2.NewReader(f))
	for lines.Scan() {
		if code, rest, ok := strings.Cut(lines.Text(), "\tkTGH\t"); ok && strings.HasPrefix(code, "U+") && rest != "" {
			n, err := strconv.ParseUint(code[2:], 16, 32)
			if err != nil {
				t.Fatal(err)
			}
			general = append(general, rune(n))
		}
	}
	if err := lines.Err(); err != nil || len(general) != 8105 {
		t.Fatalf("%d characters of 通用规范汉字表 read (%v), want 8105", len(general), err)
	}
	// The sources lack nine of GBK's rarest symbols: ≒ (all of them) and ︴﹉﹊﹋﹌﹍﹎﹏ (LXGW WenKai); a
	// role without one takes it from another role's face (Pick).
	const sourcesLack = "≒︴﹉﹊﹋﹌﹍﹎﹏"
	for _, role := range fonts.Roles {
		faces := emb.Faces(role)
		var missing []rune
		for _, r := range append(gbk, general...) {
			if !faces[0].Has(r) && !faces[1].Has(r) && !strings.ContainsRune(sourcesLack, r) {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %d characters of GBK and 通用规范汉字表: %q…", role, len(missing), string(missing[:min(20, len(missing))]))
		}
		// what nearly every document needs is in the first face: it alone is embedded in such a PDF
		for _, r := range "中华人民共和国，。、；：（）《》“”——……0123456789" + "鼗鼙鼹龃龉" {
			if !faces[0].Has(r) {
				t.Errorf("%s's first face lacks %c", role, r)
			}
		}
		for _, r := range sourcesLack {
			if emb.Pick(role, r) == nil {
				t.Errorf("no embedded face has %c", r)
			}
		}
	}
}

// The embedded faces match the checksums written beside them, by which a process finds their
// expanded copies without reading them.
func TestEmbeddedChecksums(t *testing.T) {
	if err := fonts.VerifyEmbedded(); err != nil {
		t.Fatal(err)
	}
}
