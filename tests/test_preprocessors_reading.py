"""The reading-view preprocessor (showdeck/preprocessors/reading.py): the slides as one
document, notes set apart under their slide's name, one stylesheet with fonts for what shows."""

from __future__ import annotations

import copy

from nbformat import v4

from showdeck.parameters import INJECTED_TAG
from showdeck.preprocessors.reading import ReadingPreprocessor, slide_name, unfolded
from showdeck.styles import output_style
from tests.conftest import executed_cell as cell
from tests.conftest import showdeck_notebook as notebook


def run(nb):
    return ReadingPreprocessor().preprocess(nb, {})


def test_slides_stay_in_order_and_setup_cells_go():
    nb, _ = run(notebook(cell("<p>setup</p>", "skip"), cell("<p>One</p>"),
                         cell("<p>params</p>", "-", tags=[INJECTED_TAG]), cell("<p>Two</p>")))
    assert [c.outputs[0]["data"]["text/html"] for c in nb.cells] == ["<p>One</p>", "<p>Two</p>"]


def test_notes_are_set_apart_under_their_slides_name_and_unfolded():
    slide = cell('<div class="sd-slide" aria-label="The Outlook &amp; more">x</div>')
    notes = cell('<details class="sd-notes"><summary>Speaker notes</summary><ul><li>Say it</li>'
                 "</ul></details>", "notes")
    nb, resources = run(notebook(slide, notes))
    assert len(nb.cells) == 1
    assert resources["sd_notes"] == [{
        "slide": "The Outlook & more",
        "html": '<div class="sd-notes"><ul><li>Say it</li></ul></div>',
    }]


def test_the_title_comes_from_the_title_slides_output():
    nb, resources = run(notebook(cell("<h1>T</h1>", metadata={"showdeck": {"title": "Deck"}})))
    assert nb.metadata["title"] == "Deck"
    assert resources["metadata"]["name"] == "Deck"


def test_one_stylesheet_with_fonts_for_what_the_page_shows():
    nb, resources = run(notebook(cell(output_style() + "<p>アクダマ</p>")))
    assert nb.cells[0].outputs[0]["data"]["text/html"] == "<p>アクダマ</p>"
    assert resources["sd_style"].count("@font-face") >= 1
    assert 'src: url("data:font/woff2;base64,' in resources["sd_style"]


def test_another_notebook_passes_through_untouched():
    nb = notebook(cell("<p>x</p>", "skip"), showdeck=False)
    assert run(copy.deepcopy(nb))[0] == nb


def test_a_slide_is_named_by_its_label_or_its_markdown_heading():
    assert slide_name(v4.new_markdown_cell("Intro\n\n## The Record  \n")) == "The Record"
    assert slide_name(v4.new_markdown_cell("No heading")) == ""
    assert slide_name(cell("<p>no label</p>")) == ""


def test_notes_without_a_fold_are_kept_as_they_are():
    assert unfolded("<ul><li>x</li></ul>") == "<ul><li>x</li></ul>"
