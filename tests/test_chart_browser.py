"""The explorable timeline in the real deck, in Chromium: every episode and event reached by
hover, Tab and arrow keys in time order, its details and sources shown; the chart fits and
stays legible at desktop and phone sizes; with scripts off it is still the whole chart."""

from __future__ import annotations

from datetime import date

import pytest

from showdeck import timeline
from showdeck.chart_points import chart_points
from showdeck.loader import load_show
from tests.support import decks
from tests.support.decks import AS_OF, SCREENSHOTS, SHOWS, deck_page

pytestmark = pytest.mark.browser

CHART = "section.present .sd-chart"
SIZES = [(1280, 800), (1024, 640), (390, 844), (844, 390)]
#: The chart's drawing on screen, its box, and its smallest text in CSS px as rendered
#: (font size in the SVG's units times the drawing's scale, reveal's scaling included).
MEASURE_JS = """() => {
  const fig = document.querySelector('section.present .sd-chart');
  const layer = [...fig.querySelectorAll('.sd-chart-wide, .sd-chart-narrow')]
    .find(l => getComputedStyle(l).display !== 'none');
  const svg = layer.querySelector('svg');
  const r = svg.getBoundingClientRect();
  const k = r.width / svg.viewBox.baseVal.width;
  let smallest = Infinity;
  svg.querySelectorAll('text').forEach(t => {
    smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * k); });
  const slide = document.querySelector('section.present');
  return {layer: layer.className, left: r.left, right: r.right, top: r.top,
          width: r.width, smallest, slideScroll: slide.scrollHeight,
          slideBottom: slide.getBoundingClientRect().bottom};
}"""


@pytest.fixture(scope="module")
def real_deck(tmp_path_factory):
    return decks.build(SHOWS["akudama-drive"], tmp_path_factory.mktemp("deck") / "deck.html")


@pytest.fixture(scope="module")
def points():
    data = load_show(SHOWS["akudama-drive"])
    return chart_points(data, timeline.context_milestones(data, date.fromisoformat(AS_OF)))


def focused(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
      return {key: a.getAttribute('data-sd-point'), name: a.getAttribute('aria-label') || ''}; }""")


def card(page) -> str:
    return page.locator(f"{CHART} .sd-chart-card").inner_text()


def test_tab_and_arrows_reach_every_point_in_time_order_each_named_and_detailed(
        browser, real_deck, points):
    assert len(points) == 12 + 21  # the real show: 12 episodes, 21 dated events around them
    with deck_page(browser, real_deck, "#/3") as page:
        page.locator(f"{CHART} a.sd-point").first.wait_for(state="attached")
        first = page.locator(f"{CHART} .sd-chart-wide a.sd-point[tabindex='0']")
        assert first.count() == 1  # one tab stop into the chart
        first.focus()
        for key in ("Tab", "ArrowRight"):
            page.evaluate("() => document.querySelector('section.present .sd-chart-wide "
                          "a.sd-point[data-sd-point]').focus()")
            page.keyboard.press("Home")
            seen = [focused(page)]
            for _ in points[1:]:
                page.keyboard.press(key)
                seen.append(focused(page))
            assert [s["key"] for s in seen] == [p.key for p in points], key
            for point, state in zip(points, seen, strict=True):
                assert point.date_text in state["name"]
                assert point.heading in state["name"]
            shown = card(page)
            assert points[-1].date_text in shown
            assert points[-1].heading in shown
        # Past the last point, Tab leaves the chart; the slide did not change on the way.
        assert page.evaluate("location.hash") == "#/3"
        # Arrow back; the focus ring shows on the point.
        page.keyboard.press("ArrowLeft")
        assert focused(page)["key"] == points[-2].key
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none")
        page.screenshot(path=str(SCREENSHOTS / "chart-keyboard-1280.png"))


def test_hover_shows_every_points_details_and_a_source_link_has_its_url(
        browser, real_deck, points):
    data = load_show(SHOWS["akudama-drive"])
    with deck_page(browser, real_deck, "#/3") as page:
        for point in points:
            page.mouse.move(0, 0)
            page.wait_for_timeout(400)  # the card hides once the pointer leaves
            # The point's number or label in the row (its marker may share a day with another).
            target = page.locator(f"{CHART} .sd-chart-wide [data-sd-for='{point.key}']").first
            target.hover()
            shown = card(page)
            assert point.date_text in shown, point.key
            assert point.precision_text in shown, point.key
            assert point.heading in shown, point.key
            links = page.locator(f"{CHART} .sd-chart-card a")
            assert links.count() == len(point.sources)
        # The stage play's first source, as the card links it.
        stage = next(m for m in data.milestones if m.id == "stage-play-announced")
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)
        page.locator(f"{CHART} .sd-chart-wide [data-sd-for='ev-stage-play-announced']").first.hover()
        href = page.locator(f"{CHART} .sd-chart-card a").first.get_attribute("href")
        assert href == data.sources[stage.sources[0]].link
        page.screenshot(path=str(SCREENSHOTS / "chart-hover-1280.png"))


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_chart_fits_and_its_smallest_text_is_at_least_10_px(browser, real_deck, width,
                                                                   height):
    with deck_page(browser, real_deck, "#/3", viewport=(width, height)) as page:
        page.wait_for_timeout(600)
        box = page.evaluate(MEASURE_JS)
        assert box["left"] >= 0, box
        assert box["right"] <= width + 0.5, box
        assert box["smallest"] >= 10, box
        if width >= 900:  # the deck's scaled slide: the whole chart on screen
            assert box["layer"] == "sd-chart-wide"
        if width < 600:  # a phone upright: time runs down the page, the slide scrolls
            assert box["layer"] == "sd-chart-narrow"
        page.screenshot(path=str(SCREENSHOTS / f"chart-{width}x{height}.png"), full_page=True)


def test_with_scripts_off_it_is_the_whole_static_chart(browser, real_deck, points):
    chromium = browser[0].context.browser
    context = chromium.new_context(viewport={"width": 1280, "height": 800},
                                   java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_deck.as_uri())
        chart = page.locator(".sd-chart").first
        wide = chart.locator(".sd-chart-wide a.sd-point")
        assert wide.count() == len(points)
        # Each marker links to its point's first source.
        for point in points[:3]:
            link = chart.locator(f".sd-chart-wide a[data-sd-point='{point.key}']")
            assert link.get_attribute("xlink:href") == point.url
        assert chart.locator(".sd-chart-card").get_attribute("hidden") is not None
    finally:
        context.close()


def test_no_two_event_labels_overlap_as_drawn_at_1280x800(browser, real_deck, points):
    """The drawn boxes of every event's number, label and key entry, measured in the page."""
    with deck_page(browser, real_deck, "#/3") as page:
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            'section.present .sd-chart-wide [data-sd-for^="ev-"]')].map(g => {
              const r = g.getBoundingClientRect();
              return {id: g.id, key: g.getAttribute('data-sd-for'), left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })""")
    events = [p for p in points if p.key.startswith("ev-")]
    assert {b["key"] for b in boxes} == {p.key for p in events}  # each has its label or number
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["right"] <= b["left"] + 0.5 or b["right"] <= a["left"] + 0.5
                     or a["bottom"] <= b["top"] + 0.5 or b["bottom"] <= a["top"] + 0.5)
            assert apart, (a, b)


def test_forced_colours_and_reduced_motion_hold_for_the_chart(browser, real_deck):
    with deck_page(browser, real_deck, "#/3", forced_colors="active",
                   reduced_motion="reduce") as page:
        point = page.locator(f"{CHART} .sd-chart-wide a.sd-point").first
        point.focus()
        page.keyboard.press("ArrowRight")
        style = page.evaluate("""() => {
          const card = document.querySelector('section.present .sd-chart-card');
          const svg = document.querySelector('section.present .sd-chart-wide svg');
          const a = document.activeElement, cs = getComputedStyle(card);
          return {outline: getComputedStyle(a).outlineStyle, border: cs.borderTopStyle,
                  borderWidth: parseFloat(cs.borderTopWidth), shown: !card.hidden,
                  adjust: getComputedStyle(svg).forcedColorAdjust,
                  transition: cs.transitionDuration};
        }""")
        page.screenshot(path=str(SCREENSHOTS / "chart-forced-colours.png"))
    assert style["shown"]
    assert style["outline"] not in ("", "none")  # the focus ring stays
    assert style["border"] == "solid"
    assert style["borderWidth"] >= 1  # the card keeps its edge in the user's colours
    assert style["adjust"] == "none"  # the chart keeps its own paper and inks
    assert style["transition"] in ("0s", "")
