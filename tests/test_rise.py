"""The notebook presented live with jupyterlab-rise, in a full RISE tab (`/rise/<path>`) and in
JupyterLab's "Render as slides" panel (Alt+R), at the window sizes people present from.

One JupyterLab runs the real notebook once (all cells, then saved, as RISE needs); each size
then steps through every page of every slide with the right arrow and finds each page wholly in
the window or the panel: reveal.js scales the 960 x 700 slide to fit, as in the exported deck.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from showdeck.browser import PageLog, offline_page
from tests.support import rise
from tests.support.decks import ROOT, SCREENSHOTS, passes
from tests.support.jupyterlab import (
    ERROR_OUTPUTS,
    NOTEBOOK,
    Lab,
    copy_project,
    jupyter_lab,
    run_all_cells,
    save_notebook,
)

#: Laptops and desktops: the common small laptop, short and wide windows, full HD.
SIZES = [(1024, 640), (1280, 600), (1366, 657), (1280, 900), (1920, 1080)]
#: The sizes whose screenshots a person looks at (build/screenshots/rise-*.png).
SCREENSHOT_SIZES = {(1366, 657), (1024, 640)}
SLIDES = 7
#: Any 4xx or 5xx answer in the server's log ("404 GET /files/notebooks/rise.css ...").
ERROR_STATUS = re.compile(r"\] ([45]\d\d) (GET|POST|PUT|PATCH|DELETE) (\S+)")


@dataclass
class Responses:
    """Every answer the browser got from JupyterLab that was not a success."""

    failed: list[str] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)

    def record(self, response) -> None:
        path = response.url.split("?")[0]
        if "/files/" in path:
            self.files[path.rsplit("/files/", 1)[1]] = response.status
        if response.status >= 400:
            self.failed.append(f"{response.status} {path}")


@dataclass
class Session:
    lab: Lab
    page: object  # JupyterLab, the notebook run and saved
    responses: Responses
    log: PageLog


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Iterator[Session]:
    """One JupyterLab for the module, the notebook run once and saved."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    responses = Responses()
    with (
        jupyter_lab(root, tmp_path_factory.mktemp("state")) as lab,
        offline_page(viewport=SIZES[-1], allow_http_host=lab.host) as (page, log),
    ):
        page.context.on("response", responses.record)
        run_all_cells(page, lab, NOTEBOOK)
        errors = page.locator(ERROR_OUTPUTS).all_inner_texts()
        if errors:
            pytest.fail("cells wrote errors:\n" + "\n---\n".join(errors))
        save_notebook(page)  # RISE shows the saved notebook; saving signs its outputs
        yield Session(lab, page, responses, log)


@pytest.fixture(scope="module")
def panel(session: Session):
    """"Render as slides" beside the notebook in JupyterLab: (page, the panel's frame)."""
    return session.page, rise.open_panel(session.page)


@pytest.fixture(scope="module")
def tab(session: Session):
    """A full RISE tab: (page, its frame)."""
    page = session.page.context.new_page()
    return page, rise.open_tab(page, session.lab, NOTEBOOK)


def present(page, frame, size: tuple[int, int], name: str) -> list[rise.Step]:
    """Every step from the first slide with the window at `size`, after a click on the slide;
    a screenshot of the page that reaches lowest, at the sizes a person looks at."""
    rise.resize(page, frame, size)
    rise.first_slide(frame)
    if frame is not page.main_frame:
        # Back in the notebook, then a click on the panel hands the keyboard to the slides.
        page.locator(".jp-NotebookPanel .jp-Notebook").first.focus()
    rise.click_slide(page, frame)
    steps = rise.step_through(frame, page.keyboard)
    if size in SCREENSHOT_SIZES:
        # The page that reaches lowest, the likeliest to be cut off.
        lowest = max(range(len(steps)), key=lambda i: max(
            (box["bottom"] for box in steps[i].boxes if box), default=0))
        rise.first_slide(frame)
        for _ in range(lowest):
            page.keyboard.press("ArrowRight")
        rise.settle(frame)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"rise-{name}-{size[0]}x{size[1]}.png"))
    return steps


def check(steps: list[rise.Step]) -> None:
    """Every slide reached, each of its pages once, one at a time and in order, each wholly on
    screen, with no code and no notes."""
    failures = [problem for step in steps for problem in step.cut_off()]
    if (steps[-1].slide, steps[-1].pages) != (SLIDES - 1, [str(steps[-1].page_count)]):
        failures.append(f"the right arrow stopped turning pages at {steps[-1].where}")
    slides = sorted({step.slide for step in steps})
    if slides != list(range(SLIDES)):
        failures.append(f"the right arrow reached slides {slides}, not all {SLIDES}")
    for step in steps:
        if step.page_count and len(step.pages) != 1:
            failures.append(f"{step.where}: {len(step.pages)} pages show at once")
        for code in ("deck.", "Presentation.open"):
            if code in step.text:
                failures.append(f"{step.where}: code {code!r} on the slide")
        if "Speaker notes" in step.text:
            failures.append(f"{step.where}: speaker notes on the slide")
    for slide in slides:
        seen = [step.pages[0] for step in steps if step.slide == slide and step.pages]
        count = max(step.page_count for step in steps if step.slide == slide)
        if seen != [str(n) for n in range(1, count + 1)]:
            failures.append(f"slide {slide + 1}: the pages came as {seen}, not 1 to {count}")
    passes(failures)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_rise_tab_shows_every_page_whole(tab, size) -> None:
    check(present(*tab, size, "tab"))


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_rise_panel_shows_every_page_whole(panel, size) -> None:
    steps = present(*panel, size, "panel")
    # The panel is a fraction of the window: the slide really was scaled down to fit it.
    assert steps[0].viewport[0] < size[0] * 0.7, steps[0].viewport
    check(steps)


@pytest.mark.slow
@pytest.mark.browser
def test_rise_finds_every_file_it_asks_for(session: Session, tab, panel) -> None:
    """RISE asks for rise.css and <notebook>.css beside the notebook on every open: both are
    there, and neither the browser nor the server saw a missing file or an error."""
    responses = session.responses
    stylesheets = {"notebooks/rise.css", "notebooks/akudama_drive_season2.css"}
    assert {path: responses.files.get(path) for path in stylesheets} == dict.fromkeys(
        stylesheets, 200)
    logged = [" ".join(m.groups()) for m in map(ERROR_STATUS.search,
              session.lab.log.read_text(encoding="utf-8").splitlines()) if m]
    assert responses.failed == [], responses.failed
    assert logged == [], logged
    assert session.log.blocked == [], "the notebook reached for the network"


def test_rise_stylesheet_gives_reveal_the_notebooks_slide_size() -> None:
    """RISE pins the slides box to the window; the notebook's stylesheet gives reveal.js back
    the size the notebook's rise metadata asks for, which reveal then scales."""
    rise_config = json.loads((ROOT / NOTEBOOK).read_text(encoding="utf-8"))["metadata"]["rise"]
    css = (ROOT / NOTEBOOK.with_suffix(".css")).read_text(encoding="utf-8")
    size = re.search(r"\.rise-enabled \.reveal \.slides \{ width: (\d+)px !important; "
                     r"height: (\d+)px !important; \}", css)
    assert size, "the stylesheet no longer sizes .reveal .slides"
    assert (int(size[1]), int(size[2])) == (rise_config["width"], rise_config["height"])
    assert (ROOT / NOTEBOOK.parent / "rise.css").is_file()

