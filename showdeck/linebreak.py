"""Line breaking as a browser does it, measured with the deck's fonts: the lines text takes in a box.

Where unsure whether a browser may break, we don't: fewer break opportunities can only add
lines, so the line count stays an upper bound.
"""

from __future__ import annotations

import re
import unicodedata

from showdeck import fonts

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
    width = fonts.measure(fonts.FACES, bold).width
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
