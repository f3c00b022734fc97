"""Claims found in the article: numbered in order, sentence units that never cut a quote."""

from __future__ import annotations

from showdeck import (
    article_view,
    located_claims,
)
from showdeck.article_record import ArticleSection
from showdeck.loader import load_show
from tests.conftest import write_article


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
