"""Slide geometry and the height of text blocks in the deck's styles, for pagination to compose.

Heights come from the embedded fonts' metrics (showdeck.fonts), so they hold on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from showdeck.fonts import line_count

#: reveal.js slide size the deck is configured with.
SLIDE_WIDTH = 960
SLIDE_HEIGHT = 700
#: The theme's `section { padding: 34px 48px 64px }`.
PADDING_TOP, PADDING_SIDE, PADDING_BOTTOM = 34, 48, 64
#: The box a slide's content lays out in: 864 x 602 px.
CONTENT_WIDTH = SLIDE_WIDTH - 2 * PADDING_SIDE
CONTENT_HEIGHT = SLIDE_HEIGHT - PADDING_TOP - PADDING_BOTTOM

#: Share of the available height kept free: measured widths are an upper bound, but rounding of
#: line boxes, margins the caller forgets and a system font drawing an uncovered character are not.
SAFETY_MARGIN = 0.04


@dataclass(frozen=True)
class Style:
    """A text style of the deck: font size in px, unitless CSS line-height, weight."""

    size_px: float
    line_height: float
    bold: bool = False

    @property
    def line_px(self) -> float:
        """Height of one line box in px."""
        return self.size_px * self.line_height


# The theme's text styles (showdeck.css).
BODY = Style(22, 1.45)
LIST_ITEM = Style(22, 1.45)
CALLOUT = Style(16, 1.35)
CALLOUT_SOURCE = Style(13, 1.35)
SOURCES_LIST = Style(16, 1.35)
HEADING = Style(40, 1.15, bold=True)


def block_height(text: str, style: Style, width_px: float) -> float:
    """Height in px of text set in style in a box width_px wide: lines x line height."""
    return line_count(text, style.size_px, width_px, bold=style.bold) * style.line_px


def fits(height_px: float, available_px: float, margin: float = SAFETY_MARGIN) -> bool:
    """Whether content height_px tall fits in available_px, keeping margin of it free."""
    return height_px <= available_px * (1 - margin)
