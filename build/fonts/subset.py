#!/usr/bin/env python3
"""Subset the OFL fallback fonts of the PDF engine once, at build time.

usage: subset.py OUT_DIR ROLE=SOURCE.ttf ...

Each source is cut down to GB2312 (6,763 Han characters and its symbols),
ASCII, full-width forms and the punctuation of official documents, with no
layout tables or hinting, and renamed "Xiangzhi <Role>" (the OFL forbids a
modified font to keep a Reserved Font Name such as "LXGW"). The output is
deterministic: the same sources give the same bytes.
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

EXTRA = (
    "\u00a0\u00b7\u00d7\u00f7\u2010\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2025\u2026\u2030"
    "\u2103\u2116\u2212\u3000\u3001\u3002\u3003\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f"
    "\u3010\u3011\u3014\u3015\u3016\u3017\u301c\u301d\u301e\ufe30\ufe31\ufe33\ufe34\uff5e\uffe5"
    "\u00a5\u00b0\u00b1\u00a7\u2022\u2030\u2032\u2033\u25a1\u25a0\u25cb\u25cf\u2605\u2606\u221a"
)


def characters():
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars |= set(EXTRA)
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    chars |= {chr(c) for c in range(0x2160, 0x216C)}  # Roman numerals Ⅰ–Ⅻ
    chars |= {chr(c) for c in range(0x2460, 0x249C)}  # ①–⒛ ⑴–⒇ ⒈–⒛
    chars |= {chr(c) for c in range(0x3220, 0x322A)}  # ㈠–㈩
    return "".join(sorted(chars))


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


def main():
    out_dir, jobs = sys.argv[1], sys.argv[2:]
    text = characters()
    for job in jobs:
        role, src = job.split("=", 1)
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
        family = "Xiangzhi " + role.capitalize()
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
        font.save(f"{out_dir}/{role}.ttf")
        print(f"{out_dir}/{role}.ttf: {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
