"""Make a showdeck notebook a reading view (nbconvert --to html, --to webpdf, the handout): the
slides in order as one document, no code, no setup cells, the speaker notes set apart, and the
slides' stylesheet with its embedded fonts handed to the template for the <head>."""

from __future__ import annotations

import html
import re

from nbconvert.preprocessors import Preprocessor

from showdeck.export import (
    SLIDE_STARTS,
    check_ran,
    html_outputs,
    is_showdeck,
    link_agenda,
    slide_type,
    unstyle,
)
from showdeck.pages import DECK_META_KEY
from showdeck.parameters import INJECTED_TAG
from showdeck.styles import page_css, shown_text

#: The slide's name, from the group a slide output opens with (templates/slides).
_SLIDE_NAME = re.compile(r'<div class="sd-slide[^"]*"[^>]*\baria-label="([^"]*)"')
#: Notes are folded per slide in the notebook; the reading view folds them all once.
_FOLD = re.compile(r'<details class="sd-notes">\s*<summary>[^<]*</summary>')


def unfolded(notes_html: str) -> str:
    """A notes output without its own fold (the reading view puts all notes in one)."""
    if not _FOLD.search(notes_html):
        return notes_html
    return _FOLD.sub('<div class="sd-notes">', notes_html).replace("</details>", "</div>")


def slide_name(cell) -> str:
    """The name a slide gives itself: its output's aria-label, a Markdown cell's first heading,
    or "" when it gives none."""
    if cell.cell_type == "markdown":
        heading = re.search(r"^#+\s+(.+)$", cell.source, re.MULTILINE)
        return heading[1].strip() if heading else ""
    for output in cell.get("outputs", []):
        found = _SLIDE_NAME.search(output.get("data", {}).get("text/html", ""))
        if found:
            return html.unescape(found[1])
    return ""


class ReadingPreprocessor(Preprocessor):
    """Keep what a reader reads: slide cells in order, code inputs dropped, setup cells (`skip`,
    papermill's parameters) removed, notes cells moved to resources["sd_notes"]; the deck's
    title from the title slide's output; the slides' stylesheet with the embedded fonts for
    every character shown in resources["sd_style"], whichever output carries styles itself."""

    def preprocess(self, nb, resources):
        if not is_showdeck(nb):
            return nb, resources
        # --to webpdf renders this view too; its refusal names the format the user asked for.
        pdf = resources.get("output_extension") == ".pdf"
        check_ran(nb, self.log, "webpdf" if pdf else "html")
        kept, notes, name, shown = [], [], "", []
        for cell in nb.cells:
            unstyle(cell)  # each output's own copy: the page has one, in <head>
            kind = slide_type(cell)
            if kind == "skip" or INJECTED_TAG in cell.metadata.get("tags", []):
                continue
            if kind == "notes":
                notes.extend({"slide": name, "html": unfolded(o["data"]["text/html"])}
                             for o in cell.get("outputs", []) if "text/html" in o.get("data", {}))
                if cell.cell_type == "markdown" and cell.source.strip():
                    notes.append({"slide": name, "markdown": cell.source})
                continue
            for output in cell.get("outputs", []):
                deck = output.get("metadata", {}).get(DECK_META_KEY)
                if isinstance(deck, dict) and deck.get("title"):
                    nb.metadata["title"] = deck["title"]
                    resources.setdefault("metadata", {})["name"] = deck["title"]
            if kind in SLIDE_STARTS:
                name = slide_name(cell)
            kept.append(cell)
        nb.cells = kept
        link_agenda(nb, in_deck=False)  # each line an anchor in this page
        for cell in kept:
            shown.extend(html_outputs(cell))
            if cell.cell_type == "markdown":
                shown.append(cell.source)
        alts = [str(meta.get("alt", "")) for cell in kept for output in cell.get("outputs", [])
                for meta in output.get("metadata", {}).values() if isinstance(meta, dict)]
        notes_text = "".join(note.get("html") or note.get("markdown") for note in notes)
        resources["sd_notes"] = notes
        # One stylesheet, its fonts subset to every character the page shows.
        resources["sd_style"] = page_css(
            shown_text(*shown, notes_text) + "".join(alts) + nb.metadata.get("title", ""))
        return nb, resources
