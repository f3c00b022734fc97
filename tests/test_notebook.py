"""The presentation notebook: hygiene of the committed file, and a clean run in a fresh kernel."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from showdeck.parameters import INJECTED_TAG, inject_parameters
from tests.conftest import FIXTURE_SHOW, REAL_SHOW, ROOT

NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
AS_OF = "2026-11-24"


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def test_committed_notebook_has_no_outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {cell.id} has outputs; run nbstripout"
            assert cell.execution_count is None, f"cell {cell.id} has an execution count"


def test_every_cell_has_a_slide_type(notebook):
    for cell in notebook.cells:
        assert cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_TYPES, cell.id


def test_every_code_cell_hides_its_input_or_itself(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert tags(cell) & {"remove-input", "remove-cell"}, cell.source


def test_code_cells_are_short(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 5, cell.source


def test_parameters_cell_defines_exactly_the_data_folder_and_date(notebook):
    (cell,) = [c for c in notebook.cells if "parameters" in tags(c)]
    assert "remove-cell" in tags(cell)
    assert cell.source.splitlines() == ['data_dir = "../data/akudama-drive"', "as_of = None"]


def test_every_content_slide_is_followed_by_notes(notebook):
    cells = notebook.cells
    for index, cell in enumerate(cells):
        if "show_article(" in cell.source:
            continue  # it emits each section's notes itself (test_slides proves it)
        if cell.metadata["slideshow"]["slide_type"] == "slide":
            following = cells[index + 1] if index + 1 < len(cells) else None
            assert following is not None, cell.source
            assert following.metadata["slideshow"]["slide_type"] == "notes", cell.source


def test_notebook_never_renders_data_as_markdown(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert "Markdown" not in cell.source, cell.source


def execute(notebook: nbformat.NotebookNode, data_dir: Path, as_of: str | None) -> tuple:
    nb = inject_parameters(notebook, data_dir=str(data_dir), as_of=as_of)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    started = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - started


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]


def html_text(nb: nbformat.NotebookNode) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in outputs(nb))


def assert_clean(nb: nbformat.NotebookNode) -> None:
    for output in outputs(nb):
        assert output.output_type != "error", output
        assert not (output.output_type == "stream" and output.name == "stderr"), output.text


@pytest.mark.slow
def test_notebook_presents_the_fixture_show(notebook):
    # Building matplotlib's font cache logs to stderr: do it here, not in the kernel.
    import matplotlib.font_manager  # noqa: F401

    nb, seconds = execute(notebook, FIXTURE_SHOW, AS_OF)
    assert_clean(nb)
    text = html_text(nb)
    assert "Lantern Line" in text
    assert "Akudama" not in json.dumps(outputs(nb))
    assert "24 Nov 2026" in text
    assert 'class="sd-callout sd-verdict-incorrect"' in text
    assert '<figure class="sd-chart"><img alt="Timeline of Lantern Line' in text
    assert seconds < 30
    pages = [o.metadata["showdeck"]["page"] for o in outputs(nb)
             if "showdeck" in o.get("metadata", {})]
    assert pages.count(1) >= 3  # sections, outlook and sources are paginated
    injected = [c for c in nb.cells if INJECTED_TAG in tags(c)]
    assert len(injected) == 1


@pytest.mark.slow
@pytest.mark.skipif(not REAL_SHOW.is_dir(), reason="data/akudama-drive is not there yet")
def test_notebook_runs_on_the_real_show_with_its_default_folder(notebook):
    import matplotlib.font_manager  # noqa: F401

    nb = inject_parameters(notebook, as_of=AS_OF)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    assert_clean(nb)
    text = html_text(nb)
    assert "Akudama Drive" in text
    for heading in ("Plotline", "Renewal Status", "Release Date"):
        assert heading in text


def test_injected_parameters_follow_the_parameters_cell(notebook):
    nb = inject_parameters(notebook, data_dir="/data/x", as_of="2026-11-24")
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in tags(c))
    injected = nb.cells[index + 1]
    assert injected.source == ('# Injected parameters\ndata_dir = \'/data/x\'\n'
                               "as_of = '2026-11-24'")
    assert {"injected-parameters", "remove-cell"} <= tags(injected)
    assert injected.metadata["slideshow"]["slide_type"] == "skip"
    assert len(nb.cells) == len(notebook.cells) + 1  # the original is untouched


def test_injecting_twice_replaces_and_is_reproducible(notebook):
    once = inject_parameters(notebook, as_of=None)
    twice = inject_parameters(once, as_of=None)
    assert nbformat.writes(once) == nbformat.writes(twice)


def test_injecting_an_unknown_parameter_is_refused(notebook):
    with pytest.raises(ValueError, match=r"unknown notebook parameter.*data_dir, as_of"):
        inject_parameters(notebook, data_folder="x")


def test_injecting_a_date_writes_its_iso_string(notebook):
    from datetime import date

    nb = inject_parameters(notebook, as_of=date(2026, 11, 24))
    assert "as_of = '2026-11-24'" in nb.cells[[c.id for c in nb.cells].index(INJECTED_TAG)].source
