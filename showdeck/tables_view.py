"""The timeline's data as tables: the episodes, then the dated events, paginated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from showdeck import geometry
from showdeck.dates import format_date
from showdeck.facts import ShowData
from showdeck.markup import render
from showdeck.pages import page_counter as _count
from showdeck.pagination import PagedView, pack
from showdeck.timeline import context_milestones


@dataclass(frozen=True)
class TablePage:
    heading: str
    count: str
    caption: str
    columns: list[str]
    rows: list[list[str]]


def timeline_tables(data: ShowData, as_of: date) -> list[TablePage]:
    """The chart's data as tables: the episodes, then the dated events, paginated."""
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
