"""The deck checks: a good small deck passes each one, a deliberately broken deck fails the matching one."""

from __future__ import annotations

from pathlib import Path

import pytest

from showdeck.alttext import alt_problem
from showdeck.build import BuildError
from showdeck.deckcheck import check_deck, undescribed_images
from tests.support import deckcheck

# Four slides: a plain one, a vertical stack of two (the first with two fragment steps and
# notes), and a last one with an image.
GOOD_SLIDES = """
<section><h2>Opening</h2><p>Short and tidy.</p><aside class="notes">Say hello.</aside></section>
<section>
  <section><h2>Stacked</h2>
    <p class="fragment">First point</p><p class="fragment">Second point</p>
    <aside class="notes">Two points, one at a time.</aside></section>
  <section><h2>Below</h2><p>A vertical slide.</p></section>
</section>
<section><h2>Picture</h2><img src="chart.png" alt="A red bar standing in for the chart"></section>
"""


def write_deck(
    folder: Path,
    reveal: Path,
    slides: str = GOOD_SLIDES,
    *,
    script: str | None = None,
    config: str = "{hash: false}",
) -> Path:
    """A small deck that loads reveal.js from node_modules (file: URLs are allowed offline)."""
    from PIL import Image

    Image.new("RGB", (160, 80), "#c0392b").save(folder / "chart.png")
    script = script or (reveal / "reveal.js").as_uri()
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>test deck</title>
<link rel="stylesheet" href="{(reveal / "reveal.css").as_uri()}">
<link rel="stylesheet" href="{(reveal / "theme" / "white.css").as_uri()}">
</head><body><div class="reveal"><div class="slides">{slides}</div></div>
<script src="{script}"></script>
<script>Reveal.initialize({config});</script>
</body></html>"""
    deck = folder / "deck.html"
    deck.write_text(html, encoding="utf-8")
    return deck


@pytest.fixture
def good_deck(tmp_path: Path, reveal_dist: Path) -> Path:
    return write_deck(tmp_path, reveal_dist)


def replace_slides(old: str, new: str) -> str:
    assert old in GOOD_SLIDES
    return GOOD_SLIDES.replace(old, new)


# Browser checks -------------------------------------------------------------------------------


@pytest.mark.browser
def test_good_deck_passes_every_check(fresh_browser, good_deck: Path, tmp_path: Path) -> None:
    page, log = fresh_browser
    failures = deckcheck.open_deck(page, good_deck)
    failures += deckcheck.check_slide_count(page, 4)
    failures += deckcheck.step_through(page)
    failures += deckcheck.step_through(page, key=None)
    failures += deckcheck.check_overflow(page)
    failures += deckcheck.check_images(page)
    failures += deckcheck.check_notes_present(page, minimum=2)
    failures += deckcheck.check_notes_hidden(page)
    shots = deckcheck.screenshot_all(page, tmp_path / "shots")
    failures += deckcheck.check_print_view(page, good_deck)
    failures += deckcheck.check_requests(log) + deckcheck.check_console(log)
    assert failures == []
    # Every page: the opening, the stacked slide before and after its two fragments, the slide
    # below it, the picture.
    assert [p.name for p in shots] == ["01-1-1.png", "02-2-1.png", "03-2-2.png", "04-2-3.png",
                                       "05-2-1.png", "06-3-1.png"]
    assert all(p.stat().st_size > 1000 for p in shots)


@pytest.mark.browser
def test_external_script_is_blocked_and_the_deck_never_starts(
    fresh_browser, tmp_path: Path, reveal_dist: Path
) -> None:
    page, log = fresh_browser
    cdn = "https://cdn.jsdelivr.net/npm/reveal.js@5.2.1/dist/reveal.js"
    deck = write_deck(tmp_path, reveal_dist, script=cdn)
    not_ready = deckcheck.open_deck(page, deck)
    assert len(not_ready) == 1
    assert "never loaded" in not_ready[0]
    assert deckcheck.check_requests(log) == [
        f"blocked a request for {cdn} (the deck must be self-contained)"
    ]


@pytest.mark.browser
def test_wrong_slide_count_is_reported(fresh_browser, good_deck: Path) -> None:
    page, _ = fresh_browser
    deckcheck.open_deck(page, good_deck)
    assert deckcheck.check_slide_count(page, 5) == ["the deck has 4 slides, the notebook 5"]


@pytest.mark.browser
def test_dead_keyboard_fails_the_step_through(
    fresh_browser, tmp_path: Path, reveal_dist: Path
) -> None:
    page, _ = fresh_browser
    deck = write_deck(tmp_path, reveal_dist, config="{hash: false, keyboard: false}")
    deckcheck.open_deck(page, deck)
    assert deckcheck.step_through(page) == [
        "pressing Space on slide 1.1 did not move",
        "never reached slide 2.1",
        "never reached slide 2.2",
        "never reached slide 3.1",
    ]


@pytest.mark.browser
def test_overflowing_slide_is_reported_on_screen_and_in_print(
    fresh_browser, tmp_path: Path, reveal_dist: Path
) -> None:
    page, _ = fresh_browser
    tall = "<h2>Below</h2>" + "<p>One more line of text.</p>" * 20
    slides = replace_slides("<h2>Below</h2><p>A vertical slide.</p>", tall)
    deck = write_deck(tmp_path, reveal_dist, slides)
    deckcheck.open_deck(page, deck)
    failures = deckcheck.check_overflow(page)
    assert len(failures) == 1
    assert failures[0].startswith("slide 2.2 is ")
    assert "taller than the 700 px slide" in failures[0]
    printed = deckcheck.check_print_view(page, deck)
    assert "print pages [5] each spread one slide over more than one sheet" in printed


@pytest.mark.browser
def test_wide_slide_is_reported(fresh_browser, tmp_path: Path, reveal_dist: Path) -> None:
    page, _ = fresh_browser
    wide = '<h2>Opening</h2><pre style="overflow: visible">' + "wide " * 300 + "</pre>"
    slides = replace_slides("<h2>Opening</h2><p>Short and tidy.</p>", wide)
    deckcheck.open_deck(page, write_deck(tmp_path, reveal_dist, slides))
    failures = deckcheck.check_overflow(page)
    assert len(failures) == 1
    assert "slide 1.1 is " in failures[0]
    assert "wider than the 960 px slide" in failures[0]


@pytest.mark.browser
def test_broken_image_is_reported(fresh_browser, tmp_path: Path, reveal_dist: Path) -> None:
    page, log = fresh_browser
    slides = replace_slides('src="chart.png"', 'src="missing.png"')
    deckcheck.open_deck(page, write_deck(tmp_path, reveal_dist, slides))
    assert deckcheck.check_images(page) == [
        "slide 3.1, image 1 (missing.png) did not load (naturalWidth is 0)"
    ]
    assert any("ERR_FILE_NOT_FOUND" in e for e in deckcheck.check_console(log))


@pytest.mark.browser
@pytest.mark.parametrize(
    ("alt", "problem"),
    [
        (None, "has no alt attribute"),
        ("No description has been provided for this image", "has a placeholder alt text"),
        ("chart.png", "has a file name for alt text"),
    ],
)
def test_undescribed_image_is_reported(
    fresh_browser, tmp_path: Path, reveal_dist: Path, alt: str | None, problem: str
) -> None:
    page, _ = fresh_browser
    attribute = "" if alt is None else f'alt="{alt}"'
    slides = replace_slides('alt="A red bar standing in for the chart"', attribute)
    deckcheck.open_deck(page, write_deck(tmp_path, reveal_dist, slides))
    failures = deckcheck.check_images(page)
    assert len(failures) == 1
    assert failures[0].startswith(f"slide 3.1, image 1 (chart.png): {problem}")


@pytest.mark.browser
@pytest.mark.parametrize(
    "notes",
    [
        '<aside class="notes" style="display: block">Say hello.</aside>',
        '<div class="notes">Say hello.</div>',
    ],
)
def test_visible_notes_are_reported(
    fresh_browser, tmp_path: Path, reveal_dist: Path, notes: str
) -> None:
    page, _ = fresh_browser
    slides = replace_slides('<aside class="notes">Say hello.</aside>', notes)
    deckcheck.open_deck(page, write_deck(tmp_path, reveal_dist, slides))
    assert deckcheck.check_notes_hidden(page) == ["slide 1.1 shows its speaker notes: 'Say hello.'"]


@pytest.mark.browser
def test_missing_notes_are_reported(fresh_browser, tmp_path: Path, reveal_dist: Path) -> None:
    page, _ = fresh_browser
    slides = replace_slides('<aside class="notes">Say hello.</aside>', "")
    deckcheck.open_deck(page, write_deck(tmp_path, reveal_dist, slides))
    assert deckcheck.check_notes_present(page, minimum=2) == [
        "1 slides have speaker notes; expected at least 2"
    ]


@pytest.mark.browser
def test_uncaught_exception_is_reported(fresh_browser, good_deck: Path) -> None:
    page, log = fresh_browser
    deck = good_deck.read_text(encoding="utf-8")
    good_deck.write_text(deck.replace("</body>", "<script>undefinedThing()</script></body>"))
    deckcheck.open_deck(page, good_deck)
    failures = deckcheck.check_console(log)
    assert len(failures) == 1
    assert "undefinedThing is not defined" in failures[0]


def test_product_code_imports_no_test_helper() -> None:
    package = Path(__file__).resolve().parent.parent / "showdeck"
    for module in package.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "from tests" not in text, module
        assert "import tests" not in text, module


PAGED = """
<section><h2>Opening</h2><aside class="notes">Say hello.</aside></section>
<section><div class="sd-pages">
  <div class="sd-page fragment fade-out" data-sd-page="1" data-fragment-index="1"><h2>One</h2></div>
  <div class="sd-page fragment fade-in-then-out" data-sd-page="2" data-fragment-index="1"><h2>Two</h2></div>
  <div class="sd-page fragment" data-sd-page="3" data-fragment-index="2"><h2>Three</h2></div>
</div><style>.sd-pages { display: grid } .sd-page { grid-area: 1 / 1 }</style></section>
"""


@pytest.mark.browser
@pytest.mark.parametrize("how", ["ArrowRight", "Space", "PageDown", "click"])
def test_pages_that_replace_each_other_pass_the_step_through(
    fresh_browser, tmp_path: Path, reveal_dist: Path, how: str
) -> None:
    page, _log = fresh_browser
    deck = write_deck(tmp_path, reveal_dist, PAGED)
    assert deckcheck.open_deck(page, deck) == []
    assert deckcheck.step_through(page, key=how) == []
    assert deckcheck.page_count(page) == 4


@pytest.mark.browser
def test_two_pages_shown_at_once_fail_the_step_through(
    fresh_browser, tmp_path: Path, reveal_dist: Path
) -> None:
    page, _log = fresh_browser
    both = PAGED.replace("sd-page fragment fade-out", "sd-page")
    deck = write_deck(tmp_path, reveal_dist, both)
    assert deckcheck.open_deck(page, deck) == []
    failures = deckcheck.step_through(page, key="ArrowRight")
    assert any("pages [1, 2] visible" in f for f in failures), failures


def image_deck(alt: str) -> str:
    pixel = "data:image/png;base64,iVBORw0KGgo="
    return f'<section><img src="{pixel}" alt="{alt}"></section>'


def test_an_image_with_a_placeholder_alt_text_fails_the_deck_check():
    with pytest.raises(BuildError, match="has a placeholder alt text 'chart'"):
        check_deck(image_deck("chart"))
    check_deck(image_deck("Episodes aired per week, April 2019"))


def test_the_build_and_the_browser_checks_share_one_alt_text_policy():

    for alt in ("chart", "Figure 2", "timeline.png", "", "Episodes aired per week, April 2019"):
        problem = alt_problem(alt)
        assert undescribed_images(image_deck(alt)) == (
            [] if problem is None else [f"src='data:image/png;base64,iVBORw0KGgo=' {problem}"]
        )
