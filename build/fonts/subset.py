#!/usr/bin/env python3
"""Subset the OFL fallback fonts of the PDF engine once, at build time.

usage: subset.py OUT_DIR ROLE=SOURCE.ttf ...

Each source is cut into two faces of its role, with no layout tables or
hinting, renamed "Xiangzhi <Role>" (the OFL forbids a modified font to keep a
Reserved Font Name such as "LXGW"):
  ROLE.woff2       GB2312 (6,763 Han characters and its symbols), ASCII,
                   full-width forms and the punctuation of official documents:
                   what nearly every document needs;
  ROLE-ext.woff2   the rest of GBK (21,886 characters in all) and of the
                   8,105 characters of 通用规范汉字表, the list for personal and
                   place names (196 of them above U+FFFF).
A document embeds the second only when it has such a character: the PDF
writer reads a whole font for each document that uses it. Both are
compressed as WOFF2, each with its CRC-32 in ROLE….woff2.crc; the program
embeds them and expands a face on first use. The output is deterministic: the same sources give the same bytes.
"""
import bz2
import io
import os
import sys
import unicodedata
import zlib
from multiprocessing import Pool

import brotli  # noqa: F401 (fontTools writes WOFF2 with it: fail early without it)
from fontTools import subset
from fontTools.ttLib import TTFont

UNIHAN = "/usr/share/unicode/Unihan_OtherMappings.txt.bz2"

EXTRA = (
    "\u00a0\u00b7\u00d7\u00f7\u2010\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2025\u2026\u2030"
    "\u2103\u2116\u2212\u3000\u3001\u3002\u3003\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f"
    "\u3010\u3011\u3014\u3015\u3016\u3017\u301c\u301d\u301e\ufe30\ufe31\ufe33\ufe34\uff5e\uffe5"
    "\u00a5\u00b0\u00b1\u00a7\u2022\u2030\u2032\u2033\u25a1\u25a0\u25cb\u25cf\u2605\u2606\u221a"
)


def general_standard():
    """The 8,105 characters of 通用规范汉字表 (2013): those Unihan gives a
    kTGH for (Debian's unicode-data)."""
    chars = set()
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("U+") and "\tkTGH\t" in line:
                chars.add(chr(int(line.split("\t", 1)[0][2:], 16)))
    if len(chars) != 8105:
        sys.exit(f"{UNIHAN}: {len(chars)} characters with kTGH, not 8105")
    return chars


def common(chars):
    """Adds ASCII, the symbols of official documents and full-width forms."""
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= set(EXTRA)
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    chars |= {chr(c) for c in range(0x2160, 0x216C)}  # Roman numerals Ⅰ–Ⅻ
    chars |= {chr(c) for c in range(0x2460, 0x249C)}  # ①–⒛ ⑴–⒇ ⒈–⒛
    chars |= {chr(c) for c in range(0x3220, 0x322A)}  # ㈠–㈩
    return chars


def core():
    """The first face's characters: GB2312 and the common ones."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return common(chars)


def extension(first):
    """The second face's characters: those of GBK and 通用规范汉字表 the first lacks."""
    chars = set()
    for hi in range(0x81, 0xFF):  # GBK, as either mapping reads it
        for lo in range(0x40, 0xFF):
            for codec in ("gbk", "gb18030"):  # (GB 18030 gives real code points to some of GBK's)
                try:
                    ch = bytes([hi, lo]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if unicodedata.category(ch) != "Co":  # not the private use area
                    chars.add(ch)
    chars |= general_standard()
    return chars - first


def fullwidth(font):
    """Give the dashes and quotes the full-width form of Chinese fonts (the
    subset drops the layout features that would select it): the em dash's
    ink spans its whole em, so "——" prints as one unbroken line, and quotes
    narrower than an em are set in a full em, opening ones on its right half
    and closing ones on its left half."""
    upem = font["head"].unitsPerEm
    cmap, glyf, hmtx = font.getBestCmap(), font["glyf"], font["hmtx"]

    def reshape(ch, fn):
        name = cmap.get(ord(ch))
        if not name or glyf[name].isComposite() or glyf[name].numberOfContours <= 0:
            return
        g = glyf[name]
        g.coordinates = g.coordinates.copy()
        fn(g)
        g.recalcBounds(glyf)
        hmtx[name] = (upem, g.xMin)

    def dash(g):
        lo, hi = g.xMin, g.xMax
        scale = upem * 0.98 / (hi - lo)
        g.coordinates.transform(((scale, 0), (0, 1)))
        g.coordinates.translate((upem * 0.01 - lo * scale, 0))

    def shift(dx):
        return lambda g: g.coordinates.translate((dx, 0))

    for ch in "\u2014\u2015":
        reshape(ch, dash)
    for ch, opening in (("\u201c", True), ("\u2018", True), ("\u201d", False), ("\u2019", False)):
        name = cmap.get(ord(ch))
        if name and hmtx[name][0] < 0.75 * upem:
            adv = hmtx[name][0]
            reshape(ch, shift(upem - adv if opening else 0))


def cut(out_dir, src, role, suffix, text):
    """Cuts the face of role from src to text and writes it, compressed."""
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.drop_tables += ["BASE", "GDEF", "GSUB", "GPOS", "STAT", "vhea", "vmtx", "gasp", "prep", "DSIG", "meta"]
    font = TTFont(src, recalcTimestamp=False)
    if "glyf" not in font:
        sys.exit(f"{src}: not a TrueType (glyf) font")
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    fullwidth(font)
    family = "Xiangzhi " + role.capitalize() + (" Ext" if suffix else "")
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 4, 16, 18, 21):
            rec.string = family
        elif rec.nameID in (2, 17, 22):
            rec.string = "Regular"
        elif rec.nameID in (3,):
            rec.string = family + " subset"
        elif rec.nameID in (6, 20):
            rec.string = family.replace(" ", "")
    buf = io.BytesIO()
    font.save(buf)
    data = buf.getvalue()
    # WOFF2 (its glyf and loca transformed, then brotli): 13 % smaller than brotli over the
    # TrueType file, which keeps the installer within 30 MB
    path = f"{out_dir}/{role}{suffix}.woff2"
    woff = TTFont(io.BytesIO(data), recalcTimestamp=False)
    woff.flavor = "woff2"
    out = io.BytesIO()
    woff.save(out)
    packed = out.getvalue()
    with open(path, "wb") as f:
        f.write(packed)
    # its CRC-32, which the program reads instead of the file to find its expanded copy
    with open(path + ".crc", "w") as f:
        f.write(f"{zlib.crc32(packed):08x}\n")
    return f"{path}: {len(font.getGlyphOrder())} glyphs, {len(data)} bytes, {len(packed)} compressed"


def make(args):
    out_dir, job, suffix, text = args
    role, src = job.split("=", 1)
    return cut(out_dir, src, role, suffix, text)


def main():
    out_dir, jobs = sys.argv[1], sys.argv[2:]
    first = core()
    second = "".join(sorted(extension(first)))
    first = "".join(sorted(first))
    work = [(out_dir, job, suffix, text) for job in jobs for suffix, text in (("", first), ("-ext", second))]
    # the program embeds every file of out_dir: those of an earlier format go
    for name in os.listdir(out_dir):
        if name.endswith((".br", ".woff2", ".crc")):
            os.remove(os.path.join(out_dir, name))
    with Pool() as pool:  # brotli at its best takes most of a minute per font
        for line in pool.map(make, work):
            print(line)


if __name__ == "__main__":
    main()
