"""The embedded fonts: per-character fallback, widths from real metrics, line breaking, subsets."""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import re

import pytest
from fontTools.ttLib import TTFont

from showdeck import font_css, font_subset, fonts, linebreak
from showdeck.errors import ShowdeckError

LATIN, SYMBOLS, CJK, THAI = fonts.FACES
JAPANESE = (
    "アクダマドライブは、2020年に放送されたオリジナルテレビアニメ。「第2期」の制作は"
    "まだ発表されていないが、ファンの期待は大きい。"
)
ENGLISH = (
    "Akudama Drive is an action, adventure, sci-fi anime series by Studio Pierrot and "
    "Too Kyo Games — directed by Tomohisa Taguchi, it ran for 12 episodes in late 2020."
)
THAI_TITLE = "Akudama Drive อนิเมะจากผู้สร้าง Danganronpa ประกาศเลื่อนไปฉายเดือนตุลาคม"
RULE = re.compile(
    r'@font-face \{ font-family: "(?P<family>[^"]+)"; font-style: normal; '
    r"font-weight: (?P<weight>\d+); font-display: swap; "
    r'src: url\("data:font/woff2;base64,(?P<data>[A-Za-z0-9+/=]+)"\) format\("woff2"\); \}'
)


def embedded_fonts(css: str) -> dict[tuple[str, int], TTFont]:
    """Every @font-face rule's font, decoded, by (family, weight)."""
    found = {}
    for match in RULE.finditer(css):
        data = base64.b64decode(match["data"])
        found[match["family"], int(match["weight"])] = TTFont(io.BytesIO(data))
    assert len(found) == css.count("@font-face"), "a rule the pattern does not read"
    return found


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


@pytest.mark.parametrize("text", [ENGLISH, JAPANESE, THAI_TITLE, ENGLISH + JAPANESE])
@pytest.mark.parametrize("width", [120, 300, 864])
def test_no_line_is_wider_than_the_box_unless_it_is_one_character(text, width):
    for line in linebreak.wrap(text, 22, width):
        assert fonts.text_width(line, 22) <= width or len(line) == 1, line


def test_wrapping_keeps_every_character_but_the_spaces_at_breaks():
    lines = linebreak.wrap(ENGLISH + " " + JAPANESE, 22, 300)

    assert "".join(lines).replace(" ", "") == (ENGLISH + JAPANESE).replace(" ", "")


def test_japanese_without_spaces_wraps_into_several_lines():
    lines = linebreak.wrap(JAPANESE, 22, 300)

    assert len(lines) >= 4
    assert all(fonts.text_width(line, 22) > 300 - 2 * 22 for line in lines[:-1]), "lines filled"


def test_no_line_starts_with_closing_punctuation():
    text = "はい、そう。「第2期」は、まだ。ええ、そうです。」と言った。" * 6
    for width in range(4 * 22, 400, 7):  # narrower, "う。」" alone overflows and is broken inside
        lines = linebreak.wrap(text, 22, width)
        assert not [line for line in lines[1:] if line[0] in "、。」』・"], width


def test_a_space_at_a_line_end_does_not_count():
    width = fonts.text_width("Drive Season", 22)

    assert linebreak.wrap("Drive Season two", 22, width) == ["Drive Season", "two"]


def test_breaks_after_hyphens_and_dashes_but_not_slashes():
    width = fonts.text_width("fact-checke", 22)
    assert linebreak.wrap("fact-checked", 22, width) == ["fact-", "checked"]
    width = fonts.text_width("Best Mystery/", 22) + 1
    assert linebreak.wrap("Best Mystery/Psychological", 22, width)[0] == "Best"


def test_a_word_wider_than_the_line_is_broken_inside():
    lines = linebreak.wrap("a Supercalifragilisticexpialidocious b", 22, 150)

    assert lines[0] == "a"
    assert len(lines) >= 3
    assert "".join(lines[1:]).replace(" ", "") == "Supercalifragilisticexpialidociousb"
    assert all(fonts.text_width(line, 22) <= 150 for line in lines)


def test_a_thai_run_is_kept_whole_like_a_word():
    lines = linebreak.wrap(THAI_TITLE, 16, fonts.text_width("Akudama Drive อนิเมะจาก", 16))

    assert lines[:2] == ["Akudama Drive", "อนิเมะจากผู้สร้าง"]


def test_line_count_of_empty_text_is_zero():
    assert linebreak.line_count("", 22, 864) == 0
    assert linebreak.line_count(" \n\t ", 22, 864) == 0
    assert linebreak.line_count("Akudama", 22, 864) == 1


def test_font_face_css_is_deterministic():
    first = font_css.font_face_css(JAPANESE)
    font_subset.subset_base64.cache_clear()

    assert font_css.font_face_css(JAPANESE) == first


def test_font_face_css_has_one_rule_per_face_and_weight_with_characters():
    without_thai = embedded_fonts(font_css.font_face_css(JAPANESE))
    with_thai = embedded_fonts(font_css.font_face_css(THAI_TITLE))

    assert set(without_thai) == {
        (face.family, weight) for face in (LATIN, SYMBOLS, CJK) for weight in (400, 700)
    }
    assert set(with_thai) == {
        (face.family, weight) for face in (LATIN, SYMBOLS, THAI) for weight in (400, 700)
    }


def test_each_subset_holds_exactly_the_characters_its_face_draws_first():
    text = ENGLISH + JAPANESE + THAI_TITLE + "✓◐✗"
    embedded = embedded_fonts(font_css.font_face_css(text))
    base = set(font_css.BASE_CHARACTERS)

    for bold, weight in ((False, 400), (True, 700)):
        expected = {
            face.family: {
                char for char in set(text) | base if fonts.face_of(char, bold=bold) == face
            }
            for face in fonts.FACES
        }
        for family, characters in expected.items():
            cmap = embedded[family, weight].getBestCmap()
            assert {chr(code) for code in cmap} == characters, (family, weight)
    assert "ア" in expected[CJK.family]
    assert set("✓◐✗") <= expected[SYMBOLS.family]
    assert "—" in expected[LATIN.family]


def test_subsets_keep_the_source_fonts_timestamp():
    embedded = embedded_fonts(font_css.font_face_css("Akudama"))
    source = TTFont(LATIN.bold)

    assert embedded[LATIN.family, 700]["head"].modified == source["head"].modified


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


def test_a_cache_file_that_is_not_a_font_is_made_again(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    font_subset.subset_base64.cache_clear()
    first = font_css.font_face_css("Akudama")
    for cached in (tmp_path / "showdeck" / "fonts").glob("*.woff2.b64"):
        cached.write_text("</style><script>alert(1)</script>", encoding="ascii")
    font_subset.subset_base64.cache_clear()
    assert font_css.font_face_css("Akudama") == first
    assert "<script" not in font_css.font_face_css("Akudama")
    font_subset.subset_base64.cache_clear()


def test_the_decks_own_marks_have_a_glyph_in_an_embedded_face():
    for mark in "●○▮✓◐✗":
        assert fonts.face_of(mark) is not None, mark
        assert mark in font_css.BASE_CHARACTERS
