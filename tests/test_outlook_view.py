"""The outlook slide: the wait, the sequel status, the record and what the data cannot know."""

from __future__ import annotations

import re
from datetime import date

from showdeck import (
    geometry,
    outlook_view,
)
from showdeck.loader import load_show

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
