"""Line breaking: lines no wider than the box, every character kept, CJK and Thai rules."""

from __future__ import annotations

import pytest

from showdeck import fonts, linebreak
from tests.conftest import ENGLISH, JAPANESE, THAI_TITLE


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
