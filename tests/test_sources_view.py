"""The Sources slide: exactly the sources the deck cites, numbered 1..N without gaps across its
pages."""

from __future__ import annotations

import re
from html import unescape

import pytest

from showdeck import facts, sources_view
from showdeck.loader import load_show
from tests.conftest import FIXTURE_SHOW, REAL_SHOW

LIST = re.compile(r'<ol class="sd-source-list" start="(\d+)">(.*?)</ol>', re.DOTALL)
ITEM = re.compile(r'<li class="sd-source" id="sd-source-(\d+)"><a href="([^"]*)"')


def shown_numbers_and_links(html: str) -> list[tuple[int, int, str]]:
    """Each listed source as (number the browser shows, number of its anchor, href)."""
    shown = []
    for start, body in LIST.findall(html):
        shown.extend((int(start) + i, int(anchor), unescape(href))
                     for i, (anchor, href) in enumerate(ITEM.findall(body)))
    return shown


@pytest.fixture
def many_sources(broken_copy):
    """The fixture show citing 60 more sources: the list needs several pages."""
    folder = broken_copy()
    lines = (folder / "sources.csv").read_text().splitlines()
    header, first = lines[0], lines[1]
    extra = [first.replace("fixture-guide", f"extra-{i}", 1) for i in range(60)]
    (folder / "sources.csv").write_text("\n".join([header, *lines[1:], *extra]) + "\n")
    episodes = (folder / "episodes.csv").read_text().splitlines()
    cites = ";".join(f"extra-{i}" for i in range(60))
    episodes[1] = episodes[1].replace("fixture-guide", f"fixture-guide;{cites}", 1)
    (folder / "episodes.csv").write_text("\n".join(episodes) + "\n")
    return load_show(folder)


@pytest.mark.parametrize("folder", [REAL_SHOW, FIXTURE_SHOW], ids=["real", "fixture"])
def test_the_sources_slide_lists_exactly_the_cited_sources_in_order(folder):
    data = load_show(folder)
    shown = shown_numbers_and_links(sources_view.sources_slide(data, "Sources"))
    cited = facts.cited_sources(data)
    assert [href for _n, _a, href in shown] == [s.link for s in cited]


def test_the_real_sources_slide_shows_the_provenance_notes_sources():
    data = load_show(REAL_SHOW)
    html = sources_view.sources_slide(data, "Sources")
    for sid in data.show.article.provenance_sources:
        assert data.sources[sid].link in {h for _n, _a, h in shown_numbers_and_links(html)}, sid
    assert len(shown_numbers_and_links(html)) == len(data.sources)  # every one is cited


def test_sources_are_paginated_and_numbered_on(many_sources):
    pages = sources_view.sources_pages(many_sources)
    assert len(pages) > 1
    assert pages[1].start == len(pages[0].items) + 1


@pytest.mark.parametrize("show", ["real", "many"])
def test_source_numbers_are_gapless_on_every_page(show, many_sources):
    data = load_show(REAL_SHOW) if show == "real" else many_sources
    html = sources_view.sources_slide(data, "Sources")
    assert len(LIST.findall(html)) > 1, "the list must split over pages to test the split"
    shown = shown_numbers_and_links(html)
    assert [n for n, _a, _h in shown] == list(range(1, len(shown) + 1))
    assert [a for _n, a, _h in shown] == [n for n, _a, _h in shown]
    numbers = facts.source_numbers(data)
    cited = [numbers[s.id] for s in facts.cited_sources(data)]
    assert cited == [n for n, _a, _h in shown], "the list's numbers differ from the citations'"
