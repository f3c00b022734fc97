"""Print a built deck to PDF, one page per slide, from reveal.js's print view in headless Chromium."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showdeck.browser import offline_page
from showdeck.build import check_output, write_atomic
from showdeck.errors import ShowdeckError

#: How long reveal.js may take to lay out its print view; a long deck's takes a while.
READY_TIMEOUT_MS = 60_000
_PDF_PAGE = re.compile(rb"/Type\s*/Page\b")


def deck_url(deck: Path, *, print_view: bool = False) -> str:
    """The deck's file: URL, with reveal.js's print view asked for when `print_view`."""
    return deck.resolve().as_uri() + ("?print-pdf" if print_view else "")


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote: one /Type /Page object per page, not /Type /Pages."""
    return len(_PDF_PAGE.findall(pdf))


class PdfError(ShowdeckError):
    """The PDF could not be printed; the message names the cause and the fix."""


@dataclass
class PdfResult:
    output: Path
    pages: int
    seconds: float


def print_pdf(
    deck: str | Path, output: str | Path, *, progress: Callable[[str], None] = print
) -> PdfResult:
    """Open `deck` with ?print-pdf, wait for reveal.js's pdf-ready event, and save the PDF."""
    deck, output = Path(deck), Path(output)
    if not deck.is_file():
        msg = f"no deck at {deck}; build it first with `make slides`"
        raise PdfError(msg)
    check_output(output)
    started = time.perf_counter()
    progress(f"print     {deck} in headless Chromium ...")
    from playwright.sync_api import Error as PlaywrightError

    try:
        payload, expected = _print(deck, output.name)
    except PlaywrightError as exc:
        reason = (exc.message or str(exc)).strip().splitlines()[0]
        msg = (f"{deck}: headless Chromium could not print it ({reason}); open it in a browser "
               "to check it is a working deck, rebuild it with `make slides`, and try again")
        raise PdfError(msg) from None
    pages = pdf_page_count(payload)
    if expected and pages != expected:
        msg = (f"{deck}: {expected} slides printed as {pages} pages; a slide overflows its page, "
               "shorten it")
        raise PdfError(msg)
    write_atomic(output, payload)
    seconds = time.perf_counter() - started
    progress(f"write     {output}, {pages} pages, {len(payload) / 1e6:.2f} MB ({seconds:.2f} s)")
    return PdfResult(output=output, pages=pages, seconds=seconds)


def _print(deck: Path, name: str) -> tuple[bytes, int]:
    """The PDF of the deck's print view, and how many pages reveal.js laid out for it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    not_a_deck = "is it a showdeck deck? rebuild it with `make slides`"
    with offline_page(viewport=(960, 700)) as (page, log):
        url = deck_url(deck, print_view=True)
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
        page.evaluate("document.fonts.ready.then(() => true)")
        expected = page.evaluate("document.querySelectorAll('.pdf-page').length")
        with tempfile.TemporaryDirectory(prefix="showdeck-pdf-") as scratch:
            tmp = Path(scratch) / name
            page.pdf(path=str(tmp), print_background=True, prefer_css_page_size=True)
            payload = tmp.read_bytes()
        if log.blocked:
            msg = f"{deck} tried to load {log.blocked[0]} while printing; rebuild it with `make slides`"
            raise PdfError(msg)
    return payload, expected
