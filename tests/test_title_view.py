"""The title slide: the article, the show and the as-of date."""

from __future__ import annotations

from datetime import date

from showdeck import (
    title_view,
)

AS_OF = date(2026, 11, 24)


def test_title_slide_names_article_show_and_as_of(data):
    html = title_view.title_slide(data, AS_OF)
    assert "<h1>" in html
    assert data.article.title in html
    assert '<span lang="ja">ランタンライン</span>' in html
    assert "24 Nov 2026" in html
