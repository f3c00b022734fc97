"""The article slide: sections paged to fit, callouts beside the quotes they check."""

from __future__ import annotations

import re

from showdeck import (
    article_view,
    callouts,
    geometry,
    located_claims,
    markup,
)
from showdeck.loader import load_show
from tests.conftest import write_article


def test_a_paged_slide_marks_each_page_as_a_fragment_that_replaces_the_last(data):
    html = article_view.article_slide(data)
    pages = re.findall(r'<div class="(sd-page[^"]*)" data-sd-page="(\d+)"', html)
    assert len(pages) > 1
    assert pages[0][0] == "sd-page fragment fade-out"
    assert pages[-1][0] == "sd-page fragment"
    assert [int(n) for _c, n in pages] == list(range(1, len(pages) + 1))


def test_every_section_is_in_the_article_slide_in_order(data):
    html = article_view.article_slide(data)
    headings = [markup.section_heading(s) for s in data.article.sections]
    positions = [html.index(f">{h}") for h in headings]
    assert positions == sorted(positions)


def long_section(broken_copy, sentences: int = 40, claims_every: int = 5):
    folder = broken_copy()
    text = [f"Sentence {i} of the article says thing number {i} at some length here."
            for i in range(sentences)]
    paragraphs = [" ".join(text[i:i + 8]) for i in range(0, sentences, 8)]
    claims = [(f"claim-{i}", f"says thing number {i} at", "partly correct")
              for i in range(0, sentences, claims_every)]
    write_article(folder, paragraphs, claims)
    return load_show(folder)


def page_height(page: article_view.SectionPage, data) -> tuple[float, float]:
    """The page's text and callout column heights, measured as pagination measures them."""
    width = geometry.TEXT_COLUMN_WIDTH if page.callouts else geometry.CONTENT_WIDTH
    text = sum(geometry.block_height("".join(r.text for r in p.runs)
                                     + "".join(str(n) for r in p.runs for n in r.refs),
                                     geometry.BODY, width) + geometry.BODY.paragraph_gap
               for p in page.paragraphs)
    claims = {c.id: c for c in data.claims}
    column = sum(callouts.callout_height(claims[_claim_id(data, c.number)], c.number, data)
                 for c in page.callouts)
    return text, column


def _claim_id(data, number: int) -> str:
    for located in located_claims.numbered_claims(data).values():
        for c in located:
            if c.number == number:
                return c.claim.id
    raise KeyError(number)


def test_a_long_section_is_split_into_pages_that_each_fit(broken_copy):
    data = long_section(broken_copy)
    pages = article_view.section_pages(data, "introduction")
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert page.count == f"{number}/{len(pages)}"
        text, callouts = page_height(page, data)
        assert text <= geometry.PAGE_BODY_HEIGHT
        assert callouts <= geometry.PAGE_BODY_HEIGHT


def test_pages_are_filled_not_split_early(broken_copy):
    data = long_section(broken_copy, claims_every=1000)  # one claim, then plain text
    pages = article_view.section_pages(data, "introduction")
    for page in pages[:-1]:
        text, _ = page_height(page, data)
        assert text > geometry.PAGE_BODY_HEIGHT * 0.7


def test_every_sentence_appears_once_across_pages(broken_copy):
    data = long_section(broken_copy)
    text = "".join(r.text for page in article_view.section_pages(data, "introduction")
                   for p in page.paragraphs for r in p.runs)
    for i in range(40):
        assert text.count(f"Sentence {i} of") == 1


def test_each_callout_sits_on_the_page_that_marks_its_quote(broken_copy):
    data = long_section(broken_copy)
    seen: list[int] = []
    for page in article_view.section_pages(data, "introduction"):
        marks = [r.claim for p in page.paragraphs for r in p.runs if r.claim is not None]
        callouts = [c.number for c in page.callouts]
        assert marks == callouts
        seen += callouts
    assert seen == list(range(1, 9))


def test_each_highlight_is_described_by_its_callout(broken_copy):
    html = article_view.article_slide(long_section(broken_copy))
    for number in range(1, 9):
        assert f'data-claim="{number}" aria-describedby="sd-claim-{number}"' in html
        assert f'id="sd-claim-{number}"' in html


def test_a_sentence_with_too_many_claims_repeats_with_the_rest(broken_copy):
    folder = broken_copy()
    words = [f"word{i}" for i in range(12)]
    claims = [(f"c{i}", word, "unverifiable") for i, word in enumerate(words)]
    write_article(folder, [" ".join(words) + "."], claims)
    pages = article_view.section_pages(load_show(folder), "introduction")
    assert len(pages) > 1
    assert [c.number for p in pages for c in p.callouts] == list(range(1, 13))


def test_a_repeated_sentence_is_marked_so_the_notebook_shows_it_once(broken_copy):
    folder = broken_copy()
    words = [f"word{i}" for i in range(12)]
    write_article(folder, [" ".join(words) + "."],
                  [(f"c{i}", word, "unverifiable") for i, word in enumerate(words)])
    data = load_show(folder)
    pages = article_view.section_pages(data, "introduction")
    assert [p.paragraphs[0].repeat for p in pages] == [False] + [True] * (len(pages) - 1)
    html = article_view.article_slide(data)
    assert html.count('<p class="sd-repeat">') == len(pages) - 1
    assert "p.sd-repeat { display: none; }" in markup.stylesheet()


def test_every_article_page_leaves_room_for_a_heading_that_wraps(broken_copy):
    folder = broken_copy()
    long_heading = "An introduction with a heading far too long to sit on one line of the slide"
    write_article(folder, [" ".join(f"Sentence {i} says a thing at some length here."
                                    for i in range(60))], [])
    article = (folder / "article.md").read_text()
    (folder / "article.md").write_text(article.replace("## [introduction]",
                                                       f"## [introduction] {long_heading}"))
    data = load_show(folder)
    assert article_view.heading_extra(long_heading) > 0
    for page in article_view.section_pages(data, "introduction"):
        text, _ = page_height(page, data)
        assert text <= geometry.PAGE_BODY_HEIGHT - article_view.heading_extra(long_heading)


def test_the_provenance_note_cites_its_sources_by_their_sources_slide_numbers():
    from pathlib import Path

    from showdeck.facts import source_numbers

    real = load_show(Path(__file__).resolve().parent.parent / "data" / "akudama-drive")
    article = real.show.article
    first = article_view.section_pages(real, article.provenance_section)[0]
    numbers = source_numbers(real)
    assert first.provenance == article.provenance
    assert [link.text for link in first.provenance_sources] == [
        str(numbers[s.id]) for s in real.cited(article.provenance_sources)]
    assert len(first.provenance_sources) == len(article.provenance_sources)
    html = article_view.article_slide(real)
    note = re.search(r'<p class="sd-provenance">.*?</p>', html, re.DOTALL)[0]
    for link in first.provenance_sources:
        assert f'href="{link.href}"' in note
        assert f">{link.text}</a>" in note
    # The note is measured with its citations: the page it opens holds less text.
    assert article_view.provenance_height(article.provenance, first.provenance_sources) >= \
        article_view.provenance_height(article.provenance)
