"""Decks for the browser tests: the shows they build, the CLI build, and an offline page."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from showdeck.browser import block_network
from tests.support import deckcheck

ROOT = Path(__file__).resolve().parent.parent.parent
#: Every test deck speaks for this day.
AS_OF = "2026-11-24"
#: Where browser tests save screenshots for a person to look at: $SHOWDECK_SCREENSHOTS, else a
#: new folder in the system's temporary folder (tests never write into the checkout).
SCREENSHOTS = Path(os.environ.get("SHOWDECK_SCREENSHOTS")
                   or tempfile.mkdtemp(prefix="showdeck-screenshots-"))
#: The real show and the invented ones: Japanese article, very long paragraphs.
SHOWS = {
    "akudama-drive": ROOT / "data" / "akudama-drive",
    "lantern-line": ROOT / "tests" / "fixtures" / "lantern-line",
    "yozora-densha": ROOT / "tests" / "fixtures" / "yozora-densha",
    "long-lines": ROOT / "tests" / "fixtures" / "long-lines",
}


def build_command(data: Path, output: Path) -> list[str]:
    """`python -m showdeck build` of one show, as people run it."""
    return [sys.executable, "-m", "showdeck", "build", "--data", str(data), "--output",
            str(output), "--as-of", AS_OF]


def build(data: Path, output: Path) -> Path:
    """Build a deck with the CLI; fail the test with its output when the build fails."""
    command = build_command(data, output)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                            check=False)
    if result.returncode:
        pytest.fail(f"`{' '.join(command[1:])}` failed ({result.returncode}):\n"
                    f"{result.stdout}{result.stderr}")
    return output


def passes(failures: list[str]) -> None:
    """Fail with every failure on its own line, as a person reads them."""
    __tracebackhide__ = True
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


@contextmanager
def deck_page(browser, deck: Path, fragment: str = "", *,
              viewport: tuple[int, int] = (1280, 800), **options) -> Iterator:
    """The deck in a fresh context of the module's Chromium (viewport, touch, forced colours,
    motion...), offline and ready; fails if the page logged an error or asked the network for
    anything."""
    chromium = browser[0].context.browser
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                   device_scale_factor=1, **options)
    blocked: list[str] = []
    errors: list[str] = []


    block_network(context, blocked)
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(deck.as_uri() + fragment)
        passes(deckcheck.wait_ready(page))
        yield page
        assert blocked == [], blocked
        assert errors == [], errors
    finally:
        context.close()
