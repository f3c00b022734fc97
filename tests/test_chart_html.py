"""The explorable chart's HTML fragment, read as HTML: each point reachable and named in both
drawings, its details and sources listed, and the fragment carrying all it needs."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import pytest

from showdeck import chart_html, timeline
from showdeck.chart_points import chart_points
from showdeck.loader import load_show
from tests.conftest import FIXTURE_SHOW, REAL_SHOW

AS_OF = date(2026, 11, 24)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module", params=[REAL_SHOW, FIXTURE_SHOW], ids=["real", "fixture"])
def shown(request):
    data = load_show(request.param)
    html = chart_html.chart_html(data, AS_OF)
    parser = Tags()
    parser.feed(html)
    return data, html, parser.tags


def test_every_point_is_a_named_link_in_both_drawings_in_time_order(shown):
    data, _html, tags = shown
    points = chart_points(data, timeline.context_milestones(data, AS_OF))
    assert [p.day for p in points] == sorted(p.day for p in points)
    links = [a for tag, a in tags if tag == "a" and "sd-point" in (a.get("class") or "")]
    assert len(links) == 2 * len(points)  # the wide drawing and the narrow one
    by_key = {}
    for link in links:
        by_key.setdefault(link["data-sd-point"], []).append(link)
    for point in points:
        (wide, narrow) = by_key[point.key]
        for link in (wide, narrow):
            assert point.date_text in link["aria-label"]
            assert point.precision_text in link["aria-label"]
            assert point.heading in link["aria-label"]
            assert link["xlink:href"] == point.sources[0].url


def test_details_list_each_points_date_text_and_sources_in_time_order(shown):
    data, html, tags = shown
    points = chart_points(data, timeline.context_milestones(data, AS_OF))
    items = [a["data-sd-point"] for tag, a in tags if tag == "li" and "data-sd-point" in a]
    assert items == [p.key for p in points]
    hrefs = [a["href"] for tag, a in tags if tag == "a" and a.get("rel") == "noopener"]
    assert hrefs == [s.url for p in points for s in p.sources]
    assert "(month only)" in html or all(p.precision == "day" for p in points)


def test_the_fragment_carries_its_style_fonts_and_script_and_no_id_twice(shown):
    _data, html, tags = shown
    ids = Counter(a["id"] for _tag, a in tags if a.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []
    assert html.count("<style>") == 1
    assert html.count("<script>") == 1
    assert '@font-face { font-family: "SD Chart Noto Sans"' in html
    assert 'font-family: "SD Noto Sans"' not in html  # never replaces the page's own faces
    assert "@container" in html
    assert not re.search(r"(src|href)=\"(?!https?://|#|data:)", html)  # nothing to fetch
