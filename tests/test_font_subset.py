"""The WOFF2 subsets: exactly the characters each face draws, the source's timestamp, a safe
cache."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from showdeck import font_css, font_subset, fonts
from tests.conftest import ENGLISH, JAPANESE, THAI_TITLE, embedded_fonts

LATIN, SYMBOLS, CJK, THAI = fonts.FACES


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
