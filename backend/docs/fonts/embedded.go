package fonts

import (
	"io/fs"
	"strings"
	"sync"

	"xiangzhi/backend/docs/internal/unpack"
	"xiangzhi/backend/errs"
)

// embeddedFaces are a role's embedded fallback faces, from the WOFF2 files made by
// build/fonts/subset.py (see woff2.go): ROLE.woff2, GB2312 and the punctuation of official documents (3 MB when
// expanded), which nearly every document needs, then ROLE-ext.woff2, the rest of GBK and of
// 通用规范汉字表 — the characters of residents' names such as 喆, 堃, 犇 (7–10 MB). The PDF writer
// reads a whole font for each document that uses it, so a document only pays for the second when it
// has such a character. Each file is expanded the first time a face of it is used, once for the
// whole process, not when the program starts. None when the build made no fonts.
func embeddedFaces(role Role) []*Face {
	var out []*Face
	for _, part := range []struct{ file, key, name string }{
		{string(role) + ".woff2", "emb-" + string(role), "内置" + label(role) + "替代字体"},
		{string(role) + "-ext.woff2", "emb-" + string(role) + "-ext", "内置" + label(role) + "替代字体（扩展字）"},
	} {
		if _, err := fs.Stat(embedded, "embedded/"+part.file); err == nil {
			out = append(out, &Face{Key: part.key, Name: part.name, adv: map[rune]float64{}, expand: expander(part.file, part.name)})
		}
	}
	return out
}

var (
	expandersMu sync.Mutex
	expanders   = map[string]func() ([]byte, error){}
)

// expander expands an embedded file once per process, whichever set asks first (from the cache of
// package unpack when an earlier process expanded it); the compressed file is read only then.
func expander(file, name string) func() ([]byte, error) {
	expandersMu.Lock()
	defer expandersMu.Unlock()
	if f, ok := expanders[file]; ok {
		return f
	}
	f := sync.OnceValues(func() ([]byte, error) {
		data, err := unpack.Expand(embedded, "embedded/"+file, strings.TrimSuffix(file, ".woff2")+".ttf", decodeWOFF2)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "%s无法展开（程序文件可能已损坏，请重新安装）", name)
		}
		if err := Check(name, data); err != nil {
			return nil, err
		}
		return data, nil
	})
	expanders[file] = f
	return f
}

// VerifyEmbedded checks the embedded faces against the checksums their generator wrote beside them
// (see package unpack): it fails on a damaged program file, or on a build whose checksums are stale.
func VerifyEmbedded() error { return unpack.Verify(embedded, "embedded/*.woff2") }
