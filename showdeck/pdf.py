"""Print a built deck to PDF, one page per slide, from reveal.js's print view in headless Chromium."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showdeck.browser import offline_page
from showdeck.build import write_atomic

#: How long reveal.js may take to lay out the print view.
READY_TIMEOUT_MS = 60_000


class PdfError(Exception):
    """The PDF could not be printed; the message names the cause and the fix."""


@dataclass
class PdfResult:
    output: Path
    pages: int
    seconds: float


def count_pdf_pages(payload: bytes) -> int:
    """Pages in a PDF as Chromium writes it (uncompressed page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", payload))


def print_pdf(
    deck: str | Path, output: str | Path, *, progress: Callable[[str], None] = print
) -> PdfResult:
    """Open `deck` with ?print-pdf, wait for reveal.js's pdf-ready event, and save the PDF."""
    deck, output = Path(deck), Path(output)
    if not deck.is_file():
        msg = f"no deck at {deck}; build it first with `make slides`"
        raise PdfError(msg)
    started = time.perf_counter()
    progress(f"print     {deck} in headless Chromium ...")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with offline_page(viewport=(960, 700)) as (page, log):
        page.goto(deck.resolve().as_uri() + "?print-pdf")
        try:
            page.wait_for_function(
                "document.documentElement.dataset.deckReady === 'pdf'", timeout=READY_TIMEOUT_MS
            )
        except PlaywrightTimeout:
            errors = "; ".join(log.page_errors + log.console_errors) or "no script errors"
            msg = (f"{deck}: reveal.js never reported its print view ready ({errors}); "
                   "is it a showdeck deck? rebuild it with `make slides`")
            raise PdfError(msg) from None
        page.evaluate("document.fonts.ready.then(() => true)")
        expected = page.evaluate("document.querySelectorAll('.pdf-page').length")
        with tempfile.TemporaryDirectory(prefix="showdeck-pdf-") as scratch:
            tmp = Path(scratch) / output.name
            page.pdf(path=str(tmp), print_background=True, prefer_css_page_size=True)
            payload = tmp.read_bytes()
        if log.blocked:
            msg = f"{deck} tried to load {log.blocked[0]} while printing; rebuild it with `make slides`"
            raise PdfError(msg)
    pages = count_pdf_pages(payload)
    if expected and pages != expected:
        msg = (f"{deck}: {expected} slides printed as {pages} pages; a slide overflows its page, "
               "shorten it")
        raise PdfError(msg)
    write_atomic(output, payload)
    seconds = time.perf_counter() - started
    progress(f"write     {output}, {pages} pages, {len(payload) / 1e6:.2f} MB ({seconds:.2f} s)")
    return PdfResult(output=output, pages=pages, seconds=seconds)
