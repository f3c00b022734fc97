"""Export a showdeck notebook to one self-contained reveal.js file, by nbconvert's own route.

`jupyter nbconvert --to slides` in the project's environment and `make slides` run the same
exporter, template and preprocessor, so they give the same deck. Everything here acts only on
notebooks whose metadata has a "showdeck" key: any other notebook converts exactly as it would
without the project's configuration.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert.exporters import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode
from traitlets.config import Config

from showdeck.assets import load_reveal
from showdeck.errors import ShowdeckError
from showdeck.lang import lang_runs
from showdeck.pages import DECK_META_KEY, NOTEBOOK_KEY
from showdeck.parameters import INJECTED_TAG

#: The folder holding the `showdeck` template (conf.json + index.html.j2 + theme).
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "showdeck"
#: The reading view (--to html and --to webpdf), a folder extending nbconvert's lab template.
READING_TEMPLATE = "showdeck-reading"
#: --to markdown: a folder extending nbconvert's markdown template.
MARKDOWN_TEMPLATE = "showdeck-markdown"
#: Slide types that open a slide: such a code cell must have shown something.
SLIDE_STARTS = {"slide", "subslide", "fragment"}


class NotebookNotRun(ShowdeckError):
    """A showdeck notebook was converted with slides that have no output."""


def is_showdeck(nb) -> bool:
    return NOTEBOOK_KEY in nb.get("metadata", {})


def _never_run(nb) -> bool:
    code = [c for c in nb.cells if c.cell_type == "code"]
    return bool(code) and all(c.get("execution_count") is None and not c.get("outputs")
                              for c in code)


def slide_type(cell) -> str:
    """The cell's slideshow type ("slide", "notes", "skip", "-" when unset)."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def check_ran(nb, log, fmt: str = "slides") -> None:
    """Refuse a showdeck notebook whose slides have no output, with the fix for converting
    it `--to fmt`."""
    if _never_run(nb):
        # nbconvert runs code only when asked (--execute): say so rather than run it.
        msg = ("this showdeck notebook has not been run, so its slides would be empty; "
               f"convert it with --execute (jupyter nbconvert --to {fmt} --execute "
               "NOTEBOOK), or run all cells and save it first")
        log.error("showdeck: %s", msg)
        raise NotebookNotRun(msg)
    missing = [index for index, cell in enumerate(nb.cells)
               if cell.cell_type == "code" and slide_type(cell) in SLIDE_STARTS
               and not cell.get("outputs")]
    if missing:
        msg = (f"cell {missing[0]} of this showdeck notebook has no output, so its slide "
               "would be empty; run all cells and save, or convert with --execute")
        log.error("showdeck: %s", msg)
        raise NotebookNotRun(msg)


class ShowdeckPreprocessor(Preprocessor):
    """Make a showdeck notebook a deck: refuse it with the fix if it never ran, hide every code
    input, take the deck's title and footer from the title slide's output, open the speaker
    notes, and inline reveal.js.

    Other notebooks pass through untouched.
    """

    reveal_dir = Unicode("", help="reveal.js npm package folder; default node_modules/reveal.js"
                         ).tag(config=True)

    def preprocess(self, nb, resources):
        if not is_showdeck(nb):
            return nb, resources
        check_ran(nb, self.log)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.metadata["transient"] = {"remove_source": True}
            if slide_type(cell) == "notes":
                _open_notes(cell)
            if INJECTED_TAG in cell.metadata.get("tags", []):
                # papermill's parameters cell (and ours) is setup, not a slide.
                cell.metadata.setdefault("slideshow", {})["slide_type"] = "skip"
            for output in cell.get("outputs", []):
                deck = output.get("metadata", {}).get(DECK_META_KEY)
                if isinstance(deck, dict):
                    if deck.get("title"):
                        nb.metadata["title"] = deck["title"]
                        resources.setdefault("metadata", {})["name"] = deck["title"]
                    if deck.get("footer"):
                        nb.metadata[NOTEBOOK_KEY] = {**nb.metadata.get(NOTEBOOK_KEY, {}),
                                                     "footer": deck["footer"]}
        resources["reveal_assets"] = load_reveal(self.reveal_dir or None).as_resources()
        # The template marks the footer's and title's non-English runs with the slides' rule.
        resources["sd_lang_runs"] = lang_runs
        return nb, resources


#: Speaker notes are folded in the notebook (<details>); the speaker view shows them open.
FOLDED_NOTES = '<details class="sd-notes">'


def _open_notes(cell) -> None:
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html")
        if isinstance(html, str) and FOLDED_NOTES in html:
            output["data"]["text/html"] = html.replace(FOLDED_NOTES,
                                                       '<details class="sd-notes" open>')


def environment_config() -> Config:
    """The nbconvert config installed in the project's environment: the slides exporter uses the
    showdeck template, the HTML exporters (html, webpdf) the reading view, the Markdown exporter
    showdeck-markdown; each renders any notebook that is not a showdeck notebook exactly as
    nbconvert's own template does."""
    c = Config()
    c.SlidesExporter.template_name = TEMPLATE_NAME
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    # --to html and --to webpdf (a subclass, so it reads this too): the reading view.
    c.HTMLExporter.template_name = READING_TEMPLATE
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.MarkdownExporter.template_name = MARKDOWN_TEMPLATE
    c.MarkdownExporter.extra_template_basedirs = [str(TEMPLATES)]
    return c


def deck_config(*, reveal_dir: str | Path | None = None) -> Config:
    """The exporter config of a build: the environment's, with an explicit reveal.js folder."""
    c = environment_config()
    if reveal_dir is not None:
        c.ShowdeckPreprocessor.reveal_dir = str(reveal_dir)
    return c


def export_reading(nb: nbformat.NotebookNode, *, name: str = "reading") -> str:
    """The reading view's HTML for an executed showdeck notebook (the notebook is not changed)."""
    from nbconvert.exporters import HTMLExporter

    html, _ = HTMLExporter(config=environment_config()).from_notebook_node(
        copy.deepcopy(nb), resources={"metadata": {"name": name}})
    return html


def export_slides(nb: nbformat.NotebookNode, *, reveal_dir: str | Path | None = None,
                  name: str = "slides") -> str:
    """The deck's HTML for an executed showdeck notebook (the notebook object is not changed)."""
    nb = copy.deepcopy(nb)
    exporter = SlidesExporter(config=deck_config(reveal_dir=reveal_dir))
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return html
