"""The deck's @font-face rules: embedded WOFF2 subsets for the deck, installed fonts for the notebook."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from showdeck import fonts
from showdeck.font_subset import subset_base64
from showdeck.fonts import Face, FontsMissing

#: Characters every subset carries, so short edits to the deck's text never miss a glyph.
#: The deck's own marks: verdicts, confidence dots, the footer's bar; and the characters
#: scripts write at run time: the chart card's close button (U+00D7), reveal.js's help (arrows).
BASE_CHARACTERS = (
    "".join(map(chr, range(0x20, 0x7F))) + "“”‘’–—…·•✓◐✗●○▮"  # noqa: RUF001
    + "×←↑→↓"  # noqa: RUF001
)

#: The fonts are in the file, so they are there at once; `swap` (not `block`) still never holds
#: text invisible while one is decoded, and (unlike `optional`) always ends in the embedded face,
#: which pagination measured.
FONT_DISPLAY = "swap"


def subset_characters(text: str, *, bold: bool = False) -> dict[Face, str]:
    """The characters each face's subset holds: those of text and BASE_CHARACTERS it draws first."""
    owner = fonts.measure(fonts.FACES, bold).owner
    assigned: dict[Face, list[str]] = {}
    for char in sorted(set(text) | set(BASE_CHARACTERS)):
        number = owner.get(ord(char))
        if number is not None:
            assigned.setdefault(fonts.FACES[number], []).append(char)
    return {face: "".join(assigned[face]) for face in fonts.FACES if face in assigned}


def unicode_range(characters: str) -> str:
    """A CSS unicode-range naming exactly `characters`, runs of neighbours as one range."""
    points = sorted(set(map(ord, characters)))
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def font_face_css(text: str) -> str:
    """@font-face rules embedding, for weights 400 and 700, every face's subset for text.

    A face that draws none of the characters gets no rule. Each rule's unicode-range names the
    characters its subset holds, so the browser decodes only the faces a page's text uses and
    finds each character's face without loading the faces before it in the stack. Same text,
    same bytes.
    """
    rules = []
    for bold in (False, True):
        for face, characters in subset_characters(text, bold=bold).items():
            data = subset_base64(face.path(bold), face.index, characters)
            rules.append(
                "@font-face {"
                f' font-family: "{face.family}"; font-style: normal;'
                f" font-weight: {700 if bold else 400}; font-display: {FONT_DISPLAY};"
                f" unicode-range: {unicode_range(characters)};"
                f' src: url("data:font/woff2;base64,{data}") format("woff2");'
                " }"
            )
    return "\n".join(rules) + "\n" if rules else ""


@functools.cache
def _local_names(path: Path, index: int) -> tuple[str, ...]:
    """The names a browser finds an installed face by in CSS local(): full and PostScript.
    Read once, then kept on disk beside the metrics (opening a collection takes a while)."""
    key = hashlib.sha256(f"names\0{fonts.SUBSET_VERSION}\0{fonts.file_key(path)}\0{index}"
                         .encode()).hexdigest()
    cached = fonts.cache_dir() / f"{key}.names.json"
    try:
        names = json.loads(cached.read_text(encoding="utf-8"))
        if isinstance(names, list) and all(isinstance(name, str) for name in names):
            return tuple(names)
    except (OSError, ValueError):
        pass
    font = fonts.open_font(path, index, lazy=True)
    try:
        read = [font["name"].getDebugName(number) for number in (4, 6)]
    finally:
        font.close()
    names = [name for name in read if name]
    fonts.write_cache(cached, json.dumps(names))
    return tuple(names)


def local_font_face_css() -> str:
    """@font-face rules for the deck's families that use the machine's installed Noto fonts.

    The notebook's outputs carry these, not the embedded subsets: each output stays small
    enough to carry its own stylesheet. Where the fonts are not installed the browser falls
    back along FONT_STACK to its sans-serif.
    """
    rules = []
    for bold in (False, True):
        for face in fonts.FACES:
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
