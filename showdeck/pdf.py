"""Print the handout: the notebook's reading view (the `--to html` document) on A4 or Letter
portrait in headless Chromium, tagged, with an outline of its headings and page numbers; the
speaker notes, folded after the text on screen, are printed after it when asked."""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showdeck.browser import offline_page
from showdeck.errors import ShowdeckError
from showdeck.safety import Inputs, check_output, write_atomic

PACKAGE = Path(__file__).resolve().parent

#: The sheets a handout prints on, portrait, in PDF points (1/72 in) as a page's MediaBox has them.
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
#: Each paper's size as Chromium is asked for it (its named formats round A4 a point over).
SIZES = {"a4": ("210mm", "297mm"), "letter": ("8.5in", "11in")}
#: How far a printed sheet may be from its paper's size, in points: Chromium rounds to pixels.
PAPER_TOLERANCE_PT = 1.0
#: The margins of a sheet; the bottom one holds the page number.
MARGINS = {"top": "14mm", "right": "14mm", "bottom": "16mm", "left": "14mm"}
#: The page number under each sheet (Chromium fills in the spans).
FOOTER = ('<div style="width:100%;font-size:8px;text-align:center;color:#4d4863;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF, as its page tree counts them."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, as its MediaBox has them."""
    from pypdf import PdfReader

    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in PdfReader(io.BytesIO(pdf)).pages]


class PdfError(ShowdeckError):
    """The PDF could not be printed; the message names the cause and the fix."""


@dataclass
class PdfResult:
    output: Path
    pages: int
    paper: str
    notes: bool
    seconds: float


def paper_name(paper: str) -> str:
    """`paper` as a key of PAPERS ('A4' is 'a4'); anything else is a PdfError that lists them."""
    key = paper.strip().lower()
    if key not in PAPERS:
        msg = f"--paper {paper!r} is not a paper size this handout prints on; use {' or '.join(PAPERS)}"
        raise PdfError(msg)
    return key


def handout(
    notebook: str | Path, data_dir: str | Path, output: str | Path, *, as_of: str | None = None,
    paper: str = "a4", notes: bool = False, progress: Callable[[str], None] = print,
) -> PdfResult:
    """Run `notebook` on `data_dir` in a fresh kernel, export its reading view and print it."""
    from showdeck.build import private_folder, resolve_as_of
    from showdeck.errors import BuildError
    from showdeck.execute import execute_notebook, running_kernel
    from showdeck.export import export_reading
    from showdeck.loader import load_show

    paper = paper_name(paper)
    notebook, data_dir, output = Path(notebook), Path(data_dir), Path(output)
    check_output(output, inputs=Inputs(
        reader="the handout", files=((notebook, "the notebook"),),
        folders=((data_dir, "the show's data folder"), (PACKAGE, "the showdeck package"))))
    if not notebook.is_file():
        msg = f"no notebook at {notebook}; pass --notebook with the path of the .ipynb to print"
        raise BuildError(msg)
    day = resolve_as_of(as_of).isoformat()
    data = load_show(data_dir)
    progress(f"execute   {notebook} in a fresh kernel, as of {day} ...")
    with private_folder() as work:
        with running_kernel(notebook, runtime_dir=work) as kernel:
            executed = execute_notebook(notebook, data_dir, day, kernel)
        page = work / "reading.html"
        page.write_text(export_reading(executed, name=data.article.title), encoding="utf-8")
        return print_pdf(page, output, paper=paper, notes=notes, progress=progress)


def print_pdf(
    page: str | Path, output: str | Path, *, paper: str = "a4", notes: bool = False,
    progress: Callable[[str], None] = print,
) -> PdfResult:
    """Print a reading view (`jupyter nbconvert --to html` of a showdeck notebook) to a tagged
    PDF with an outline; with `notes`, the speaker notes follow the text."""
    paper = paper_name(paper)
    page, output = Path(page), Path(output)
    if not page.is_file():
        msg = (f"no reading view at {page}; make one with `jupyter nbconvert --to html "
               "--execute NOTEBOOK`, or run `make pdf`")
        raise PdfError(msg)
    check_output(output, inputs=Inputs(
        reader="the handout", files=((page, "the reading view"),),
        folders=((PACKAGE, "the showdeck package"),)))
    started = time.perf_counter()
    progress(f"print     {page.name} on {paper} in headless Chromium ...")
    from playwright.sync_api import Error as PlaywrightError

    try:
        payload = _print(page, output.name, paper=paper, notes=notes)
    except PlaywrightError as exc:
        reason = (exc.message or str(exc)).strip().splitlines()[0]
        msg = (f"{page}: headless Chromium could not print it ({reason}); open it in a browser "
               "to check it is a working reading view, make it again, and try again")
        raise PdfError(msg) from None
    width, height = PAPERS[paper]
    for number, (w, h) in enumerate(pdf_page_sizes(payload), start=1):
        if abs(w - width) > PAPER_TOLERANCE_PT or abs(h - height) > PAPER_TOLERANCE_PT:
            msg = (f"{page}: page {number} printed {w:.0f} x {h:.0f} pt, not {paper} "
                   f"({width:.0f} x {height:.0f} pt)")
            raise PdfError(msg)
    pages = pdf_page_count(payload)
    write_atomic(output, payload)
    seconds = time.perf_counter() - started
    extra = ", speaker notes at the end" if notes else ""
    progress(f"write     {output}, {pages} pages{extra}, {paper} portrait, "
             f"{len(payload) / 1e6:.2f} MB ({seconds:.2f} s)")
    return PdfResult(output=output, pages=pages, paper=paper, notes=notes, seconds=seconds)


def _print(page_file: Path, name: str, *, paper: str, notes: bool) -> bytes:
    """The tagged PDF of the reading view, fonts and images decoded first."""
    not_reading = ("is it a showdeck reading view? make it with `jupyter nbconvert --to html "
                   "--execute NOTEBOOK` in the project's environment")
    with offline_page(viewport=(1280, 900)) as (page, log):
        page.goto(page_file.resolve().as_uri())
        if not page.evaluate("() => !!document.body && document.body.classList.contains('sd-reading')"):
            msg = f"{page_file}: no reading view there; {not_reading}"
            raise PdfError(msg)
        page.evaluate("""() => document.fonts.ready.then(() => Promise.all(
            [...document.images].map(img => img.decode().catch(() => null))))""")
        # Chromium names an outline entry by the heading's laid-out text: a space before a
        # hidden part (a page count, an anchor) would end the entry.
        page.evaluate("""() => document.querySelectorAll(
            'main :is(h1, h2, h3) > :is(.sd-page-count, .anchor-link)').forEach(hidden => {
            const before = hidden.previousSibling;
            if (before && before.nodeType === Node.TEXT_NODE) before.textContent = before.textContent.trimEnd();
        })""")
        # Paper cannot be clicked: the notes print open, or not at all.
        page.evaluate("""(notes) => {
            document.documentElement.classList.toggle('sd-print-notes', notes);
            document.querySelectorAll('.sd-reading-notes details').forEach(d => { d.open = notes; });
        }""", notes)
        with tempfile.TemporaryDirectory(prefix="showdeck-pdf-") as scratch:
            tmp = Path(scratch) / name
            width, height = SIZES[paper]
            page.pdf(path=str(tmp), width=width, height=height, margin=MARGINS,
                     print_background=True, tagged=True, outline=True,
                     display_header_footer=True, header_template="<span></span>",
                     footer_template=FOOTER)
            payload = tmp.read_bytes()
        if log.blocked:
            msg = f"{page_file} tried to load {log.blocked[0]} while printing; {not_reading}"
            raise PdfError(msg)
    return payload
