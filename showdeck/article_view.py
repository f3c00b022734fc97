"""The article's sections as pages measured to fit, each page with the callouts of the quotes
it marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from showdeck import geometry
from showdeck.article_record import ArticleSection
from showdeck.callouts import CalloutView, callout, callout_groups, callout_height
from showdeck.facts import ShowData, per_show, source_numbers
from showdeck.located_claims import (
    LocatedClaim,
    Unit,
    claims_in,
    numbered_claims,
    paragraph_spans,
    sentence_units,
    text_height,
)
from showdeck.markup import (
    Link,
    cite_links,
    cites_text,
    claim_anchor,
    render,
    section_anchor,
    section_heading,
)
from showdeck.pages import page_counter as _count
from showdeck.pagination import PagedView


def _fits(section: ArticleSection, units: list[Unit], located: list[LocatedClaim],
          data: ShowData, available: float = geometry.PAGE_BODY_HEIGHT) -> bool:
    claims = claims_in(units, located)
    width = geometry.TEXT_COLUMN_WIDTH if claims else geometry.CONTENT_WIDTH
    text = text_height(section, units, located, width)
    callouts = sum(callout_height(c.claim, c.number, data) for c in claims)
    return geometry.fits(text, available) and geometry.fits(callouts, available)


def provenance_note(data: ShowData, section_id: str) -> str:
    """The article's provenance note, for the section it is about (else empty)."""
    article = data.show.article
    return article.provenance if article.provenance_section == section_id else ""


def provenance_cites(data: ShowData, section_id: str) -> list[Link]:
    """The provenance note's sources, numbered as on the Sources slide (else none)."""
    if not provenance_note(data, section_id):
        return []
    return cite_links(data.cited(data.show.article.provenance_sources), source_numbers(data))


def provenance_height(note: str, cites: list[Link] | None = None) -> float:
    return (geometry.block_height("Where this text comes from: " + note + cites_text(cites or []),
                                  geometry.CALLOUT_SOURCE, geometry.CONTENT_WIDTH)
            + geometry.CALLOUT_GAP) if note else 0.0


def heading_extra(heading: str) -> float:
    """What a heading takes beyond the one line every page plans for (a long heading wraps);
    measured with its page count, at full size to be safe."""
    return geometry.block_height(f"{heading} 99/99", geometry.H2,
                                 geometry.CONTENT_WIDTH) - geometry.H2.line_px


def paginate(section: ArticleSection, units: list[Unit], located: list[LocatedClaim],
             data: ShowData, first_page_taken: float = 0.0,
             every_page_taken: float = 0.0) -> list[list[Unit]]:
    """Greedy pages: a unit that does not fit starts a new page (alone, it always fits).

    `first_page_taken` is height the first page gives to a note above the text,
    `every_page_taken` height every page gives to a heading of more than one line. Each unit
    is measured against the page so far, so the work grows with the units times a page's size."""
    pages: list[list[Unit]] = [[]]
    for unit in units:
        available = (geometry.PAGE_BODY_HEIGHT - every_page_taken
                     - (first_page_taken if len(pages) == 1 else 0))
        if pages[-1] and not _fits(section, [*pages[-1], unit], located, data, available):
            pages.append([])
        pages[-1].append(unit)
    return pages


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: plain text (claim None) or a checked quote, then claim numbers."""

    text: str
    claim: int | None = None
    anchor: str = ""
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class ParagraphView:
    runs: list[Run]
    continues: bool = False
    #: Shown again on this page for callouts that did not fit the page before; the slide
    #: needs it, the notebook's continuous text does not.
    repeat: bool = False


@dataclass(frozen=True)
class SectionPage:
    heading: str
    count: str
    section: str
    paragraphs: list[ParagraphView]
    callouts: list[CalloutView]
    provenance: str = ""
    #: The provenance note's sources, as Sources-slide numbers linked to each source.
    provenance_sources: list[Link] = field(default_factory=list)
    #: The element id of the section's first page: where the agenda links to.
    anchor: str = ""


def _runs(paragraph: str, start: int, end: int, claims: list[LocatedClaim]) -> list[Run]:
    """The paragraph's text from start to end, each checked quote a run of its own."""
    runs: list[Run] = []
    cursor = start
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < cursor:  # a quote inside another: its number follows the outer one
            last = runs[-1]
            runs[-1] = Run(last.text, last.claim, last.anchor, (*last.refs, claim.number))
            continue
        if claim.start > cursor:
            runs.append(Run(paragraph[cursor:claim.start]))
        runs.append(Run(paragraph[claim.start:claim.end], claim.number,
                        claim_anchor(claim.number), (claim.number,)))
        cursor = claim.end
    tail = paragraph[cursor:end].rstrip()
    if tail:
        runs.append(Run(tail))
    if runs and runs[0].claim is None:
        runs[0] = Run(runs[0].text.lstrip(), None, "", runs[0].refs)
    return runs


def section_pages(data: ShowData, section_id: str,
                  located: list[LocatedClaim] | None = None) -> list[SectionPage]:
    """The section as pages; each page carries the callouts of the quotes it marks.

    A sentence with more fact-checks than one column holds is shown again on the next page
    with the rest of its callouts.
    """
    section = data.article.section(section_id)
    if located is None:
        located = numbered_claims(data)[section_id]
    unplaced = [c for c in located if c.paragraph is None]
    note = provenance_note(data, section_id)
    note_cites = provenance_cites(data, section_id)
    note_height = provenance_height(note, note_cites)
    heading = section_heading(section)
    above = heading_extra(heading)
    plan: list[tuple[list[Unit], list[LocatedClaim]]] = []
    for number, units in enumerate(paginate(section, sentence_units(section, located),
                                            located, data, note_height, above)):
        claims = claims_in(units, located) + (unplaced if number == 0 else [])
        taken = above + (note_height if number == 0 else 0.0)
        plan.extend((units, group) for group in callout_groups(claims, data, taken))
    pages: list[SectionPage] = []
    for number, (units, claims) in enumerate(plan, start=1):
        spans = paragraph_spans(units)
        repeat = number > 1 and plan[number - 2][0] is units
        paragraphs = [
            ParagraphView(
                _runs(section.paragraphs[p], s, e,
                      [c for c in claims if c.paragraph == p and s <= c.start < e]),
                continues=s > 0,
                repeat=repeat,
            )
            for p, s, e in spans
        ]
        pages.append(SectionPage(heading, _count(number, len(plan)), section.id, paragraphs,
                                 [callout(c, data) for c in claims],
                                 provenance=note if number == 1 else "",
                                 provenance_sources=note_cites if number == 1 else [],
                                 anchor=section_anchor(section.id) if number == 1 else ""))
    return pages


@per_show
def article_pages(data: ShowData) -> list[SectionPage]:
    """Every section's pages (kept while the data lives: callers only read them)."""
    numbered = numbered_claims(data)
    return [page for section in data.article.sections
            for page in section_pages(data, section.id, numbered[section.id])]


def article_slide(data: ShowData) -> str:
    """Every section of the article, in order, whatever sections this show's article has."""
    return render("article_slide", PagedView("The article, section by section",
                                             article_pages(data)))
