"""The built decks in headless Chromium, opened from disk with every non-file request blocked.

Each deck is built with the command people use (`python -m showdeck build`) into a temporary
folder: the real show, the invented fixture show, a show whose article is in Japanese and one
with very long paragraphs. Expectations are fixed here, not recomputed from the notebook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from showdeck.pages import deck_structure
from showdeck.slide_list import SLIDES
from tests.support import deckcheck
from tests.support.decks import SHOWS, deck_page, passes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The deck's slides, one per slide cell of the notebook, in order.
SLIDE_KINDS = [slide.kind for slide in SLIDES]


@pytest.fixture(scope="module", params=list(SHOWS))
def deck(request, show_deck) -> Path:
    return show_deck(request.param)


@pytest.fixture(scope="module")
def real_deck(show_deck) -> Path:
    return show_deck("akudama-drive")


def open_page(fresh_browser, path: Path):
    page, log = fresh_browser
    page.set_viewport_size({"width": 1280, "height": 800})
    passes(deckcheck.open_deck(page, path))
    return page, log


@pytest.fixture
def page(fresh_browser, deck: Path):
    """The deck open and ready; after the test, the page must have logged nothing wrong."""
    page, log = open_page(fresh_browser, deck)
    yield page
    passes(deckcheck.check_requests(log) + deckcheck.check_console(log))


@pytest.fixture
def real(fresh_browser, real_deck: Path):
    page, log = open_page(fresh_browser, real_deck)
    yield page
    passes(deckcheck.check_requests(log) + deckcheck.check_console(log))


def test_deck_starts_offline_with_one_slide_per_slide_cell(page, deck: Path) -> None:
    assert deck.stat().st_size <= 1_000_000  # fonts and reveal.js inlined, still under 1 MB
    assert page.evaluate("() => Reveal.isReady()")
    kinds = page.evaluate("() => Reveal.getSlides().map(s => "
                          "(s.querySelector('[data-sd-slide]') || {dataset: {}}).dataset.sdSlide)")
    assert kinds == SLIDE_KINDS
    # The HTML read back and the browser agree on every page.
    pages = sum(s.pages for s in deck_structure(deck.read_text(encoding="utf-8")))
    assert deckcheck.page_count(page) == pages


def test_no_page_is_taller_or_wider_than_the_slide(page) -> None:
    passes(deckcheck.check_overflow(page))


def test_every_image_loads_and_is_described(page) -> None:
    passes(deckcheck.check_images(page))


def test_every_text_is_drawn_in_the_embedded_fonts(page) -> None:
    # The deck looks the same on every machine only if it never falls back to the machine's
    # fonts: each @font-face's unicode-range must cover its characters, and the page's chrome
    # (footer, slide number, controls, the pause overlay's button) use the embedded faces too.
    passes(deckcheck.check_embedded_fonts(page))


def test_overlays_and_run_time_text_are_drawn_in_the_embedded_fonts(fresh_browser,
                                                                    real_deck: Path) -> None:
    page, _log = open_page(fresh_browser, real_deck)
    found: dict[str, list[str] | None] = {}
    page.evaluate("() => Reveal.toggleHelp(true)")  # "?": reveal.js's keyboard help
    found["help"] = deckcheck.machine_fonts(page, ".r-overlay")
    page.evaluate("() => Reveal.toggleHelp(false)")
    page.keyboard.press("g")  # jump to slide: reveal.js's input
    page.keyboard.type("12")
    found["jump to slide"] = deckcheck.machine_fonts(page, ".jump-to-slide")
    page.keyboard.press("Escape")
    page.evaluate("() => Reveal.slide(3)")  # the chart: a point's card and its close button
    page.locator("section.present .sd-chart-wide a.sd-point").first.focus()
    page.keyboard.press("Enter")
    found["chart card"] = deckcheck.machine_fonts(page, "section.present .sd-chart-card")
    assert all(lines is not None for lines in found.values()), found  # each showed its text
    assert not any(found.values()), found


def test_the_printed_notes_are_drawn_in_the_embedded_fonts(fresh_browser, real_deck: Path,
                                                           ) -> None:
    chromium = fresh_browser[0].context.browser
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(deckcheck.deck_url(real_deck, print_view=True) + "&showNotes=separate-page")
        page.wait_for_function("document.documentElement.dataset.deckReady === 'pdf'",
                               timeout=deckcheck.READY_TIMEOUT_MS)
        found = deckcheck.machine_fonts(page, ".sd-notes-page")
    finally:
        context.close()
    assert found == [], found


#: Records the status of every font face the page declares when reveal.js first shows a slide
#: (its first layout of one): a mutation observer runs right after the script that set it.
_FONTS_AT_FIRST_LAYOUT_JS = """new MutationObserver((records, observer) => {
  if (!document.querySelector('.reveal .slides section[style*="display: block"]')) return;
  observer.disconnect();
  window.sdFontsAtLayout = [...document.fonts].map(f => `${f.family} ${f.weight}: ${f.status}`);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['style']});"""


def _fonts_at_first_layout(fresh_browser, deck: Path) -> list[str]:
    chromium = fresh_browser[0].context.browser
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(_FONTS_AT_FIRST_LAYOUT_JS)
        page.goto(deck.as_uri())
        passes(deckcheck.wait_ready(page))
        return page.evaluate("window.sdFontsAtLayout")
    finally:
        context.close()


def test_the_first_slide_is_laid_out_once_its_fonts_are_loaded(fresh_browser, real_deck: Path,
                                                                ) -> None:
    # reveal.js starts once the embedded faces have loaded (fonts.js, Showdeck.start), so the
    # first layout is in the faces the deck keeps, not in the machine's fonts as stand-ins.
    statuses = _fonts_at_first_layout(fresh_browser, real_deck)
    assert statuses, "the deck declares no fonts"
    assert all(status.endswith(": loaded") for status in statuses), statuses


def test_a_face_that_fails_to_load_does_not_hold_the_deck_back(fresh_browser, real_deck: Path,
                                                               tmp_path: Path) -> None:
    html = real_deck.read_text(encoding="utf-8")
    first = html.index('url("data:font/woff2;base64,') + len('url("data:font/woff2;base64,')
    broken = tmp_path / "broken-font.slides.html"
    broken.write_text(html[:first] + "AAAA" + html[first + 4:], encoding="utf-8")
    statuses = _fonts_at_first_layout(fresh_browser, broken)
    assert any(status.endswith(": error") for status in statuses), statuses


def test_speaker_notes_exist_and_stay_hidden(page) -> None:
    passes(deckcheck.check_notes_present(page, minimum=len(SLIDE_KINDS))
           + deckcheck.check_notes_hidden(page))


@pytest.mark.parametrize("how", [s for s in deckcheck.STEPS if s != "swipe"])
def test_every_page_is_reached_in_order(real, how) -> None:
    passes(deckcheck.step_through(real, key=how))


def test_a_swipe_turns_every_page_on_a_touch_screen(fresh_browser, real_deck: Path) -> None:
    with deck_page(fresh_browser, real_deck, viewport=(1024, 768), has_touch=True) as page:
        passes(deckcheck.step_through(page, key="swipe"))


def test_arrow_right_and_space_reach_the_same_pages(real) -> None:
    counts = {}
    for key in ("ArrowRight", "Space"):
        real.evaluate("() => Reveal.slide(0, 0, -1)")
        seen = set()
        for _ in range(500):
            seen.add(tuple(real.evaluate("() => { const i = Reveal.getIndices(); "
                                         "return [i.h, i.v, i.f ?? -1]; }")))
            if real.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
                break
            real.keyboard.press(key)
        counts[key] = len(seen)
    assert counts["ArrowRight"] == counts["Space"] == deckcheck.page_count(real)


def test_print_view_lays_out_one_page_per_page(real, real_deck: Path) -> None:
    passes(deckcheck.check_print_view(real, real_deck))


def test_every_page_has_a_screenshot(real, screenshots) -> None:
    shots = deckcheck.screenshot_all(real, screenshots)
    assert len(shots) == deckcheck.page_count(real)
    assert all(shot.stat().st_size > 0 for shot in shots)
