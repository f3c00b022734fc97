"""Checks that a reveal.js deck works in a real browser; each returns a list of failures, empty = pass.

Each check takes a Playwright page that already shows the deck (see `open_deck`), or the log
that showdeck.browser.offline_page keeps of it, and reports what a person would notice: a deck that never starts, a slide that cannot be reached, text that
runs off the bottom, a broken or undescribed image, speaker notes on screen, a print-out that
spills a slide over two pages. The functions know nothing about Akudama Drive.

Importing it loads no browser: Playwright is imported only by the checks that drive a page, so
the pure policies here (alt_problem, pdf_page_count, notebook_slide_count) serve the build too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from showdeck.alttext import alt_problem
from showdeck.pdf import pdf_page_count

#: How long reveal.js may take to lay a deck out (its print view of a long deck takes a while).
READY_TIMEOUT_MS = 60_000


def deck_url(deck: Path, *, print_view: bool = False) -> str:
    """The deck's file: URL, with reveal.js's print view asked for when `print_view`."""
    return deck.resolve().as_uri() + ("?print-pdf" if print_view else "")

#: How long reveal.js may take to start or to lay out its print view. A self-contained deck on
#: disk starts in well under 2 s; a long deck's print view takes longer, on a slow machine much
#: longer. A page without reveal.js at all is caught at once, not after this.
#: How long one slide's images may take to finish loading once the slide is shown.
IMAGE_TIMEOUT_MS = 5_000
#: Layout rounding: a slide may be this many CSS pixels taller or wider than the deck before
#: it counts as overflowing.
OVERFLOW_TOLERANCE_PX = 2

# Every slide's (h, v) position and fragment indices, in reading order. Vertical stacks are
# not slides themselves; reveal.js's getSlides() already leaves them out.
_SLIDES_JS = """() => Reveal.getSlides().map(slide => {
    const at = Reveal.getIndices(slide);
    const fragments = [...slide.querySelectorAll('.fragment[data-fragment-index]')]
        .map(f => parseInt(f.getAttribute('data-fragment-index'), 10));
    return {h: at.h, v: at.v ?? 0, fragments: [...new Set(fragments)].sort((a, b) => a - b)};
})"""

# Captures show the end state at once: no fragment fade, slide move or progress bar glide.
_STILL_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
_TWO_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

_WHERE_JS = """() => { const at = Reveal.getIndices();
    return {h: at.h, v: at.v ?? 0, f: at.f ?? null, last: Reveal.isLastSlide(),
            more: Reveal.availableFragments().next}; }"""


def open_deck(page: Any, deck: Path, *, print_view: bool = False) -> list[str]:
    """Navigate to a deck on disk and wait until reveal.js is ready."""
    page.goto(deck_url(deck, print_view=print_view))
    return wait_ready(page)


def wait_ready(page: Any, timeout_ms: int = READY_TIMEOUT_MS) -> list[str]:
    """reveal.js reports ready (and the page's fonts have loaded, so layout is final).

    Call after the page's load event (page.goto waits for it): by then a deck whose reveal.js
    could not load has no window.Reveal, and that fails at once instead of after the timeout.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if page.evaluate("() => typeof window.Reveal") == "undefined":
        return ["reveal.js never loaded: window.Reveal is undefined after the page loaded"]
    try:
        page.wait_for_function("() => Reveal.isReady()", timeout=timeout_ms)
    except PlaywrightTimeout:
        return [f"reveal.js did not report ready within {timeout_ms / 1000:g} s"]
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return []


def check_requests(log: Any) -> list[str]:
    """The deck asked for nothing beyond its own file: every blocked request is a failure."""
    return [f"blocked a request for {url} (the deck must be self-contained)" for url in log.blocked]


def check_console(log: Any) -> list[str]:
    """No console errors and no uncaught exceptions."""
    return [f"console error: {text}" for text in log.console_errors] + [
        f"uncaught exception: {text}" for text in log.page_errors
    ]


def slides(page: Any) -> list[dict]:
    """Each slide as {"h", "v", "fragments"}: its position and its fragment indices, in order."""
    return page.evaluate(_SLIDES_JS)


def check_slide_count(page: Any, expected: int) -> list[str]:
    """reveal.js counts as many slides as the notebook has."""
    total = page.evaluate("() => Reveal.getTotalSlides()")
    if total != expected:
        return [f"the deck has {total} slides, the notebook {expected}"]
    return []


_VISIBLE_PAGES_JS = """() => [...Reveal.getCurrentSlide().querySelectorAll('.sd-page')]
    .filter(p => { const cs = getComputedStyle(p);
                   return cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0.5; })
    .map(p => parseInt(p.dataset.sdPage, 10))"""

#: Ways a viewer turns a page: keys presenters press, the on-screen control, a swipe.
STEPS = ("ArrowRight", "Space", "PageDown", "click", "swipe")


def _turn(page: Any, how: str | None) -> None:
    if how is None:
        page.evaluate("() => Reveal.next()")
    elif how == "click":
        page.locator(".controls .navigate-right").click()
    elif how == "swipe":
        swipe_left(page)
    else:
        page.keyboard.press(how)


def swipe_left(page: Any) -> None:
    """A finger dragged right to left across the deck, as real touch events (Chromium CDP)."""
    session = page.context.new_cdp_session(page)
    size = page.viewport_size or {"width": 960, "height": 700}
    y = size["height"] / 2
    start, end = size["width"] * 0.8, size["width"] * 0.2
    session.send("Input.dispatchTouchEvent",
                 {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]})
    for step in range(1, 6):
        x = start + (end - start) * step / 5
        session.send("Input.dispatchTouchEvent",
                     {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


def step_through(page: Any, *, key: str | None = "Space") -> list[str]:
    """Step from the first page to the last, every fragment and page included, one per step.

    Turns pages as a person would (`key` is a key name, "click" for the next control, "swipe"
    for a touch swipe; None calls Reveal.next()). Every step must move; every slide and every
    fragment must be visited, in exactly as many steps as there are states; and where a slide
    has pages, exactly one shows at a time, in order.
    """
    expected = slides(page)
    states = sum(1 + len(s["fragments"]) for s in expected)
    page.evaluate("() => Reveal.slide(0, 0, -1)")
    still = page.add_style_tag(content=_STILL_CSS)  # read each page at rest, not mid-fade
    try:
        return _step_through(page, key, expected, states)
    finally:
        still.evaluate("element => element.remove()")


def _step_through(page: Any, key: str | None, expected: list[dict], states: int) -> list[str]:
    visited: dict[tuple[int, int], set] = {}
    failures: list[str] = []
    where = page.evaluate(_WHERE_JS)
    steps = 0
    last_page: tuple[int, int] | None = None
    while True:
        visited.setdefault((where["h"], where["v"]), set()).add(where["f"])
        shown = page.evaluate(_VISIBLE_PAGES_JS)
        if page.evaluate("() => Reveal.getCurrentSlide().querySelector('.sd-page') !== null"):
            if len(shown) != 1:
                failures.append(f"slide {_name(where)} step {where['f']}: pages {shown} visible")
                break
            current = (where["h"], shown[0])
            expected_page = 1 if last_page is None or last_page[0] != where["h"] else last_page[1] + 1
            if shown[0] != expected_page:
                failures.append(f"slide {_name(where)}: page {shown[0]} shown where page "
                                f"{expected_page} comes in reading order")
            last_page = current
        if where["last"] and not where["more"]:
            break
        if steps > states:
            failures.append(f"still not at the last slide after {steps} steps ({states} states)")
            break
        _turn(page, key)
        steps += 1
        page.wait_for_timeout(20)
        after = page.evaluate(_WHERE_JS)
        if (after["h"], after["v"], after["f"]) == (where["h"], where["v"], where["f"]):
            how = {None: "Reveal.next()", "click": "the next control", "swipe": "a swipe"}.get(
                key, f"pressing {key}")
            failures.append(f"{how} on slide {_name(where)} did not move")
            break
        where = after
    for s in expected:
        seen = visited.get((s["h"], s["v"]))
        if seen is None:
            failures.append(f"never reached slide {_name(s)}")
            continue
        missing = [f for f in s["fragments"] if f not in seen]
        if missing:
            failures.append(f"slide {_name(s)}: fragments {missing} were never shown")
    if not failures and steps != states - 1:
        failures.append(f"took {steps} steps through {states} states; expected {states - 1}")
    return failures


def page_count(page: Any) -> int:
    """Pages the audience steps through: a slide, plus one per fragment step."""
    return sum(1 + len(s["fragments"]) for s in slides(page))


def check_overflow(page: Any, tolerance_px: int = OVERFLOW_TOLERANCE_PX) -> list[str]:
    """No slide's content is taller (or wider) than the deck's configured slide size.

    Hidden slides have no layout, so each slide is measured while it is the current one.
    scrollHeight is in the deck's own pixels: reveal.js's scaling transform does not change it.
    """
    failures = []
    size = page.evaluate("() => ({w: Reveal.getConfig().width, h: Reveal.getConfig().height})")
    for s in slides(page):
        got = page.evaluate(
            """([h, v]) => { Reveal.slide(h, v); const el = Reveal.getCurrentSlide();
               return {h: el.scrollHeight, w: el.scrollWidth}; }""",
            [s["h"], s["v"]],
        )
        if got["h"] > size["h"] + tolerance_px:
            failures.append(
                f"slide {_name(s)} is {got['h']} px tall, taller than the {size['h']} px slide"
            )
        if got["w"] > size["w"] + tolerance_px:
            failures.append(
                f"slide {_name(s)} is {got['w']} px wide, wider than the {size['w']} px slide"
            )
    return failures


#: Marks every element under the roots (the slide on screen when there are none) that draws
#: text, and returns how many.
_MARK_TEXT_JS = """(selector) => {
  document.querySelectorAll('[data-sd-font-probe]').forEach(el => el.removeAttribute('data-sd-font-probe'));
  const roots = selector ? [...document.querySelectorAll(selector)] : [Reveal.getCurrentSlide()];
  let count = 0;
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || !el.getClientRects().length) continue;
      if (!el.hasAttribute('data-sd-font-probe')) { el.setAttribute('data-sd-font-probe', ''); count++; }
    }
    // What is typed in a field is its value, not a text node.
    [root, ...root.querySelectorAll('input')].filter(el => el.value && el.getClientRects().length)
      .forEach(el => { el.setAttribute('data-sd-font-probe', ''); count++; });
  }
  return count;
}"""

#: The deck's own chrome, on screen with every slide: footer, slide number, controls.
CHROME = ".reveal > :not(.slides), .sd-footer"


def machine_fonts(page: Any, selector: str | None = None) -> list[str] | None:
    """Each element under `selector` (else the slide on screen) whose text Chromium drew in one
    of the machine's fonts rather than the deck's embedded ones, by Chromium's own record of
    the fonts it used; None when nothing there draws text."""
    if not page.evaluate(_MARK_TEXT_JS, selector):
        return None
    found = []
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        probes = session.send("DOM.querySelectorAll", {
            "nodeId": root, "selector": "[data-sd-font-probe]"})["nodeIds"]
        for node in probes:
            used = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            machine = sorted({f["familyName"] for f in used if not f["isCustomFont"]})
            if machine:
                text = session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
                found.append(f"{_short(text)} is drawn in the machine's {', '.join(machine)}")
    finally:
        page.evaluate("() => document.querySelectorAll('[data-sd-font-probe]')"
                      ".forEach(el => el.removeAttribute('data-sd-font-probe'))")
        session.detach()
    return found


def check_embedded_fonts(page: Any) -> list[str]:
    """Every text the deck draws, slide by slide with its chrome, is drawn in the fonts it
    embeds: none in a font of the machine's."""
    failures: list[str] = []
    for s in slides(page):
        page.evaluate("([h, v]) => Reveal.slide(h, v)", [s["h"], s["v"]])
        found = machine_fonts(page)
        if found is None:
            failures.append(f"slide {_name(s)}: no text found to check")
            continue
        failures += [f"slide {_name(s)}: {line}" for line in found + (machine_fonts(page, CHROME) or [])]
    return failures


def check_images(page: Any, timeout_ms: int = IMAGE_TIMEOUT_MS) -> list[str]:
    """Every image loaded (naturalWidth > 0) and has alt text that describes it.

    Each slide is shown in turn, so images reveal.js loads lazily (data-src) get their chance.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    failures = []
    for s in slides(page):
        page.evaluate("([h, v]) => Reveal.slide(h, v)", [s["h"], s["v"]])
        # An image still loading after the timeout is reported below as not loaded.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                "() => [...Reveal.getCurrentSlide().querySelectorAll('img')].every(i => i.complete)",
                timeout=timeout_ms,
            )
        images = page.evaluate(
            """() => [...Reveal.getCurrentSlide().querySelectorAll('img')].map(i => ({
                src: (i.getAttribute('src') || i.getAttribute('data-src') || i.currentSrc || ''),
                alt: i.getAttribute('alt'), width: i.naturalWidth}))"""
        )
        for number, image in enumerate(images, start=1):
            where = f"slide {_name(s)}, image {number} ({_short(image['src'])})"
            if not image["width"]:
                failures.append(f"{where} did not load (naturalWidth is 0)")
            problem = alt_problem(image["alt"])
            if problem:
                failures.append(f"{where}: {problem}")
    return failures


def check_notes_present(page: Any, minimum: int = 1) -> list[str]:
    """At least `minimum` slides carry speaker notes that reveal.js can find."""
    with_notes = page.evaluate(
        "() => Reveal.getSlides().filter(s => (Reveal.getSlideNotes(s) || '').trim()).length"
    )
    if with_notes < minimum:
        return [f"{with_notes} slides have speaker notes; expected at least {minimum}"]
    return []


def check_notes_hidden(page: Any) -> list[str]:
    """Speaker notes stay off the audience's screen on every slide."""
    failures = []
    for s in slides(page):
        shown = page.evaluate(
            """([h, v]) => { Reveal.slide(h, v);
               const options = {opacityProperty: true, visibilityProperty: true};
               const notes = [...Reveal.getCurrentSlide().querySelectorAll('.notes'),
                              ...document.querySelectorAll('.reveal > .speaker-notes')];
               return notes.filter(n => n.checkVisibility(options)
                                        && n.getBoundingClientRect().height > 0)
                           .map(n => n.textContent.trim().slice(0, 60)); }""",
            [s["h"], s["v"]],
        )
        failures.extend(f"slide {_name(s)} shows its speaker notes: {text!r}" for text in shown)
    return failures


def check_print_view(page: Any, deck: Path) -> list[str]:
    """The print layout (?print-pdf) puts one page per slide, and so does a real print to PDF.

    reveal.js lays out a `.pdf-page` per slide, plus one per fragment step when
    pdfSeparateFragments is on (its default); a slide too tall for a page stretches its
    `.pdf-page` over several sheets. Navigates the page away from the deck.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Count in the ordinary view: the print layout clones slides for fragment steps.
    failures = open_deck(page, deck)
    if failures:
        return failures
    counts = page.evaluate(
        """() => ({slides: Reveal.getTotalSlides(),
                   fragmentPages: Reveal.getConfig().pdfSeparateFragments
                       ? Reveal.getSlides().map(s => new Set([...s.querySelectorAll('.fragment')]
                           .map(f => f.getAttribute('data-fragment-index'))).size)
                           .reduce((a, b) => a + b, 0)
                       : 0})"""
    )
    failures = open_deck(page, deck, print_view=True)
    if failures:
        return failures
    try:
        page.wait_for_function(
            "() => document.querySelectorAll('.pdf-page').length > 0", timeout=READY_TIMEOUT_MS
        )
    except PlaywrightTimeout:
        return ["the print view (?print-pdf) laid out no pages"]
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.pdf-page')].map(p => p.getBoundingClientRect().height)"
    )
    expected = counts["slides"] + counts["fragmentPages"]
    if len(heights) != expected:
        failures.append(
            f"the print view has {len(heights)} pages for {counts['slides']} slides"
            f" and {counts['fragmentPages']} fragment steps; expected {expected}"
        )
    one_page = min(heights)
    tall = [n for n, height in enumerate(heights, start=1) if height > one_page + 1]
    if tall:
        failures.append(f"print pages {tall} each spread one slide over more than one sheet")
    printed = pdf_page_count(page.pdf(prefer_css_page_size=True, print_background=True))
    if printed != expected:
        failures.append(f"printing to PDF gives {printed} pages; expected {expected}")
    return failures


def screenshot_all(page: Any, folder: Path) -> list[Path]:
    """A PNG of every page of every slide, named NN-h-p.png (p: the page, from 1); returns
    the paths.

    Old NN-*.png files in `folder` are removed first so a shorter deck leaves none behind.
    Transitions are switched off while capturing, so no picture catches a page mid-fade.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("[0-9][0-9]*-*-*.png"):
        old.unlink()
    still = page.add_style_tag(content=_STILL_CSS)
    paths = []
    try:
        number = 0
        for s in slides(page):
            for index, fragment in enumerate([-1, *s["fragments"]], start=1):
                page.evaluate("([h, v, f]) => Reveal.slide(h, v, f)", [s["h"], s["v"], fragment])
                page.wait_for_function(
                    "() => [...Reveal.getCurrentSlide().querySelectorAll('img')]"
                    ".every(i => i.complete)", timeout=IMAGE_TIMEOUT_MS)
                page.evaluate(_TWO_FRAMES_JS)
                number += 1
                path = folder / f"{number:02d}-{s['h'] + 1}-{index}.png"
                page.screenshot(path=str(path))
                paths.append(path)
    finally:
        still.evaluate("element => element.remove()")
    return paths


def _name(slide: Mapping) -> str:
    """A slide's position as reveal.js numbers it on screen: h.v, counted from 1."""
    return f"{slide['h'] + 1}.{slide['v'] + 1}"


def _short(src: str, limit: int = 60) -> str:
    if src.startswith("data:"):
        return src.split(",", 1)[0] + ",..."
    return src if len(src) <= limit else "..." + src[-limit:]
