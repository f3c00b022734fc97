"""The built deck is accessible: axe-core finds nothing on any page, the keyboard reaches only
what is shown, forced colours keep the checked quotes and the controls, phones read it at
phone size, reduced motion stops the motion, and a screen reader hears short, sourced, tagged
text.

Decks are built with the command people use into a temporary folder and opened from disk
with every non-file request blocked. axe-core comes from npm (`npm ci`, package-lock.json) and
is injected into the page by the test; the deck never ships it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from showdeck.lang import char_lang
from tests.support import deckcheck
from tests.support.decks import ROOT, deck_page, passes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
PORTRAIT, LANDSCAPE = (390, 844), (844, 390)
#: The live region's announcement after a step: a name, not the slide read out.
STATUS_LIMIT = 200


@pytest.fixture(scope="module")
def real_deck(show_deck) -> Path:
    return show_deck("akudama-drive")


@pytest.fixture(scope="module")
def japanese_deck(show_deck) -> Path:
    return show_deck("yozora-densha")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (or `npm ci`)")
    return AXE


_SETTLE_JS = """() => new Promise(resolve => {
    // The slides' own fades; the progress bar's glide changes nothing a check reads.
    const settled = () => document.getAnimations().every(a => a.playState !== 'running'
        || !(a.effect && a.effect.target && a.effect.target.closest('.slides')));
    const start = performance.now();
    (function wait() {
        if (settled() || performance.now() - start > 3000) resolve(settled());
        else requestAnimationFrame(wait);
    })();
})"""


def go(page, h: int, v: int, f: int) -> None:
    """Show one page of one slide and wait for its fades to finish."""
    page.evaluate("([h, v, f]) => Reveal.slide(h, v, f)", [h, v, f])
    page.evaluate(_SETTLE_JS)


def every_page(page) -> Iterator[tuple[str, int, int, int]]:
    """(name, h, v, f) of every page of every slide, the page shown on entry first."""
    for s in deckcheck.slides(page):
        for number, f in enumerate([-1, *s["fragments"]], start=1):
            yield f"slide {s['h'] + 1} page {number}", s["h"], s["v"], f


_AXE_JS = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
    .then(r => r.violations.map(v => ({id: v.id, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""


def axe_failures(page, where: str) -> list[str]:
    violations = page.evaluate(_AXE_JS, AXE_TAGS)
    return [f"{where}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in violations]


def test_axe_runs_the_rule_for_focus_inside_aria_hidden(browser, real_deck, axe_script) -> None:
    """aria-hidden-focus is among the rules the tags select, so 'nothing' includes it."""
    with deck_page(browser, real_deck) as page:
        page.add_script_tag(path=str(axe_script))
        rules = page.evaluate("tags => axe.getRules(tags).map(r => r.ruleId)", AXE_TAGS)
    assert "aria-hidden-focus" in rules


@pytest.mark.parametrize(("viewport", "phone"), [((1280, 800), False), (PORTRAIT, True),
                                                 (LANDSCAPE, True)],
                         ids=["desktop", "phone-portrait", "phone-landscape"])
def test_axe_finds_nothing_on_any_page(browser, real_deck, axe_script, viewport, phone) -> None:
    # Each page is checked at rest. With reduced motion the deck has no fades to wait for
    # (test_reduced_motion_stops_transitions_and_animations holds that): a third of the time.
    options = {"is_mobile": True, "has_touch": True} if phone else {}
    options["reduced_motion"] = "reduce"
    with deck_page(browser, real_deck, viewport=viewport, **options) as page:
        page.add_script_tag(path=str(axe_script))
        failures: list[str] = []
        for where, h, v, f in every_page(page):
            go(page, h, v, f)
            failures += axe_failures(page, where)
        passes(failures)


# What Tab reached: where it is, whether it is shown, its name, and whether focus shows.
_FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const slide = Reveal.getCurrentSlide();
    const page = el.closest('.sd-page');
    const inControls = !!el.closest('.reveal .controls');
    const inert = !!el.closest('[inert]');
    const hidden = !!el.closest('[aria-hidden="true"]');
    const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const label = el.getAttribute('aria-label')
        || (el.getAttribute('aria-labelledby') || '').split(' ')
            .map(id => (document.getElementById(id) || {}).textContent || '').join(' ')
        || el.textContent || el.getAttribute('title') || '';
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), text: label.replace(/\\s+/g, ' ').trim(),
        inSlide: slide.contains(el), inControls, inert, hidden, shown,
        pageShown: !page || Showdeck.fragmentShown(page),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        onScreen: box.width > 0 && box.bottom > 0 && box.right > 0
                  && box.top < innerHeight && box.left < innerWidth,
    };
}"""


def tab_failures(page, where: str, limit: int = 80) -> list[str]:
    failures: list[str] = []
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.getSelection().removeAllRanges(); }")
    for seen in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED_JS)
        if focused is None:  # past the last stop, focus leaves the page
            break
        name = f"{where}: Tab {seen} on <{focused['tag']}> {focused['text'][:40]!r}"
        if not (focused["inSlide"] or focused["inControls"]):
            failures.append(f"{name} is outside the current slide and the controls")
        if focused["inert"] or focused["hidden"] or not focused["shown"]:
            failures.append(f"{name} is hidden (inert, aria-hidden or invisible)")
        if not focused["pageShown"]:
            failures.append(f"{name} is on a page that is not shown")
        if not re.search(r"[^\W\d_]", focused["text"]):
            failures.append(f"{name} has no accessible name in words")
        if not (focused["outline"] and focused["onScreen"]):
            failures.append(f"{name} shows no focus ring on screen")
    return failures


def test_tab_reaches_only_what_is_shown_and_every_stop_is_named_and_visible(
        browser, real_deck) -> None:
    """From slide 2 on, on every page: each Tab stop is inside the current slide and page or
    on the controls, never on a hidden element, has a name and a visible focus ring."""
    # At rest, as the axe sweep: with reduced motion there are no fades to wait out.
    with deck_page(browser, real_deck, reduced_motion="reduce") as page:
        failures: list[str] = []
        for where, h, v, f in every_page(page):
            if h < 1:
                continue
            go(page, h, v, f)
            failures += tab_failures(page, where)
        passes(failures)


def test_tab_reaches_the_links_of_the_page_shown(browser, real_deck) -> None:
    """The current slide itself is live, not only the controls: its source links take focus."""
    with deck_page(browser, real_deck, "#/2") as page:
        inside = []
        for _ in range(6):
            page.keyboard.press("Tab")
            inside.append(page.evaluate(
                "() => { const a = document.activeElement; const s = Reveal.getCurrentSlide();"
                " return a.tagName === 'A' && s.contains(a); }"))
        assert any(inside)


def test_the_overview_shows_where_you_are_and_a_click_picks_a_slide(browser, real_deck) -> None:
    with deck_page(browser, real_deck, "#/2") as page:
        page.keyboard.press("Escape")
        page.wait_for_function("() => Reveal.isOverview()")
        assert page.evaluate("() => Reveal.getIndices().h") == 2  # highlighted: where you are
        box = page.evaluate("() => { const r = Reveal.getHorizontalSlides()[4]"
                            ".getBoundingClientRect(); return [r.x + r.width / 2,"
                            " r.y + r.height / 2]; }")
        page.mouse.click(*box)
        page.wait_for_function("() => !Reveal.isOverview()")
        assert page.evaluate("() => Reveal.getIndices().h") == 4


def test_the_next_control_works_from_the_keyboard(browser, real_deck) -> None:
    with deck_page(browser, real_deck, "#/1") as page:
        page.locator(".controls .navigate-right").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => Reveal.getIndices().h") == 2
        page.keyboard.press("Space")  # one step, not two: reveal's key and the button's click
        shown = page.evaluate("() => [...Reveal.getCurrentSlide().querySelectorAll('.sd-page')]"
                              ".map(p => !p.inert)")
        assert shown.index(True) == 1
        assert shown.count(True) == 1


def test_only_the_current_slide_and_page_are_focusable(browser, real_deck) -> None:
    with deck_page(browser, real_deck, "#/2/0/3") as page:
        page.evaluate(_SETTLE_JS)
        state = page.evaluate("""() => {
            const current = Reveal.getCurrentSlide();
            const pages = [...current.querySelectorAll('.sd-page')];
            return {others: Reveal.getSlides().filter(s => s !== current)
                                              .every(s => s.inert),
                    current: current.inert,
                    pages: pages.map(p => !p.inert)}; }""")
        assert state["others"]
        assert not state["current"]
        assert state["pages"].index(True) == 4
        assert state["pages"].count(True) == 1


def test_outputs_are_not_unnamed_tab_stops_and_nothing_follows_body(real_deck) -> None:
    html = real_deck.read_text(encoding="utf-8")
    assert not re.search(r'<div[^>]*jp-OutputArea-output[^>]*tabindex', html)
    order = _TagOrder()
    order.feed(html)
    after_body = order.tags[order.tags.index("/body") + 1:]
    assert after_body == ["/html"], after_body


class _TagOrder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.tags.append(f"/{tag}")


_MARK_JS = """() => {
    const mark = Reveal.getCurrentSlide().querySelector('.sd-page:not([inert]) mark.sd-claim');
    const text = mark.closest('p');
    const m = getComputedStyle(mark), t = getComputedStyle(text);
    const page = getComputedStyle(document.body).backgroundColor;
    const arrow = document.querySelector('.controls .navigate-right');
    const a = getComputedStyle(arrow.querySelector('.controls-arrow'), '::before');
    return {color: m.color, background: m.backgroundColor, decoration: m.textDecorationLine,
            outline: m.outlineStyle, textColor: t.color, textDecoration: t.textDecorationLine,
            page, arrow: a.backgroundColor, arrowShown: getComputedStyle(arrow).visibility,
            arrowOpacity: parseFloat(getComputedStyle(arrow).opacity)};
}"""


_CONTROLS_SETTLED_JS = """() => document.querySelector('.controls')
    .getAnimations({subtree: true}).every(a => a.playState !== 'running')"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_forced_colours_keep_checked_quotes_and_controls(browser, real_deck, scheme,
                                                        screenshots) -> None:
    with deck_page(browser, real_deck, "#/2", forced_colors="active",
                   color_scheme=scheme) as page:
        page.evaluate(_SETTLE_JS)
        assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
        # reveal fades its controls in; read them once the fade is over, not half-way through.
        page.wait_for_function(_CONTROLS_SETTLED_JS, timeout=5000)
        got = page.evaluate(_MARK_JS)
        page.screenshot(path=str(screenshots / f"forced-colors-{scheme}.png"))
    # The highlight is drawn, in colours of its own, and underlined as well.
    assert got["color"] != got["background"]
    assert got["background"] not in {got["page"], "rgba(0, 0, 0, 0)"}
    assert (got["color"], got["background"]) != (got["textColor"], got["page"])
    assert "underline" in got["decoration"]
    assert "underline" not in got["textDecoration"]
    assert got["outline"] != "none"
    # The next arrow is drawn, in a colour that is not the page's.
    assert got["arrowShown"] == "visible"
    assert got["arrowOpacity"] > 0.5
    assert got["arrow"] not in {got["page"], "rgba(0, 0, 0, 0)"}


# Rendered sizes (CSS px on screen, after any scaling) of the current page's text.
_SIZES_JS = """() => {
    const rendered = el => {
        const scale = el.getBoundingClientRect().width / (el.offsetWidth || 1);
        return parseFloat(getComputedStyle(el).fontSize) * scale;
    };
    const page = Reveal.getCurrentSlide().querySelector('.sd-page:not([inert])')
                 || Reveal.getCurrentSlide();
    const all = sel => [...page.querySelectorAll(sel)].filter(e => e.offsetWidth > 0);
    const min = els => els.length ? Math.min(...els.map(rendered)) : null;
    return {body: min(all('.sd-text p')), callouts: min(all('.sd-callout p')),
            sources: min(all('.sd-source')),
            footer: rendered(document.querySelector('.sd-footer')),
            phone: document.documentElement.classList.contains('sd-phone')};
}"""


@pytest.mark.parametrize(("viewport", "body_min"), [(PORTRAIT, 14), (LANDSCAPE, 12)],
                         ids=["portrait", "landscape"])
def test_a_phone_reads_the_deck_at_phone_size(browser, real_deck, viewport, body_min,
                                               screenshots) -> None:
    with deck_page(browser, real_deck, "#/2", viewport=viewport, is_mobile=True,
                   has_touch=True) as page:
        page.evaluate(_SETTLE_JS)
        assert page.evaluate("() => Reveal.getIndices().h") == 2
        assert page.evaluate("() => Reveal.getCurrentSlide().querySelector('[data-sd-slide]')"
                             ".dataset.sdSlide") == "article"
        sizes = page.evaluate(_SIZES_JS)
        if viewport == PORTRAIT:
            page.screenshot(path=str(screenshots / "phone-portrait.png"))
        page.evaluate("() => Reveal.slide(6, 0, -1)")
        sources = page.evaluate(_SIZES_JS)["sources"]
        page.evaluate("() => Reveal.slide(3, 0)")
        chart = page.evaluate("""() => {
            const figure = Reveal.getCurrentSlide().querySelector('.sd-chart');
            const svg = [...figure.querySelectorAll('svg.sd-chart-svg')]
              .find(s => s.getBoundingClientRect().width > 0);
            return {width: svg.getBoundingClientRect().width, viewport: innerWidth,
                    scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                    name: figure.getAttribute('aria-label')};
        }""")
    assert sizes["phone"]
    assert sizes["body"] >= body_min, sizes
    assert sizes["callouts"] >= 12, sizes
    assert sources >= 12
    assert sizes["footer"] <= sizes["body"], sizes
    # The chart fits the phone's width at a legible size (its 9 pt text at least 10 px); its
    # points are reached as on the desktop (tests/test_chart_browser.py).
    assert chart["width"] <= chart["viewport"]
    assert 9 * chart["scale"] >= 10, chart
    assert chart["name"]


@pytest.mark.parametrize("viewport", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
@pytest.mark.parametrize(("link", "kind", "fragment"),
                         [("#/2", "article", -1), ("#/2/0/3", "article", 3),
                          ("#/6", "sources", -1), ("#/3", "chart-slide", None)])
def test_deep_links_land_on_their_slide_and_page_on_a_phone(browser, real_deck, viewport, link,
                                                            kind, fragment) -> None:
    with deck_page(browser, real_deck, link, viewport=viewport, is_mobile=True,
                   has_touch=True) as page:
        got = page.evaluate("""() => ({i: Reveal.getIndices(),
            kind: Reveal.getCurrentSlide().querySelector('[data-sd-slide]').dataset.sdSlide,
            scroll: Reveal.isScrollView(), shown: Reveal.getCurrentSlide().checkVisibility()})""")
    assert got["kind"] == kind
    assert got["i"].get("f") == fragment or (fragment == -1 and got["i"].get("f") is None)
    assert not got["scroll"]
    assert got["shown"]


def test_desktop_keeps_the_scaled_960_by_700_slide(browser, real_deck) -> None:
    with deck_page(browser, real_deck, "#/2") as page:
        got = page.evaluate("""() => ({phone: document.documentElement.classList
                                            .contains('sd-phone'),
                                       layout: Reveal.getConfig().disableLayout,
                                       width: Reveal.getCurrentSlide().offsetWidth,
                                       transform: getComputedStyle(Reveal.getSlidesElement())
                                                  .transform})""")
    assert not got["phone"]
    assert not got["layout"]
    assert got["width"] == 960
    assert got["transform"].startswith("matrix(")


def test_reduced_motion_stops_transitions_and_animations(browser, real_deck) -> None:
    with deck_page(browser, real_deck, "#/1", reduced_motion="reduce") as page:
        assert page.evaluate("() => Reveal.getConfig().transition") == "none"
        running = []
        for _ in range(6):
            page.keyboard.press("ArrowRight")
            running.append(page.evaluate(
                "() => document.getAnimations().filter(a => a.playState === 'running')"
                ".map(a => a.transitionProperty || a.animationName || 'animation')"))
        assert page.evaluate("() => Reveal.getIndices().h") >= 2
    assert all(not r for r in running), running


def test_motion_is_kept_for_those_who_do_not_ask_to_reduce_it(browser, real_deck) -> None:
    with deck_page(browser, real_deck, "#/1", reduced_motion="no-preference") as page:
        assert page.evaluate("() => Reveal.getConfig().transition") == "fade"


def test_the_live_region_names_each_step_briefly(browser, real_deck) -> None:
    with deck_page(browser, real_deck) as page:
        statuses = []
        total = deckcheck.page_count(page)
        for _ in range(total - 1):
            page.keyboard.press("ArrowRight")
            statuses.append(page.evaluate(
                "() => document.querySelector('.reveal .aria-status').textContent"))
    assert len(statuses) == total - 1
    long = [s for s in statuses if not 0 < len(s) < STATUS_LIMIT]
    assert not long, long[:3]
    assert all(s.startswith("Slide ") for s in statuses)
    # reveal writes the slide's text a frame later; the short form stays.
    assert page_status_after_a_frame(real_deck, browser).startswith("Slide 3 of 7")
    assert "Slide 3 of 7: Introduction, page 2 of 27" in statuses


def page_status_after_a_frame(deck: Path, browser) -> str:
    with deck_page(browser, deck, "#/1") as page:
        page.keyboard.press("ArrowRight")
        page.evaluate(deckcheck._TWO_FRAMES_JS)
        page.wait_for_timeout(100)
        return page.evaluate("() => document.querySelector('.reveal .aria-status').textContent")


def test_every_highlight_is_described_by_its_callout_on_its_page(browser, real_deck) -> None:
    with deck_page(browser, real_deck) as page:
        problems = page.evaluate("""() => [...document.querySelectorAll('mark.sd-claim')]
            .map(mark => {
                const target = document.getElementById(mark.getAttribute('aria-describedby'));
                if (!target) return `claim ${mark.dataset.claim}: no callout`;
                if (!target.classList.contains('sd-callout'))
                    return `claim ${mark.dataset.claim}: described by a ${target.className}`;
                if (target.closest('.sd-page') !== mark.closest('.sd-page'))
                    return `claim ${mark.dataset.claim}: its callout is on another page`;
                return null; }).filter(Boolean)""")
        count = page.evaluate("() => document.querySelectorAll('mark.sd-claim').length")
    assert count >= 40
    assert problems == []


def test_every_link_is_named_by_words_not_a_number(browser, real_deck) -> None:
    with deck_page(browser, real_deck) as page:
        names = page.evaluate("""() => [...document.querySelectorAll('.reveal .slides a[href]')]
            .map(a => (a.getAttribute('aria-label') || a.textContent).trim())""")
    assert names
    assert [n for n in names if not re.search(r"[^\W\d_]{2}", n)] == []


class _LangReader(HTMLParser):
    """Text of the document with the language in force where it stands."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.untagged: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        lang = dict(attrs).get("lang")
        inherited = next((lg for _t, lg in reversed(self.stack) if lg), None)
        self.stack.append((tag, lang or inherited))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in {"script", "style"}:
            return
        lang = self.stack[-1][1] if self.stack else None
        for char in data:
            wanted = char_lang(char)
            if wanted and wanted != (lang or "").split("-")[0]:
                self.untagged.append(f"{char!r} ({wanted}) in {data.strip()[:50]!r} "
                                     f"marked {lang!r}")
                break


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


@pytest.mark.parametrize("which", ["real_deck", "japanese_deck"])
def test_every_run_of_non_english_text_says_its_language(request, which) -> None:
    """Every Japanese, Thai (or other marked script) character of the deck, footer, title and
    speaker notes included, sits in an element whose lang is that language."""
    deck = request.getfixturevalue(which)
    reader = _LangReader()
    reader.feed(deck.read_text(encoding="utf-8"))
    assert reader.untagged == []
