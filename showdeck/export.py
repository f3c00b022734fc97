"""Export a showdeck notebook to one self-contained reveal.js file, by nbconvert's own route.

`jupyter nbconvert --to slides` in the project's environment and `make slides` run the same
exporter, template and preprocessor, so they give the same deck. Everything here acts only on
notebooks whose metadata has a "showdeck" key: any other notebook converts exactly as it would
without the project's configuration.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import NoReturn

import jinja2
import jinja2.meta
import nbformat
from nbconvert.exporters import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode
from traitlets.config import Config

from showdeck import markup
from showdeck.agenda import agenda_items, own_slide, slide_type
from showdeck.assets import load_reveal
from showdeck.chart_svg import with_page_fonts
from showdeck.errors import ShowdeckError
from showdeck.kernels import kernel_config
from showdeck.lang import lang_runs
from showdeck.pages import DECK_META_KEY, NOT_SHOWN_KEY, NOTEBOOK_KEY
from showdeck.parameters import INJECTED_TAG
from showdeck.styles import output_style, page_css, shown_text, strip_output_style
from showdeck.title_view import agenda_slide

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


def refusal(nb, fmt: str = "slides") -> str | None:
    """Why a showdeck notebook cannot be converted `--to fmt` as it is, with the fix, or None:
    it never ran, a slide has no output, or it ran with wrong parameters."""
    if _never_run(nb):
        # nbconvert runs code only when asked (--execute): say so rather than run it.
        return ("this showdeck notebook has not been run, so its slides would be empty; "
                f"convert it with --execute (jupyter nbconvert --to {fmt} --execute NOTEBOOK), "
                "or run all cells and save it first")
    missing = [index for index, cell in enumerate(nb.cells)
               if cell.cell_type == "code" and slide_type(cell) in SLIDE_STARTS
               and not cell.get("outputs")]
    if missing:
        return (f"cell {missing[0]} of this showdeck notebook has no output, so its slide would "
                "be empty; run all cells and save, or convert with --execute")
    failed = _parameters_failed(nb)
    if failed:
        return (f"the notebook's parameters are wrong, so it has no slides: {failed}; "
                "fix the parameters cell and run all cells again")
    return None


def refuse(log, msg: str) -> NoReturn:
    """Stop the conversion, writing nothing: one line on the command line (no traceback
    under `jupyter nbconvert`), NotebookNotRun for a caller in Python."""
    log.error("showdeck: %s", msg)
    if _in_nbconvert_cli():
        raise SystemExit(1)
    raise NotebookNotRun(msg)


def check_ran(nb, log, fmt: str = "slides") -> None:
    """Refuse a showdeck notebook that cannot be converted `--to fmt` (see refusal)."""
    msg = refusal(nb, fmt)
    if msg:
        refuse(log, msg)


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
        shown = []
        for cell in nb.cells:
            unstyle(cell)
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
            # The notes too: the print view shows them on sheets of their own when asked.
            if slide_type(cell) != "skip":
                shown.extend(html_outputs(cell))
        link_agenda(nb)
        footer = nb.metadata[NOTEBOOK_KEY].get("footer", "")
        # One stylesheet for the deck, its fonts subset to the characters the slides and their
        # notes show.
        resources["sd_page_css"] = page_css(
            shown_text(*shown) + footer + nb.metadata.get("title", ""))
        resources["reveal_assets"] = load_reveal(self.reveal_dir or None).as_resources()
        # The template marks the footer's and title's non-English runs with the slides' rule.
        resources["sd_lang_runs"] = lang_runs
        return nb, resources


def _in_nbconvert_cli() -> bool:
    """Whether `jupyter nbconvert` runs us (its app is loaded only by the command line)."""
    app = sys.modules.get("nbconvert.nbconvertapp")
    return app is not None and app.NbConvertApp.initialized()


def _parameters_failed(nb) -> str | None:
    """The problem a slide output records when the notebook ran with wrong parameters."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            deck = output.get("metadata", {}).get(DECK_META_KEY)
            if isinstance(deck, dict) and deck.get(NOT_SHOWN_KEY):
                return str(deck[NOT_SHOWN_KEY])
    return None


#: Speaker notes are folded in the notebook (<details>); the speaker view shows them open.
FOLDED_NOTES = '<details class="sd-notes">'


def _open_notes(cell) -> None:
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html")
        if isinstance(html, str) and FOLDED_NOTES in html:
            output["data"]["text/html"] = html.replace(FOLDED_NOTES,
                                                       '<details class="sd-notes" open>')


def _deck_meta(output) -> dict:
    meta = output.get("metadata", {}).get(DECK_META_KEY)
    return meta if isinstance(meta, dict) else {}


def link_agenda(nb, *, in_deck: bool = True) -> None:
    """Redraw the agenda from the cells being converted, linked to the deck's pages (or, not
    `in_deck`, to anchors in the page): a slide a user added is listed at its place, whatever
    the kernel knew when it ran."""
    entries = {}
    for cell in nb.cells:
        method = own_slide(cell)
        for output in cell.get("outputs", []):
            listed = _deck_meta(output).get("agenda")
            if method and isinstance(listed, list):
                entries[method] = [tuple(entry) for entry in listed]
    items = agenda_items(nb.cells, entries)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if _deck_meta(output).get("slide") == "agenda" and "text/html" in output.get("data", {}):
                output["data"]["text/html"] = agenda_slide(items, in_deck=in_deck)


def html_outputs(cell) -> list[str]:
    return [html for output in cell.get("outputs", [])
            if isinstance(html := output.get("data", {}).get("text/html"), str)]


def unstyle(cell) -> None:
    """Drop the stylesheet copy and the chart's fonts each output carries for the notebook: the
    page has one stylesheet, and fonts for all of its text."""
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html")
        if isinstance(html, str):
            output["data"]["text/html"] = with_page_fonts(strip_output_style(html))


def environment_config() -> Config:
    """The nbconvert config installed in the project's environment: the slides exporter uses the
    showdeck template, the HTML exporters (html, webpdf) the reading view, the Markdown exporter
    showdeck-markdown; each renders any notebook that is not a showdeck notebook exactly as
    nbconvert's own template does."""
    c = kernel_config()  # nbconvert --execute: an encrypted kernel transport
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


def slides_exporter(*, reveal_dir: str | Path | None = None) -> SlidesExporter:
    """The deck's exporter, its templates already compiled: the build makes it on another
    thread while the kernel runs the notebook, so that the export does not wait for Jinja."""
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    exporter = SlidesExporter(config=deck_config(reveal_dir=reveal_dir))
    # The two filters nbconvert registers per notebook, so that the templates compile; each
    # conversion registers its notebook's own before it renders (Jinja looks filters up then).
    exporter.register_filter("highlight_code", Highlight2HTML(parent=exporter))
    exporter.register_filter("filter_data_type", WidgetsDataTypeFilter(parent=exporter))
    # nbconvert's templates and ours, compiled once per machine rather than once per build.
    markup.use_template_cache(exporter.environment)
    compile_templates(exporter.environment, exporter.template.name)
    # What the preprocessor reads and renders for every deck: reveal.js (its CSS pruned once)
    # and the slides' own templates.
    load_reveal(reveal_dir or None).as_resources()
    markup.compile_templates()
    output_style()  # what strip_output_style looks for
    return exporter


def compile_templates(environment: jinja2.Environment, name: str | None) -> None:
    """Compile `name` and every template it extends, includes or imports by a fixed name into
    the environment's cache, where rendering finds them."""
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current is None or current in seen:
            continue
        seen.add(current)
        source = environment.loader.get_source(environment, current)[0]
        pending.extend(jinja2.meta.find_referenced_templates(environment.parse(source)))
        environment.get_template(current)


def export_slides(nb: nbformat.NotebookNode, *, reveal_dir: str | Path | None = None,
                  name: str = "slides", exporter: SlidesExporter | None = None) -> str:
    """The deck's HTML for an executed showdeck notebook (the notebook object is not changed).

    `exporter` is one from slides_exporter (given the same reveal_dir); by default a new one.
    """
    nb = copy.deepcopy(nb)
    if exporter is None:
        exporter = SlidesExporter(config=deck_config(reveal_dir=reveal_dir))
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return html
