"""The "Will it come back?" slides: the wait, the sequel status, the record since the finale,
the article's guesses and what the data cannot know, paginated."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from showdeck import geometry
from showdeck.dates import format_date
from showdeck.facts import ShowData, source_numbers
from showdeck.markup import VERDICT_LABELS, Link, cite_links, cites_text, render
from showdeck.outlook import compute_outlook
from showdeck.pages import page_counter as _count
from showdeck.pagination import PagedView, pack


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


def _item_height(item: Item) -> float:
    text = " ".join(filter(None, [item.when, item.quote, item.verdict, item.text]))
    text += cites_text(item.sources)
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
                    cite_links(view.sequel_sources, numbers), view.sequel_evidence,
                    view.sequel_evidence_source.publisher if view.sequel_evidence_source else "")
    record = [Item(e.label, when=e.when, sources=cite_links(e.sources, numbers))
              for e in view.record] or [Item("Nothing dated after the finale is in the record.")]
    if view.manga:
        record.append(Item(view.manga, muted=True))
    published = (f" (published {format_date(view.article_published)})"
                 if view.article_published else "")
    forecast = [Item(c.correction, quote=c.quote, verdict=VERDICT_LABELS[c.verdict],
                     sources=cite_links(data.cited(c.sources), numbers)) for c in view.forecast]
    unknown = [Item(text) for text in view.unknowns]
    status_note = [Item(view.sequel_note, sources=cite_links(view.sequel_sources, numbers))]
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
