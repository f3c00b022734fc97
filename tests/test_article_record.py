"""The article's records: a section is found by its id, and its text keeps its paragraphs."""

from __future__ import annotations

import pytest

from showdeck.article_record import Article, ArticleSection


def article() -> Article:
    return Article(title="T", sections=(
        ArticleSection(id="intro", heading=None, paragraphs=("One.", "Two.")),
        ArticleSection(id="next", heading="Next", paragraphs=("Three.",)),
    ))


def test_a_section_is_found_by_its_id():
    assert article().section("next").heading == "Next"
    assert article().section("intro").heading is None


def test_an_unknown_section_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="the article has no section 'epilogue'"):
        article().section("epilogue")


def test_a_sections_text_is_its_paragraphs_a_blank_line_apart():
    assert article().section("intro").text == "One.\n\nTwo."
