"""Shared fixtures and helpers: the real show folder, the invented fixture show, a copy to break
and the edits that break it."""

from __future__ import annotations

import base64
import csv
import fcntl
import io
import os
import re
import shutil
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from fontTools.ttLib import TTFont
from jupyter_client.provisioning.local_provisioner import LocalProvisioner
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from playwright.sync_api import BrowserType

from showdeck import DataError, load_show

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


@pytest.fixture(autouse=True)
def _fast_tier_starts_no_kernel_and_no_browser(request, monkeypatch):
    """A test in the fast tier (marked neither slow nor browser) that starts a Jupyter kernel
    or a Playwright browser fails and says to mark it, so the tier stays fast by rule."""
    node = request.node
    if node.get_closest_marker("slow") or node.get_closest_marker("browser"):
        return

    def refuse(what: str):
        def refused(*_args, **_kwargs):
            pytest.fail(f"{node.nodeid} starts {what}: mark it slow (or browser)", pytrace=False)
        return refused

    monkeypatch.setattr(LocalProvisioner, "launch_kernel", refuse("a Jupyter kernel"))
    monkeypatch.setattr(BrowserType, "launch", refuse("a browser"))


@pytest.fixture
def no_kernel(monkeypatch):
    """The build's kernel replaced by nothing, for builds that must stop before the notebook
    runs (bad data, a bad --as-of): the build starts its kernel before it validates, so that it
    boots meanwhile. Fails the test if the notebook is run."""

    @contextmanager
    def running(*_args, **_kwargs):
        yield None

    def execute(*_args, **_kwargs):
        pytest.fail("the build ran the notebook", pytrace=False)

    monkeypatch.setattr("showdeck.build.running_kernel", running)
    monkeypatch.setattr("showdeck.build.execute_notebook", execute)


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
def screenshots() -> Path:
    """The folder screenshots go to (tests.support.decks.SCREENSHOTS): $SHOWDECK_SCREENSHOTS,
    else a new temporary folder (tests never write into the checkout)."""
    from tests.support.decks import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def reveal_dist() -> Path:
    """reveal.js as npm installed it; a missing copy fails the test with what to run."""
    if not (REVEAL_DIST / "reveal.js").is_file():
        pytest.fail(f"{REVEAL_DIST} is missing: run `make setup` (or `npm ci`)")
    return REVEAL_DIST


@pytest.fixture(scope="session")
def show_deck(tmp_path_factory):
    """A show's deck built with the CLI, once per session whichever files ask for it:
    `show_deck("akudama-drive")` is the path of the deck (as of tests.support.decks.AS_OF)."""
    from tests.support.decks import SHOWS, build

    # Under pytest-xdist every worker's temporary folder sits in the run's: the workers share
    # one deck per show there. The first builds it; the others wait on the lock, then find it up
    # to date (the build's own cache key) and only check that.
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    built: dict[str, Path] = {}

    def deck(show: str) -> Path:
        if show not in built:
            folder = shared / "decks" / show
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / ".lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                built[show] = build(SHOWS[show], folder / f"{show}.slides.html")
        return built[show]

    return deck


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
    """A small showdeck notebook in the project's conventions, built in memory as nbconvert's
    tests do: skip cells that import and read the parameters, a title slide and its notes, an
    HTML output that reads the data, a PNG with alt text, a slide of three pages, a last slide.
    """
    import nbformat
    from nbformat import v4

    def md(source: str, slide_type: str = "slide"):
        return v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": slide_type}})

    def code(source: str, slide_type: str = "slide", tags: list[str] | None = None):
        meta = {"slideshow": {"slide_type": slide_type}, "jupyter": {"source_hidden": True}}
        if tags:
            meta["tags"] = tags
        return v4.new_code_cell(source, metadata=meta)

    pixel = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    pages = "".join(
        f'<div class="sd-page{" fragment" if i else ""}" data-sd-page="{i + 1}">'
        f"<h2>MARKER-PAGE-{i}</h2></div>" for i in range(3))
    nb = v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "showdeck": {"version": 1},
    })
    nb.cells = [
        code("import base64\nfrom IPython.display import HTML, Image, display\n"
             "from showdeck.presentation import read_parameters", "skip"),
        code('data_dir = "data/lantern-line"\nas_of = None', "skip", ["parameters"]),
        code("data, day = read_parameters(data_dir, as_of)", "skip"),
        code("display(HTML('<h1>MARKER-TITLE-SLIDE</h1><h2>アクダマドライブ</h2>'), "
             "metadata={'showdeck': {'title': 'MARKER-TITLE', 'footer': 'MARKER-FOOTER'}})"),
        md("MARKER-SPEAKER-NOTE: pause here.", "notes"),
        code("display(HTML(f'<div class=\"sd-callout\">MARKER-DATA {data.show.title.english} "
             "as of {day}</div>'))"),
        code(f"display(Image(data=base64.b64decode('{pixel}'), format='png', "
             "alt='MARKER-ALT one pixel'))"),
        code(f"display(HTML('<div class=\"sd-pages\">{pages}</div>'))"),
        md("## MARKER-LAST-SLIDE\nThe end."),
    ]
    for index, cell in enumerate(nb.cells):
        cell.id = f"sample-{index}"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


#: The sample notebook's slides and pages: title, data, image, the paged slide, last.
SAMPLE_SLIDES = 5
SAMPLE_PAGES = 7


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


@pytest.fixture(scope="module")
def data():
    """The fixture show, loaded once per test module."""
    return load_show(FIXTURE_SHOW)


def write_article(folder, paragraphs: list[str], claims: list[tuple[str, str, str]]) -> None:
    """Replace the fixture's introduction with `paragraphs`, and its claims with `claims`
    given as (id, quote, verdict); other claim columns are copied from the first claim."""
    article = (folder / "article.md").read_text()
    start = article.index("## [introduction]")
    end = article.index("## [renewal-status]")
    intro = "## [introduction]\n\n" + "\n\n".join(paragraphs) + "\n\n"
    (folder / "article.md").write_text(article[:start] + intro + article[end:])
    rows = list(csv.DictReader(io.StringIO((folder / "claims.csv").read_text())))
    template = rows[0]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(template), lineterminator="\n")
    writer.writeheader()
    for cid, quote, verdict in claims:
        writer.writerow({**template, "id": cid, "section": "introduction", "quote": quote,
                         "topic": f"topic {cid}", "verdict": verdict,
                         "correction": f"Correction for {cid}."})
    (folder / "claims.csv").write_text(out.getvalue())


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_show(folder)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Claims judged in groups, and corrections that read cleanly after their verdict.


def _with_groups(folder: Path, *groups: str) -> None:
    """Give the fixture's claims table a `group` column, one cell per row."""
    path = folder / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("topic,verdict", "topic,group,verdict")
    rows = []
    for line, group in zip(lines[1:], groups, strict=True):
        first, second, third, fourth, rest = line.split(",", 4)
        rows.append(f"{first},{second},{third},{fourth},{group},{rest}")
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def by_gid(ax: Axes, gid: str):
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist {gid!r}, found {len(found)}"
    return found[0]


def xlim_dates(ax: Axes) -> tuple[date, date]:
    low, high = ax.get_xlim()
    return mdates.num2date(low).date(), mdates.num2date(high).date()


def as_dates(values) -> list[date]:
    return [v if isinstance(v, date) else mdates.num2date(v).date() for v in values]


def crowded_show(broken_copy):
    """The fixture with fifteen milestones crammed into two years, and a manga."""
    folder = broken_copy()
    kinds = ["announcement", "delay", "manga", "stage", "award", "release", "other"]
    rows = [
        f"event-{i},{date(2019, 5, 1) + timedelta(days=45 * i)},day,{kinds[i % len(kinds)]},"
        f"A fairly long milestone label number {i} for the test,fixture-guide\n"
        for i in range(15)
    ]
    with (folder / "milestones.csv").open("a") as f:
        f.writelines(rows)
    show = (folder / "show.toml").read_text().replace("[sequel]", (
        '[manga]\ntitle = "Lantern"\nartist = "A"\npublisher = "B"\nplatform = "C"\n'
        'start = 2019-06-01\nend = 2021-02-01\nsources = ["fixture-guide"]\n\n[sequel]'))
    (folder / "show.toml").write_text(show)
    return load_show(folder)


def drawn_texts(fig: Figure) -> list[tuple[Text, object]]:
    """Every drawn text of the figure with its box (the text, not its arrow)."""
    fig.draw_without_rendering()
    found = []
    for ax in fig.axes:
        for text in [t for t in ax.texts if t.get_text()]:
            found.append((text, Text.get_window_extent(text)))
    return found


RULE = re.compile(
    r'@font-face \{ font-family: "(?P<family>[^"]+)"; font-style: normal; '
    r"font-weight: (?P<weight>\d+); font-display: swap; "
    r"unicode-range: (?P<range>U\+[0-9A-F]+(?:-[0-9A-F]+)?(?:, U\+[0-9A-F]+(?:-[0-9A-F]+)?)*); "
    r'src: url\("data:font/woff2;base64,(?P<data>[A-Za-z0-9+/=]+)"\) format\("woff2"\); \}'
)


def embedded_fonts(css: str) -> dict[tuple[str, int], TTFont]:
    """Every @font-face rule's font, decoded, by (family, weight)."""
    found = {}
    for match in RULE.finditer(css):
        data = base64.b64decode(match["data"])
        found[match["family"], int(match["weight"])] = TTFont(io.BytesIO(data))
    assert len(found) == css.count("@font-face"), "a rule the pattern does not read"
    return found


#: Text in the deck's three scripts, for the font, line-break and subset tests.
JAPANESE = (
    "アクダマドライブは、2020年に放送されたオリジナルテレビアニメ。「第2期」の制作は"
    "まだ発表されていないが、ファンの期待は大きい。"
)


ENGLISH = (
    "Akudama Drive is an action, adventure, sci-fi anime series by Studio Pierrot and "
    "Too Kyo Games — directed by Tomohisa Taguchi, it ran for 12 episodes in late 2020."
)


THAI_TITLE = "Akudama Drive อนิเมะจากผู้สร้าง Danganronpa ประกาศเลื่อนไปฉายเดือนตุลาคม"


#: The committed presentation notebook.
NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"


@pytest.fixture(scope="module")
def notebook():
    """The committed notebook, read once per module (tests copy it before they change it)."""
    import nbformat

    return nbformat.read(NOTEBOOK, as_version=4)


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def kind(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def executed_cell(html: str, slide_type: str = "slide", tags=(), metadata=None, **data):
    """A code cell as a run notebook holds it: one display output of `html` (and `data`)."""
    from nbformat import v4

    code = v4.new_code_cell("deck.show()", metadata={"slideshow": {"slide_type": slide_type},
                                                     "tags": list(tags)})
    code.execution_count = 1
    code.outputs = [v4.new_output("display_data", data={"text/html": html, **data},
                                  metadata=metadata or {})]
    return code


def showdeck_notebook(*cells, showdeck: bool = True):
    """A notebook of `cells`; with `showdeck`, marked as a showdeck notebook."""
    from nbformat import v4

    nb = v4.new_notebook(metadata={"showdeck": {"version": 1}} if showdeck else {})
    nb.cells = list(cells)
    return nb
