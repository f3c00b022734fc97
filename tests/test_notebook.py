"""The presentation notebook: a Jupyter citizen that reads as a document and runs anywhere."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from showdeck.parameters import INJECTED_TAG, inject_parameters
from showdeck.presentation import read_parameters
from showdeck.slide_list import SLIDES
from showdeck.styles import output_style
from tests.conftest import FIXTURE_SHOW, NOTEBOOK, REAL_SHOW, ROOT, kind, tags

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
AS_OF = "2026-11-24"


def test_committed_notebook_has_no_outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {cell.id} has outputs; run `make strip`"
            assert cell.execution_count is None, f"cell {cell.id} has an execution count"


def test_committed_notebook_is_as_nbstripout_leaves_it():
    """`make lint` checks this; `make strip` would otherwise rewrite the committed file."""
    nbstripout = Path(sys.executable).parent / "nbstripout"
    result = subprocess.run([str(nbstripout), "--verify", str(NOTEBOOK)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_is_marked_as_a_showdeck_notebook_with_rise_settings(notebook):
    assert notebook.metadata["showdeck"] == {"version": 1}
    rise = notebook.metadata["rise"]
    assert (rise["width"], rise["height"]) == (960, 700)


def test_every_cell_has_a_slide_type(notebook):
    for cell in notebook.cells:
        assert kind(cell) in SLIDE_TYPES, cell.id


def test_one_code_cell_per_slide_each_followed_by_its_notes(notebook):
    cells = notebook.cells
    slides = [i for i, c in enumerate(cells) if kind(c) == "slide"]
    assert len(slides) == len(SLIDES)
    for index, slide in zip(slides, SLIDES, strict=True):
        assert cells[index].cell_type == "code"
        assert cells[index].source == f"deck.{slide.method}()"
        assert kind(cells[index + 1]) == "notes", cells[index].source
        assert cells[index + 1].source == f'deck.notes("{slide.id}")'


def test_slide_code_is_folded_and_notes_are_folded_away(notebook):
    for cell in notebook.cells:
        if kind(cell) in {"slide", "notes"}:
            assert cell.metadata["jupyter"]["source_hidden"] is True, cell.source


def test_no_project_specific_tags_are_needed(notebook):
    assert {t for c in notebook.cells for t in tags(c)} == {"parameters"}


def test_code_cells_are_one_call(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" not in tags(cell):
            assert len(cell.source.splitlines()) == 1, cell.source


def test_parameters_cell_defines_exactly_the_data_folder_and_date(notebook):
    (cell,) = [c for c in notebook.cells if "parameters" in tags(c)]
    names = [line.split("=")[0].strip() for line in cell.source.splitlines()]
    assert names == ["data_dir", "as_of"]
    assert kind(cell) == "skip"


def test_notebook_never_renders_data_as_markdown(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert "Markdown" not in cell.source, cell.source


# The notebook run, as a reader runs it.


def execute(notebook: nbformat.NotebookNode, cwd: Path, **params) -> nbformat.NotebookNode:
    nb = inject_parameters(notebook, **params)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]


def assert_clean(nb: nbformat.NotebookNode) -> None:
    for output in outputs(nb):
        assert output.output_type != "error", output
        assert not (output.output_type == "stream" and output.name == "stderr"), output.text
        assert output.output_type != "execute_result", "an Out[] prompt in the document"


@pytest.fixture(scope="module")
def run_real(notebook) -> nbformat.NotebookNode:
    import matplotlib.font_manager  # noqa: F401  (builds matplotlib's font cache out of the kernel)

    return execute(notebook, ROOT / "notebooks", as_of=AS_OF)


@pytest.mark.slow
def test_the_real_show_runs_cleanly_with_the_default_folder(run_real):
    assert_clean(run_real)
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs(run_real))
    for heading in ("Plotline", "Renewal Status", "Release Date"):
        assert heading in html
    injected = [c for c in run_real.cells if INJECTED_TAG in tags(c)]
    assert len(injected) == 1


@pytest.mark.slow
def test_every_slide_output_carries_the_stylesheet_so_it_stands_alone(run_real):
    """Clear, rerun or fail any one output: every other keeps its layout and fonts."""
    style = output_style()
    assert "@font-face" in style
    assert 'local("NotoSans-Regular")' in style
    assert "data:font" not in style
    for cell in run_real.cells:
        if kind(cell) in {"slide", "notes"}:
            html = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
            assert html, cell.source
            assert all(h.startswith(style) for h in html), cell.source


@pytest.mark.slow
def test_the_executed_notebook_stays_under_one_megabyte(run_real):
    assert len(nbformat.writes(run_real).encode()) < 1_000_000


@pytest.mark.slow
def test_wrong_parameters_leave_no_slide_of_an_earlier_run(notebook, tmp_path):
    """Run All goes on past the one-line error, and every slide cell says to fix the parameters
    instead of keeping the show it showed before."""
    nb = execute(notebook, ROOT / "notebooks", data_dir=str(tmp_path / "nonexistent"),
                 as_of=AS_OF)
    errors = [(i, o) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert len(errors) == 1
    index, error = errors[0]
    assert "Presentation.open" in nb.cells[index].source
    assert error.ename == "ParameterError"
    assert len(error.traceback) == 1
    assert "data_dir" in error.traceback[0]
    for cell in nb.cells:
        if kind(cell) == "notes":
            assert cell.outputs == [], cell.source
        if kind(cell) == "slide":
            (output,) = cell.outputs
            html = output["data"]["text/html"]
            assert "Not shown: the parameters are wrong" in html, cell.source
            assert "Akudama" not in html
            assert output["metadata"]["showdeck"]["parameters_failed"].startswith("data_dir")


@pytest.mark.slow
def test_the_article_reads_as_one_document_with_its_fact_checks(run_real, notebook):
    (article,) = [c for c in run_real.cells if c.source == "deck.article()"]
    (output,) = article.outputs
    html = output["data"]["text/html"]
    # Every paragraph of every section, in order, in one output.
    data = read_parameters(REAL_SHOW, AS_OF)[0]
    text = re.sub(r"<[^>]+>", "", re.sub(r"(&#8288;)?<sup\b[^>]*>.*?</sup>", "", html))
    position = 0
    for section in data.article.sections:
        for paragraph in section.paragraphs:
            start = paragraph[:40]
            found = text.find(start, position)
            assert found >= 0, start
            position = found
    assert html.count('class="sd-callout ') == len(data.claims)


@pytest.mark.slow
def test_the_chart_is_a_figure_output_with_its_alt_text(run_real):
    (chart,) = [c for c in run_real.cells if c.source == "deck.timeline()"]
    figures = [o for o in chart.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(figures) == 1
    (figure,) = figures
    alt = figure["metadata"]["image/svg+xml"]["alt"]
    assert alt.startswith("Timeline of Akudama Drive")
    assert figure["data"]["text/plain"] == alt
    assert figure["data"]["image/svg+xml"].lstrip().startswith("<?xml")


@pytest.mark.slow
def test_notebook_presents_the_fixture_show_and_nothing_else(notebook):
    nb = execute(notebook, ROOT / "notebooks", data_dir=str(FIXTURE_SHOW), as_of=AS_OF)
    assert_clean(nb)
    text = json.dumps(outputs(nb))
    assert "Lantern Line" in text
    assert "Akudama" not in text


@pytest.mark.slow
def test_the_notebook_runs_from_the_repository_root(notebook):
    nb = execute(notebook, ROOT, as_of=AS_OF)
    assert_clean(nb)


def test_the_intro_links_to_where_each_kind_of_content_lives(notebook):
    intro = notebook.cells[0].source
    targets = re.findall(r"\]\(([^)]+)\)", intro)
    for target in targets:
        assert (NOTEBOOK.parent / target).resolve().is_file(), target
    named = {Path(t).name for t in targets}
    for name in ("article.md", "claims.csv", "sources.csv", "episodes.csv", "milestones.csv",
                 "show.toml", "README.md", "slides.css.j2", "showdeck.css"):
        assert name in named, name
    assert "Add a slide" in intro
