"""The Sources slide: every source the deck cites (`showdeck.facts.cited_sources`), numbered
without gaps across its pages, each page as many as fit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from showdeck import geometry
from showdeck.dates import format_date
from showdeck.facts import ShowData, cited_sources
from showdeck.markup import Link, render, source_link
from showdeck.notes_view import NotesGroup
from showdeck.pages import page_counter
from showdeck.pagination import PagedView, pack
from showdeck.source_record import Source


@dataclass(frozen=True)
class SourceItem:
    number: int
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
    item = SourceItem(number, source_link(source, source.title), meta, f"sd-source-{number}")
    height = (geometry.block_height(f"{number}. {source.title} · {meta}", geometry.SOURCE_ITEM,
                                    geometry.SOURCE_LIST_WIDTH)
              + geometry.SOURCE_ITEM.paragraph_gap)
    return item, height


def sources_pages(data: ShowData, heading: str = "Sources") -> list[SourcesPage]:
    """The cited sources, numbered 1..N in sources.csv order, split into pages that fit; each
    page's list starts at the number after the last one of the page before."""
    budget = geometry.PAGE_BODY_HEIGHT * (1 - geometry.SAFETY)
    groups = pack((_source_item(s, n) for n, s in enumerate(cited_sources(data), start=1)),
                  budget)
    return [SourcesPage(heading, page_counter(number, len(groups)),
                        group[0].number if group else 1, group)
            for number, group in enumerate(groups, start=1)]


def sources_slide(data: ShowData, heading: str) -> str:
    return render("sources_slide", PagedView(heading, sources_pages(data, heading)))


def sources_notes(data: ShowData, _as_of: date) -> list[NotesGroup]:
    sources = cited_sources(data)
    accessed = sorted(s.accessed for s in sources)
    return [NotesGroup("", [
        (f"{len(sources)} sources, accessed {format_date(accessed[0])} to "
         f"{format_date(accessed[-1])}."),
        "Each fact in the data names the sources that support it.",
    ])]
