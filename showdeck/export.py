"""Export an executed notebook to one self-contained reveal.js file with the showdeck template."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert.exporters import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode
from traitlets.config import Config

from showdeck.assets import load_reveal

#: The folder holding the `showdeck` template (conf.json + index.html.j2 + theme).
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "showdeck"
#: Tags the notebook uses: show a code cell's output only, or hide the cell entirely.
REMOVE_INPUT_TAG = "remove-input"
REMOVE_CELL_TAG = "remove-cell"
#: Output metadata marking one page of a long section: {"showdeck": {"page": i}}.
PAGE_KEY = "showdeck"

class InlineRevealPreprocessor(Preprocessor):
    """Put reveal.js and its notes plugin into resources["reveal_assets"] for the template to inline."""

    reveal_dir = Unicode("", help="reveal.js npm package folder; default node_modules/reveal.js").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        resources["reveal_assets"] = load_reveal(self.reveal_dir or None).as_resources()
        return nb, resources


class SplitPagesPreprocessor(Preprocessor):
    """Split a cell whose outputs are marked as pages into one cell (one slide) per page.

    The first page keeps the cell's slide type; later pages become subslides under it, unless
    a page's mark names its own slide type ({"page": i, "slide_type": "slide" | "subslide" |
    "notes"}). Outputs without a page mark stay with the page before them.
    """

    def preprocess(self, nb, resources):
        cells = []
        for cell in nb.cells:
            cells.extend(self.split_cell(cell))
        nb.cells = cells
        return nb, resources

    @staticmethod
    def split_cell(cell) -> list:
        if cell.cell_type != "code" or not cell.get("outputs"):
            return [cell]
        pages: list[list] = []
        kinds: list[str | None] = []
        seen: list = []
        for output in cell.outputs:
            mark = output.get("metadata", {}).get(PAGE_KEY, {})
            page = mark.get("page")
            if page is not None and page not in seen:
                seen.append(page)
                pages.append([])
                kinds.append(mark.get("slide_type"))
            if not pages:
                pages.append([])
                kinds.append(None)
            pages[-1].append(output)
        if len(seen) < 2:
            return [cell]
        split = []
        for number, (outputs, kind) in enumerate(zip(pages, kinds, strict=True)):
            part = copy.deepcopy(cell) if number == 0 else _page_cell(cell, number, kind)
            part.outputs = outputs
            split.append(part)
        return split


class DropEmptySlidesPreprocessor(Preprocessor):
    """Drop executed code cells that displayed nothing, so they make no blank slide.

    A cell that shows, say, an article section another show's article lacks outputs nothing.
    If it started a slide, the next cell kept inherits that start, so the deck's structure holds.
    Cells that were never executed are left alone.
    """

    def preprocess(self, nb, resources):
        kept, pending = [], None
        for cell in nb.cells:
            slide_type = cell.metadata.get("slideshow", {}).get("slide_type", "-")
            if (cell.cell_type == "code" and cell.get("execution_count") is not None
                    and not cell.get("outputs")):
                if slide_type in {"slide", "subslide"} and pending != "slide":
                    pending = slide_type
                continue
            if pending and slide_type in {"-", "fragment"}:
                cell.metadata.setdefault("slideshow", {})["slide_type"] = pending
            if slide_type not in {"notes", "skip"}:
                pending = None
            kept.append(cell)
        nb.cells = kept
        return nb, resources


def _page_cell(cell, number: int, kind: str | None = None):
    part = copy.deepcopy(cell)
    if "id" in part:
        part.id = f"{cell.id}-p{number + 1}"
    part.metadata.setdefault("slideshow", {})["slide_type"] = kind or "subslide"
    # Only the first page may show the source; the rest are pure output.
    part.metadata["transient"] = {"remove_source": True}
    return part


def deck_config(*, reveal_dir: str | Path | None = None) -> Config:
    """The traitlets Config that turns SlidesExporter into the showdeck exporter."""
    c = Config()
    c.SlidesExporter.template_name = TEMPLATE_NAME
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    c.SlidesExporter.reveal_number = "c/t"
    c.SlidesExporter.reveal_transition = "fade"
    c.SlidesExporter.reveal_width = "960"
    c.SlidesExporter.reveal_height = "700"
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {REMOVE_CELL_TAG}
    c.TagRemovePreprocessor.remove_input_tags = {REMOVE_INPUT_TAG}
    if reveal_dir is not None:
        c.InlineRevealPreprocessor.reveal_dir = str(reveal_dir)
    return c


def export_slides(
    nb: nbformat.NotebookNode,
    *,
    title: str | None = None,
    footer: str | None = None,
    reveal_dir: str | Path | None = None,
) -> str:
    """The deck's HTML for an (executed) notebook; `title` and `footer` override its metadata."""
    nb = copy.deepcopy(nb)
    if title:
        nb.metadata["title"] = title
    if footer:
        nb.metadata.setdefault("showdeck", {})["footer"] = footer
    exporter = SlidesExporter(config=deck_config(reveal_dir=reveal_dir))
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title or "slides"}})
    return html
