"""Print a built deck to a PDF handout: reveal.js's print view on A4 or Letter, tagged, with an
outline of its sections, one sheet per page of a slide, and the speaker notes when asked."""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showdeck.assets import default_reveal_dir
from showdeck.browser import offline_page
from showdeck.errors import ShowdeckError
from showdeck.safety import Inputs, check_output, write_atomic

PACKAGE = Path(__file__).resolve().parent
#: How long reveal.js may take to lay out its print view; a long deck's takes a while.
READY_TIMEOUT_MS = 60_000
#: The sheets a handout prints on, landscape, in PDF points (1/72 in) as a page's MediaBox has them.
PAPERS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}
#: How far a printed sheet may be from its paper's size, in points: Chromium rounds to pixels.
PAPER_TOLERANCE_PT = 1.0


def deck_url(deck: Path, *, print_view: bool = False) -> str:
    """The deck's file: URL, with reveal.js's print view asked for when `print_view`."""
    return deck.resolve().as_uri() + ("?print-pdf" if print_view else "")


def handout_url(deck: Path, *, paper: str = "a4", notes: bool = False) -> str:
    """The print view as the handout: the deck's print.js reads `paper`, reveal.js `showNotes`."""
    url = f"{deck_url(deck, print_view=True)}&paper={paper}"
    return url + ("&showNotes=separate-page" if notes else "")


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF, as its page tree counts them."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, as its MediaBox has them."""
    from pypdf import PdfReader

    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in PdfReader(io.BytesIO(pdf)).pages]


class PdfError(ShowdeckError):
    """The PDF could not be printed; the message names the cause and the fix."""


@dataclass
class PdfResult:
    output: Path
    pages: int
    slide_pages: int
    notes_pages: int
    paper: str
    seconds: float


@dataclass
class _Printed:
    payload: bytes
    slide_pages: int
    notes_pages: int
    notes_overflow: list[str]


def paper_name(paper: str) -> str:
    """`paper` as a key of PAPERS ('A4' is 'a4'); anything else is a PdfError that lists them."""
    key = paper.strip().lower()
    if key not in PAPERS:
        msg = f"--paper {paper!r} is not a paper size this handout prints on; use {' or '.join(PAPERS)}"
        raise PdfError(msg)
    return key


def print_pdf(
    deck: str | Path, output: str | Path, *, paper: str = "a4", notes: bool = False,
    progress: Callable[[str], None] = print,
) -> PdfResult:
    """Open `deck`'s print view on `paper`, wait for reveal.js's pdf-ready event, and save a
    tagged PDF with an outline; with `notes`, each slide's speaker notes follow its last page."""
    paper = paper_name(paper)
    deck, output = Path(deck), Path(output)
    if not deck.is_file():
        msg = f"no deck at {deck}; build it first with `make slides`"
        raise PdfError(msg)
    check_output(output, inputs=Inputs(
        reader="the handout",
        files=((deck, "the deck"),),
        folders=((PACKAGE, "the showdeck package"), (default_reveal_dir(), "the reveal.js folder"))))
    started = time.perf_counter()
    progress(f"print     {deck} on {paper} in headless Chromium ...")
    from playwright.sync_api import Error as PlaywrightError

    try:
        printed = _print(deck, output.name, paper=paper, notes=notes)
    except PlaywrightError as exc:
        reason = (exc.message or str(exc)).strip().splitlines()[0]
        msg = (f"{deck}: headless Chromium could not print it ({reason}); open it in a browser "
               "to check it is a working deck, rebuild it with `make slides`, and try again")
        raise PdfError(msg) from None
    if printed.notes_overflow:
        msg = (f"{deck}: the speaker notes of {printed.notes_overflow[0]} have a block taller "
               "than a page; split it into shorter paragraphs or list items")
        raise PdfError(msg)
    pages = pdf_page_count(printed.payload)
    expected = printed.slide_pages + printed.notes_pages
    if expected and pages != expected:
        msg = (f"{deck}: {expected} pages printed as {pages} sheets; a slide overflows its page, "
               "shorten it")
        raise PdfError(msg)
    width, height = PAPERS[paper]
    for number, (w, h) in enumerate(pdf_page_sizes(printed.payload), start=1):
        if abs(w - width) > PAPER_TOLERANCE_PT or abs(h - height) > PAPER_TOLERANCE_PT:
            msg = (f"{deck}: page {number} printed {w:.0f} x {h:.0f} pt, not {paper} landscape "
                   f"({width:.0f} x {height:.0f} pt); is it a showdeck deck? rebuild it with "
                   "`make slides`")
            raise PdfError(msg)
    write_atomic(output, printed.payload)
    seconds = time.perf_counter() - started
    extra = f" + {printed.notes_pages} of notes" if notes else ""
    progress(f"write     {output}, {printed.slide_pages} pages{extra}, {paper} landscape, "
             f"{len(printed.payload) / 1e6:.2f} MB ({seconds:.2f} s)")
    return PdfResult(output=output, pages=pages, slide_pages=printed.slide_pages,
                     notes_pages=printed.notes_pages, paper=paper, seconds=seconds)


def _print(deck: Path, name: str, *, paper: str, notes: bool) -> _Printed:
    """The tagged PDF of the deck's print view, and how many pages reveal.js laid out for it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    not_a_deck = "is it a showdeck deck? rebuild it with `make slides`"
    with offline_page(viewport=(960, 700)) as (page, log):
        url = handout_url(deck, paper=paper, notes=notes)
        page.goto(url)
        if page.evaluate("() => typeof window.Reveal") == "undefined":
            msg = (f"{deck}: reveal.js never reported its print view ready (no reveal.js on "
                   f"{url}); {not_a_deck}")
            raise PdfError(msg)
        try:
            page.wait_for_function(
                "document.documentElement.dataset.deckReady === 'pdf'",
                timeout=READY_TIMEOUT_MS,
            )
        except PlaywrightTimeout:
            errors = "; ".join(log.page_errors + log.console_errors) or "no script errors"
            msg = f"{deck}: reveal.js never reported its print view ready ({errors}); {not_a_deck}"
            raise PdfError(msg) from None
        # Fonts and images decoded before anything is printed.
        page.evaluate("""() => document.fonts.ready.then(() => Promise.all(
            [...document.images].map(img => img.decode().catch(() => null))))""")
        laid_out = page.evaluate("""() => ({
            slides: document.querySelectorAll('.pdf-page').length,
            notes: document.querySelectorAll('.sd-notes-page').length,
            overflow: [...document.querySelectorAll('.sd-notes-page[data-sd-overflow]')]
                .map(sheet => sheet.querySelector('.sd-notes-page-head').textContent)})""")
        with tempfile.TemporaryDirectory(prefix="showdeck-pdf-") as scratch:
            tmp = Path(scratch) / name
            page.pdf(path=str(tmp), print_background=True, prefer_css_page_size=True,
                     tagged=True, outline=True)
            payload = tmp.read_bytes()
        if log.blocked:
            msg = f"{deck} tried to load {log.blocked[0]} while printing; rebuild it with `make slides`"
            raise PdfError(msg)
    return _Printed(payload=payload, slide_pages=laid_out["slides"],
                    notes_pages=laid_out["notes"], notes_overflow=laid_out["overflow"])
