"""The slides that frame the deck: the title, the agenda, the chart's heading and the line
shown instead of a slide when the parameters were wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from showdeck.dates import format_date
from showdeck.facts import ShowData
from showdeck.markup import Link, render, source_link


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


# The chart.


@dataclass(frozen=True)
class ChartView:
    name: str
    heading: str


def chart_heading(heading: str) -> str:
    return render("chart_heading", ChartView(f"{heading} chart", heading))
