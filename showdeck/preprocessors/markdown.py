"""Make a showdeck notebook Markdown (nbconvert --to markdown): the slides' HTML outputs become
text/markdown, code inputs and setup cells go, and the speaker notes stay out of the text."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from showdeck.export import check_ran, is_showdeck, link_agenda, slide_type
from showdeck.parameters import INJECTED_TAG
from showdeck.to_markdown import html_to_markdown


class MarkdownPreprocessor(Preprocessor):
    """Each HTML output of a showdeck notebook as Markdown (no embedded styles or fonts); cells
    marked `skip` or `notes` and papermill's parameters removed; code inputs hidden."""

    def preprocess(self, nb, resources):
        if not is_showdeck(nb):
            return nb, resources
        check_ran(nb, self.log, "markdown")
        link_agenda(nb, in_deck=False)  # in-page links, which the Markdown points at headings
        kept = []
        for cell in nb.cells:
            if slide_type(cell) in {"skip", "notes"} or INJECTED_TAG in cell.metadata.get("tags", []):
                continue
            if cell.cell_type == "code":
                cell.metadata["transient"] = {"remove_source": True}
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data and "image/svg+xml" in data:
                    data.pop("text/html")  # the chart: its static SVG as an image file
                elif "text/html" in data:
                    data["text/markdown"] = html_to_markdown(data.pop("text/html"))
            kept.append(cell)
        nb.cells = kept
        return nb, resources
