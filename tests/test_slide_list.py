"""The slide list: the one place that says which slides a deck has, read by the notebook's
`Presentation`, the agenda, the notes and the views."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from showdeck import markup, slide_list
from showdeck.loader import load_show
from showdeck.presentation import Presentation
from showdeck.slide_list import SLIDES, UnknownSlide
from tests.conftest import FIXTURE_SHOW

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def data():
    return load_show(FIXTURE_SHOW)


def test_the_deck_has_these_slides_in_this_order():
    assert [s.id for s in SLIDES] == ["title", "agenda", "article", "timeline",
                                      "timeline-table", "outlook", "sources"]
    assert len({s.kind for s in SLIDES}) == len(SLIDES)


@pytest.mark.parametrize("slide", SLIDES, ids=[s.id for s in SLIDES])
def test_each_slide_renders_as_listed(data, slide):
    html = slide.view(data, AS_OF)
    assert f'data-sd-slide="{slide.kind}"' in html
    headings = [unescape(h) for h in re.findall(r"<h2>(.*?)(?: <span|</h2>)", html)]
    if slide.heading:
        assert headings, html[:300]
        assert headings[0].startswith(slide.heading)


@pytest.mark.parametrize("slide", SLIDES, ids=[s.id for s in SLIDES])
def test_each_slide_has_its_presentation_method_and_speaker_notes(data, slide):
    assert callable(getattr(Presentation, slide.method))
    html = slide_list.speaker_notes(data, slide.id, AS_OF)
    assert html.startswith('<details class="sd-notes"><summary>Speaker notes</summary>')
    assert "<li>" in html


def test_the_agenda_lists_the_articles_sections_then_the_listed_slides(data):
    html = slide_list.slide("agenda").view(data, AS_OF)
    items = [unescape(i) for i in re.findall(r"<li><a [^>]*>(.*?)</a></li>", html)]
    sections = [markup.section_heading(s) for s in data.article.sections]
    assert items == [*sections, "Airing timeline", "Will it come back?", "Sources"]
    assert items == [i.label for i in slide_list.agenda_for(data)]


def test_article_notes_repeat_each_sections_verdicts(data):
    html = slide_list.speaker_notes(data, "article", AS_OF)
    for section in data.article.sections:
        assert markup.section_heading(section) in html
    for claim in data.claims:
        assert claim.verdict in html


def test_an_unknown_slide_is_an_error_naming_the_slides(data):
    with pytest.raises(UnknownSlide, match=r"no slide 'timeline_table'; the slides are title, "):
        slide_list.speaker_notes(data, "timeline_table", AS_OF)
