"""Every Jupyter route gives the deck `make slides` gives: the real notebook, executed for real.

Routes: `jupyter nbconvert --to slides --execute` from the repository root and from notebooks/,
nbconvert of a notebook papermill executed (from the root and from elsewhere), and nbconvert of
the committed, never-run notebook. The project's nbconvert settings leave other notebooks alone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from showdeck.build import build_deck
from showdeck.pages import deck_structure
from tests.conftest import REAL_SHOW, ROOT

NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
AS_OF = "2026-11-24"
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SHOWDECK_AS_OF": AS_OF, **env}
    result = subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "without encryption" not in result.stderr  # every route's kernel is quiet
    return result


def outline(html: str) -> list[tuple[int, list[str]]]:
    return [(slide.pages, slide.headings) for slide in deck_structure(html)]


def slide_text(html: str) -> str:
    """What the audience can see: the slides, without speaker notes, scripts and styles."""
    body = html[html.index('<div class="slides">'):]
    body = re.sub(r"<aside class=\"notes\">.*?</aside>", "", body, flags=re.DOTALL)
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, reveal_dist) -> str:
    """The deck `make slides` builds for the same date."""
    out = tmp_path_factory.mktemp("reference") / "deck.html"
    build_deck(NOTEBOOK, REAL_SHOW, out, as_of=AS_OF, progress=lambda _line: None)
    return out.read_text(encoding="utf-8")


def assert_same_deck(html: str, reference: str) -> None:
    assert outline(html) == outline(reference)
    text = slide_text(html)
    for code in ("Presentation.open", "deck.title()", "deck.notes(", "import "):
        assert code not in text, f"code {code!r} is on a slide"
    assert "We read an article" not in text  # the title slide's notes
    assert [s.notes for s in deck_structure(html)] == [s.notes for s in deck_structure(reference)]


def test_the_reference_deck_has_every_page_in_order(reference):
    slides = outline(reference)
    headings = [h for _pages, hs in slides for h in hs]
    assert headings[0] == "Akudama Drive Season 2: Will It Come Back Soon?"
    assert headings[1] == "Agenda"
    assert any(h.startswith("Introduction") for h in headings)
    assert headings[-1].startswith("Sources")
    assert sum(pages for pages, _h in slides) > len(slides)  # long slides have pages


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "notebooks"], ids=["from-root", "from-notebooks"])
def test_nbconvert_execute_gives_the_same_deck(cwd, tmp_path, reference):
    notebook = os.path.relpath(NOTEBOOK, cwd)
    run([str(BIN / "jupyter"), "nbconvert", "--to", "slides", "--execute", notebook,
         "--output-dir", str(tmp_path), "--output", "deck"], cwd)
    assert_same_deck((tmp_path / "deck.slides.html").read_text(encoding="utf-8"), reference)


def test_converting_the_unexecuted_notebook_says_to_execute_it(tmp_path):
    result = subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "slides", str(NOTEBOOK),
         "--output-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300,
        check=False)
    assert result.returncode != 0
    assert "has not been run" in result.stderr
    assert "--execute" in result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "ERROR" in line] == [
        line for line in result.stderr.splitlines() if line.strip() and "Converting" not in line]
    assert list(tmp_path.iterdir()) == []  # no empty deck


def test_nbconvert_execute_with_a_wrong_parameter_is_one_line_and_writes_nothing(tmp_path):
    result = subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "slides", "--execute", str(NOTEBOOK),
         "--output-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300,
        check=False, env={**os.environ, "SHOWDECK_AS_OF": "2019-01-01"})
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines()
             if line.strip() and "Converting notebook" not in line]
    assert len(lines) == 1, result.stderr
    assert "parameters are wrong" in lines[0]
    assert "2019-01-01 is before the finale" in lines[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["root", "elsewhere"])
def test_papermill_then_nbconvert_gives_the_same_deck(where, tmp_path, reference):
    executed = tmp_path / "executed.ipynb"
    cwd = ROOT if where == "root" else tmp_path
    data = "data/akudama-drive" if where == "root" else str(REAL_SHOW)
    run([str(BIN / "papermill"), str(NOTEBOOK), str(executed), "-p", "as_of", AS_OF,
         "-p", "data_dir", data, "--log-level", "WARNING"], cwd, SHOWDECK_AS_OF="")
    nb = nbformat.read(executed, as_version=4)
    assert all(o.output_type != "error" for c in nb.cells for o in c.get("outputs", []))
    run([str(BIN / "jupyter"), "nbconvert", "--to", "slides", str(executed),
         "--output-dir", str(tmp_path), "--output", "deck"], tmp_path)
    assert_same_deck((tmp_path / "deck.slides.html").read_text(encoding="utf-8"), reference)


def test_papermill_from_anywhere_finds_the_default_data(tmp_path):
    executed = tmp_path / "executed.ipynb"
    run([str(BIN / "papermill"), str(NOTEBOOK), str(executed), "-p", "as_of", AS_OF,
         "--log-level", "WARNING"], tmp_path)
    html = "".join(o.get("data", {}).get("text/html", "")
                   for c in nbformat.read(executed, as_version=4).cells
                   for o in c.get("outputs", []))
    assert "Akudama Drive" in html


@pytest.mark.parametrize(("parameter", "value", "message"), [
    ("as_of", "2019-01-01", "ParameterError: as_of 2019-01-01 is before the finale"),
    ("as_of", "next week", "ParameterError: as_of: the as-of date must be"),
    ("data_dir", "no/such/show", "ParameterError: data_dir 'no/such/show': no show data folder"),
])
def test_a_wrong_parameter_is_one_line_naming_it(parameter, value, message, tmp_path):
    executed = tmp_path / "executed.ipynb"
    result = subprocess.run(
        [str(BIN / "papermill"), str(NOTEBOOK), str(executed), "-p", parameter, value,
         "--log-level", "WARNING"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
        check=False)
    assert result.returncode != 0
    nb = nbformat.read(executed, as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert len(errors) == 1
    assert len(errors[0].traceback) == 1
    assert errors[0].traceback[0].startswith(message)
    assert "without encryption" not in result.stderr
    # Caught where the parameters are read: the cell that opens the deck, not a slide.
    failing = next(c for c in nb.cells if any(o.output_type == "error" for o in c.get("outputs", [])))
    assert "Presentation.open" in failing.source


def other_notebook(path: Path) -> Path:
    nb = v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                  "language": "python"}})
    nb.cells = [
        v4.new_markdown_cell("# Another notebook", metadata={"slideshow": {"slide_type": "slide"}}),
        v4.new_code_cell("print('visible code')", metadata={"tags": ["remove-input"],
                                                            "slideshow": {"slide_type": "slide"}}),
    ]
    nb.cells[1].outputs = [v4.new_output("stream", name="stdout", text="visible code\n")]
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("to", ["slides", "html", "markdown"])
def test_other_notebooks_convert_as_without_the_project_config(to, tmp_path):
    notebook = other_notebook(tmp_path / "other.ipynb")
    outputs = {}
    for label, env in (("project", {}), ("plain", {"JUPYTER_NO_CONFIG": "1"})):
        folder = tmp_path / label
        run([str(BIN / "jupyter"), "nbconvert", "--to", to, str(notebook),
             "--output-dir", str(folder)], tmp_path, **env)
        [written] = folder.iterdir()
        outputs[label] = written.read_text(encoding="utf-8")
    assert outputs["project"] == outputs["plain"]
    assert "print" in outputs["project"]  # its tagged input is not removed


def test_a_slide_a_user_adds_is_in_the_agenda_and_the_deck(tmp_path, reference):
    """README recipe "add a slide": a Markdown cell marked Slide, after the timeline."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.source == "deck.timeline_table()")
    added = nbformat.v4.new_markdown_cell(
        "## What fans did next\n\nA petition, fan art and a stage play.",
        metadata={"slideshow": {"slide_type": "slide"}})
    nb.cells.insert(at, added)
    copy = tmp_path / "notebooks" / NOTEBOOK.name
    copy.parent.mkdir()
    nbformat.write(nb, copy)
    run([str(BIN / "jupyter"), "nbconvert", "--to", "slides", "--execute", str(copy),
         "--output-dir", str(tmp_path), "--output", "deck"], tmp_path)
    html = (tmp_path / "deck.slides.html").read_text(encoding="utf-8")
    headings = [h for _pages, hs in outline(html) for h in hs]
    reference_headings = [h for _pages, hs in outline(reference) for h in hs]
    assert len(deck_structure(html)) == len(deck_structure(reference)) + 1
    agenda = re.search(r'<ol class="sd-agenda-list">(.*?)</ol>', html, re.DOTALL).group(1)
    labels = re.findall(r'<a href="([^"]+)">([^<]+)</a>', agenda)
    assert ("#/4/0", "What fans did next") in labels
    assert [label for _href, label in labels].index("What fans did next") == \
        [label for _href, label in labels].index("Airing timeline") + 1
    # Our slides after it moved one on: the outlook is now slide 6.
    assert ("#/6/0", "Will it come back?") in labels
    assert "What fans did next" in html
    assert len(headings) >= len(reference_headings)
