"""The @font-face rules: deterministic, one per face and weight, with the deck's own marks."""

from __future__ import annotations

from showdeck import font_css, font_subset, fonts
from tests.conftest import RULE, embedded_fonts

LATIN, SYMBOLS, CJK, THAI = fonts.FACES


JAPANESE = (
    "アクダマドライブは、2020年に放送されたオリジナルテレビアニメ。「第2期」の制作は"
    "まだ発表されていないが、ファンの期待は大きい。"
)


THAI_TITLE = "Akudama Drive อนิเมะจากผู้สร้าง Danganronpa ประกาศเลื่อนไปฉายเดือนตุลาคม"


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
    # Every deck carries the CJK face's arrows (reveal.js's help, BASE_CHARACTERS).
    assert set(with_thai) == {
        (face.family, weight) for face in (LATIN, SYMBOLS, CJK, THAI) for weight in (400, 700)
    }
    assert set(with_thai[CJK.family, 400].getBestCmap()) == {ord(c) for c in "←↑→↓"}


def test_the_decks_own_marks_have_a_glyph_in_an_embedded_face():
    for mark in "●○▮✓◐✗":
        assert fonts.face_of(mark) is not None, mark
        assert mark in font_css.BASE_CHARACTERS


def test_each_rules_unicode_range_names_exactly_the_characters_its_subset_draws():
    css = font_css.font_face_css(JAPANESE + THAI_TITLE + "✓◐")
    fonts_by_rule = embedded_fonts(css)
    ranges = {(m["family"], int(m["weight"])): m["range"] for m in RULE.finditer(css)}
    assert set(ranges) == set(fonts_by_rule)
    for key, font in fonts_by_rule.items():
        named: set[int] = set()
        for part in ranges[key].split(", "):
            first, _, last = part.removeprefix("U+").partition("-")
            named.update(range(int(first, 16), int(last or first, 16) + 1))
        assert named == set(font.getBestCmap()), key


def test_unicode_range_joins_neighbours_into_one_range():
    assert font_css.unicode_range("cab") == "U+61-63"
    assert font_css.unicode_range("a c\u3042") == "U+20, U+61, U+63, U+3042"
