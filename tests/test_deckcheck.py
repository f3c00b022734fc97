"""The deck checks: a good small deck passes each one, a deliberately broken deck fails the matching one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from showdeck import deckcheck

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
    assert [p.name for p in shots] == ["01-0-0.png", "02-1-0.png", "03-1-1.png", "04-2-0.png"]
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


# Pure functions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "alt",
    [
        "",
        "   ",
        "image",
        "Chart",
        "Figure 2",
        "<Figure size 960x540 with 1 Axes>",
        "timeline.png",
        "data:image/png;base64,AAAA",
        "A chart",
    ],
)
def test_alt_problem_rejects_placeholders(alt: str) -> None:
    assert deckcheck.alt_problem(alt) is not None


@pytest.mark.parametrize(
    "alt",
    [
        "Timeline of Akudama Drive announcements, 2020 to 2024",
        "アクダマドライブ第二期の発表の年表",
    ],
)
def test_alt_problem_accepts_descriptions(alt: str) -> None:
    assert deckcheck.alt_problem(alt) is None


def _cell(kind: str | None, source: str = "text") -> nbformat.NotebookNode:
    metadata = {"slideshow": {"slide_type": kind}} if kind else {}
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


@pytest.mark.parametrize(
    ("kinds", "count"),
    [
        (["slide", "-", "fragment", "subslide", "slide"], 3),
        # The first shown cell opens a slide whatever its type, as in nbconvert.
        ([None, "fragment", "slide"], 2),
        (["skip", "notes", "-", "subslide"], 2),
        (["subslide", "subslide"], 2),
    ],
)
def test_notebook_slide_count_follows_nbconvert(kinds: list[str | None], count: int) -> None:
    notebook = nbformat.v4.new_notebook(cells=[_cell(kind) for kind in kinds])
    assert deckcheck.notebook_slide_count(notebook) == count


def _paged_cell(pages: list[int], tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/plain": f"page {page}"},
            metadata={"showdeck": {"page": page}},
        )
        for page in pages
    ]
    return nbformat.v4.new_code_cell("show()", outputs=outputs, metadata={"tags": list(tags)})


def test_notebook_slide_count_adds_a_subslide_per_extra_page() -> None:
    cells = [_cell("slide"), _paged_cell([0, 1, 2]), _cell("slide"), _paged_cell([0])]
    notebook = nbformat.v4.new_notebook(cells=cells)
    assert deckcheck.notebook_slide_count(notebook) == 2 + 2


def test_notebook_slide_count_leaves_out_removed_cells() -> None:
    cells = [_cell("slide"), _paged_cell([0, 1], tags=("remove-cell",)), _cell("subslide")]
    removed = _cell("slide")
    removed.metadata["tags"] = ["remove-cell"]
    notebook = nbformat.v4.new_notebook(cells=[*cells, removed])
    assert deckcheck.notebook_slide_count(notebook) == 2


def test_pdf_page_count_ignores_the_pages_tree() -> None:
    pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page /Parent 1 0 R >>"
    assert deckcheck.pdf_page_count(pdf) == 2


def test_importing_deckcheck_loads_no_browser() -> None:
    code = "import sys, showdeck.deckcheck; print('playwright' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
