"""The slides' HTML: escaped data, pages that fit, callouts beside their claims."""

from __future__ import annotations

import re
from datetime import date

import pytest

from showdeck import slides
from showdeck.loader import load_show
from tests.conftest import FIXTURE_SHOW

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def data():
    return load_show(FIXTURE_SHOW)


def write_article(folder, paragraphs: list[str], claims: list[tuple[str, str, str]]) -> None:
    """Replace the fixture's introduction with `paragraphs`, and its claims with `claims`
    given as (id, quote, verdict)."""
    article = (folder / "article.md").read_text()
    start = article.index("## [introduction]")
    end = article.index("## [renewal-status]")
    intro = "## [introduction]\n\n" + "\n\n".join(paragraphs) + "\n\n"
    (folder / "article.md").write_text(article[:start] + intro + article[end:])
    rows = "".join(f'{cid},introduction,"{quote}",topic {cid},{verdict},'
                   f"Correction for {cid}.,fixture-guide\n" for cid, quote, verdict in claims)
    (folder / "claims.csv").write_text(
        "id,section,quote,topic,verdict,correction,sources\n" + rows)


def test_data_text_is_escaped_everywhere(broken_copy):
    folder = broken_copy()
    evil = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    write_article(folder, [f"Before {evil} after."], [("evil", evil, "incorrect")])
    sources = (folder / "sources.csv").read_text().replace(
        "Lantern Line episode guide", '"Guide <b onclick=""x"">bold</b>"')
    (folder / "sources.csv").write_text(sources)
    data = load_show(folder)
    html = "".join([*slides.section_pages(data, "introduction"), *slides.sources_pages(data),
                    slides.speaker_notes(data, "introduction", AS_OF).data])
    assert "<script" not in html
    assert "<img" not in html
    assert "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onclick=&quot;x&quot;&gt;" in html


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("data:text/html,hi", None),
    ("//example.org", None),
    ('https://example.org/"onmouseover="x', "https://example.org/&quot;onmouseover=&quot;x"),
])
def test_only_http_links_survive_and_they_are_escaped(url, safe):
    assert slides.safe_url(url) == safe


def test_title_slide_names_article_show_and_as_of(data):
    html = slides.title_slide(data, AS_OF).data
    assert "<h1>Lantern Line Season 2: Is It Coming?</h1>" in html
    assert '<span lang="ja">ランタンライン</span>' in html
    assert "as of 24 Nov 2026" in html
    assert 'href="https://example.org/lantern-line-season-2"' in html


def test_agenda_lists_the_articles_sections_then_the_deck(data):
    assert slides.agenda_items(data) == [
        "Introduction", "Lantern Line Season 2: Renewal Status", "About the author",
        "Airing timeline", "Will it come back?", "Sources",
    ]


def test_a_short_section_is_one_page_with_its_callouts(data):
    (page,) = slides.section_pages(data, "introduction")
    assert "<h2>Introduction</h2>" in page  # no page count on a single page
    assert '<mark class="sd-claim" data-claim="1">directed by Aoi Example</mark>' in page
    assert '<mark class="sd-claim" data-claim="2">ran for 4 episodes</mark>' in page
    assert 'class="sd-callout sd-verdict-correct" data-claim="1"' in page
    assert 'class="sd-callout sd-verdict-incorrect" data-claim="2"' in page
    assert "✗ Incorrect" in page
    assert "Lantern Line ran for 3 episodes." in page
    assert "Sources: <a href=\"https://example.org/lantern-line\"" in page


def test_a_section_without_claims_has_no_callout_column(data):
    (page,) = slides.section_pages(data, "about-the-author")
    assert "sd-callouts" not in page
    assert "The author writes about invented shows." in page


def long_section(broken_copy, sentences: int = 40, claims_every: int = 5):
    folder = broken_copy()
    text = [f"Sentence {i} of the article says thing number {i} at some length here."
            for i in range(sentences)]
    paragraphs = [" ".join(text[i:i + 8]) for i in range(0, sentences, 8)]
    claims = [(f"claim-{i}", f"says thing number {i} at", "partly correct")
              for i in range(0, sentences, claims_every)]
    write_article(folder, paragraphs, claims)
    return load_show(folder)


def test_a_long_section_is_split_into_pages_that_each_fit(broken_copy):
    data = long_section(broken_copy)
    pages = slides.section_pages(data, "introduction")
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f'<span class="sd-page-count">{number}/{len(pages)}</span>' in page
        text = re.sub(r"<[^>]+>", "", page.split('<div class="sd-callouts">')[0])
        width = slides.COLUMN_CHARS if "sd-callouts" in page else slides.FULL_WIDTH_CHARS
        assert len(text) / width <= slides.TEXT_LINES + 2


def test_every_sentence_appears_once_across_pages(broken_copy):
    data = long_section(broken_copy)
    text = "".join(re.sub(r"<[^>]+>", "", p.split('<div class="sd-callouts">')[0])
                   for p in slides.section_pages(data, "introduction"))
    for i in range(40):
        assert text.count(f"Sentence {i} of") == 1


def test_each_callout_sits_on_the_page_that_marks_its_quote(broken_copy):
    data = long_section(broken_copy)
    seen: list[str] = []
    for page in slides.section_pages(data, "introduction"):
        marks = re.findall(r'<mark class="sd-claim" data-claim="(\d+)">', page)
        callouts = re.findall(r'<div class="sd-callout [^"]*" data-claim="(\d+)">', page)
        assert marks == callouts
        seen += callouts
    assert seen == [str(n) for n in range(1, 9)]


def test_a_sentence_with_too_many_claims_repeats_with_the_rest(broken_copy):
    folder = broken_copy()
    words = [f"word{i}" for i in range(12)]
    claims = [(f"c{i}", word, "unverifiable") for i, word in enumerate(words)]
    write_article(folder, [" ".join(words) + "."], claims)
    pages = slides.section_pages(load_show(folder), "introduction")
    assert len(pages) > 1
    all_callouts = [c for p in pages
                    for c in re.findall(r'class="sd-callout [^"]*" data-claim="(\d+)"', p)]
    assert all_callouts == [str(n) for n in range(1, 13)]


def test_quotes_are_never_cut_by_a_page_break(broken_copy):
    data = long_section(broken_copy)
    section = data.article.section("introduction")
    located = slides.locate_claims(section, data.claims)
    for unit in slides.sentence_units(section, located):
        for claim in located:
            if claim.paragraph == unit.paragraph:
                inside = unit.start <= claim.start < unit.end
                assert not inside or claim.end <= unit.end


def test_show_pages_tags_each_output_with_its_page_number(data):
    shown = []
    slides.show_pages(["<p>a</p>", "<p>b</p>"], show=lambda obj, metadata: shown.append(
        (obj.data, metadata)))
    assert shown == [("<p>a</p>", {"showdeck": {"page": 1}}),
                     ("<p>b</p>", {"showdeck": {"page": 2}})]


def test_chart_slide_is_an_svg_image_with_alt_text(data):
    html = slides.chart_slide(data, AS_OF).data
    assert html.startswith('<div class="sd-slide sd-chart-slide"><h2>Airing timeline</h2>'
                           '<figure class="sd-chart">')
    assert 'alt="Timeline of Lantern Line: 3 episodes aired weekly on Fridays' in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'width="960"' in html


def test_outlook_pages_give_the_wait_status_record_and_limits(data):
    first, second, third = slides.outlook_pages(data, AS_OF)
    assert '<span class="sd-stat-number">2,776</span>' in first
    assert "Season 2: not announced" in first
    assert "checked 31 Jan 2024" in first
    assert "sd-status-not-announced" in first
    assert "Nothing dated after the finale is in the record." in second
    assert "What the data cannot know" in third
    assert "last checked on 31 Jan 2024" in third


def test_sources_slide_lists_every_used_source_once(data):
    html = "".join(slides.sources_pages(data))
    for source in data.sources.values():
        assert html.count(f'href="{source.link}"') == 1


def test_sources_are_paginated_and_numbered_on(broken_copy):
    folder = broken_copy()
    rows = "".join(f"s{i},Source number {i} with a title,https://example.org/{i},Pub {i},,"
                   "2024-01-31,\n" for i in range(40))
    with (folder / "sources.csv").open("a") as f:
        f.write(rows)
    ids = ";".join(["fixture-guide"] + [f"s{i}" for i in range(40)])
    claims = (folder / "claims.csv").read_text().replace(",fixture-guide\n", f",{ids}\n")
    (folder / "claims.csv").write_text(claims)
    pages = slides.sources_pages(load_show(folder))
    assert len(pages) > 1
    starts = [int(re.search(r'start="(\d+)"', p).group(1)) for p in pages]
    counts = [p.count('<li class="sd-source">') for p in pages]
    assert sum(counts) == 42
    assert starts == [1 + sum(counts[:i]) for i in range(len(pages))]


def test_unused_sources_are_not_listed(broken_copy):
    folder = broken_copy()
    with (folder / "sources.csv").open("a") as f:
        f.write("unused,Never cited,https://example.org/unused,Nobody,,2024-01-31,\n")
    assert "unused" not in [s.id for s in slides.used_sources(load_show(folder))]


@pytest.mark.parametrize("topic", ["title", "agenda", "introduction", "renewal-status",
                                   "about-the-author", "timeline", "outlook", "sources"])
def test_every_content_slide_has_speaker_notes(data, topic):
    notes = slides.speaker_notes(data, topic, AS_OF)
    assert notes is not None
    assert notes.data.startswith('<div class="sd-notes"><ul><li>')


def test_notes_for_a_section_repeat_its_verdicts(data):
    notes = slides.speaker_notes(data, "introduction", AS_OF).data
    assert "2. “ran for 4 episodes”: incorrect. Lantern Line ran for 3 episodes." in notes


def test_no_notes_for_a_section_the_article_lacks(data):
    assert slides.speaker_notes(data, "plotline", AS_OF) is None


def test_show_article_opens_a_slide_per_section_with_its_notes(fixture_show):
    from datetime import date

    from showdeck import load_show
    from showdeck.slides import show_article

    data = load_show(fixture_show)
    shown: list[tuple[str, dict]] = []
    show_article(data, date(2026, 11, 24), show=lambda obj, metadata: shown.append(
        (obj.data, metadata["showdeck"])))
    kinds = [mark["slide_type"] for _, mark in shown]
    assert kinds == ["slide", "notes"] * len(data.article.sections)
    assert [mark["page"] for _, mark in shown] == list(range(1, len(shown) + 1))
    for (page, _), section in zip(shown[::2], data.article.sections, strict=True):
        assert f'data-section="{section.id}"' in page
    assert all('class="sd-notes"' in notes for notes, _ in shown[1::2])
