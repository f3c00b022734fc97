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

SLIDE_CLASS = "sd-slide"
PAGES_CLASS = "sd-pages"
PAGE_CLASS = "sd-page"
#: Notebook metadata that marks a notebook as a showdeck presentation.
NOTEBOOK_KEY = "showdeck"
#: Output metadata of the title slide carrying the deck's title and footer.
DECK_META_KEY = "showdeck"


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

    @property
    def pages(self) -> int:
        return max(1, len(self.headings))


class _DeckReader(HTMLParser):
    """Reads the slides (`<section>`s that are not stacks) and their pages from deck HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[SlideOutline] = []
        self._stack: list[str] = []
        self._sections = 0
        self._heading: list[str] | None = None
        self._in_page = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section":
            self._sections += 1
            self.slides.append(SlideOutline([]))
        elif self.slides and PAGE_CLASS in classes:
            self.slides[-1].headings.append("")
            self._in_page += 1
        elif self.slides and tag == "aside" and "notes" in classes:
            self.slides[-1].notes = True
        if tag in {"h1", "h2"} and self.slides and self._heading is None:
            self._heading = []
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in {"h1", "h2"} and self._heading is not None:
            text = " ".join("".join(self._heading).split())
            slide = self.slides[-1]
            if not slide.headings:
                slide.headings.append(text)
            elif not slide.headings[-1]:
                slide.headings[-1] = text
            self._heading = None
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


def deck_structure(html: str) -> list[SlideOutline]:
    """The slides of a reveal.js deck, in order, with their pages; stacks of vertical slides
    (a `<section>` holding only `<section>`s) are not slides themselves."""
    reader = _DeckReader()
    reader.feed(html)
    # nbconvert wraps each slide in a stack <section>; drop the empty outer ones.
    return [s for s in _drop_stacks(html, reader.slides)]


def _drop_stacks(html: str, slides: list[SlideOutline]) -> list[SlideOutline]:
    import re

    opens = [m.end() for m in re.finditer(r"<section\b[^>]*>", html)]
    kept = []
    for index, slide in enumerate(slides):
        rest = html[opens[index]:].lstrip()
        if rest.startswith("<section"):
            continue
        kept.append(slide)
    return kept


def page_count(html: str) -> int:
    """Pages the audience steps through in a deck: every page of every slide."""
    return sum(slide.pages for slide in deck_structure(html))
