"""The slides: escaped data, pages measured to fit, callouts beside their claims."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from showdeck import (
    article_view,
    callouts,
    geometry,
    located_claims,
    markup,
    outlook_view,
    slide_list,
    tables_view,
    title_view,
)
from showdeck.article_record import ArticleSection
from showdeck.loader import load_show
from showdeck.slide_list import SLIDES
from tests.conftest import FIXTURE_SHOW

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def data():
    return load_show(FIXTURE_SHOW)


def write_article(folder, paragraphs: list[str], claims: list[tuple[str, str, str]]) -> None:
    """Replace the fixture's introduction with `paragraphs`, and its claims with `claims`
    given as (id, quote, verdict); other claim columns are copied from the first claim."""
    article = (folder / "article.md").read_text()
    start = article.index("## [introduction]")
    end = article.index("## [renewal-status]")
    intro = "## [introduction]\n\n" + "\n\n".join(paragraphs) + "\n\n"
    (folder / "article.md").write_text(article[:start] + intro + article[end:])
    rows = list(csv.DictReader(io.StringIO((folder / "claims.csv").read_text())))
    template = rows[0]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(template), lineterminator="\n")
    writer.writeheader()
    for cid, quote, verdict in claims:
        writer.writerow({**template, "id": cid, "section": "introduction", "quote": quote,
                         "topic": f"topic {cid}", "verdict": verdict,
                         "correction": f"Correction for {cid}."})
    (folder / "claims.csv").write_text(out.getvalue())


def all_html(data) -> str:
    """Every slide of the slide list and its notes."""
    return "".join([*(slide.view(data, AS_OF) for slide in SLIDES),
                    *(slide_list.speaker_notes(data, slide.id, AS_OF) for slide in SLIDES)])


def test_data_text_is_escaped_everywhere(broken_copy):
    folder = broken_copy()
    evil = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    write_article(folder, [f"Before {evil} after."], [("evil", evil, "incorrect")])
    sources = (folder / "sources.csv").read_text().replace(
        "Lantern Line episode guide", '"Guide <b onclick=""x"">bold</b>"')
    (folder / "sources.csv").write_text(sources)
    html = all_html(load_show(folder))
    assert "<script" not in html
    assert "<img" not in html
    assert "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onclick=&#34;x&#34;&gt;" in html


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("data:text/html,hi", None),
    ("//example.org", None),
])
def test_only_http_links_survive(url, safe):
    assert markup.safe_url(url) == safe


def test_a_quote_in_a_link_cannot_leave_its_attribute():
    link = markup.Link("x", 'https://example.org/"onmouseover="x')
    html = markup.render("link", link)
    assert 'href="https://example.org/&#34;onmouseover=&#34;x"' in html


def test_title_slide_names_article_show_and_as_of(data):
    html = title_view.title_slide(data, AS_OF)
    assert "<h1>" in html
    assert data.article.title in html
    assert '<span lang="ja">ランタンライン</span>' in html
    assert "24 Nov 2026" in html


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


def test_quotes_are_never_cut_by_a_page_break(broken_copy):
    folder = broken_copy()
    text = [f"Sentence {i} of the article says thing number {i} at some length here."
            for i in range(40)]
    paragraphs = [" ".join(text[i:i + 8]) for i in range(0, 40, 8)]
    # Two sentence ends inside one checked quote, in a section long enough for several pages.
    spanning = ("thing number 9 at some length here. Sentence 10 of the article says thing "
                "number 10 at some length here. Sentence 11 of")
    write_article(folder, paragraphs, [
        ("spanning", spanning, "partly correct"),
        *((f"claim-{i}", f"says thing number {i} at", "correct") for i in range(0, 40, 7)),
    ])
    data = load_show(folder)
    section = data.article.section("introduction")
    located = located_claims.locate_claims(section, data.claims)
    quote = next(c for c in located if c.claim.id == "spanning")
    free_cuts = [u.end for u in located_claims.sentence_units(section, []) if u.paragraph == 1]
    assert sum(quote.start < cut < quote.end for cut in free_cuts) == 2, "no sentence end inside"
    for unit in located_claims.sentence_units(section, located):
        for claim in located:
            if claim.paragraph == unit.paragraph:
                assert not claim.start < unit.end < claim.end, claim.claim.id
    pages = article_view.section_pages(data, "introduction")
    assert len(pages) > 1
    runs = [r.text for page in pages for p in page.paragraphs for r in p.runs
            if r.claim == quote.number]
    assert spanning in runs


def test_japanese_sentences_are_page_break_points():
    section = ArticleSection(id="x", heading=None, paragraphs=("第一文です。第二文です！第三文。",))  # noqa: RUF001
    units = located_claims.sentence_units(section, [])
    assert [section.paragraphs[0][u.start:u.end] for u in units] == [
        "第一文です。", "第二文です！", "第三文。"]  # noqa: RUF001


def test_claims_are_numbered_through_the_whole_article(data):
    numbers = [c.number for located in located_claims.numbered_claims(data).values() for c in located]
    assert numbers == list(range(1, len(data.claims) + 1))


def test_timeline_tables_list_every_episode_and_event(data):
    pages = tables_view.timeline_tables(data, AS_OF)
    rows = [row for page in pages for row in page.rows]
    assert [r[0] for r in rows[:len(data.episodes)]] == [str(e.number) for e in data.episodes]
    html = tables_view.timeline_table_slide(data, AS_OF)
    assert html.count('<th scope="row">') == len(rows)
    assert "<caption>" in html


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


def test_the_stylesheet_uses_the_geometry_pagination_measures():
    css = markup.stylesheet()
    assert f"font-size: {geometry.BODY.size_px}px" in css
    assert f"gap: {geometry.COLUMN_GAP}px" in css
    assert ".reveal .sd-pages > .sd-page { grid-area: 1 / 1;" in css


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


def test_the_stylesheet_is_css_not_escaped_html():
    css = markup.stylesheet()
    assert '"SD Noto Sans"' in css
    assert "&#34;" not in css
    assert "&gt;" not in css


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
