"""The deck's typefaces: which face draws each character, how wide text is, and WOFF2 subsets as CSS.

The deck embeds its fonts so text lays out the same on every machine, offline; pagination
measures text with the same fonts' metrics, falling back per character exactly as the browser
does through FONT_STACK.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import itertools
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from showdeck.errors import ShowdeckError

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK_DIR = Path("/usr/share/fonts/opentype/noto")
INSTALL_COMMAND = "sudo apt-get install fonts-noto-core fonts-noto-cjk"

LATIN_FAMILY = "SD Noto Sans"
CJK_FAMILY = "SD Noto Sans CJK JP"
THAI_FAMILY = "SD Noto Sans Thai"
SYMBOLS_FAMILY = "SD Noto Sans Symbols 2"


class FontsMissing(ShowdeckError):
    """A font file the deck embeds is not installed; the message says what to install."""


@dataclass(frozen=True)
class Face:
    """One embedded typeface: the family name the deck's CSS declares and its two weights' files."""

    family: str
    regular: Path
    bold: Path
    index: int = 0  # the face's number inside a .ttc collection

    def path(self, bold: bool) -> Path:
        return self.bold if bold else self.regular


#: The embedded faces in fallback order: the browser draws each character with the first that has it.
FACES = (
    Face(LATIN_FAMILY, NOTO_DIR / "NotoSans-Regular.ttf", NOTO_DIR / "NotoSans-Bold.ttf"),
    # The verdict marks ✓ ◐ ✗ (one weight only: its regular serves bold text too).
    Face(SYMBOLS_FAMILY, NOTO_DIR / "NotoSansSymbols2-Regular.ttf",
         NOTO_DIR / "NotoSansSymbols2-Regular.ttf"),
    # Face 0 of the collection is Noto Sans CJK JP: Japanese glyph forms for shared Han characters.
    Face(
        CJK_FAMILY, NOTO_CJK_DIR / "NotoSansCJK-Regular.ttc", NOTO_CJK_DIR / "NotoSansCJK-Bold.ttc"
    ),
    Face(THAI_FAMILY, NOTO_DIR / "NotoSansThai-Regular.ttf", NOTO_DIR / "NotoSansThai-Bold.ttf"),
)
FONT_STACK = ", ".join(f'"{face.family}"' for face in FACES) + ", sans-serif"

#: Characters every subset carries, so short edits to the deck's text never miss a glyph.
#: The deck's own marks: verdicts, confidence dots, the footer's bar.
BASE_CHARACTERS = "".join(map(chr, range(0x20, 0x7F))) + "“”‘’–—…·•✓◐✗●○▮"  # noqa: RUF001

#: The fonts are in the file, so they are there at once; `swap` (not `block`) still never holds
#: text invisible while one is decoded, and (unlike `optional`) always ends in the embedded face,
#: which pagination measured.
FONT_DISPLAY = "swap"

#: Vertical-writing features and tables: the deck sets text horizontally, so subsets drop them.
VERTICAL_FEATURES = ("valt", "vchw", "vert", "vhal", "vjmo", "vkrn", "vpal", "vrt2")
VERTICAL_TABLES = ("VORG", "vhea", "vmtx")
#: OpenType languages whose localized forms the deck never selects: showdeck.lang marks Han
#: text `ja`, never `zh`, so the CJK face's Chinese forms (its `locl` for these, which pulled 135
#: glyphs into a 250-character subset) are left out. Japanese and Korean forms stay.
UNMARKED_LANGUAGES = frozenset({"ZHS ", "ZHT ", "ZHH "})


@dataclass(frozen=True)
class _Metrics:
    """What measuring needs from one font file, in em: advances and positive kerning by code point."""

    advances: dict[int, float]
    widening: dict[tuple[int, int], float]
    notdef: float


def _open_font(path: Path, index: int, *, lazy: bool):
    """The font at path (face index in a collection), its timestamp kept so saving is reproducible."""
    # Imported here for start-up time: the metrics and subset caches usually answer without it.
    from fontTools.ttLib import TTFont

    _file_key(path)
    return TTFont(path, fontNumber=index, lazy=lazy, recalcTimestamp=False)


def _file_key(path: Path) -> str:
    """The font file's identity for the disk cache; FontsMissing when it is not installed."""
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None or not path.is_file():
        msg = f"font file {path} is missing: run `{INSTALL_COMMAND}` (or `make setup`)"
        raise FontsMissing(msg)
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _positive_pair_kerning(font) -> dict[tuple[str, str], int]:
    """Glyph pairs the GPOS 'kern' feature pushes apart (pair adjustments only), in font units.

    Most kerning narrows text, but some pairs widen it ("(J", "T?"); adding those keeps widths an
    upper bound. Where lookups disagree the largest value is kept, which can only overestimate.
    """
    if "GPOS" not in font:
        return {}
    gpos = font["GPOS"].table
    lookups = {
        index
        for record in gpos.FeatureList.FeatureRecord
        if record.FeatureTag == "kern"
        for index in record.Feature.LookupListIndex
    }
    widening: dict[tuple[str, str], int] = {}

    def add(first: str, second: str, value) -> None:
        amount = getattr(value, "XAdvance", 0) if value is not None else 0
        if amount > 0 and amount > widening.get((first, second), 0):
            widening[first, second] = amount

    for index in sorted(lookups):
        lookup = gpos.LookupList.Lookup[index]
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 9 else table
            if table.LookupType != 2:  # contextual kerning is rare and left out
                continue
            if table.Format == 1:
                for first, pairs in zip(table.Coverage.glyphs, table.PairSet, strict=True):
                    for record in pairs.PairValueRecord:
                        add(first, record.SecondGlyph, record.Value1)
                continue
            firsts: dict[int, list[str]] = {}
            for glyph in table.Coverage.glyphs:
                firsts.setdefault(table.ClassDef1.classDefs.get(glyph, 0), []).append(glyph)
            seconds: dict[int, list[str]] = {}
            # Class 0 of the second glyph (every glyph not listed) is skipped: it never widens.
            for glyph, number in table.ClassDef2.classDefs.items():
                seconds.setdefault(number, []).append(glyph)
            for number1, record1 in enumerate(table.Class1Record):
                for number2, record2 in enumerate(record1.Class2Record):
                    if number2 and getattr(record2.Value1, "XAdvance", 0):
                        for first in firsts.get(number1, ()):
                            for second in seconds.get(number2, ()):
                                add(first, second, record2.Value1)
    return widening


@functools.lru_cache(maxsize=16)
def _metrics(path: Path, index: int) -> _Metrics:
    """Advance widths and widening kerning of one face, read once and then kept on disk
    (reading a CJK font's tables takes most of a second) as JSON keyed by the file."""
    key = hashlib.sha256(f"metrics\0{SUBSET_VERSION}\0{_file_key(path)}\0{index}"
                         .encode()).hexdigest()
    cached = cache_dir() / f"{key}.metrics.json"
    try:
        raw = json.loads(cached.read_text(encoding="utf-8"))
        return _Metrics({int(k): v for k, v in raw["advances"].items()},
                        {(a, b): v for a, b, v in raw["widening"]}, float(raw["notdef"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    metrics = _read_metrics(path, index)
    payload = {"advances": metrics.advances, "notdef": metrics.notdef,
               "widening": [[a, b, v] for (a, b), v in metrics.widening.items()]}
    _write_cache(cached, json.dumps(payload, separators=(",", ":")))
    return metrics


def _write_cache(path: Path, text: str) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        pass


def _read_metrics(path: Path, index: int) -> _Metrics:
    font = _open_font(path, index, lazy=True)
    units = font["head"].unitsPerEm
    widths = font["hmtx"].metrics
    cmap = font.getBestCmap()
    advances = {code: widths[glyph][0] / units for code, glyph in cmap.items()}
    codes: dict[str, list[int]] = {}
    for code, glyph in cmap.items():
        codes.setdefault(glyph, []).append(code)
    widening = {
        (first_code, second_code): amount / units
        for (first, second), amount in _positive_pair_kerning(font).items()
        for first_code in codes.get(first, ())
        for second_code in codes.get(second, ())
    }
    notdef = widths[font.getGlyphOrder()[0]][0] / units
    font.close()
    return _Metrics(advances, widening, notdef)


@dataclass(frozen=True)
class _Measure:
    """One weight's fallback through the faces: which face draws each code point, and widths."""

    owner: dict[int, int]  # code point -> index in FACES
    advance: dict[int, float]
    widening: dict[tuple[int, int], float]  # kerning between two characters of the same face
    notdef: float

    def width(self, text: str, after: str = "") -> float:
        """Width of text in em, following the character after (whose kerning with text counts)."""
        total = sum(self.advance.get(ord(char), self.notdef) for char in text)
        if self.widening:
            codes = [ord(char) for char in after[-1:] + text]
            total += sum(self.widening.get(pair, 0.0) for pair in itertools.pairwise(codes))
        return total


@functools.lru_cache(maxsize=4)
def _measure(faces: tuple[Face, ...], bold: bool) -> _Measure:
    """The fallback of one weight through faces, as the browser walks FONT_STACK."""
    metrics = [_metrics(face.path(bold), face.index) for face in faces]
    owner: dict[int, int] = {}
    advance: dict[int, float] = {}
    for number in reversed(range(len(faces))):  # earlier faces overwrite later ones
        owner.update(dict.fromkeys(metrics[number].advances, number))
        advance.update(metrics[number].advances)
    widening = {  # a browser kerns only within one face's run
        pair: amount
        for number, face_metrics in enumerate(metrics)
        for pair, amount in face_metrics.widening.items()
        if owner[pair[0]] == owner[pair[1]] == number
    }
    return _Measure(owner, advance, widening, metrics[0].notdef)


def preload() -> None:
    """Read both weights' metrics now (from the disk cache when it has them), so that a later
    font_face_css or text_width does not wait for them: the build calls this while the kernel
    boots on the other core."""
    for bold in (False, True):
        _measure(FACES, bold)


def face_of(char: str, *, bold: bool = False) -> Face | None:
    """The face the browser draws char with (the first in FONT_STACK that has it), or None."""
    number = _measure(FACES, bold).owner.get(ord(char))
    return None if number is None else FACES[number]


def text_width(text: str, size_px: float, *, bold: bool = False) -> float:
    """Width of text in CSS px: its characters' advances, each in its fallback face.

    Kerning that narrows text and ligatures are ignored and the few kerning pairs that widen it
    are added, so this is an upper bound of the rendered width, which is what pagination wants.
    A character no face has counts as the first face's .notdef advance (the browser draws it in
    some system font).
    """
    return size_px * _measure(FACES, bold).width(text)


# Line breaking. Where unsure whether a browser may break, we don't: fewer break opportunities
# can only add lines, so the line count stays an upper bound.
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
#: A break is allowed after these (and after a space): hyphens, dashes, "?", the
#: ideographic space. Not after "/": Chromium keeps "Mystery/Psychological" and URLs whole.
BREAK_AFTER = frozenset("-‐–—?\u3000")  # noqa: RUF001
#: No line starts with these: closing punctuation, quotes, iteration marks, the ellipsis. Small
#: kana and "ー" may start a line, as in Chromium's default (line-break: normal).
NO_BREAK_BEFORE = frozenset(
    ",.:;!?)]}%'\"“”‘’、。，．：；！？）］｝」』】〕〉》〙〗・〜ゝゞヽヾ々…"  # noqa: RUF001
)
#: No line ends with these: opening brackets and quotes.
NO_BREAK_AFTER = frozenset("([{'\"“”‘’（［｛「『【〔〈《〘〖")  # noqa: RUF001


def _is_cjk(char: str) -> bool:
    """Han, kana and CJK or full-width punctuation: a browser may break on either side of them."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x2FDF  # radicals
        or 0x3000 <= code <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x31F0 <= code <= 0x31FF  # katakana extensions
        or 0x3400 <= code <= 0x4DBF  # Han extension A
        or 0x4E00 <= code <= 0x9FFF  # Han
        or 0xF900 <= code <= 0xFAFF  # Han compatibility
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
        or 0x20000 <= code <= 0x3FFFF  # Han extensions B and later
    )


def _breaks_before(text: str, position: int) -> bool:
    """Whether a line may break before text[position]: a small subset of UAX #14, as Chromium does.

    Thai gets no break opportunities of its own: browsers break it at dictionary words, which
    this module cannot know, so a Thai run is kept whole like a word and its lines never undercount.
    """
    before, after = text[position - 1], text[position]
    if after == " " or unicodedata.category(after).startswith("M"):
        return False
    if before == " ":
        return True
    if after in NO_BREAK_BEFORE or before in NO_BREAK_AFTER:
        return False
    if before == "-" and (position < 2 or text[position - 2] == " ") and after.isdigit():
        return False  # a minus sign: "-5"
    return (
        before in BREAK_AFTER
        or (after == "—" and before != "—")  # an em dash may also start a line
        or _is_cjk(before)
        or _is_cjk(after)
    )


def _segments(text: str) -> list[str]:
    """text cut at every break opportunity; a segment keeps the spaces that follow it."""
    segments: list[str] = []
    start = 0
    for position in range(1, len(text)):
        if _breaks_before(text, position):
            segments.append(text[start:position])
            start = position
    segments.append(text[start:])
    return segments


def _clusters(word: str) -> list[str]:
    """word cut between characters but never before a combining mark (overflow-wrap: anywhere)."""
    clusters: list[str] = []
    for char in word:
        if clusters and unicodedata.category(char).startswith("M"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def wrap(text: str, size_px: float, width_px: float, *, bold: bool = False) -> list[str]:
    """The lines a browser lays text out in, greedily, in a box width_px wide.

    Mirrors `white-space: normal; overflow-wrap: anywhere`: white space collapses, lines break
    after spaces (which then do not count toward the width), after hyphens and dashes, and on
    either side of CJK characters, except before closing and after opening punctuation; a word is
    broken inside only when it alone is wider than the line.
    """
    text = _COLLAPSIBLE.sub(" ", text).strip(" ")
    if not text:
        return []
    width = _measure(FACES, bold).width
    limit = width_px / size_px + 1e-9  # compare in em; the epsilon absorbs float noise
    lines: list[str] = []
    line, line_width = "", 0.0  # line_width counts the line's trailing spaces
    for segment in _segments(text):
        word = segment.rstrip(" ")
        if line and line_width + width(word, line) <= limit:
            line, line_width = line + segment, line_width + width(segment, line)
            continue
        if line:
            lines.append(line.rstrip(" "))
        if width(word) <= limit:
            line, line_width = segment, width(segment)
            continue
        # The word alone overflows the line: break it between characters.
        line, line_width = "", 0.0
        for cluster in _clusters(word):
            cluster_width = width(cluster, line)
            if line and line_width + cluster_width > limit:
                lines.append(line)
                line, line_width = "", 0.0
            line, line_width = line + cluster, line_width + cluster_width
        spaces = segment[len(word) :]
        line, line_width = line + spaces, line_width + width(spaces, line)
    lines.append(line.rstrip(" "))
    return lines


def line_count(text: str, size_px: float, width_px: float, *, bold: bool = False) -> int:
    """How many lines text takes in a box width_px wide (0 for empty text)."""
    return len(wrap(text, size_px, width_px, bold=bold))


# Embedding.


def cache_dir() -> Path:
    """Where subsets are kept between runs: $XDG_CACHE_HOME/showdeck/fonts (~/.cache/...)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "showdeck" / "fonts"


@functools.lru_cache(maxsize=32)
def _subset_base64(path: Path, index: int, characters: str) -> str:
    """A WOFF2 subset of one font file holding exactly characters, base64-encoded.

    The font's own timestamp is kept (fontTools would otherwise stamp the time of saving), so
    the same characters always give the same bytes. Subsetting the CJK face takes most of a
    second, so a subset is kept on disk under a key of everything that shapes it; a cache that
    cannot be read or written is simply not used.
    """
    import fontTools  # here for start-up time, as in _open_font

    key = hashlib.sha256(
        f"{SUBSET_VERSION}\0{fontTools.version}\0{_file_key(path)}\0{index}\0{characters}"
        .encode()
    ).hexdigest()
    cached = cache_dir() / f"{key}.woff2.b64"
    try:
        text = cached.read_text(encoding="ascii")
        # Only a well-formed WOFF2 in base64 is used: the text goes into the deck's CSS.
        if _BASE64.fullmatch(text) and base64.b64decode(text)[:4] == b"wOF2":
            return text
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    data = _make_subset(path, index, characters)
    _write_cache(cached, data)
    return data


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
#: Bump when the subsetting options change: the disk cache keys on it.
SUBSET_VERSION = "2"


def _make_subset(path: Path, index: int, characters: str) -> str:
    from fontTools import subset  # here for start-up time, as in _open_font

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
    font = _open_font(path, index, lazy=True)
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


def subset_characters(text: str, *, bold: bool = False) -> dict[Face, str]:
    """The characters each face's subset holds: those of text and BASE_CHARACTERS it draws first."""
    owner = _measure(FACES, bold).owner
    assigned: dict[Face, list[str]] = {}
    for char in sorted(set(text) | set(BASE_CHARACTERS)):
        number = owner.get(ord(char))
        if number is not None:
            assigned.setdefault(FACES[number], []).append(char)
    return {face: "".join(assigned[face]) for face in FACES if face in assigned}


def font_face_css(text: str) -> str:
    """@font-face rules embedding, for weights 400 and 700, every face's subset for text.

    A face that draws none of the characters gets no rule. Same text, same bytes.
    """
    rules = []
    for bold in (False, True):
        for face, characters in subset_characters(text, bold=bold).items():
            data = _subset_base64(face.path(bold), face.index, characters)
            rules.append(
                "@font-face {"
                f' font-family: "{face.family}"; font-style: normal;'
                f" font-weight: {700 if bold else 400}; font-display: {FONT_DISPLAY};"
                f' src: url("data:font/woff2;base64,{data}") format("woff2");'
                " }"
            )
    return "\n".join(rules) + "\n" if rules else ""


@functools.cache
def _local_names(path: Path, index: int) -> tuple[str, ...]:
    """The names a browser finds an installed face by in CSS local(): full and PostScript."""
    font = _open_font(path, index, lazy=True)
    try:
        names = [font["name"].getDebugName(number) for number in (4, 6)]
    finally:
        font.close()
    return tuple(name for name in names if name)


def local_font_face_css() -> str:
    """@font-face rules for the deck's families that use the machine's installed Noto fonts.

    The notebook's outputs carry these, not the embedded subsets: each output stays small
    enough to carry its own stylesheet. Where the fonts are not installed the browser falls
    back along FONT_STACK to its sans-serif.
    """
    rules = []
    for bold in (False, True):
        for face in FACES:
            try:
                names = _local_names(face.path(bold), face.index)
            except FontsMissing:
                continue
            sources = ", ".join(f'local("{name}")' for name in names)
            rules.append(
                "@font-face {"
                f' font-family: "{face.family}"; font-style: normal;'
                f" font-weight: {700 if bold else 400}; src: {sources}; }}"
            )
    return "\n".join(rules) + "\n" if rules else ""
