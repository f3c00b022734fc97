"""Slide geometry and block heights: what pagination composes."""

from __future__ import annotations

import pytest

from showdeck import fonts, layout

PARAGRAPH = (
    "Akudama Drive is an action, adventure, sci-fi anime series by Studio Pierrot and "
    "Too Kyo Games. アクダマドライブは、2020年に放送されたオリジナルテレビアニメ。"
)


def test_content_box_is_the_slide_less_the_theme_padding():
    assert (layout.CONTENT_WIDTH, layout.CONTENT_HEIGHT) == (864, 602)


@pytest.mark.parametrize(
    ("style", "size", "line_height", "bold"),
    [
        (layout.BODY, 22, 1.45, False),
        (layout.LIST_ITEM, 22, 1.45, False),
        (layout.CALLOUT, 16, 1.35, False),
        (layout.CALLOUT_SOURCE, 13, 1.35, False),
        (layout.SOURCES_LIST, 16, 1.35, False),
        (layout.HEADING, 40, 1.15, True),
    ],
)
def test_styles_match_the_theme(style, size, line_height, bold):
    assert (style.size_px, style.line_height, style.bold) == (size, line_height, bold)


def test_block_height_is_lines_times_line_height():
    lines = fonts.line_count(PARAGRAPH, 16, 300)

    assert lines > 2
    assert layout.block_height(PARAGRAPH, layout.CALLOUT, 300) == pytest.approx(lines * 16 * 1.35)


def test_a_narrower_box_makes_a_taller_block():
    wide = layout.block_height(PARAGRAPH, layout.BODY, layout.CONTENT_WIDTH)
    narrow = layout.block_height(PARAGRAPH, layout.BODY, layout.CONTENT_WIDTH / 2)

    assert wide == pytest.approx(2 * 22 * 1.45)
    assert narrow > wide


def test_a_bold_heading_is_measured_bold():
    title = "Will Akudama Drive Season 2 come back soon?"
    width = fonts.text_width(title, 40) + 1  # fits in regular, not in bold

    assert fonts.text_width(title, 40, bold=True) > width
    assert layout.block_height(title, layout.HEADING, width) == pytest.approx(2 * 40 * 1.15)


def test_empty_text_takes_no_height():
    assert layout.block_height("", layout.BODY, layout.CONTENT_WIDTH) == 0


def test_fits_keeps_the_safety_margin_free():
    assert layout.SAFETY_MARGIN == 0.04
    assert layout.fits(96, 100)
    assert not layout.fits(96.5, 100)
    assert layout.fits(100, 100, margin=0)
