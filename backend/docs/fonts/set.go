package fonts

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"xiangzhi/backend/errs"
)

// Role is the typographic part a font plays in an official document.
type Role string

// The roles of GB/T 9704: the title in 小标宋, the body in 仿宋, first-level
// headings in 黑体 and second-level ones in 楷体.
const (
	Title Role = "title"
	Fang  Role = "fang"
	Hei   Role = "hei"
	Kai   Role = "kai"
)

// Roles lists every role, in the order faces are tried for a character
// the role's own faces lack (after the role's own faces).
var Roles = []Role{Fang, Title, Hei, Kai}

// systemFiles are the Windows font files officers have, best first, per role.
var systemFiles = map[Role][]string{
	Title: {"方正小标宋简体.ttf", "方正小标宋_GBK.ttf", "FZXBSJW.TTF", "FZXBSK.TTF", "FZXiaoBiaoSong-B05S.ttf", "FZXiaoBiaoSong-B05.ttf"},
	Fang:  {"仿宋_GB2312.ttf", "FangSong_GB2312.ttf", "FS_GB2312.ttf", "simfang.ttf"},
	Hei:   {"黑体.ttf", "simhei.ttf"},
	Kai:   {"楷体_GB2312.ttf", "KaiTi_GB2312.ttf", "KT_GB2312.ttf", "simkai.ttf"},
}

// lastFiles are Windows fonts tried after the embedded faces, for any role:
// SimSun-ExtB and -ExtG have the ideographs above U+FFFF beyond those of
// 通用规范汉字表 (in 宋体 only, so they come last).
var lastFiles = []string{"simsunb.ttf", "SimSunExtG.ttf"}

//go:embed embedded
var embedded embed.FS

// Set is the faces available per role, best first; safe for concurrent use.
type Set struct {
	faces map[Role][]*Face
}

// Faces returns the faces of a role, best first.
func (s *Set) Faces(role Role) []*Face { return s.faces[role] }

// Pick returns the face to draw r with in role: the role's first face that
// has the glyph, else the first face of another role that has it, else nil.
func (s *Set) Pick(role Role, r rune) *Face {
	for _, f := range s.faces[role] {
		if f.Has(r) {
			return f
		}
	}
	for _, other := range Roles {
		if other == role {
			continue
		}
		for _, f := range s.faces[other] {
			if f.Has(r) {
				return f
			}
		}
	}
	return nil
}

// Load builds a set from the system font files found in dirs (see
// SystemDirs) followed by the embedded fallback faces. It fails (code
// internal) only when a role ends up with no face at all.
func Load(dirs []string) (*Set, error) {
	s := &Set{faces: map[Role][]*Face{}}
	var index map[string]string // family name → file, read only when a file name is not found
	for _, role := range Roles {
		seen := map[string]bool{}
		// add opens a system font file as a face of role named as what (仿宋, 宋体扩展区)
		add := func(path, what string) {
			if seen[path] {
				return
			}
			seen[path] = true
			if f, err := OpenFace(systemKey(path), path); err == nil {
				f.Name = what + "（" + filepath.Base(path) + "）"
				s.faces[role] = append(s.faces[role], f)
			}
		}
		for _, name := range systemFiles[role] {
			if path, ok := findIn(dirs, name); ok {
				add(path, label(role))
			}
		}
		if len(s.faces[role]) == 0 && len(dirs) > 0 {
			if index == nil {
				index = familyIndex(dirs)
			}
			for _, family := range systemFamilies[role] {
				if path := index[strings.ToLower(family)]; path != "" {
					add(path, label(role))
				}
			}
		}
		s.faces[role] = append(s.faces[role], embeddedFaces(role)...)
		if role == Fang { // Pick tries the faces of Fang after any other role's own
			for _, name := range lastFiles {
				if path, ok := findIn(dirs, name); ok {
					add(path, "宋体扩展区")
				}
			}
		}
		if len(s.faces[role]) == 0 {
			return nil, errs.New(errs.Internal, "没有可用的%s字体：系统中没有，程序也未带内置字体（构建时请运行 make fonts）", label(role))
		}
	}
	return s, nil
}

// systemKey is the key of a system font file: "sys-" and its name in
// lower case, each character other than a-z, 0-9, "-" and "_" written as
// u and its hex code, since the key becomes the font's name in the PDF,
// where names should be printable ASCII ("仿宋_GB2312.ttf" gives
// "sys-u4effu5b8b_gb2312").
func systemKey(path string) string {
	var sb strings.Builder
	sb.WriteString("sys-")
	for _, r := range strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			sb.WriteRune(r)
		} else {
			fmt.Fprintf(&sb, "u%x", r)
		}
	}
	return sb.String()
}

// findIn looks for name in the first of dirs that has it.
func findIn(dirs []string, name string) (string, bool) {
	for _, dir := range dirs {
		if path, ok := findFile(dir, name); ok {
			return path, true
		}
	}
	return "", false
}

// findFile looks for name in dir, ignoring case (Windows font names vary).
func findFile(dir, name string) (string, bool) {
	p := filepath.Join(dir, name)
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p, true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) && !e.IsDir() {
			return filepath.Join(dir, e.Name()), true
		}
	}
	return "", false
}

// label is the Chinese name of a role's typeface style.
func label(r Role) string {
	switch r {
	case Title:
		return "小标宋"
	case Hei:
		return "黑体"
	case Kai:
		return "楷体"
	default:
		return "仿宋"
	}
}

// SystemDirs returns the folders searched for system fonts: those in
// $XIANGZHI_FONT_DIRS (separated by the OS list separator; "none" for
// none), else on Windows the system and per-user font folders, elsewhere
// the folders of the fonts fontconfig knows.
func SystemDirs() []string {
	if v, ok := os.LookupEnv("XIANGZHI_FONT_DIRS"); ok {
		if v == "none" || v == "" {
			return nil
		}
		return filepath.SplitList(v)
	}
	if runtime.GOOS != "windows" {
		return fontconfigDirs()
	}
	var dirs []string
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	} else {
		dirs = append(dirs, `C:\Windows\Fonts`)
	}
	if l := os.Getenv("LOCALAPPDATA"); l != "" {
		dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
	}
	return dirs
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the process-wide set loaded from SystemDirs, built on first use.
func Default() (*Set, error) {
	defaultOnce.Do(func() { defaultSet, defaultErr = Load(SystemDirs()) })
	return defaultSet, defaultErr
}

// With returns a copy of s in which f is the first face of role (a font
// file the officer chose); s itself is unchanged.
func (s *Set) With(role Role, f *Face) *Set {
	c := &Set{faces: map[Role][]*Face{}}
	for r, fs := range s.faces {
		c.faces[r] = fs
	}
	c.faces[role] = append([]*Face{f}, s.faces[role]...)
	return c
}

// ParseRole reads a role's name: title/小标宋, fang/仿宋, hei/黑体, kai/楷体;
// code invalid for anything else.
func ParseRole(s string) (Role, error) {
	switch strings.TrimSpace(s) {
	case "title", "小标宋", "标题":
		return Title, nil
	case "fang", "仿宋", "正文":
		return Fang, nil
	case "hei", "黑体":
		return Hei, nil
	case "kai", "楷体":
		return Kai, nil
	}
	return "", errs.Field("role", "没有“%s”这种字体用途；可用 title（小标宋）、fang（仿宋）、hei（黑体）、kai（楷体）", s)
}

// Label is the Chinese name of the role's typeface style, e.g. 仿宋.
func (r Role) Label() string { return label(r) }
