"""print_pdf: the handout, reveal.js's print view on A4 or Letter paper in headless Chromium.

One sheet per page of a slide, a light print theme, a tagged PDF with an outline of the sections
and the chart's alt text, and the speaker notes when asked. The real deck is printed once per
module and read with pypdf; pages are rendered with pdftoppm (poppler-utils) to measure ink.
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
from showdeck.pdf import PAPERS, PdfError, pdf_page_count, print_pdf
from tests.conftest import REAL_SHOW, ROOT, SAMPLE_PAGES

SCREENSHOTS = ROOT / "build" / "screenshots"
NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
#: The sections a reader finds in the handout's outline (its bookmarks).
SECTIONS = ["Agenda", "Introduction", "Airing timeline", "Will it come back?", "Sources"]
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
def real_deck(tmp_path_factory) -> Path:
    """The Akudama Drive deck, built once for this module."""
    from showdeck.build import build_deck

    output = tmp_path_factory.mktemp("real") / "akudama-drive.slides.html"
    build_deck(NOTEBOOK, REAL_SHOW, output, as_of="2026-11-24", progress=quiet)
    return output


@pytest.fixture(scope="module")
def handout(real_deck, tmp_path_factory):
    """The real deck's default handout (A4, no notes): (result, the PDF's bytes)."""
    output = tmp_path_factory.mktemp("handout") / "handout.pdf"
    result = print_pdf(real_deck, output, progress=quiet)
    return result, output.read_bytes()


def deck_pages(deck: Path) -> int:
    """The pages the deck shows on screen: per reveal.js slide, 1 + its distinct fragment steps.

    Its own browser, closed before anything prints: Playwright's sync API runs one at a time.
    """
    from showdeck.browser import offline_page
    from tests.support import deckcheck

    with offline_page() as (page, _log):
        assert deckcheck.open_deck(page, deck) == []
        return page.evaluate(
            """() => Reveal.getSlides().map(slide => 1 + new Set(
                [...slide.querySelectorAll('.fragment')]
                .map(f => f.getAttribute('data-fragment-index'))).size).reduce((a, b) => a + b, 0)"""
        )


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_is_a4_landscape_by_default(handout):
    result, pdf = handout
    assert pdf.startswith(b"%PDF-")
    assert result.paper == "a4"
    assert_paper(pdf, "a4")


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_has_one_sheet_per_page_of_the_deck(handout, real_deck):
    result, pdf = handout
    expected = deck_pages(real_deck)
    assert result.pages == result.slide_pages == pdf_page_count(pdf) == expected
    assert result.notes_pages == 0


@pytest.mark.slow
@pytest.mark.browser
def test_the_sample_deck_prints_one_sheet_per_page(built_deck, tmp_path):
    output = tmp_path / "handout.pdf"
    lines: list[str] = []
    result = print_pdf(built_deck, output, progress=lines.append)
    assert result.pages == pdf_page_count(output.read_bytes()) == SAMPLE_PAGES
    assert any(line.startswith("write") and "a4 landscape" in line for line in lines)


@pytest.mark.slow
@pytest.mark.browser
def test_letter_is_an_option(built_deck, tmp_path):
    output = tmp_path / "letter.pdf"
    result = print_pdf(built_deck, output, paper="Letter", progress=quiet)
    pdf = output.read_bytes()
    assert result.paper == "letter"
    assert_paper(pdf, "letter")
    assert pdf_page_count(pdf) == SAMPLE_PAGES
    assert not any("MARKER-SPEAKER-NOTE" in text for text in page_texts(pdf))


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_is_light_ink_on_white(handout, tmp_path):
    _result, pdf = handout
    pages = render(pdf, tmp_path / "pages", dpi=24)
    assert len(pages) == pdf_page_count(pdf)
    inks = [ink(png) for png in pages]
    darkest = max(range(len(inks)), key=inks.__getitem__)
    assert inks[darkest] < MAX_PAGE_INK, f"page {darkest + 1} is {inks[darkest]:.0%} ink"
    assert sum(inks) / len(inks) < MAX_MEAN_INK


@pytest.mark.slow
@pytest.mark.browser
def test_the_handout_is_tagged_with_an_outline_of_its_sections(handout):
    _result, pdf = handout
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert str(catalog.get("/Lang", "")).startswith("en")
    titles = [title for title, _page in outline_titles(reader)]
    assert titles[0] == "Akudama Drive Season 2: Will It Come Back Soon?"
    for section in SECTIONS:
        assert section in titles, titles
    # Named as the heading reads, with the words a line wrap split and no page count ("2/6").
    assert all(title == " ".join(title.split()) for title in titles), titles
    # A page that continues a section repeats its heading on paper, not in the outline.
    assert len(titles) == len(set(titles)), titles
    pages = [page for _title, page in outline_titles(reader)]
    assert pages[: len(SECTIONS)] == sorted(pages[: len(SECTIONS)])


@pytest.mark.slow
@pytest.mark.browser
def test_the_chart_keeps_its_alt_text_in_the_pdf(handout, real_deck):
    _result, pdf = handout
    deck_alt = re.search(r'<(?:img|figure) [^>]*(?:alt|aria-label)="(Timeline of [^"]*)"',
                         real_deck.read_text("utf-8"))
    assert deck_alt, "the deck has no chart with alt text"
    alts = structure_alt_texts(PdfReader(io.BytesIO(pdf)))
    assert ("/Figure", html.unescape(deck_alt[1])) in alts, alts


@pytest.mark.slow
@pytest.mark.browser
def test_page_one_and_the_chart_page_are_saved_for_a_reader_to_look_at(handout, tmp_path):
    """build/screenshots/handout-1.png and handout-chart.png, at 96 dpi: the slide's own size."""
    _result, pdf = handout
    reader = PdfReader(io.BytesIO(pdf))
    chart = dict(outline_titles(reader))["Airing timeline"] + 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, number in (("1", 1), ("chart", chart)):
        (png,) = render(pdf, tmp_path / name, dpi=96, first=number, last=number)
        shutil.copyfile(png, SCREENSHOTS / f"handout-{name}.png")
        assert ink(png) < MAX_PAGE_INK


@pytest.mark.slow
@pytest.mark.browser
def test_speaker_notes_are_an_option_after_their_slides_last_page(real_deck, tmp_path):
    output = tmp_path / "notes.pdf"
    result = print_pdf(real_deck, output, notes=True, progress=quiet)
    pdf = output.read_bytes()
    assert_paper(pdf, "a4")
    texts = page_texts(pdf)
    assert result.pages == len(texts) == result.slide_pages + result.notes_pages
    notes = [n for n, text in enumerate(texts) if text.lstrip().startswith("Speaker notes")]
    assert len(notes) == result.notes_pages > 0
    # The article's notes are longer than a sheet: they continue, and follow its last page.
    reader = PdfReader(io.BytesIO(pdf))
    where = dict(outline_titles(reader))
    article = [n for n in notes if texts[n].lstrip().startswith("Speaker notes: Introduction")]
    assert len(article) > 1
    assert article == list(range(where["Airing timeline"] - len(article), where["Airing timeline"]))
    assert where["About the author"] < article[0]
    # A note from the end of the article's notes made it onto paper.
    assert "Michael launched Wealth of Geeks" in " ".join(texts[n] for n in article)


@pytest.mark.slow
@pytest.mark.browser
def test_the_sample_deck_notes_are_on_paper_only_when_asked(built_deck, tmp_path):
    output = tmp_path / "notes.pdf"
    result = print_pdf(built_deck, output, paper="letter", notes=True, progress=quiet)
    texts = page_texts(output.read_bytes())
    assert result.slide_pages == SAMPLE_PAGES
    assert len(texts) == SAMPLE_PAGES + result.notes_pages
    # The title slide has one page; its notes are the next sheet.
    assert "MARKER-SPEAKER-NOTE" in texts[1]


@pytest.mark.parametrize("paper", ["a3", "", "letter landscape"])
def test_an_unknown_paper_is_a_one_line_error_before_any_work(paper, tmp_path):
    with pytest.raises(PdfError, match=r"use a4 or letter") as error:
        print_pdf(tmp_path / "nope.html", tmp_path / "out.pdf", paper=paper, progress=quiet)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "out.pdf").exists()


def test_the_command_line_rejects_an_unknown_paper_in_one_line(tmp_path, capsys):
    code = main(["pdf", "--deck", str(tmp_path / "d.html"), "--output", str(tmp_path / "o.pdf"),
                 "--paper", "tabloid"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("error: --paper 'tabloid' is not a paper size")


def test_a_missing_deck_names_the_command_that_builds_it(tmp_path):
    with pytest.raises(PdfError, match="make slides"):
        print_pdf(tmp_path / "nope.html", tmp_path / "out.pdf", progress=quiet)


@pytest.mark.browser
def test_a_page_that_is_not_a_deck_fails_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr("showdeck.pdf.READY_TIMEOUT_MS", 1500)
    page = tmp_path / "plain.html"
    page.write_text("<!doctype html><title>not a deck</title><p>hello</p>", encoding="utf-8")
    output = tmp_path / "out.pdf"
    with pytest.raises(PdfError, match="never reported its print view ready"):
        print_pdf(page, output, progress=quiet)
    assert not output.exists()


@pytest.mark.browser
def test_a_page_whose_reveal_never_prints_fails_after_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr("showdeck.pdf.READY_TIMEOUT_MS", 500)
    page = tmp_path / "stuck.html"
    page.write_text("<!doctype html><title>stuck</title><script>window.Reveal = {};</script>",
                    encoding="utf-8")
    with pytest.raises(PdfError, match=r"never reported its print view ready \(no script errors"):
        print_pdf(page, tmp_path / "out.pdf", progress=quiet)
