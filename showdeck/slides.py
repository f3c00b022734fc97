"""The slides, built from a show's data: view objects paginated by measured text, rendered by
the Jinja macros in `templates/slides` (autoescaped, so data is never markup).

Each `*_slide` function returns the slide's HTML. Pages are measured with the embedded fonts'
real metrics (`showdeck.geometry`) and marked as in-place fragments (`showdeck.pages`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import jinja2

from showdeck import geometry
from showdeck.dates import format_date
from showdeck.lang import lang_runs
from showdeck.loader import ShowData
from showdeck.model import ArticleSection, Claim, Source
from showdeck.outlook import compute_outlook
from showdeck.pages import page_mark

TEMPLATES = Path(__file__).resolve().parent / "templates" / "slides"

VERDICT_LABELS = {
    "correct": "✓ Correct",
    "partly correct": "◐ Partly correct",
    "incorrect": "✗ Incorrect",
    "unverifiable": "? Unverifiable",
}

CONFIDENCE_LABELS = {"high": "●●● high", "medium": "●●○ medium", "low": "●○○ low"}
#: A callout shows its evidence quote when, with it, it takes at most this share of a page.
EVIDENCE_FITS = 0.45

T = TypeVar("T")

_SENTENCE_END = re.compile("(?<=[.!?\u2026\u3002\uff01\uff1f])[\"'\u201d\u2019)\\]\u300d\u300f]*\\s*")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(page_mark=page_mark, lang_runs=lang_runs)
    return env


def render(macro: str, view: object) -> str:
    """One macro of slides.html.j2 applied to a view object."""
    module = environment().get_template("slides.html.j2").module
    return str(getattr(module, macro)(view)).strip()


def stylesheet() -> str:
    """The slides' own CSS (sizes from showdeck.geometry), for the notebook and any viewer."""
    # CSS, not HTML: rendered without HTML escaping (its values are our constants, not data).
    css = environment().overlay(autoescape=False).get_template("slides.css.j2")
    return css.render(L=geometry).strip()


# Links.


@dataclass(frozen=True)
class Link:
    """A link's text and its href; href None when the URL is not http(s) (shown as text)."""

    text: str
    href: str | None
    label: str | None = None


def safe_url(url: str) -> str | None:
    """The URL, or None unless it is http(s) with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()


def source_link(source: Source, text: str | None = None, label: str | None = None) -> Link:
    shown = text if text is not None else f"{source.publisher}: {source.title}"
    return Link(shown, safe_url(source.link), label)


def section_anchor(section_id: str) -> str:
    """The element id where an article section starts, in every view of the notebook."""
    return f"sd-sec-{section_id}"


def slide_anchor(kind: str) -> str:
    """The element id of one of our slides (its `data-sd-slide` kind)."""
    return f"sd-slide-{kind}"


def section_heading(section: ArticleSection) -> str:
    """The section's own heading, or one made from its id where the article had none."""
    return section.heading or section.id.replace("-", " ").capitalize()


def _count(number: int, total: int) -> str:
    return f"{number}/{total}" if total > 1 else ""


def pack(items: Iterable[tuple[T, float]], budget: float) -> list[list[T]]:
    """Items (each with the height it takes) split, in order, into pages of at most `budget`;
    an item taller than a page gets a page of its own. Always at least one page."""
    groups: list[list[T]] = [[]]
    used = 0.0
    for item, height in items:
        if groups[-1] and used + height > budget:
            groups.append([])
            used = 0.0
        groups[-1].append(item)
        used += height
    return groups


# The title and the agenda.


@dataclass(frozen=True)
class TitleView:
    name: str
    title: str
    english: str
    japanese: str | None
    byline: Link | None
    published: str | None
    as_of: str
    heading: str = ""
    count: str = ""


def title_slide(data: ShowData, as_of: date) -> str:
    show = data.show
    article = data.sources.get(show.article.source)
    return render("title_slide", TitleView(
        name=data.article.title,
        title=data.article.title,
        english=show.title.english,
        japanese=show.title.japanese,
        byline=source_link(article, article.publisher) if article else None,
        published=format_date(article.published) if article and article.published else None,
        as_of=format_date(as_of),
    ))


def not_shown() -> str:
    """The line a slide cell shows instead of its slide when the parameters were wrong."""
    return render("not_shown", None)


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda and where it links: an element id in the notebook and the
    reading view, a reveal.js deep link ("#/h/v/f") in the deck."""

    label: str
    anchor: str
    deck_href: str


@dataclass(frozen=True)
class AgendaView:
    items: list[AgendaItem]
    in_deck: bool = False
    heading: str = "Agenda"
    count: str = ""


def agenda_slide(items: list[AgendaItem], *, in_deck: bool = False) -> str:
    return render("agenda_slide", AgendaView(items, in_deck))


# The article's sections, paginated, with their fact-checks.


@dataclass(frozen=True)
class LocatedClaim:
    """A claim numbered within the article, with where its quote sits (None if it spans
    paragraphs)."""

    number: int
    claim: Claim
    paragraph: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """A run of whole sentences of one paragraph: the smallest piece a page break keeps."""

    paragraph: int
    start: int
    end: int


def locate_claims(section: ArticleSection, claims: Iterable[Claim],
                  first: int = 1) -> list[LocatedClaim]:
    """The section's claims in reading order, numbered from `first`."""
    found: list[tuple[tuple[int, int], Claim, int | None, int, int]] = []
    for claim in claims:
        if claim.section != section.id:
            continue
        for index, paragraph in enumerate(section.paragraphs):
            start = paragraph.find(claim.quote)
            if start >= 0:
                found.append(((index, start), claim, index, start, start + len(claim.quote)))
                break
        else:
            found.append(((len(section.paragraphs), 0), claim, None, 0, 0))
    found.sort(key=lambda item: item[0])
    return [LocatedClaim(n, c, p, s, e) for n, (_key, c, p, s, e) in enumerate(found, start=first)]


def sentence_units(section: ArticleSection, located: list[LocatedClaim]) -> list[Unit]:
    """Sentences of each paragraph, merged wherever a checked quote runs across two."""
    units: list[Unit] = []
    for index, paragraph in enumerate(section.paragraphs):
        quotes = [(c.start, c.end) for c in located if c.paragraph == index]
        cuts = [0]
        for match in _SENTENCE_END.finditer(paragraph):
            cut = match.end()
            if 0 < cut < len(paragraph) and not any(s < cut < e for s, e in quotes):
                cuts.append(cut)
        cuts.append(len(paragraph))
        units.extend(Unit(index, a, b) for a, b in itertools.pairwise(sorted(set(cuts))) if b > a)
    return units


def _claims_in(units: list[Unit], located: list[LocatedClaim]) -> list[LocatedClaim]:
    return [c for c in located
            if any(c.paragraph == u.paragraph and u.start <= c.start < u.end for u in units)]


def _paragraph_spans(units: list[Unit]) -> list[tuple[int, int, int]]:
    """Consecutive units of one paragraph joined into (paragraph, start, end)."""
    spans: list[tuple[int, int, int]] = []
    for unit in units:
        if spans and spans[-1][0] == unit.paragraph and spans[-1][2] == unit.start:
            spans[-1] = (unit.paragraph, spans[-1][1], unit.end)
        else:
            spans.append((unit.paragraph, unit.start, unit.end))
    return spans


def _span_text(section: ArticleSection, span: tuple[int, int, int],
               located: list[LocatedClaim]) -> str:
    """The span's text as measured: its words plus the claim numbers set after quotes."""
    p, s, e = span
    refs = "".join(f"{c.number}" for c in located if c.paragraph == p and s <= c.start < e)
    return section.paragraphs[p][s:e].strip() + (" " + refs if refs else "")


def _text_height(section: ArticleSection, units: list[Unit], located: list[LocatedClaim],
                 width: float) -> float:
    return sum(geometry.block_height(_span_text(section, span, located), geometry.BODY, width)
               + geometry.BODY.paragraph_gap
               for span in _paragraph_spans(units))


@dataclass(frozen=True)
class CalloutSize:
    """A callout's height in its column as the theme lays it out: without its evidence quote,
    and what the quote adds. The quote is shown where the whole still fits EVIDENCE_FITS of a
    page (the notes always show it)."""

    base: float
    quote: float

    @property
    def shows_evidence(self) -> bool:
        return self.quote > 0 and self.base + self.quote <= (
            geometry.PAGE_BODY_HEIGHT * EVIDENCE_FITS)

    @property
    def height(self) -> float:
        return self.base + (self.quote if self.shows_evidence else 0.0)


def callout_size(claim: Claim, number: int, data: ShowData) -> CalloutSize:
    width = geometry.CALLOUT_INNER_WIDTH
    head = f"{number} {VERDICT_LABELS[claim.verdict].upper()} {claim.topic}"
    badges = geometry.VERDICT_BADGE
    if claim.confidence:
        head += " " + CONFIDENCE_LABELS[claim.confidence]
        badges += geometry.VERDICT_BADGE // 2
    sources = "Sources: " + ", ".join(s.publisher for s in data.cited(claim.sources))
    if claim.lineage:
        sources += f" · one lineage: {claim.lineage}"
    base = (geometry.CALLOUT_CHROME
            + geometry.block_height(head, geometry.CALLOUT_HEAD, width - badges)
            + geometry.block_height(claim.correction, geometry.CALLOUT, width)
            + geometry.block_height(sources, geometry.CALLOUT_SOURCE, width))
    if claim.disagreement:
        base += geometry.CALLOUT_LINE_GAP + geometry.block_height(
            "Sources disagree: " + claim.disagreement, geometry.CALLOUT_SOURCE, width)
    quote = (geometry.CALLOUT_LINE_GAP + geometry.block_height(
        f"“{claim.evidence}”", geometry.CALLOUT_SOURCE, width)) if claim.evidence else 0.0
    return CalloutSize(base, quote)


def callout_height(claim: Claim, number: int, data: ShowData) -> float:
    """The callout's height in its column, its evidence quote included where it fits."""
    return callout_size(claim, number, data).height


def _fits(section: ArticleSection, units: list[Unit], located: list[LocatedClaim],
          data: ShowData, available: float = geometry.PAGE_BODY_HEIGHT) -> bool:
    claims = _claims_in(units, located)
    width = geometry.TEXT_COLUMN_WIDTH if claims else geometry.CONTENT_WIDTH
    text = _text_height(section, units, located, width)
    callouts = sum(callout_height(c.claim, c.number, data) for c in claims)
    return geometry.fits(text, available) and geometry.fits(callouts, available)


def provenance_note(data: ShowData, section_id: str) -> str:
    """The article's provenance note, for the section it is about (else empty)."""
    article = data.show.article
    return article.provenance if article.provenance_section == section_id else ""


def provenance_height(note: str) -> float:
    return (geometry.block_height("Where this text comes from: " + note,
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
class CalloutView:
    number: int
    anchor: str
    verdict_class: str
    verdict_label: str
    topic: str
    correction: str
    sources: list[Link]
    confidence: str = ""
    confidence_label: str = ""
    disagreement: str = ""
    evidence: str = ""
    lineage: str = ""


@dataclass(frozen=True)
class SectionPage:
    heading: str
    count: str
    section: str
    paragraphs: list[ParagraphView]
    callouts: list[CalloutView]
    provenance: str = ""
    #: The element id of the section's first page: where the agenda links to.
    anchor: str = ""


@dataclass(frozen=True)
class PagedView:
    name: str
    pages: list


def claim_anchor(number: int) -> str:
    return f"sd-claim-{number}"


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


def callout(located: LocatedClaim, data: ShowData) -> CalloutView:
    claim = located.claim
    return CalloutView(
        number=located.number,
        anchor=claim_anchor(located.number),
        verdict_class=claim.verdict.replace(" ", "-"),
        verdict_label=VERDICT_LABELS[claim.verdict],
        topic=claim.topic,
        correction=claim.correction,
        sources=[source_link(s, s.publisher, f"Source: {s.publisher}, {s.title}")
                 for s in data.cited(claim.sources)],
        confidence=claim.confidence or "",
        confidence_label=CONFIDENCE_LABELS.get(claim.confidence or "", ""),
        disagreement=claim.disagreement,
        evidence=(claim.evidence or "")
        if callout_size(claim, located.number, data).shows_evidence else "",
        lineage=claim.lineage,
    )


def _callout_groups(claims: list[LocatedClaim], data: ShowData,
                    taken: float = 0.0) -> list[list[LocatedClaim]]:
    """Claims split into runs whose callouts fit one column (less `taken` above it); always at
    least one run."""
    budget = (geometry.PAGE_BODY_HEIGHT - taken) * (1 - geometry.SAFETY)
    return pack(((c, callout_height(c.claim, c.number, data)) for c in claims), budget)


def numbered_claims(data: ShowData) -> dict[str, list[LocatedClaim]]:
    """Each section's claims, numbered through the whole article in reading order."""
    numbered: dict[str, list[LocatedClaim]] = {}
    first = 1
    for section in data.article.sections:
        numbered[section.id] = located = locate_claims(section, data.claims, first)
        first += len(located)
    return numbered


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
    heading = section_heading(section)
    above = heading_extra(heading)
    plan: list[tuple[list[Unit], list[LocatedClaim]]] = []
    for number, units in enumerate(paginate(section, sentence_units(section, located),
                                            located, data, provenance_height(note), above)):
        claims = _claims_in(units, located) + (unplaced if number == 0 else [])
        taken = above + (provenance_height(note) if number == 0 else 0.0)
        plan.extend((units, group) for group in _callout_groups(claims, data, taken))
    pages: list[SectionPage] = []
    for number, (units, claims) in enumerate(plan, start=1):
        spans = _paragraph_spans(units)
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
                                 anchor=section_anchor(section.id) if number == 1 else ""))
    return pages


def article_pages(data: ShowData) -> list[SectionPage]:
    numbered = numbered_claims(data)
    return [page for section in data.article.sections
            for page in section_pages(data, section.id, numbered[section.id])]


def article_slide(data: ShowData) -> str:
    """Every section of the article, in order, whatever sections this show's article has."""
    return render("article_slide", PagedView("The article, section by section",
                                             article_pages(data)))


# The chart.


@dataclass(frozen=True)
class ChartView:
    name: str
    heading: str


def chart_heading(data: ShowData) -> str:
    return render("chart_heading", ChartView("Airing timeline chart", "Airing timeline"))


@dataclass(frozen=True)
class TablePage:
    heading: str
    count: str
    caption: str
    columns: list[str]
    rows: list[list[str]]


def timeline_tables(data: ShowData, as_of: date) -> list[TablePage]:
    """The chart's data as tables: the episodes, then the dated events, paginated."""
    from showdeck.timeline import context_milestones

    episodes = [[str(e.number), format_date(e.air_date), _episode_title(e),
                 e.title_japanese or ""] for e in data.episodes]
    events = [[format_date(m.date, m.precision), m.label, m.kind]
              for m in context_milestones(data, as_of)]
    tables = [
        ("Episodes", "The episodes as broadcast", ["No.", "Aired", "Title", "Japanese title"],
         episodes, geometry.EPISODE_COLUMNS),
        ("Events", "Dated events around the run", ["Date", "Event", "Kind"], events,
         geometry.EVENT_COLUMNS),
    ]
    pages: list[tuple[str, str, list[str], list[list[str]]]] = []
    for heading, caption, columns, rows, widths in tables:
        if not rows:
            continue
        heights = [(row, geometry.row_height(row, widths)) for row in rows]
        for group in pack(heights, geometry.TABLE_BODY_HEIGHT):
            pages.append((heading, caption, columns, group))
    total = len(pages)
    return [TablePage(f"The timeline's data: {h.lower()}", _count(n, total), c, cols, rows)
            for n, (h, c, cols, rows) in enumerate(pages, start=1)]


def _episode_title(episode) -> str:
    """The title as styled, its English form where it differs, and the film it refers to."""
    title = episode.title
    if episode.title_english:
        title += f" ({episode.title_english})"
    if episode.film_reference:
        inferred = ", our inference" if episode.film_reference_inferred else ""
        title += f" · after {episode.film_reference}{inferred}"
    return title


def timeline_table_slide(data: ShowData, as_of: date) -> str:
    return render("table_slide", PagedView("The timeline's data as tables",
                                           timeline_tables(data, as_of)))


# Will it come back?


@dataclass(frozen=True)
class Stat:
    number: str
    label: str


@dataclass(frozen=True)
class Status:
    status: str
    css: str
    checked: str
    note: str
    sources: list[Link]
    evidence: str = ""
    evidence_source: str = ""


@dataclass(frozen=True)
class Item:
    text: str
    when: str = ""
    quote: str = ""
    verdict: str = ""
    sources: list[Link] = field(default_factory=list)
    muted: bool = False


@dataclass(frozen=True)
class OutlookPage:
    heading: str
    count: str
    stats: list[Stat] = field(default_factory=list)
    status: Status | None = None
    subheading: str = ""
    #: The subheading repeats the page before's: the slide shows it on every page, the
    #: notebook (all pages at once) only once.
    subheading_repeats: bool = False
    css: str = ""
    items: list[Item] = field(default_factory=list)


def _cites(sources: Iterable[Source], numbers: dict[str, int]) -> list[Link]:
    return [source_link(s, str(numbers[s.id]), f"Source {numbers[s.id]}: {s.publisher}, "
                        f"{s.title}")
            for s in sources if s.id in numbers]


def _item_height(item: Item) -> float:
    text = " ".join(filter(None, [item.when, item.quote, item.verdict, item.text]))
    text += " [" + ", ".join(s.text for s in item.sources) + "]" if item.sources else ""
    return (geometry.block_height(text, geometry.LIST_ITEM, geometry.LIST_WIDTH)
            + geometry.LIST_ITEM.paragraph_gap)


def outlook_pages(data: ShowData, as_of: date) -> list[OutlookPage]:
    """Page 1: the wait and the sequel status; then, on as many pages as each needs, the
    record since the finale, the article's guesses, and what the data cannot know."""
    view = compute_outlook(data, as_of)
    numbers = source_numbers(data)
    stats = [
        Stat(f"{view.days_since_finale:,}", f"days since the finale on {format_date(view.finale)}"),
        Stat(f"{view.years_since_finale:.1f}",
             f"years ({view.span_text}) to {format_date(view.as_of)}"),
    ]
    status = Status(view.sequel_status, view.sequel_status.replace(" ", "-"),
                    view.sequel_statement, "",
                    _cites(view.sequel_sources, numbers), view.sequel_evidence,
                    view.sequel_evidence_source.publisher if view.sequel_evidence_source else "")
    record = [Item(e.label, when=e.when, sources=_cites(e.sources, numbers))
              for e in view.record] or [Item("Nothing dated after the finale is in the record.")]
    if view.manga:
        record.append(Item(view.manga, muted=True))
    published = (f" (published {format_date(view.article_published)})"
                 if view.article_published else "")
    forecast = [Item(c.correction, quote=c.quote, verdict=VERDICT_LABELS[c.verdict],
                     sources=_cites(data.cited(c.sources), numbers)) for c in view.forecast]
    unknown = [Item(text) for text in view.unknowns]
    status_note = [Item(view.sequel_note, sources=_cites(view.sequel_sources, numbers))]
    # The stale-evidence warning is for the presenter (speaker notes, build output): the
    # audience sees the status's own date, and the unknowns say what it cannot cover.
    if first_outlook_height(stats, status) > geometry.PAGE_BODY_HEIGHT * (1 - geometry.SAFETY):
        # Too much for the first page: the quote opens the next one instead.
        moved = [Item(f"“{status.evidence}” ({status.evidence_source})")] if status.evidence else []
        status_note = [*moved, *status_note]
        status = Status(status.status, status.css, status.checked, status.note, status.sources)
    bodies: list[tuple[str, dict]] = [("Will it come back?", {"stats": stats, "status": status})]
    for title, subtitle, css, items in (
        ("Will it come back?", "What the sources say", "sd-status-note", status_note),
        ("What the record says instead", "Since the finale", "sd-record", record),
        ("What the record says instead", f"The article guessed{published}", "sd-forecast",
         forecast),
        ("What the data cannot know", "", "sd-unknowns", unknown),
    ):
        budget = geometry.PAGE_BODY_HEIGHT * (1 - geometry.SAFETY) - (
            geometry.H3_HEIGHT if subtitle else 0)
        groups = pack(((i, _item_height(i)) for i in items), budget) if items else []
        for n, group in enumerate(groups):
            bodies.append((title, {"subheading": subtitle, "subheading_repeats": n > 0,
                                   "css": css, "items": group}))
    total = len(bodies)
    return [OutlookPage(title, _count(n, total), **body)
            for n, (title, body) in enumerate(bodies, start=1)]


def first_outlook_height(stats: list[Stat], status: Status) -> float:
    """The first "Will it come back?" page below its heading: the two numbers and the status
    with its dated statement and quote (sizes from the theme)."""
    half = (geometry.CONTENT_WIDTH - 32) / 2
    label = geometry.Style(18, 1.35)
    # The number, its label, the rule and padding above them, the margins around the row.
    numbers = max(52 * 1.1 + geometry.block_height(s.label, label, half) for s in stats) + 64
    width = geometry.CONTENT_WIDTH - 17
    quote = geometry.Style(18.7, 1.45)
    block = (geometry.block_height(f"Season 2: {status.status} {status.checked}",
                                   geometry.BODY, width) + geometry.BODY.paragraph_gap
             + geometry.BODY.line_px + geometry.BODY.paragraph_gap)
    if status.evidence:
        block += (geometry.block_height(f"“{status.evidence}” ({status.evidence_source})",
                                        quote, width) + geometry.BODY.paragraph_gap)
    return numbers + block


def outlook_slide(data: ShowData, as_of: date) -> str:
    return render("outlook_slide", PagedView("Will it come back?", outlook_pages(data, as_of)))


# Sources.


def used_sources(data: ShowData) -> list[Source]:
    """Sources something in the data cites, in the order of sources.csv."""
    show = data.show
    cited: set[str] = {show.article.source, *show.genres_sources}
    for part in (show.title, show.run, show.manga, show.sequel, *show.studios, *show.staff,
                 *show.broadcasters, *show.distributors):
        if part is not None:
            cited.update(part.sources)
    for record in (*data.episodes, *data.milestones, *data.claims):
        cited.update(record.sources)
    return [s for s in data.sources.values() if s.id in cited]


def source_numbers(data: ShowData) -> dict[str, int]:
    """Each cited source's number on the sources slide (1-based, in sources.csv order)."""
    return {s.id: n for n, s in enumerate(used_sources(data), start=1)}


@dataclass(frozen=True)
class SourceItem:
    link: Link
    meta: str
    anchor: str


@dataclass(frozen=True)
class SourcesPage:
    heading: str
    count: str
    start: int
    items: list[SourceItem]


def _source_item(source: Source, number: int) -> tuple[SourceItem, float]:
    meta = source.publisher
    if source.published:
        meta += f", {format_date(source.published, source.precision)}"
    item = SourceItem(source_link(source, source.title), meta, f"sd-source-{number}")
    height = (geometry.block_height(f"{number}. {source.title} · {meta}", geometry.SOURCE_ITEM,
                                  geometry.SOURCE_LIST_WIDTH)
              + geometry.SOURCE_ITEM.paragraph_gap)
    return item, height


def sources_pages(data: ShowData) -> list[SourcesPage]:
    budget = geometry.PAGE_BODY_HEIGHT * (1 - geometry.SAFETY)
    groups = pack((_source_item(s, n) for n, s in enumerate(used_sources(data), start=1)),
                  budget)
    pages: list[SourcesPage] = []
    start = 1
    for number, group in enumerate(groups, start=1):
        pages.append(SourcesPage("Sources", _count(number, len(groups)), start, group))
        start += len(group)
    return pages


def sources_slide(data: ShowData) -> str:
    return render("sources_slide", PagedView("Sources", sources_pages(data)))


# Speaker notes.


@dataclass(frozen=True)
class NotesGroup:
    heading: str
    lines: list[str]


@dataclass(frozen=True)
class NotesView:
    groups: list[NotesGroup]


def speaker_notes(data: ShowData, topic: str, as_of: date) -> str:
    """Notes for the presenter on one slide: 'title', 'agenda', 'article', 'timeline',
    'timeline-table', 'outlook' or 'sources'."""
    return render("notes", NotesView(_notes(data, topic, as_of)))


def _notes(data: ShowData, topic: str, as_of: date) -> list[NotesGroup]:
    show = data.show
    title = show.title.english
    if topic == "title":
        article = data.sources.get(show.article.source)
        where = f" from {article.publisher}" if article else ""
        return [NotesGroup("", [
            f"We read an article{where} about a second season of {title}, claim by claim.",
            f"Every number is computed for the as-of date, {format_date(as_of)}.",
        ])]
    if topic == "agenda":
        return [NotesGroup("", [
            ("First the article, section by section, with each checked claim marked and its "
             "verdict beside it. Press the right arrow or space to turn each page."),
            "Then the airing timeline, the question of a sequel, and the sources.",
        ])]
    if topic == "article":
        numbered = numbered_claims(data)
        return [NotesGroup(section_heading(s), _section_notes(s, numbered[s.id], data))
                for s in data.article.sections]
    if topic == "timeline":
        from showdeck.timeline import describe_timeline

        return [NotesGroup("", [
            describe_timeline(data, as_of),
            "Point at the even steps of the run first, then the years after the finale.",
        ])]
    if topic == "timeline-table":
        return [NotesGroup("", [
            "The chart's data as tables, for anyone who would rather read than look.",
        ])]
    if topic == "outlook":
        view = compute_outlook(data, as_of)
        return [NotesGroup("", [
            (f"{view.days_since_finale:,} days since the finale. {view.sequel_statement}"),
            *([f"Say it: {view.stale_warning}"] if view.stale_warning else []),
            ("The record shows what happened instead of a second season; it forecasts "
             "nothing."),
            *view.unknowns[:1],
        ])]
    if topic == "sources":
        sources = used_sources(data)
        accessed = sorted(s.accessed for s in sources)
        return [NotesGroup("", [
            (f"{len(sources)} sources, accessed {format_date(accessed[0])} to "
             f"{format_date(accessed[-1])}."),
            "Each fact in the data names the sources that support it.",
        ])]
    msg = f"no speaker notes for {topic!r}"
    raise KeyError(msg)


def _section_notes(section: ArticleSection, located: list[LocatedClaim],
                   data: ShowData) -> list[str]:
    plural = "s" if len(section.paragraphs) != 1 else ""
    notes = [f"{len(section.paragraphs)} paragraph{plural} of the article, quoted as published."]
    for c in located:
        claim = c.claim
        line = f"{c.number}. “{claim.quote}”: {claim.verdict}"
        if claim.confidence:
            line += f" (confidence {claim.confidence})"
        line += f". {claim.reason or claim.correction}"
        if claim.evidence:
            source = data.sources.get(claim.evidence_source or "")
            line += f" Evidence: “{claim.evidence}”" + (f" ({source.publisher})" if source else "")
        if claim.disagreement:
            line += f" Sources disagree: {claim.disagreement}"
        notes.append(line)
    if section.image_caption:
        notes.append(f"The article shows an image here: {section.image_caption}.")
    if not located:
        notes.append("No checkable claim in this section.")
    return notes
