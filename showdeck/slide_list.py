"""The deck's slides, in order: the one list of which slides a deck has.

Each entry is one slide cell of the notebook (`deck.<method>()`, followed by a notes cell
`deck.notes("<id>")`): its id, the class its markup carries (`data-sd-slide`), its heading,
its label on the agenda, its view and its speaker notes. `Presentation`, the agenda, the notes
and the tests read this list; the handout's outline comes from the headings the views render.
Adding a slide is one entry here, its view, its `Presentation` method and its two cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from showdeck import (
    agenda,
    article_view,
    markup,
    notes_view,
    outlook_view,
    sources_view,
    tables_view,
    title_view,
)
from showdeck.errors import ShowdeckError
from showdeck.facts import ShowData
from showdeck.notes_view import NotesGroup
from showdeck.title_view import AgendaItem

#: The agenda label of the article slide: it is listed as the article's own sections.
ARTICLE_SECTIONS = "the article's sections"


@dataclass(frozen=True)
class Slide:
    id: str
    #: The slide's class in the markup (`data-sd-slide`), as the views write it.
    kind: str
    #: The slide's heading, or its first page's; "" for the title slide.
    heading: str
    #: Its line on the agenda (None: not listed; ARTICLE_SECTIONS: one line per section).
    agenda: str | None
    view: Callable[[ShowData, date], str]
    notes: Callable[[ShowData, date], list[NotesGroup]]

    @property
    def method(self) -> str:
        """The `Presentation` method, and the notebook's call, that shows this slide."""
        return self.id.replace("-", "_")


def agenda_entries(data: ShowData) -> dict[str, list[agenda.Entry]]:
    """What each of our slides lists on the agenda, by its method: (label, element id, the
    page of the slide it starts on); the article lists each section on the page it starts."""
    starts = {page.section: number
              for number, page in enumerate(article_view.article_pages(data), start=1) if page.anchor}
    entries: dict[str, list[agenda.Entry]] = {}
    for slide in SLIDES:
        if slide.agenda == ARTICLE_SECTIONS:
            entries[slide.method] = [
                (markup.section_heading(s), markup.section_anchor(s.id), starts.get(s.id, 1))
                for s in data.article.sections]
        elif slide.agenda is not None:
            entries[slide.method] = [(slide.agenda, markup.slide_anchor(slide.kind), 1)]
    return entries


def standard_cells() -> list[dict]:
    """Stand-in slide cells for the committed notebook's slide sequence."""
    return [{"cell_type": "code", "source": f"deck.{slide.method}()",
             "metadata": {"slideshow": {"slide_type": "slide"}}} for slide in SLIDES]


def agenda_for(data: ShowData, cells: Iterable[Mapping] | None = None) -> list[AgendaItem]:
    """The agenda of a show's deck: of `cells`, or of the standard slide sequence."""
    return agenda.agenda_items(standard_cells() if cells is None else cells,
                               agenda_entries(data))


def _agenda(data: ShowData, _as_of: date) -> str:
    return title_view.agenda_slide(agenda_for(data))


def _timeline(_data: ShowData, _as_of: date) -> str:
    # The chart itself is a figure output the notebook shows under this heading.
    return title_view.chart_heading(heading("timeline"))


SLIDES: tuple[Slide, ...] = (
    Slide("title", "title-slide", "", None,
          title_view.title_slide, notes_view.title_notes),
    Slide("agenda", "agenda", "Agenda", None,
          _agenda, notes_view.agenda_notes),
    Slide("article", "article", "", ARTICLE_SECTIONS,
          lambda data, _as_of: article_view.article_slide(data), notes_view.article_notes),
    Slide("timeline", "chart-slide", "Airing timeline", "Airing timeline",
          _timeline, notes_view.timeline_notes),
    Slide("timeline-table", "table", "The timeline's data", None,
          tables_view.timeline_table_slide, notes_view.timeline_table_notes),
    Slide("outlook", "outlook", "Will it come back?", "Will it come back?",
          outlook_view.outlook_slide, notes_view.outlook_notes),
    Slide("sources", "sources", "Sources", "Sources",
          lambda data, _as_of: sources_view.sources_slide(data, heading("sources")),
          sources_view.sources_notes),
)

_BY_ID = {slide.id: slide for slide in SLIDES}


class UnknownSlide(ShowdeckError, LookupError):
    """No slide has this id."""


def slide(slide_id: str) -> Slide:
    """The slide with this id; an unknown id names the ones there are."""
    try:
        return _BY_ID[slide_id]
    except KeyError:
        msg = f"no slide {slide_id!r}; the slides are {', '.join(_BY_ID)}"
        raise UnknownSlide(msg) from None


def heading(slide_id: str) -> str:
    return slide(slide_id).heading


def speaker_notes(data: ShowData, slide_id: str, as_of: date) -> str:
    """The presenter's notes on one slide, as the notebook shows them (folded)."""
    return notes_view.notes_html(slide(slide_id).notes(data, as_of))
