"""WOFF2 subsets of the deck's fonts, base64-encoded, kept in a disk cache between runs."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
from pathlib import Path

from showdeck import fonts

#: Vertical-writing features and tables: the deck sets text horizontally, so subsets drop them.
VERTICAL_FEATURES = ("valt", "vchw", "vert", "vhal", "vjmo", "vkrn", "vpal", "vrt2")
VERTICAL_TABLES = ("VORG", "vhea", "vmtx")
#: OpenType languages whose localized forms the deck never selects: showdeck.lang marks Han
#: text `ja`, never `zh`, so the CJK face's Chinese forms (its `locl` for these, which pulled 135
#: glyphs into a 250-character subset) are left out. Japanese and Korean forms stay.
UNMARKED_LANGUAGES = frozenset({"ZHS ", "ZHT ", "ZHH "})


@functools.lru_cache(maxsize=32)
def subset_base64(path: Path, index: int, characters: str) -> str:
    """A WOFF2 subset of one font file holding exactly characters, base64-encoded.

    The font's own timestamp is kept (fontTools would otherwise stamp the time of saving), so
    the same characters always give the same bytes. Subsetting the CJK face takes most of a
    second, so a subset is kept on disk under a key of everything that shapes it; a cache that
    cannot be read or written is simply not used.
    """
    import fontTools  # here for start-up time, as in showdeck.fonts.open_font

    key = hashlib.sha256(
        f"{fonts.SUBSET_VERSION}\0{fontTools.version}\0{fonts.file_key(path)}\0{index}\0{characters}"
        .encode()
    ).hexdigest()
    cached = fonts.cache_dir() / f"{key}.woff2.b64"
    try:
        text = cached.read_text(encoding="ascii")
        # Only a well-formed WOFF2 in base64 is used: the text goes into the deck's CSS.
        if _BASE64.fullmatch(text) and base64.b64decode(text)[:4] == b"wOF2":
            return text
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    data = _make_subset(path, index, characters)
    fonts.write_cache(cached, data)
    return data


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


def _make_subset(path: Path, index: int, characters: str) -> str:
    from fontTools import subset  # here for start-up time, as in showdeck.fonts.open_font

    options = subset.Options()
    options.flavor = "woff2"
    options.recalc_timestamp = False
    options.desubroutinize = True  # smaller once Brotli-compressed
    # No hinting (TrueType instructions, CFF stem hints): about half of a Latin or Thai subset
    # and a sixth of a CJK one. Advances, and so layout, are the same; browsers on Linux and
    # macOS rasterize without the hints anyway.
    options.hinting = False
    options.layout_features = [f for f in options.layout_features if f not in VERTICAL_FEATURES]
    options.drop_tables = [*options.drop_tables, *VERTICAL_TABLES]
    font = fonts.open_font(path, index, lazy=True)
    _drop_languages(font, UNMARKED_LANGUAGES)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in characters])
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    font.close()
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _drop_languages(font, tags: frozenset[str]) -> None:
    """Remove the language systems `tags` from the font's layout tables, so the subset keeps no
    glyph that only those languages' features reach."""
    for table in ("GSUB", "GPOS"):
        if table not in font:
            continue
        for record in font[table].table.ScriptList.ScriptRecord:
            kept = [lang for lang in record.Script.LangSysRecord if lang.LangSysTag not in tags]
            record.Script.LangSysRecord = kept
            record.Script.LangSysCount = len(kept)
