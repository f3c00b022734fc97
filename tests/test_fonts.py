"""The fonts: per-character fallback and widths from real metrics, checked against Chromium."""

from __future__ import annotations

import dataclasses
import html

import pytest
from fontTools.ttLib import TTFont

from showdeck import font_css, fonts, linebreak
from showdeck.errors import ShowdeckError
from tests.conftest import ENGLISH, JAPANESE, THAI_TITLE

LATIN, SYMBOLS, CJK, THAI = fonts.FACES


def test_ascii_width_is_the_sum_of_hmtx_advances():
    font = TTFont(LATIN.regular)
    cmap, metrics, units = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    expected = sum(metrics[cmap[ord(char)]][0] for char in "Hello world") * 22 / units

    assert fonts.text_width("Hello world", 22) == pytest.approx(expected)


def test_widening_kerning_pairs_are_added():
    # Noto Sans kerns "(J" apart; ignoring that would make the width too small.
    assert fonts.text_width("(J", 22) > fonts.text_width("(", 22) + fonts.text_width("J", 22)


def test_japanese_falls_back_to_the_cjk_face_one_em_per_character():
    assert {fonts.face_of(char) for char in "アクダマ第期、"} == {CJK}
    assert fonts.face_of("ア", bold=True) == CJK
    assert fonts.text_width("アクダマ", 22) == pytest.approx(4 * 22)


def test_thai_falls_back_to_the_thai_face():
    assert {fonts.face_of(char) for char in "อนิเมะ"} == {THAI}


def test_latin_and_typographic_punctuation_come_from_the_first_face():
    assert {fonts.face_of(char) for char in "Akudama “2” — …"} == {LATIN}


def test_a_character_no_face_has_measures_as_notdef():
    font = TTFont(LATIN.regular)
    notdef = font["hmtx"].metrics[font.getGlyphOrder()[0]][0] / font["head"].unitsPerEm
    uncovered = "\U0010fffd"  # private use: no font has it

    assert fonts.face_of(uncovered) is None
    assert fonts.text_width(uncovered, 20) == pytest.approx(notdef * 20)


def test_font_stack_lists_every_face_in_fallback_order():
    assert fonts.FONT_STACK == (
        '"SD Noto Sans", "SD Noto Sans Symbols 2", "SD Noto Sans CJK JP", "SD Noto Sans Thai",'
        " sans-serif"
    )


def test_a_missing_font_file_names_it_and_the_install_command(monkeypatch, tmp_path):
    missing = tmp_path / "NotoSans-Regular.ttf"
    monkeypatch.setattr(fonts, "FACES", (dataclasses.replace(LATIN, regular=missing), SYMBOLS, CJK, THAI))

    with pytest.raises(fonts.FontsMissing) as caught:
        fonts.text_width("Akudama", 22)
    message = str(caught.value)
    assert isinstance(caught.value, ShowdeckError)
    assert str(missing) in message
    assert "sudo apt-get install fonts-noto-core fonts-noto-cjk" in message
    assert "\n" not in message


# In Chromium: what the fonts module predicts is what the browser renders.
SPANS = {
    "ascii": ("Akudama Drive is an action, adventure, sci-fi anime series.", False),
    "japanese": ("アクダマドライブの第2期は、いつ放送されるのか。", False),
    "thai": ("อนิเมะ", False),
    "bold": ("Will Akudama Drive Season 2 come back soon?", True),
}


PARAGRAPHS = [
    (ENGLISH * 2, 22, 1.45, 864),
    (JAPANESE * 2, 22, 1.45, 864),
    (ENGLISH + " " + JAPANESE, 16, 1.35, 300),
    (THAI_TITLE + " " + ENGLISH, 16, 1.35, 420),
    ("Will Akudama Drive Season 2 come back soon? 第2期", 40, 1.15, 864),
]


#: Chromium rounds a text run's width up to its layout unit, 1/64 px.
LAYOUT_UNIT = 1 / 64


@pytest.fixture(scope="module")
def rendered(browser, tmp_path_factory):
    """Span widths and paragraph heights from one test page in Chromium, set in FONT_STACK."""
    page, log = browser
    text = "".join(text for text, _ in SPANS.values()) + "".join(p[0] for p in PARAGRAPHS)
    spans = "".join(
        f'<div><span id="{name}" style="font-weight: {700 if bold else 400}">'
        f"{html.escape(text)}</span></div>"
        for name, (text, bold) in SPANS.items()
    )
    paragraphs = "".join(
        f'<p style="font-size: {size}px; line-height: {line_height}; width: {width}px; '
        f'font-weight: {700 if size == 40 else 400}">{html.escape(text)}</p>'
        for text, size, line_height, width in PARAGRAPHS
    )
    path = tmp_path_factory.mktemp("fonts") / "fonts.html"
    path.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>'
        f"{font_css.font_face_css(text)}"
        f"body {{ margin: 0; font: 22px/1.45 {fonts.FONT_STACK}; overflow-wrap: anywhere; }}"
        "p { margin: 0; } span { white-space: nowrap; }"
        f"</style></head><body>{spans}{paragraphs}</body></html>",
        encoding="utf-8",
    )
    page.goto(path.as_uri())
    statuses = page.evaluate(
        "async () => { await Promise.all([...document.fonts].map(f => f.load()));"
        " await document.fonts.ready; return [...document.fonts].map(f => f.status); }"
    )
    assert statuses == ["loaded"] * 2 * len(fonts.FACES), statuses
    assert not log.page_errors, log.page_errors
    return page.evaluate(
        "() => ({widths: Object.fromEntries([...document.querySelectorAll('span')]"
        ".map(s => [s.id, s.getBoundingClientRect().width])),"
        " heights: [...document.querySelectorAll('p')].map(p => p.getBoundingClientRect().height)})"
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", SPANS)
def test_measured_width_bounds_the_rendered_width_within_3_percent(rendered, name):
    text, bold = SPANS[name]
    measured = fonts.text_width(text, 22, bold=bold)
    width = rendered["widths"][name]

    assert width - LAYOUT_UNIT <= measured <= width * 1.03, (measured, width)


@pytest.mark.browser
@pytest.mark.parametrize("number", range(len(PARAGRAPHS)))
def test_wrapped_line_count_equals_the_browsers(rendered, number):
    text, size, line_height, width = PARAGRAPHS[number]
    lines = rendered["heights"][number] / (size * line_height)

    assert lines == pytest.approx(round(lines), abs=0.01), "a line box taller than line-height"
    assert linebreak.line_count(text, size, width, bold=size == 40) == round(lines)
