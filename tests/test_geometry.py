"""Slide geometry and block heights: what pagination measures against."""

from __future__ import annotations

import pytest

from showdeck import fonts, geometry, linebreak

PARAGRAPH = (
    "Akudama Drive is an action, adventure, sci-fi anime series by Studio Pierrot and "
    "Too Kyo Games. アクダマドライブは、2020年に放送されたオリジナルテレビアニメ。"
)


def test_content_box_is_the_slide_less_the_theme_padding():
    assert (geometry.CONTENT_WIDTH, geometry.CONTENT_HEIGHT) == (864, 602)


@pytest.mark.parametrize(
    ("style", "size", "line_height", "bold"),
    [
        (geometry.BODY, 22, 1.45, False),
        (geometry.LIST_ITEM, 22, 1.45, False),
        (geometry.CALLOUT, 16, 1.35, False),
        (geometry.CALLOUT_SOURCE, 13, 1.35, False),
        (geometry.SOURCE_ITEM, 16, 1.35, False),
        (geometry.H2, 40, 1.15, True),
    ],
)
def test_styles_match_the_theme(style, size, line_height, bold):
    assert (style.size_px, style.line_height, style.bold) == (size, line_height, bold)


def test_block_height_is_lines_times_line_height():
    lines = linebreak.line_count(PARAGRAPH, 16, 300)

    assert lines > 2
    assert geometry.block_height(PARAGRAPH, geometry.CALLOUT, 300) == pytest.approx(lines * 16 * 1.35)


def test_a_narrower_box_makes_a_taller_block():
    wide = geometry.block_height(PARAGRAPH, geometry.BODY, geometry.CONTENT_WIDTH)
    narrow = geometry.block_height(PARAGRAPH, geometry.BODY, geometry.CONTENT_WIDTH / 2)

    assert wide == pytest.approx(2 * 22 * 1.45)
    assert narrow > wide


def test_a_bold_heading_is_measured_bold():
    title = "Will Akudama Drive Season 2 come back soon?"
    width = fonts.text_width(title, 40) + 1  # fits in regular, not in bold

    assert fonts.text_width(title, 40, bold=True) > width
    assert geometry.block_height(title, geometry.H2, width) == pytest.approx(2 * 40 * 1.15)


def test_empty_text_takes_no_height():
    assert geometry.block_height("", geometry.BODY, geometry.CONTENT_WIDTH) == 0


def test_fits_keeps_the_safety_margin_free():
    assert geometry.SAFETY == 0.04
    assert geometry.fits(96, 100)
    assert not geometry.fits(96.5, 100)
