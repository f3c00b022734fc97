"""The slide and page contract: one notebook cell is one slide; a long slide's pages are
reveal.js fragments that replace each other in place.

This is the only module that knows how a page is marked. The markup (`templates/slides`)
asks `page_mark` for each page's classes; the build and the checks read a deck back with
`deck_structure`. Nothing else splits, counts or re-implements pages.

Why fragments: Jupyter's tools (nbconvert, jupyterlab-rise, Voilà) all map one cell to one
slide, and a show's data decides how many pages a section needs, so pages cannot be cells of
a committed notebook. A fragment is the one way to step inside a slide that every reveal.js
viewer honours, and ArrowRight, Space, PageDown, the next control and a swipe all step
through fragments in order. Outside reveal.js (JupyterLab, the notebook as HTML) the same
markup reads as one continuous document.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

PAGE_CLASS = "sd-page"
#: Notebook metadata that marks a notebook as a showdeck presentation.
NOTEBOOK_KEY = "showdeck"
#: Output metadata of the title slide carrying the deck's title and footer.
DECK_META_KEY = "showdeck"
#: Key, in that metadata, of a slide not shown because the notebook's parameters were wrong
#: (its value is the problem); an export refuses a notebook holding one.
NOT_SHOWN_KEY = "parameters_failed"


@dataclass(frozen=True)
class PageMark:
    """How one page of a slide is marked: its classes and its fragment index (None: none)."""

    classes: str
    fragment_index: int | None


def page_mark(number: int, total: int) -> PageMark:
    """Page `number` (from 1) of `total`: the first shows on entry and fades out at step 1; page
    k shows at step k-1 and only while it is the current step; the last stays once shown, so a
    slide entered backwards shows its last page."""
    if total < 1 or not 1 <= number <= total:
        msg = f"page {number} of {total}"
        raise ValueError(msg)
    if total == 1:
        return PageMark(PAGE_CLASS, None)
    if number == 1:
        return PageMark(f"{PAGE_CLASS} fragment fade-out", 1)
    if number == total:
        return PageMark(f"{PAGE_CLASS} fragment", number - 1)
    return PageMark(f"{PAGE_CLASS} fragment fade-in-then-out", number - 1)


@dataclass
class SlideOutline:
    """One slide of a built deck: its pages' first headings, and whether it has notes."""

    headings: list[str]
    notes: bool = False
    #: A <section> that only holds other <section>s (a stack of vertical slides).
    stack: bool = False

    @property
    def pages(self) -> int:
        return max(1, len(self.headings))


class _DeckReader(HTMLParser):
    """Reads the slides (`<section>`s that are not stacks) and their pages from deck HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[SlideOutline] = []
        self._open: list[SlideOutline] = []  # the <section>s we are inside
        self._empty = False  # nothing but whitespace since the innermost <section> opened
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section":
            if self._open and self._empty:
                self._open[-1].stack = True
            slide = SlideOutline([])
            self.slides.append(slide)
            self._open.append(slide)
            self._empty = True
            return
        self._empty = False
        slide = self._open[-1] if self._open else None
        if slide is None:
            return
        if PAGE_CLASS in classes:
            slide.headings.append("")
        elif tag == "aside" and "notes" in classes:
            slide.notes = True
        if tag in {"h1", "h2"} and self._heading is None:
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "section" and self._open:
            self._open.pop()
            self._empty = False
        elif tag in {"h1", "h2"} and self._heading is not None and self._open:
            text = " ".join("".join(self._heading).split())
            slide = self._open[-1]
            if not slide.headings:
                slide.headings.append(text)
            elif not slide.headings[-1]:
                slide.headings[-1] = text
            self._heading = None

    def handle_data(self, data):
        if data.strip():
            self._empty = False
        if self._heading is not None:
            self._heading.append(data)


def deck_structure(html: str) -> list[SlideOutline]:
    """The slides of a reveal.js deck, in order, with their pages; stacks of vertical slides
    (nbconvert wraps every slide in one) are not slides themselves."""
    reader = _DeckReader()
    reader.feed(html)
    return [slide for slide in reader.slides if not slide.stack]


def page_count(html: str) -> int:
    """Pages the audience steps through in a deck: every page of every slide."""
    return sum(slide.pages for slide in deck_structure(html))
