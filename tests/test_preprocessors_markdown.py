"""The Markdown preprocessor (showdeck/preprocessors/markdown.py): slide outputs become Markdown,
setup cells, notes and papermill's parameters go, code inputs are hidden; other notebooks pass."""

from __future__ import annotations

import copy

import pytest
from nbformat import v4

from showdeck.export import NotebookNotRun
from showdeck.parameters import INJECTED_TAG
from showdeck.preprocessors.markdown import MarkdownPreprocessor
from tests.conftest import executed_cell as cell
from tests.conftest import showdeck_notebook as notebook


def run(nb):
    return MarkdownPreprocessor().preprocess(nb, {})[0]


def test_slide_outputs_become_markdown_and_code_inputs_are_hidden():
    nb = run(notebook(cell("<h2>Intro</h2><p>It <b>ran</b>.</p>")))
    (kept,) = nb.cells
    assert kept.outputs[0]["data"] == {"text/markdown": "## Intro\n\nIt **ran**."}
    assert kept.metadata["transient"] == {"remove_source": True}


def test_setup_cells_notes_and_injected_parameters_are_left_out():
    nb = run(notebook(cell("<p>setup</p>", "skip"), cell("<p>notes</p>", "notes"),
                      cell("<p>params</p>", "-", tags=[INJECTED_TAG]), cell("<p>Shown</p>")))
    assert [c.outputs[0]["data"]["text/markdown"] for c in nb.cells] == ["Shown"]


def test_the_chart_keeps_its_svg_as_an_image_not_its_html():
    nb = run(notebook(cell("<div>interactive</div>", **{"image/svg+xml": "<svg/>"})))
    assert nb.cells[0].outputs[0]["data"] == {"image/svg+xml": "<svg/>"}


def test_another_notebook_passes_through_untouched():
    nb = notebook(cell("<p>x</p>", "skip"), showdeck=False)
    assert run(copy.deepcopy(nb)) == nb


def test_a_notebook_that_never_ran_is_refused_naming_the_format():
    never = v4.new_code_cell("deck.show()", metadata={"slideshow": {"slide_type": "slide"}})
    with pytest.raises(NotebookNotRun, match=r"--to markdown --execute"):
        run(notebook(never))
