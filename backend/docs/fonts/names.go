package fonts

import (
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// systemFamilies are the family names (any language, as in the fonts'
// name tables) of the Windows fonts for each role, best first. They find
// a font whatever its file is called (FS_GB2312.ttf, a renamed copy, a
// per-user install).
var systemFamilies = map[Role][]string{
	Title: {"FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", "方正小标宋_GBK", "方正小标宋"},
	Fang:  {"FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋"},
	Hei:   {"SimHei", "黑体"},
	Kai:   {"KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体"},
}

// familyIndex maps a family name, as written in systemFamilies, to where
// a font with that name was found in dirs: every .ttf file's name table is
// read (only the table directory and the name table, a few KB per file).
func familyIndex(dirs []string) map[string]string {
	index := map[string]string{}
	want := map[string]bool{}
	for _, names := range systemFamilies {
		for _, n := range names {
			want[strings.ToLower(n)] = true
		}
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".ttf") {
				continue
			}
			path := filepath.Join(dir, e.Name())
			for _, n := range familyNames(path) {
				if k := strings.ToLower(n); want[k] && index[k] == "" {
					index[k] = path
				}
			}
		}
	}
	return index
}

// familyNames returns the family and full names in a TrueType file's name
// table (Windows Unicode and Macintosh Roman records), or nothing when the
// file is not a single TrueType font.
func familyNames(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 12)
	if _, err := io.ReadFull(f, head); err != nil {
		return nil
	}
	if tag := string(head[:4]); tag != "\x00\x01\x00\x00" && tag != "true" {
		return nil
	}
	n := int(binary.BigEndian.Uint16(head[4:6]))
	dir := make([]byte, 16*n)
	if _, err := f.ReadAt(dir, 12); err != nil {
		return nil
	}
	for i := 0; i < n; i++ {
		rec := dir[16*i:]
		if string(rec[:4]) != "name" {
			continue
		}
		off, length := int64(binary.BigEndian.Uint32(rec[8:])), binary.BigEndian.Uint32(rec[12:])
		if length > 1<<20 {
			return nil
		}
		table := make([]byte, length)
		if _, err := f.ReadAt(table, off); err != nil {
			return nil
		}
		return parseNames(table)
	}
	return nil
}

// parseNames reads the family (1, 16) and full (4) names of a name table.
func parseNames(t []byte) []string {
	if len(t) < 6 {
		return nil
	}
	count, strings0 := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	var out []string
	for i := 0; i < count; i++ {
		r := 6 + 12*i
		if r+12 > len(t) {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(t[r:]), binary.BigEndian.Uint16(t[r+2:])
		id := binary.BigEndian.Uint16(t[r+6:])
		length, off := int(binary.BigEndian.Uint16(t[r+8:])), int(binary.BigEndian.Uint16(t[r+10:]))
		if id != 1 && id != 4 && id != 16 {
			continue
		}
		start := strings0 + off
		if start+length > len(t) {
			continue
		}
		raw := t[start : start+length]
		switch {
		case platform == 3 && (encoding == 1 || encoding == 0 || encoding == 10) && len(raw)%2 == 0:
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			out = append(out, string(utf16.Decode(u)))
		case platform == 1 && encoding == 0:
			out = append(out, string(raw)) // Mac Roman: the ASCII names
		}
	}
	return out
}
