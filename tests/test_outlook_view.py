"""The outlook slide: the wait, the sequel status, the record and what the data cannot know."""

from __future__ import annotations

import html
import re
from datetime import date

from showdeck import (
    geometry,
    markup,
    outlook_view,
)
from showdeck.loader import load_show
from tests.conftest import REAL_SHOW

AS_OF = date(2026, 11, 24)


def test_outlook_pages_give_the_wait_status_record_and_limits(data):
    pages = outlook_view.outlook_pages(data, AS_OF)
    assert pages[0].stats
    assert pages[0].status is not None
    html = outlook_view.outlook_slide(data, AS_OF)
    assert "days since the finale" in html
    assert "What the data cannot know" in html


def test_source_citations_are_named_by_their_source(data):
    html = outlook_view.outlook_slide(data, AS_OF)
    for label in re.findall(r'<a [^>]*aria-label="([^"]+)"[^>]*>\d+</a>', html):
        assert label.startswith("Source ")
        assert ": " in label


def test_a_first_outlook_page_too_full_moves_its_quote_on(broken_copy):
    folder = broken_copy()
    show = (folder / "show.toml").read_text()
    long_note = "A very long sequel note. " * 3
    quote = ("No second season of the invented Lantern Line has been announced anywhere, "
             "according to every interview, magazine, broadcaster listing and studio "
             "statement we could find.")
    show = show.replace('evidence = "No second season of Lantern Line has been announced."',
                        f'evidence = "{quote}"')
    (folder / "show.toml").write_text(show.replace('note = "', 'note = "' + long_note))
    data = load_show(folder)
    first = outlook_view.outlook_pages(data, AS_OF)[0]
    height = outlook_view.first_outlook_height(first.stats, first.status)
    assert height <= geometry.PAGE_BODY_HEIGHT * (1 - geometry.SAFETY)


AS_OF = date(2026, 11, 24)


def test_the_outlook_slide_quotes_the_status_as_the_page_reads_without_its_markdown():
    # eatsip365 stores "**no official announcement**"; the reader sees no asterisks, nor does
    # the audience.
    real = load_show(REAL_SHOW)
    slide = html.unescape(outlook_view.outlook_slide(real, AS_OF))
    assert ("\u201cAs of early 2026, there has been no official announcement from Studio "
            "Pierrot") in slide
    assert "*" not in slide
    quotes = [real.show.sequel.evidence, *(c.evidence for c in real.claims)]
    assert not any("**" in q for q in quotes)


def test_a_subheading_split_over_pages_is_marked_so_the_notebook_shows_it_once():
    real = load_show(REAL_SHOW)
    pages = outlook_view.outlook_pages(real, AS_OF)
    by_subheading: dict[str, list[bool]] = {}
    for page in pages:
        if page.subheading:
            by_subheading.setdefault(page.subheading, []).append(page.subheading_repeats)
    split = [s for s, marks in by_subheading.items() if len(marks) > 1]
    assert split, "some subheading of the real outlook spans pages"
    for marks in by_subheading.values():
        assert marks == [False] + [True] * (len(marks) - 1)
    slide = outlook_view.outlook_slide(real, AS_OF)
    for subheading, marks in by_subheading.items():
        shown = html.escape(subheading, quote=False)
        assert slide.count(f"<h3>{shown}</h3>") == 1, subheading
        assert slide.count(f'<h3 class="sd-continued">{shown}</h3>') == len(marks) - 1
    css = markup.stylesheet()
    assert ".sd-slide h3.sd-continued, .sd-slide .sd-page-count { display: none; }" in css
    assert ".reveal .sd-slide h2.sd-continued, .reveal .sd-slide h3.sd-continued { display: block; }" in css
