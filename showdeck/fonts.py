"""The deck's typefaces: which face draws each character and how wide text is, from the fonts' metrics.

The deck embeds its fonts so text lays out the same on every machine, offline; pagination
measures text with the same fonts' metrics, falling back per character exactly as the browser
does through FONT_STACK. Line breaking is showdeck.linebreak, the embedded subsets
showdeck.font_subset and their CSS showdeck.font_css.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import marshal
import os
import sys
import tempfile
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

@dataclass(frozen=True)
class _Metrics:
    """What measuring needs from one font file, in em: advances and positive kerning by code point."""

    advances: dict[int, float]
    widening: dict[tuple[int, int], float]
    notdef: float


def open_font(path: Path, index: int, *, lazy: bool):
    """The font at path (face index in a collection), its timestamp kept so saving is reproducible."""
    # Imported here for start-up time: the metrics and subset caches usually answer without it.
    from fontTools.ttLib import TTFont

    file_key(path)
    return TTFont(path, fontNumber=index, lazy=lazy, recalcTimestamp=False)


def file_key(path: Path) -> str:
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
    (reading a CJK font's tables takes most of a second), keyed by the file."""
    # marshal, not JSON: a CJK face has some 60,000 advances, and the kernel reads them at
    # start; its format is the interpreter's, which the key therefore names.
    key = hashlib.sha256(f"metrics\0{SUBSET_VERSION}\0{sys.version}\0{file_key(path)}\0"
                         f"{index}".encode()).hexdigest()
    cached = cache_dir() / f"{key}.metrics.marshal"
    try:
        advances, widening, notdef = marshal.loads(cached.read_bytes())
        if isinstance(advances, dict) and isinstance(widening, dict):
            return _Metrics(advances, widening, float(notdef))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    metrics = _read_metrics(path, index)
    write_cache(cached, marshal.dumps((metrics.advances, metrics.widening, metrics.notdef)))
    return metrics


def write_cache(path: Path, content: str | bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache.", suffix=".tmp")
        payload = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except OSError:
        pass


def _read_metrics(path: Path, index: int) -> _Metrics:
    font = open_font(path, index, lazy=True)
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
class Measure:
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
def measure(faces: tuple[Face, ...], bold: bool) -> Measure:
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
    return Measure(owner, advance, widening, metrics[0].notdef)


def preload() -> None:
    """Read both weights' metrics now (from the disk cache when it has them), so that a later
    font_face_css or text_width does not wait for them: the build calls this on a thread while
    the kernel runs the notebook."""
    for bold in (False, True):
        measure(FACES, bold)


def face_of(char: str, *, bold: bool = False) -> Face | None:
    """The face the browser draws char with (the first in FONT_STACK that has it), or None."""
    number = measure(FACES, bold).owner.get(ord(char))
    return None if number is None else FACES[number]


def text_width(text: str, size_px: float, *, bold: bool = False) -> float:
    """Width of text in CSS px: its characters' advances, each in its fallback face.

    Kerning that narrows text and ligatures are ignored and the few kerning pairs that widen it
    are added, so this is an upper bound of the rendered width, which is what pagination wants.
    A character no face has counts as the first face's .notdef advance (the browser draws it in
    some system font).
    """
    return size_px * measure(FACES, bold).width(text)



def cache_home() -> Path:
    """showdeck's caches between runs: $XDG_CACHE_HOME/showdeck (~/.cache/showdeck)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "showdeck"


def cache_dir() -> Path:
    """Where subsets are kept between runs: $XDG_CACHE_HOME/showdeck/fonts (~/.cache/...)."""
    return cache_home() / "fonts"



#: Bump when the metrics or the subsetting options change: the disk caches key on it.
SUBSET_VERSION = "2"
