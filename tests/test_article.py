"""The article (article.md): sections, paragraphs and captions."""

from __future__ import annotations

from showdeck.loader import parse_article


def test_article_sections_keep_words_and_find_captions():
    article = parse_article(
        "# T\n\n## [intro]\n\nOne line,\ncontinued.\n\nTwo.\n\n## [next] Heading: Two\n\n"
        "![Lost image]()\n\nText.\n"
    )
    assert article is not None
    intro, second = article.sections
    assert intro.heading is None
    assert intro.paragraphs == ("One line, continued.", "Two.")
    assert (second.heading, second.image_caption, second.paragraphs) == (
        "Heading: Two", "Lost image", ("Text.",)
    )
