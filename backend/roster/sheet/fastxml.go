package sheet

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// errUnsure ends the fast reading of a sheet: the file holds something outside the small part of
// XML and of the cell model the fast reader knows (a comment, a CDATA section, a number format it
// cannot show as excelize does), or a fault. The sheet is then read again by excelize, beside the
// strict verification, which gives a fault its message.
var errUnsure = errors.New("sheet: outside what the fast reader knows")

// Events of xmlScan.next.
const (
	evStart = iota + 1
	evEnd
	evText
)

// xmlScan reads the XML that Excel, WPS and excelize write, strictly: well-formed, UTF-8, the five
// predefined entities and character references, names in ASCII, attribute values in quotes. What
// it does not know (a DOCTYPE, a comment, a CDATA section, a processing instruction after the XML
// declaration, another encoding) and every fault is errUnsure. Text is given with entities decoded
// and line ends made "\n", as encoding/xml gives it. It parses in a window of the input (a tag or
// a text longer than maxWindow is left to excelize).
type xmlScan struct {
	src   io.Reader
	buf   []byte // the window is buf[pos:end]
	pos   int
	end   int
	eof   bool
	name  []byte  // the qualified name of the last start or end event
	local []byte  // its local part (after the prefix)
	attrs []xattr // the attributes of the last start event (slices into abuf)
	abuf  []byte
	text  []byte // the text of the last text event
	open  []byte // the names of the open elements, end to end
	ends  []int  // where each open name ends in open
	root  bool   // the root element has been opened
	close bool   // the last start event was <a/>: next is its end
}

type xattr struct {
	name  []byte
	local []byte // the name without its prefix
	val   []byte
}

const maxWindow = 1 << 20

func newXMLScan(r io.Reader) *xmlScan {
	return &xmlScan{src: r, buf: make([]byte, 256<<10)}
}

// more reads more input into the window, keeping what is in it; false at the end of the input or
// when the window is full at its largest.
func (x *xmlScan) more() bool {
	if x.eof {
		return false
	}
	if x.pos > 0 {
		x.end = copy(x.buf, x.buf[x.pos:x.end])
		x.pos = 0
	}
	if x.end == len(x.buf) {
		if len(x.buf) >= maxWindow {
			return false
		}
		x.buf = append(x.buf, make([]byte, len(x.buf))...)
	}
	n, err := io.ReadAtLeast(x.src, x.buf[x.end:], 1)
	x.end += n
	if err != nil {
		x.eof = true
	}
	return n > 0
}

// nameEnd scans a name from b[i] (a name byte is at b[i]) and returns where it ends and where its
// local part starts; ok is false for a name encoding/xml would split otherwise (more than one ':',
// or one at either end).
func nameEnd(b []byte, i int) (end, localAt int, ok bool) {
	start, colons := i, 0
	localAt = i
	for i < len(b) && isNameByte(b[i]) {
		if b[i] == ':' {
			colons++
			localAt = i + 1
		}
		i++
	}
	ok = colons == 0 || colons == 1 && localAt-1 > start && localAt < i
	return i, localAt, ok
}

// attr returns the value of the attribute named name (without prefix) of the last start event. An
// attribute with a prefix and that local name makes the reading unsure: encoding/xml would see it.
func (x *xmlScan) attr(name string) ([]byte, bool, error) {
	var v []byte
	found := false
	for _, a := range x.attrs {
		if string(a.local) != name {
			continue
		}
		if found || len(a.name) != len(name) {
			return nil, false, errUnsure
		}
		v, found = a.val, true
	}
	return v, found, nil
}

// next reads the next event. At the end of the input before the root element closes it returns
// errUnsure.
func (x *xmlScan) next() (int, error) {
	if x.close {
		x.close = false
		return evEnd, x.pop()
	}
	for {
		if x.pos == x.end && !x.more() {
			return 0, errUnsure
		}
		if x.buf[x.pos] != '<' {
			if err := x.readText(); err != nil {
				return 0, err
			}
			if !x.root {
				if len(bytes.TrimLeft(x.text, " \t\n")) > 0 {
					return 0, errUnsure
				}
				continue
			}
			return evText, nil
		}
		for {
			ev, n, err := x.tag(x.buf[x.pos:x.end])
			if err != nil {
				return 0, err
			}
			if n == 0 { // the tag goes on past the window
				if !x.more() {
					return 0, errUnsure
				}
				continue
			}
			x.pos += n
			if ev != 0 {
				return ev, nil
			}
			break // the XML declaration
		}
	}
}

// tag reads the tag at the start of b. n is 0 when b ends inside it.
func (x *xmlScan) tag(b []byte) (ev, n int, err error) {
	if len(b) < 2 {
		return 0, 0, nil
	}
	switch c := b[1]; {
	case c == '/':
		i, at, plain := nameEnd(b, 2)
		j := i
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, 0, nil
		}
		if i == 2 || !isNameStart(b[2]) || b[j] != '>' || !plain {
			return 0, 0, errUnsure
		}
		x.name = append(x.name[:0], b[2:i]...)
		x.local = x.name[at-2:]
		return evEnd, j + 1, x.pop()
	case c == '?':
		i := bytes.Index(b, []byte("?>"))
		if i < 0 {
			if len(b) > 512 {
				return 0, 0, errUnsure
			}
			return 0, 0, nil
		}
		return 0, i + 2, x.declaration(b[2:i])
	case isNameStart(c):
		return x.start(b)
	}
	return 0, 0, errUnsure // <! (comments, CDATA, DOCTYPE) and faults
}

// declaration checks the XML declaration, the only processing instruction known: first in the
// file, version 1.0, UTF-8.
func (x *xmlScan) declaration(pi []byte) error {
	if x.root || !bytes.HasPrefix(pi, []byte("xml ")) {
		return errUnsure
	}
	for _, kv := range []struct{ key, want string }{{"version", "1.0"}, {"encoding", "utf-8"}} {
		i := bytes.Index(pi, []byte(kv.key+"="))
		if i < 0 {
			continue
		}
		v := pi[i+len(kv.key)+1:]
		if len(v) < 2 || v[0] != '"' && v[0] != '\'' {
			return errUnsure
		}
		end := bytes.IndexByte(v[1:], v[0])
		if end < 0 || !bytes.EqualFold(v[1:1+end], []byte(kv.want)) {
			return errUnsure
		}
	}
	return nil
}

// start reads the start tag at the start of b.
func (x *xmlScan) start(b []byte) (ev, n int, err error) {
	if len(x.ends) == 0 && x.root {
		return 0, 0, errUnsure // a second root element
	}
	i, nameAt, plain := nameEnd(b, 1)
	if i == len(b) {
		return 0, 0, nil
	}
	name := b[1:i]
	x.attrs, x.abuf = x.attrs[:0], x.abuf[:0]
	type span struct{ n0, l0, n1, v0, v1 int }
	var spans [8]span
	list := spans[:0]
	closed := false
	for {
		j := i
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, 0, nil
		}
		if b[j] == '>' {
			i = j + 1
			break
		}
		if b[j] == '/' {
			if j+1 == len(b) {
				return 0, 0, nil
			}
			if b[j+1] != '>' {
				return 0, 0, errUnsure
			}
			i, closed = j+2, true
			break
		}
		if j == i || !isNameStart(b[j]) {
			return 0, 0, errUnsure
		}
		k, at, plainAttr := nameEnd(b, j)
		if !plainAttr {
			return 0, 0, errUnsure
		}
		var s span
		s.n0 = len(x.abuf)
		s.l0 = s.n0 + at - j
		x.abuf = append(x.abuf, b[j:k]...)
		s.n1 = len(x.abuf)
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k < len(b) && b[k] != '=' {
			return 0, 0, errUnsure
		}
		for k++; k < len(b) && isSpace(b[k]); k++ {
		}
		if k >= len(b) {
			return 0, 0, nil
		}
		q := b[k]
		if q != '"' && q != '\'' {
			return 0, 0, errUnsure
		}
		v := bytes.IndexByte(b[k+1:], q)
		if v < 0 {
			return 0, 0, nil
		}
		val := b[k+1 : k+1+v]
		if bytes.IndexByte(val, '<') >= 0 {
			return 0, 0, errUnsure
		}
		s.v0 = len(x.abuf)
		if x.abuf, err = appendChars(x.abuf, val, true); err != nil {
			return 0, 0, err
		}
		s.v1 = len(x.abuf)
		list = append(list, s)
		i = k + 2 + v
	}
	if !plain || !isNameStart(name[0]) {
		return 0, 0, errUnsure
	}
	x.name = append(x.name[:0], name...)
	x.local = x.name[nameAt-1:]
	for _, s := range list {
		x.attrs = append(x.attrs, xattr{name: x.abuf[s.n0:s.n1], local: x.abuf[s.l0:s.n1], val: x.abuf[s.v0:s.v1]})
	}
	x.root, x.close = true, closed
	x.open = append(x.open, x.name...)
	x.ends = append(x.ends, len(x.open))
	return evStart, i, nil
}

// pop closes the open element, which must be the one named x.name.
func (x *xmlScan) pop() error {
	n := len(x.ends)
	if n == 0 {
		return errUnsure
	}
	start := 0
	if n > 1 {
		start = x.ends[n-2]
	}
	if !bytes.Equal(x.open[start:], x.name) {
		return errUnsure
	}
	x.open, x.ends = x.open[:start], x.ends[:n-1]
	return nil
}

// onlySpaceLeft reports whether the rest of the input is white space.
func (x *xmlScan) onlySpaceLeft() bool {
	for {
		for _, c := range x.buf[x.pos:x.end] {
			if !isSpace(c) {
				return false
			}
		}
		x.pos = x.end
		if !x.more() {
			return x.eof
		}
	}
}

// readText reads the text up to the next '<' into x.text.
func (x *xmlScan) readText() error {
	for {
		i := bytes.IndexByte(x.buf[x.pos:x.end], '<')
		if i >= 0 {
			var err error
			x.text, err = appendChars(x.text[:0], x.buf[x.pos:x.pos+i], false)
			x.pos += i
			return err
		}
		if !x.more() {
			return errUnsure // cut off, or a text longer than the window
		}
	}
}

// appendChars checks and decodes text (with no '<'; an attribute value when attr) onto to.
func appendChars(to, s []byte, attr bool) ([]byte, error) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != ']':
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < utf8.RuneSelf && s[j] != '&' && s[j] != ']' {
				j++
			}
			to = append(to, s[i:j]...)
			i = j
		case c == '\t' || c == '\n':
			to = append(to, c)
			i++
		case c == '\r':
			to = append(to, '\n')
			if i++; i < len(s) && s[i] == '\n' {
				i++
			}
		case c == ']':
			if !attr && i+2 < len(s) && s[i+1] == ']' && s[i+2] == '>' {
				return nil, errUnsure // "]]>" outside CDATA
			}
			to = append(to, c)
			i++
		case c == '&':
			end := bytes.IndexByte(s[i:], ';')
			if end < 0 {
				return nil, errUnsure
			}
			var err error
			if to, err = decodeEntity(to, s[i+1:i+end]); err != nil {
				return nil, err
			}
			i += end + 1
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size <= 1 || !isXMLChar(r) {
				return nil, errUnsure
			}
			to = append(to, s[i:i+size]...)
			i += size
		default: // a control character
			return nil, errUnsure
		}
	}
	return to, nil
}

// decodeEntity appends what the entity named name (between '&' and ';') stands for.
func decodeEntity(buf, name []byte) ([]byte, error) {
	switch string(name) {
	case "lt":
		return append(buf, '<'), nil
	case "gt":
		return append(buf, '>'), nil
	case "amp":
		return append(buf, '&'), nil
	case "apos":
		return append(buf, '\''), nil
	case "quot":
		return append(buf, '"'), nil
	}
	if len(name) < 2 || name[0] != '#' || len(name) > 10 {
		return nil, errUnsure
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || len(digits) == 0 || digits[0] == '+' || digits[0] == '-' || !isXMLChar(rune(n)) {
		return nil, errUnsure
	}
	return utf8.AppendRune(buf, rune(n)), nil
}

// isXMLChar reports whether r may appear in an XML document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isNameStart(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':'
}

func isNameByte(b byte) bool {
	return isNameStart(b) || b >= '0' && b <= '9' || b == '-' || b == '.'
}
