"""The slide's geometry, and how tall a block of text is in it, measured with the deck's fonts.

One source of numbers: the slides' stylesheet (`templates/slides/slides.css.j2`) is rendered
from these constants, and pagination (`showdeck.article_view` and the other views) measures
against them, so the page the browser lays out is the page the build planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from showdeck import fonts, linebreak

FONT_STACK = fonts.FONT_STACK

#: reveal.js's slide, and the theme's padding around the content (top, sides, bottom).
SLIDE_WIDTH, SLIDE_HEIGHT = 960, 700
PAD_TOP, PAD_SIDE, PAD_BOTTOM = 34, 48, 64
CONTENT_WIDTH = SLIDE_WIDTH - 2 * PAD_SIDE
CONTENT_HEIGHT = SLIDE_HEIGHT - PAD_TOP - PAD_BOTTOM
#: A page is planned this much shorter than it is: rounding, kerning, a browser's own line
#: breaking; the browser checks prove the margin is enough.
SAFETY = 0.04


@dataclass(frozen=True)
class Style:
    """A text style of the slides: size, line height, weight, and the gap after a block."""

    size_px: float
    line_height: float
    bold: bool = False
    gap_em: float = 0.0

    @property
    def line_px(self) -> float:
        return self.size_px * self.line_height

    @property
    def paragraph_gap(self) -> float:
        return round(self.size_px * self.gap_em, 2)


BODY = Style(22, 1.45, gap_em=0.6)
H2 = Style(40, 1.15, bold=True)
H3 = Style(25, 1.2, bold=True)
CALLOUT = Style(16, 1.35)
CALLOUT_HEAD = Style(16, 1.35, bold=True)
CALLOUT_SOURCE = Style(13, 1.35)
LIST_ITEM = Style(22, 1.45, gap_em=0.25)
SOURCE_ITEM = Style(16, 1.35, gap_em=0.375)
TABLE = Style(16, 1.35)

# The heading: its rule and the space around it.
H2_PAD, H2_RULE, H2_MARGIN = 10, 4, 18
H3_MARGIN = 10
H3_HEIGHT = H3.line_px + H3_MARGIN
#: What is left of a page under its (one-line) heading.
PAGE_BODY_HEIGHT = CONTENT_HEIGHT - (H2.line_px + H2_PAD + H2_RULE + H2_MARGIN)

# The article's two columns: text, and the fact-check callouts beside it.
COLUMN_GAP = 28
TEXT_COLUMN_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) * 3 / 5
CALLOUT_COLUMN_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) * 2 / 5
CALLOUT_PAD_Y, CALLOUT_PAD_X, CALLOUT_RULE, CALLOUT_GAP, CALLOUT_LINE_GAP = 8, 12, 5, 12, 4
CALLOUT_INNER_WIDTH = CALLOUT_COLUMN_WIDTH - 2 * CALLOUT_PAD_X - CALLOUT_RULE
#: A callout's height beyond its three lines of text: padding, gaps, the margin below it.
CALLOUT_CHROME = 2 * CALLOUT_PAD_Y + 3 * CALLOUT_LINE_GAP + CALLOUT_GAP
#: The verdict badge's border, padding and spacing, which its text does not measure.
VERDICT_BADGE = 40

# Lists: the outlook's bullets and the numbered sources.
LIST_INDENT = 24
LIST_WIDTH = CONTENT_WIDTH - LIST_INDENT
SOURCE_INDENT = 40
SOURCE_LIST_WIDTH = CONTENT_WIDTH - SOURCE_INDENT

# The timeline's tables: fixed column widths, so a row's height can be measured.
TABLE_CELL_PAD_Y, TABLE_CELL_PAD_X = 4, 8
EPISODE_COLUMNS = (60, 130, 404, 270)
EVENT_COLUMNS = (150, 544, 170)
TABLE_CAPTION_HEIGHT = TABLE.line_px + 8
TABLE_BODY_HEIGHT = PAGE_BODY_HEIGHT * (1 - SAFETY) - TABLE_CAPTION_HEIGHT - (
    TABLE.line_px + 2 * TABLE_CELL_PAD_Y + 1)


@lru_cache(maxsize=65536)
def block_height(text: str, style: Style, width_px: float) -> float:
    """Height of `text` set in `style` in a box `width_px` wide (no gap after it)."""
    lines = linebreak.line_count(text, style.size_px, width_px, bold=style.bold)
    return lines * style.line_px


def row_height(cells: list[str] | tuple[str, ...], widths: tuple[float, ...]) -> float:
    """Height of a table row: its tallest cell, plus padding and the rule under it."""
    tallest = max((block_height(text, TABLE, width - 2 * TABLE_CELL_PAD_X) or TABLE.line_px)
                  for text, width in zip(cells, widths, strict=True))
    return tallest + 2 * TABLE_CELL_PAD_Y + 1


def fits(height_px: float, available_px: float) -> bool:
    """Whether a block fits its space, keeping the SAFETY margin."""
    return height_px <= available_px * (1 - SAFETY)
