"""The notebook as the people who open it use it, in a real JupyterLab: outputs that stand
alone, no stale slides after a wrong parameter, outputs that fit the window, and an agenda that
links to the slides, a slide a user added included.

One JupyterLab server and one page for the module (starting them is slow); the tests run in
file order on the same open notebook, the wrong-parameter run last.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from showdeck.browser import offline_page
from tests.support.jupyterlab import (
    ERROR_OUTPUTS,
    NOTEBOOK,
    RUN_ALL_MS,
    copy_project,
    jupyter_lab,
    run_all_cells,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AS_OF = "2026-11-24"
ADDED = "What fans did next"
#: The window widths the notebook must fit, with the file browser open beside it.
WIDTHS = (1024, 1280)

LAYOUT_JS = """() => {
  const style = sel => { const el = document.querySelector(sel); return el && getComputedStyle(el); };
  return {
    columns: style('.jp-OutputArea-output .sd-columns').display,
    pageCount: style('.jp-OutputArea-output .sd-page-count').display,
    callout: parseFloat(style('.jp-OutputArea-output .sd-callout').borderLeftWidth),
    claim: style('.jp-OutputArea-output .sd-claim').backgroundColor,
    font: style('.jp-OutputArea-output .sd-text p').fontFamily,
  };
}"""

OVERFLOW_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-NotebookPanel .jp-Notebook');
  const limit = panel.getBoundingClientRect().right;
  return [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')].map(el => {
    const r = el.getBoundingClientRect();
    const kids = [...el.querySelectorAll('*')].map(k => k.getBoundingClientRect().right);
    return {cls: el.className, scroll: el.scrollWidth - el.clientWidth,
            right: Math.max(r.right, ...kids) - limit, width: r.width};
  }).filter(o => o.width > 0);
}"""


@pytest.fixture(scope="module")
def lab_page(tmp_path_factory):
    """JupyterLab on a copy of the project whose notebook has a Markdown slide added after the
    chart, run all cells once; yields (page, screenshots folder)."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    path = root / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.source == "deck.timeline_table()")
    nb.cells.insert(at, nbformat.v4.new_markdown_cell(
        f"## {ADDED}\n\nA petition, fan art and a stage play.",
        metadata={"slideshow": {"slide_type": "slide"}}))
    nbformat.write(nb, path)
    # Screenshots for a person to look at: $SHOWDECK_SCREENSHOTS, else a temporary folder.
    kept = os.environ.get("SHOWDECK_SCREENSHOTS")
    shots = Path(kept) if kept else tmp_path_factory.mktemp("screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHOWDECK_AS_OF", AS_OF)
        with (
            jupyter_lab(root, tmp_path_factory.mktemp("state")) as lab,
            offline_page(viewport=(1280, 900), allow_http_host=lab.host) as (page, log),
        ):
            run_all_cells(page, lab, NOTEBOOK)
            errors = page.locator(ERROR_OUTPUTS).all_inner_texts()
            assert errors == [], errors
            yield page, shots
            assert log.blocked == [], "the notebook reached for the network"


def texts(page, selector: str) -> list[str]:
    """textContent, not innerText: JupyterLab skips rendering cells out of view."""
    return page.evaluate(
        "sel => [...document.querySelectorAll(sel)].map(e => e.textContent)", selector)


def outputs_text(page) -> list[str]:
    return texts(page, ".jp-NotebookPanel .jp-OutputArea-output")


def test_the_agenda_lists_the_added_slide_and_links_to_each_slide(lab_page):
    page, shots = lab_page
    labels = texts(page, ".jp-OutputArea-output .sd-agenda a")
    assert labels.index(ADDED) == labels.index("Airing timeline") + 1
    # JupyterLab marks a Markdown heading with data-jupyter-id, and follows "#id" links to it.
    for label, target in ((ADDED, f"h2[data-jupyter-id='{ADDED.replace(' ', '-')}']"),
                          ("Will it come back?", "#sd-slide-outlook h2"),
                          ("Sources", "#sd-slide-sources h2")):
        page.locator(".jp-OutputArea-output .sd-agenda a", has_text=label).first.click()
        page.wait_for_timeout(800)
        box = page.locator(target).first.bounding_box()
        assert box is not None, target
        assert 0 <= box["y"] <= 900, (label, box)
    page.screenshot(path=str(shots / "lab-agenda-jump.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_every_output_fits_the_output_area_with_the_file_browser_open(lab_page, width):
    page, shots = lab_page
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_timeout(800)
    browser = page.locator("#filebrowser")
    if not browser.is_visible():
        page.keyboard.press("Control+Shift+f")
        page.wait_for_timeout(500)
    assert browser.is_visible()
    assert browser.bounding_box()["width"] > 150
    found = page.evaluate(OVERFLOW_JS)
    assert len(found) > 10
    wide = [o for o in found if o["scroll"] > 1 or o["right"] > 1]
    assert wide == [], wide
    page.locator(".jp-OutputArea-output .sd-text p").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"lab-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


def test_clearing_the_title_output_leaves_every_other_slide_styled(lab_page):
    page, shots = lab_page
    before = page.evaluate(LAYOUT_JS)
    assert before["columns"] == "flex"
    title = page.locator(".jp-CodeCell:has(.sd-title-slide)").first
    title.locator(".jp-Cell-outputWrapper").first.click()
    page.locator(".lm-MenuBar-item", has_text="Edit").first.click()
    page.get_by_role("menuitem", name="Clear Cell Output", exact=True).click()
    page.wait_for_timeout(500)
    assert page.locator(".jp-OutputArea-output .sd-title-slide").count() == 0
    after = page.evaluate(LAYOUT_JS)
    assert after == before
    assert after["pageCount"] == "none"
    assert after["callout"] >= 3
    assert "SD Noto Sans" in after["font"]
    page.locator(".jp-OutputArea-output .sd-text p").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "lab-title-cleared.png"))


def test_a_wrong_data_dir_after_a_good_run_leaves_no_old_slide(lab_page):
    page, shots = lab_page
    cell = page.locator(".jp-CodeCell", has_text="data_dir =").first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type('data_dir = "/nonexistent"\nas_of = None\n')
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        "() => document.querySelectorAll('.jp-OutputArea-output .sd-not-shown').length >= 7",
        timeout=RUN_ALL_MS)
    page.wait_for_timeout(1000)
    errors = texts(page, ERROR_OUTPUTS)
    assert len(errors) == 1, errors
    (error,) = errors
    assert error.strip().startswith("ParameterError: data_dir '/nonexistent'")
    assert len(error.strip().splitlines()) == 1
    assert page.locator(".jp-OutputArea-output .sd-slide").count() == 0
    assert page.locator(".jp-OutputArea-output svg, .jp-RenderedSVG").count() == 0
    shown = "\n".join(outputs_text(page))
    assert "Akudama" not in shown
    assert shown.count("Not shown: the parameters are wrong") == 7
    page.screenshot(path=str(shots / "lab-wrong-data-dir.png"))
