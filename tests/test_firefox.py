"""The built decks in a second engine: Debian's firefox-esr, headless, driven over Marionette.

Pagination measures text with the embedded fonts' metrics, so a page that fits in Chromium
should fit in Gecko too; this proves it. Each show is built with the command people use into a
temporary folder, opened from disk at 1280x800 in a fresh offline profile, and every slide and
every fragment step is measured at rest: no page taller or wider than the slide, one `.sd-page`
on screen at a time, every embedded font loaded, and as many steps as the HTML has pages.
"""

from __future__ import annotations

import base64
import gc
import shutil
import warnings
from pathlib import Path

import pytest

from showdeck.pages import deck_structure
from tests.support.decks import SCREENSHOTS, SHOWS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIREFOX = "firefox-esr"
VIEWPORT = (1280, 800)
#: Layout rounding: a slide may be this many CSS pixels taller or wider than the deck.
TOLERANCE_PX = 2
#: Nothing may leave the machine: every proxied request goes to a port where nothing listens
#: (9, discard), and the services that phone home are switched off.
OFFLINE_PREFS = {
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.socks": "127.0.0.1",
    "network.proxy.socks_port": 9,
    "network.proxy.no_proxies_on": "",
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.predictor.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "app.update.enabled": False,
    "app.update.auto": False,
    "app.normandy.enabled": False,
    "app.shield.optoutstudies.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.usage.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.archive.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
}

# Every slide's position and distinct fragment indices, as reveal.js sees them.
_SLIDES_JS = """return Reveal.getSlides().map(slide => {
    const at = Reveal.getIndices(slide);
    const kind = (slide.querySelector('[data-sd-slide]') || {dataset: {}}).dataset.sdSlide;
    const fragments = [...slide.querySelectorAll('.fragment[data-fragment-index]')]
        .map(f => parseInt(f.getAttribute('data-fragment-index'), 10));
    return {h: at.h, v: at.v ?? 0, kind: kind ?? null,
            fragments: [...new Set(fragments)].sort((a, b) => a - b)};
});"""

# Fonts settle before anything is measured: the ones in use, then every declared face forced.
_FONTS_JS = """return document.fonts.ready
    .then(() => Promise.all([...document.fonts].map(f => f.load().catch(() => null))))
    .then(() => document.fonts.ready)
    .then(() => [...document.fonts].map(f => ({family: f.family, weight: f.weight,
                                               status: f.status})));"""

_STILL_JS = """const style = document.createElement('style');
style.textContent = '*, *::before, *::after '
    + '{ transition: none !important; animation: none !important; }';
document.head.appendChild(style);"""

# One step at rest: the slide's size, which pages show, where each page's text ends (in the
# slide's own pixels: reveal.js scales the slide, not its layout) and fonts not loaded.
_STEP_JS = """const [h, v, f] = arguments;
Reveal.slide(h, v, f);
const slide = Reveal.getCurrentSlide();
const scale = Reveal.getScale() || 1;
const top = slide.getBoundingClientRect().top;
const pages = [...slide.querySelectorAll('.sd-page')].map(p => {
    const cs = getComputedStyle(p);
    const range = document.createRange();
    range.selectNodeContents(p);
    return {page: parseInt(p.dataset.sdPage, 10),
            shown: cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0.5,
            bottom: Math.round((range.getBoundingClientRect().bottom - top) / scale)};
});
const at = Reveal.getIndices();
return {height: slide.scrollHeight, width: slide.scrollWidth, pages,
        at: [at.h, at.v ?? 0, at.f ?? -1],
        unloaded: [...document.fonts].filter(x => x.status !== 'loaded')
            .map(x => `${x.family} ${x.weight}: ${x.status}`)};"""


@pytest.fixture(scope="module")
def decks(show_deck) -> dict[str, Path]:
    """Every show's deck, as the session built it for the Chromium tests too."""
    return {show: show_deck(show) for show in SHOWS}


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    """One headless firefox-esr in a fresh profile, as a marionette_driver.Marionette.

    Never skips: without firefox-esr or marionette-driver the test fails and says what to
    install. The browser is stopped at teardown, and killed if it outlives that.
    """
    binary = shutil.which(FIREFOX)
    if binary is None:
        pytest.fail(f"{FIREFOX} is not installed: run `sudo apt-get install {FIREFOX}`"
                    " (`make setup` does, as root)", pytrace=False)
    try:
        # Importing mozrunner warns twice about its own code: mozinfo calls the deprecated
        # distro.linux_distribution(), and its Android emulator support imports telnetlib.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from marionette_driver.marionette import Marionette
    except ImportError as error:
        pytest.fail(f"{error}: run `.venv/bin/pip install -r requirements.txt`", pytrace=False)
    workspace = tmp_path_factory.mktemp("firefox-profile")
    # Port 0: a free port, so a second run or a desktop Firefox on 2828 is no obstacle.
    # While Firefox starts, marionette-driver polls its port with a new socket each time and
    # leaves the refused ones to the garbage collector; collect them here, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        client = Marionette(bin=binary, port=0, headless=True, prefs=OFFLINE_PREFS,
                            workspace=str(workspace), gecko_log=str(workspace / "gecko.log"),
                            startup_timeout=60)
        gc.collect()
    process = client.instance.runner.process_handler
    try:
        client.start_session()
        client.timeout.script = 30
        client.timeout.page_load = 30
        set_viewport(client, *VIEWPORT)
        yield client
    finally:
        try:
            client.cleanup()
        finally:
            # The process handler's kill takes Firefox's content processes with it.
            if process.poll() is None:
                process.kill(timeout=10)
            # mozprofile removes its profile in __del__ too; collect it now, while the
            # interpreter can still import what that needs.
            del client
            gc.collect()


def set_viewport(client, width: int, height: int) -> None:
    """Size the window so the page itself (not the window with its toolbars) is width x height."""
    client.set_window_rect(width=width, height=height)
    inner = client.execute_script("return [window.innerWidth, window.innerHeight]")
    client.set_window_rect(width=2 * width - inner[0], height=2 * height - inner[1])


def script(client, source: str, *args):
    """Run `source` in the page's own global scope (Marionette's default sandbox hides
    the page's globals, window.Reveal among them); a returned promise is awaited."""
    return client.execute_script(source, script_args=args, sandbox=None)


def open_deck(client, deck: Path) -> list[dict]:
    """Load the deck, wait for reveal.js and the fonts, and switch off transitions."""
    from marionette_driver import Wait

    client.navigate(deck.resolve().as_uri())
    if script(client, "return typeof window.Reveal") == "undefined":
        pytest.fail("reveal.js never loaded: window.Reveal is undefined", pytrace=False)
    Wait(client, timeout=15).until(
        lambda c: script(c, "return document.documentElement.dataset.deckReady") == "ready",
        message="reveal.js did not report ready within 15 s")
    fonts = script(client, _FONTS_JS)
    script(client, _STILL_JS)
    return fonts


def screenshot(client, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Two frames, so the picture is of the page as laid out after the last Reveal.slide().
    script(client, "return new Promise(r => requestAnimationFrame(() => "
                   "requestAnimationFrame(() => r(true))))")
    path.write_bytes(base64.b64decode(client.screenshot(full=False)))
    return path


def check_step(slide: dict, fragment: int, got: dict) -> list[str]:
    """What a person would notice at one step: text off the slide, no page or two pages at
    once, a font that never loaded."""
    name = f"slide {slide['h'] + 1}.{slide['v'] + 1} ({slide['kind']}) step {fragment}"
    failures = []
    shown = [p["page"] for p in got["pages"] if p["shown"]]
    if got["pages"] and len(shown) != 1:
        failures.append(f"{name}: pages {shown} visible, expected exactly one")
    ends = ", ".join(f"page {p['page']} text ends at {p['bottom']} px" for p in got["pages"])
    if got["height"] > 700 + TOLERANCE_PX:
        failures.append(f"{name}: {got['height']} px tall, {got['height'] - 700} px more than"
                        f" the 700 px slide" + (f" ({ends})" if ends else ""))
    # A box that clips its content hides overflow from the slide's scrollHeight; the text's
    # own extent does not.
    failures.extend(f"{name}: page {p['page']}'s text ends at {p['bottom']} px, {p['bottom'] - 700}"
                    " px below the 700 px slide" for p in got["pages"]
                    if p["bottom"] > 700 + TOLERANCE_PX)
    if got["width"] > 960 + TOLERANCE_PX:
        failures.append(f"{name}: {got['width']} px wide, {got['width'] - 960} px more than"
                        " the 960 px slide")
    failures.extend(f"{name}: font {font} did not load" for font in got["unloaded"])
    if got["at"] != [slide["h"], slide["v"], fragment]:
        failures.append(f"{name}: Reveal.slide() landed on {got['at']}")
    return failures


@pytest.mark.parametrize("show", list(SHOWS))
def test_every_page_fits_its_slide_in_firefox(firefox, decks, show: str, screenshots) -> None:
    deck = decks[show]
    fonts = open_deck(firefox, deck)
    failures = [f"font {f['family']} {f['weight']}: {f['status']}" for f in fonts
                if f["status"] != "loaded"]
    assert fonts, "the deck declares no @font-face fonts"
    size = script(firefox, "const c = Reveal.getConfig(); return [c.width, c.height]")
    assert size == [960, 700]

    slides = script(firefox, _SLIDES_JS)
    states = 0
    for slide in slides:
        for fragment in [-1, *slide["fragments"]]:
            states += 1
            failures.extend(check_step(slide, fragment, script(
                firefox, _STEP_JS, slide["h"], slide["v"], fragment)))

    article = next((s for s in slides if s["kind"] == "article"), None)
    assert article is not None, "the deck has no article slide"
    script(firefox, "Reveal.slide(arguments[0], arguments[1], -1)", article["h"], article["v"])
    shot = screenshot(firefox, screenshots / f"firefox-{show}.png")
    assert shot.stat().st_size > 0

    if failures:
        pytest.fail(f"{show} in {FIREFOX}:\n" + "\n".join(failures), pytrace=False)
    # As many steps as Chromium finds (it counts the same way) and as the HTML has pages.
    pages = sum(s.pages for s in deck_structure(deck.read_text(encoding="utf-8")))
    assert states == pages


def test_the_timeline_explores_in_firefox(firefox, decks) -> None:
    """Gecko focuses the chart's SVG markers; the arrow keys step through them in time order
    and the card shows each one's details."""
    from datetime import date

    from showdeck import timeline
    from showdeck.chart_points import chart_points
    from showdeck.loader import load_show
    from tests.support.decks import AS_OF

    data = load_show(SHOWS["akudama-drive"])
    points = chart_points(data, timeline.context_milestones(data, date.fromisoformat(AS_OF)))
    open_deck(firefox, decks["akudama-drive"])
    seen = script(firefox, """
        Reveal.slide(3, 0);
        const chart = Reveal.getCurrentSlide().querySelector('.sd-chart');
        const first = chart.querySelector('.sd-chart-wide a.sd-point[tabindex="0"]');
        first.focus();
        const seen = [];
        for (let i = 0; i < arguments[0]; i++) {
          const a = document.activeElement;
          const card = chart.querySelector('.sd-chart-card');
          seen.push({key: a.getAttribute('data-sd-point'), card: card.hidden ? '' : card.innerText});
          a.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true,
                                                        cancelable: true}));
        }
        return seen;""", len(points))
    assert [s["key"] for s in seen] == [p.key for p in points]
    for point, state in zip(points, seen, strict=True):
        assert point.date_text in state["card"], point.key
        assert point.heading in state["card"].replace("\n", " "), point.key
    screenshot(firefox, SCREENSHOTS / "firefox-chart.png")
