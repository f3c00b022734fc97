"""The handout: the notebook's reading view printed on A4 or Letter portrait in headless Chromium.

The article flows with its fact-checks beside it, then the chart, the tables, the outlook and
the sources, in at most 16 A4 pages for the real show; light ink, a tagged PDF with an outline
and the chart's alt text, and the speaker notes only when asked. The real notebook is run once
per module; pages are read with pypdf and rendered with pdftoppm (poppler-utils) to measure ink.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from showdeck.__main__ import main
from showdeck.pdf import PAPERS, PdfError, handout, pdf_page_count, print_pdf
from tests.conftest import REAL_SHOW, ROOT

NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
#: The sections a reader finds in the handout's outline (its bookmarks), in order.
SECTIONS = ["Agenda", "Introduction", "About the author", "Airing timeline",
            "Will it come back?", "Sources"]
#: What each part of the reading view prints: the article, its fact-checks, the chart's heading,
#: the tables, the outlook and the sources.
CONTENT = ["When its first release in 2020", "Incorrect", "Airing timeline",
           "The episodes as broadcast", "Dated events around the run", "days since the finale",
           "What the data cannot know", "Wealth of Geeks"]
#: The most A4 sheets the real show's handout may take.
MAX_PAGES = 16
#: A line only the speaker notes say.
NOTES_ONLY = "of the article, quoted as published"
#: A pixel darker than this (0 black, 255 white) is ink.
DARK = 128
#: The most of any one page, and of the whole handout, that may be ink. The screen deck printed
#: as it was was 92% ink.
MAX_PAGE_INK = 0.25
MAX_MEAN_INK = 0.10


def quiet(_line: str) -> None:
    """A progress callback that prints nothing."""


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if not found:
        pytest.fail("pdftoppm is missing: run `bash scripts/install-system-deps` as root "
                    "(or `sudo apt-get install poppler-utils`)")
    return found


def render(pdf: bytes, folder: Path, *, dpi: int, first: int = 1, last: int | None = None
           ) -> list[Path]:
    """PNGs of the PDF's pages `first`..`last` (all by default), in page order, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "handout.pdf"
    path.write_bytes(pdf)
    command = [pdftoppm(), "-png", "-r", str(dpi), "-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    subprocess.run([*command, str(path), str(folder / "page")], check=True, timeout=300)
    return sorted(folder.glob("page-*.png"))


def ink(png: Path) -> float:
    """The share of a page's pixels that are dark."""
    grey = Image.open(png).convert("L")
    histogram = grey.histogram()
    return sum(histogram[:DARK]) / (grey.width * grey.height)


def outline_titles(reader: PdfReader) -> list[tuple[str, int]]:
    """Every bookmark, depth first, as (title, page index)."""
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def structure_alt_texts(reader: PdfReader) -> list[tuple[str, str]]:
    """(structure type, /Alt) of every element of the structure tree that has alt text."""
    found: list[tuple[str, str]] = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if "/Alt" in node:
            found.append((str(node.get("/S")), str(node["/Alt"])))
        kids = node.get("/K")
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                stack.append(kid)
    return found


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_paper(pdf: bytes, paper: str) -> None:
    width, height = PAPERS[paper]
    sizes = {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
             for p in PdfReader(io.BytesIO(pdf)).pages}
    assert len(sizes) == 1, sizes
    ((w, h),) = sizes
    assert abs(w - width) <= 1, (paper, w, h)
    assert abs(h - height) <= 1, (paper, w, h)


@pytest.fixture(scope="module")
def handout_pdf(tmp_path_factory):
    """The real show's default handout (A4, no notes), made as `make pdf` makes it:
    (result, the PDF's bytes)."""
    output = tmp_path_factory.mktemp("handout") / "handout.pdf"
    result = handout(NOTEBOOK, REAL_SHOW, output, as_of="2026-11-24", progress=quiet)
    return result, output.read_bytes()


@pytest.fixture(scope="module")
def reading_view(tmp_path_factory) -> Path:
    """The real notebook's reading view, for printing it other ways than the default."""
    from showdeck.execute import execute_notebook
    from showdeck.export import export_reading

    executed = execute_notebook(NOTEBOOK, REAL_SHOW, "2026-11-24")
    page = tmp_path_factory.mktemp("reading") / "reading.html"
    page.write_text(export_reading(executed), encoding="utf-8")
    return page


def joined_text(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_is_a4_portrait_by_default(handout_pdf):
    result, pdf = handout_pdf
    assert pdf.startswith(b"%PDF-")
    assert result.paper == "a4"
    assert_paper(pdf, "a4")


@pytest.mark.slow
@pytest.mark.browser
def test_the_real_show_fits_16_a4_sheets_and_keeps_every_part(handout_pdf):
    result, pdf = handout_pdf
    assert result.pages == pdf_page_count(pdf) <= MAX_PAGES
    text = joined_text(pdf)
    for part in CONTENT:
        assert part in text, part
    assert NOTES_ONLY not in text
    assert "Presentation.open" not in text
    assert "deck.notes(" not in text
    # A reading, not slides: no page counters such as "Introduction 2/12".
    assert not re.search(r"Introduction \d+/\d+", text)
    # Every page has its number under it.
    texts = page_texts(pdf)
    assert all(f"{n} / {len(texts)}" in page for n, page in enumerate(texts, start=1))


@pytest.mark.slow
@pytest.mark.browser
def test_the_article_flows_with_its_fact_checks_beside_it(handout_pdf):
    """The first article page holds paragraphs and callouts side by side: the fact-check of the
    first claim starts on the same line as the paragraph it checks."""
    from pypdf import PdfReader

    _result, pdf = handout_pdf
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, tuple[float, float]] = {}

    def visit(text, _cm, tm, _font, _size):
        for key in ("When its first release", "premiere year"):
            if key in text and key not in found:
                found[key] = (tm[4], tm[5])

    page = dict(outline_titles(reader))["Introduction"]
    reader.pages[page].extract_text(visitor_text=visit)
    (text_x, text_y), (callout_x, callout_y) = found["When its first release"], found["premiere year"]
    assert callout_x > text_x + 150, found  # to the right
    assert abs(callout_y - text_y) < 30, found  # at the same height


@pytest.mark.slow
@pytest.mark.browser
def test_letter_is_an_option(reading_view, tmp_path):
    output = tmp_path / "letter.pdf"
    result = print_pdf(reading_view, output, paper="Letter", progress=quiet)
    pdf = output.read_bytes()
    assert result.paper == "letter"
    assert_paper(pdf, "letter")
    assert NOTES_ONLY not in joined_text(pdf)


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_is_light_ink_on_white(handout_pdf, tmp_path):
    _result, pdf = handout_pdf
    pages = render(pdf, tmp_path / "pages", dpi=24)
    assert len(pages) == pdf_page_count(pdf)
    inks = [ink(png) for png in pages]
    darkest = max(range(len(inks)), key=inks.__getitem__)
    assert inks[darkest] < MAX_PAGE_INK, f"page {darkest + 1} is {inks[darkest]:.0%} ink"
    assert sum(inks) / len(inks) < MAX_MEAN_INK


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_is_tagged_with_an_outline_of_its_sections(handout_pdf):
    _result, pdf = handout_pdf
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert str(catalog.get("/Lang", "")).startswith("en")
    outline = outline_titles(reader)
    titles = [title for title, _page in outline]
    assert titles[0] == "Akudama Drive Season 2: Will It Come Back Soon?"
    # Each section once, in reading order, named as its heading reads (no page count).
    places = []
    for section in SECTIONS:
        assert titles.count(section) == 1, (section, titles)
        places.append(dict(outline)[section])
    assert places == sorted(places)
    assert all(title == " ".join(title.split()) for title in titles), titles
    assert not any(re.search(r"\d+/\d+$", title) for title in titles), titles


@pytest.mark.slow
@pytest.mark.browser
def test_the_chart_keeps_its_alt_text_in_the_pdf(handout_pdf, reading_view):
    _result, pdf = handout_pdf
    page_alt = re.search(r'<(?:img|figure) [^>]*(?:alt|aria-label)="(Timeline of [^"]*)"',
                         reading_view.read_text("utf-8"))
    assert page_alt, "the reading view has no chart with alt text"
    alts = structure_alt_texts(PdfReader(io.BytesIO(pdf)))
    assert ("/Figure", html.unescape(page_alt[1])) in alts, alts


@pytest.mark.slow
@pytest.mark.browser
def test_page_one_and_the_chart_page_are_saved_for_a_reader_to_look_at(handout_pdf, tmp_path,
                                                                       screenshots):
    """handout-1.png and handout-chart.png in the screenshots folder, at 96 dpi."""
    _result, pdf = handout_pdf
    reader = PdfReader(io.BytesIO(pdf))
    chart = dict(outline_titles(reader))["Airing timeline"] + 1
    for name, number in (("1", 1), ("chart", chart)):
        (png,) = render(pdf, tmp_path / name, dpi=96, first=number, last=number)
        shutil.copyfile(png, screenshots / f"handout-{name}.png")
        assert ink(png) < MAX_PAGE_INK


@pytest.mark.slow
@pytest.mark.browser
def test_speaker_notes_are_an_option_after_the_text(reading_view, handout_pdf, tmp_path):
    output = tmp_path / "notes.pdf"
    result = print_pdf(reading_view, output, notes=True, progress=quiet)
    pdf = output.read_bytes()
    assert_paper(pdf, "a4")
    assert result.notes
    texts = page_texts(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    where: dict[str, int] = {}
    for title, page in outline_titles(reader):
        where.setdefault(title, page)  # the notes name their slides ("Sources") again
    # The notes start on a sheet of their own, after the sources, with every slide's notes.
    assert where["Speaker notes"] > where["Sources"]
    notes = " ".join(" ".join(texts[where["Speaker notes"]:]).split())
    assert NOTES_ONLY in notes
    assert "Michael launched Wealth of Geeks" in notes
    assert NOTES_ONLY not in " ".join(texts[: where["Speaker notes"]])
    assert result.pages > handout_pdf[0].pages


@pytest.mark.parametrize("paper", ["a3", "", "letter landscape"])
def test_an_unknown_paper_is_a_one_line_error_before_any_work(paper, tmp_path):
    with pytest.raises(PdfError, match=r"use a4 or letter") as error:
        print_pdf(tmp_path / "nope.html", tmp_path / "out.pdf", paper=paper, progress=quiet)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "out.pdf").exists()


def test_the_command_line_rejects_an_unknown_paper_in_one_line(tmp_path, capsys):
    code = main(["pdf", "--html", str(tmp_path / "d.html"), "--output", str(tmp_path / "o.pdf"),
                 "--paper", "tabloid"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("error: --paper 'tabloid' is not a paper size")


def test_a_missing_reading_view_names_the_command_that_makes_it(tmp_path):
    with pytest.raises(PdfError, match=r"jupyter nbconvert --to html --execute NOTEBOOK.*make pdf"):
        print_pdf(tmp_path / "nope.html", tmp_path / "out.pdf", progress=quiet)


@pytest.mark.browser
@pytest.mark.parametrize("markup", [
    "<!doctype html><title>not a reading view</title><p>hello</p>",
    "<!doctype html><title>a deck</title><body class='sd-deck'><div class='reveal'></div>",
])
def test_a_page_that_is_not_a_reading_view_fails_cleanly(tmp_path, markup):
    page = tmp_path / "plain.html"
    page.write_text(markup, encoding="utf-8")
    output = tmp_path / "out.pdf"
    with pytest.raises(PdfError, match=r"no reading view there; .*--to html --execute") as error:
        print_pdf(page, output, progress=quiet)
    assert "\n" not in str(error.value)
    assert not output.exists()


def test_pdf_page_count_counts_the_pages_of_the_page_tree() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=842, height=595)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert pdf_page_count(buffer.getvalue()) == 3
