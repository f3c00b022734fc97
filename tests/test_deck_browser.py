"""The real deck in headless Chromium, opened from disk with every non-file request blocked.

The deck is built once per run with the same command people use (the builder skips the work
when nothing changed). The slide count it must have comes from the notebook itself, executed
here in a fresh kernel alongside the build, so a slide lost or invented by the exporter shows.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from showdeck import deckcheck

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = Path("notebooks") / "akudama_drive_season2.ipynb"
DATA = Path("data") / "akudama-drive"
DECK = Path("build") / "akudama-drive-season-2.slides.html"
SCREENSHOTS = ROOT / "build" / "screenshots"
BUILD_TIMEOUT_S = 600


@dataclass(frozen=True)
class BuiltDeck:
    path: Path
    expected_slides: int


@pytest.fixture(scope="module")
def deck() -> BuiltDeck:
    """Build the deck with the CLI while this process executes the notebook to count slides."""
    from showdeck.build import execute_notebook
    from showdeck.export import PAGE_KEY, REMOVE_CELL_TAG

    as_of = dt.date.today().isoformat()
    command = [
        sys.executable,
        "-m",
        "showdeck",
        "build",
        "--data",
        str(DATA),
        "--output",
        str(DECK),
        "--as-of",
        as_of,
    ]
    build = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        executed = execute_notebook(ROOT / NOTEBOOK, ROOT / DATA, as_of)
    finally:
        try:
            output, _ = build.communicate(timeout=BUILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            build.kill()
            output, _ = build.communicate()
            pytest.fail(f"`{' '.join(command[1:])}` took over {BUILD_TIMEOUT_S} s:\n{output}")
    if build.returncode:
        pytest.fail(f"`{' '.join(command[1:])}` failed ({build.returncode}):\n{output}")
    expected = deckcheck.notebook_slide_count(
        executed, removed_tags=(REMOVE_CELL_TAG,), page_key=PAGE_KEY
    )
    return BuiltDeck(ROOT / DECK, expected)


def passes(failures: list[str]) -> None:
    """Fail with every failure on its own line, as a person reads them."""
    __tracebackhide__ = True
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


@pytest.fixture
def page(fresh_browser, deck: BuiltDeck):
    """The deck open and ready; after the test, the page must have logged nothing wrong."""
    page, log = fresh_browser
    passes(deckcheck.open_deck(page, deck.path))
    yield page
    passes(deckcheck.check_requests(log) + deckcheck.check_console(log))


def test_deck_starts_offline_without_errors(page) -> None:
    # The fixture opened the deck and checks the log; this test only adds what ready means.
    assert page.evaluate("() => Reveal.isReady() && Reveal.getTotalSlides() > 0")


def test_deck_has_as_many_slides_as_the_notebook(page, deck: BuiltDeck) -> None:
    passes(deckcheck.check_slide_count(page, deck.expected_slides))


def test_every_slide_and_fragment_can_be_reached(page) -> None:
    passes(deckcheck.step_through(page))


def test_no_slide_is_taller_or_wider_than_the_slide(page) -> None:
    passes(deckcheck.check_overflow(page))


def test_every_image_loads_and_is_described(page) -> None:
    passes(deckcheck.check_images(page))


def test_speaker_notes_exist_and_stay_hidden(page) -> None:
    passes(deckcheck.check_notes_present(page) + deckcheck.check_notes_hidden(page))


def test_print_view_lays_out_one_page_per_slide(page, deck: BuiltDeck) -> None:
    passes(deckcheck.check_print_view(page, deck.path))


def test_every_slide_has_a_screenshot(page) -> None:
    shots = deckcheck.screenshot_all(page, SCREENSHOTS)
    assert len(shots) == page.evaluate("() => Reveal.getTotalSlides()")
    assert all(shot.stat().st_size > 0 for shot in shots)
