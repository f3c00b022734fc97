"""Shared fixtures: the real show folder, the invented fixture show, and a copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_SHOW = ROOT / "data" / "akudama-drive"
FIXTURE_SHOW = ROOT / "tests" / "fixtures" / "lantern-line"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test never skips silently: a skip there is reported as a failure."""
    report = yield
    if report.skipped and item.get_closest_marker("browser") and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"browser tests must not skip: {report.longrepr}"
    return report


@pytest.fixture
def fixture_show() -> Path:
    return FIXTURE_SHOW


@pytest.fixture
def broken_copy(tmp_path: Path):
    """Copy a show folder to tmp_path so a test can break it; returns a function of the source."""

    def copy(source: Path = FIXTURE_SHOW) -> Path:
        target = tmp_path / source.name
        shutil.copytree(source, target)
        return target

    return copy


REVEAL_DIST = ROOT / "node_modules" / "reveal.js" / "dist"


@pytest.fixture(scope="session")
def reveal_dist() -> Path:
    """reveal.js as npm installed it; a missing copy fails the test with what to run."""
    if not (REVEAL_DIST / "reveal.js").is_file():
        pytest.fail(f"{REVEAL_DIST} is missing: run `make setup` (or `npm ci`)")
    return REVEAL_DIST


@pytest.fixture(scope="module")
def browser():
    """One offline headless Chromium page per test module, as (page, log): launching is slow.

    Never skips: without Chromium, showdeck.browser.BrowserMissing fails the test and says
    how to install it.
    """
    from showdeck.browser import offline_page

    with offline_page() as (page, log):
        yield page, log


@pytest.fixture
def fresh_browser(browser):
    """The module's page with its log emptied, so a test sees only what its own deck did."""
    page, log = browser
    log.console_errors.clear()
    log.page_errors.clear()
    log.blocked.clear()
    return page, log


def write_sample_notebook(path: Path) -> Path:
    """A small deck notebook in the project's conventions, built in memory as nbconvert's tests do.

    Title slide, a notes cell, a hidden import cell, the parameters cell, an HTML output that
    reads the data, a PNG with alt text, and one cell whose outputs are three pages.
    """
    import nbformat
    from nbformat import v4

    def md(source: str, slide_type: str = "slide"):
        return v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": slide_type}})

    def code(source: str, tags: list[str], slide_type: str = "slide"):
        meta = {"slideshow": {"slide_type": slide_type}, "tags": tags}
        return v4.new_code_cell(source, metadata=meta)

    pixel = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    nb = v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nb.cells = [
        code("import base64\nfrom IPython.display import HTML, Image, display\n"
             "from showdeck import load_show", ["remove-cell"], "skip"),
        code('data_dir = "../data/akudama-drive"\nas_of = None', ["parameters", "remove-cell"], "skip"),
        md("# MARKER-TITLE-SLIDE\n## アクダマドライブ"),
        md("MARKER-SPEAKER-NOTE: pause here.", "notes"),
        code("data = load_show(data_dir)\n"
             "display(HTML(f'<div class=\"sd-callout\">MARKER-DATA {data.show.title.english} "
             "as of {as_of}</div>'))", ["remove-input"]),
        code(f"display(Image(data=base64.b64decode('{pixel}'), format='png', "
             "alt='MARKER-ALT one pixel'))", ["remove-input"]),
        code("for i in range(3):\n"
             "    display(HTML(f'<div class=\"sd-section\"><h2>MARKER-PAGE-{i}</h2></div>'),\n"
             "            metadata={'showdeck': {'page': i}})", ["remove-input"]),
        md("## MARKER-LAST-SLIDE\nThe end."),
    ]
    for index, cell in enumerate(nb.cells):
        cell.id = f"sample-{index}"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


#: Slides the sample notebook makes: title, data, image, three pages, last.
SAMPLE_SLIDES = 7


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> dict[str, Path]:
    """A project folder (notebooks/, data/) with the sample notebook and the fixture show."""
    root = tmp_path_factory.mktemp("project")
    notebook = write_sample_notebook(root / "notebooks" / "deck.ipynb")
    data = root / "data" / "lantern-line"
    shutil.copytree(FIXTURE_SHOW, data)
    return {"root": root, "notebook": notebook, "data": data}


@pytest.fixture(scope="session")
def built_deck(sample_project) -> Path:
    """The sample deck, built once per session (it executes a kernel: a few seconds)."""
    from showdeck.build import build_deck

    output = sample_project["root"] / "build" / "deck.slides.html"
    build_deck(sample_project["notebook"], sample_project["data"], output, as_of="2025-01-02",
               progress=lambda _line: None)
    return output
