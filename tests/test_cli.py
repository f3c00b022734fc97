"""The command line as a user runs it: a summary and exit 0, or every problem and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from showdeck.__main__ import main
from showdeck.assets import AssetsMissing
from showdeck.browser import BrowserMissing, PageLog
from showdeck.build import BuildError, OutputError
from showdeck.errors import ShowdeckError
from showdeck.loader import DataError
from showdeck.pdf import PdfError

from .conftest import FIXTURE_SHOW, REAL_SHOW, ROOT, write_sample_notebook


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "showdeck", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )


def test_check_prints_a_summary_and_exits_zero():
    result = run_cli("check", FIXTURE_SHOW)
    assert result.returncode == 0, result.stderr
    assert "episodes    3, aired 2019-04-05 to 2019-04-19" in result.stdout
    assert "claims      2: 1 correct, 1 incorrect" in result.stdout
    assert result.stderr == ""


def test_check_on_broken_copy_lists_every_problem_without_traceback(broken_copy):
    folder = broken_copy()
    episodes = folder / "episodes.csv"
    episodes.write_text(episodes.read_text().replace("2019-04-12", "April 12"), encoding="utf-8")
    claims = folder / "claims.csv"
    claims.write_text(claims.read_text().replace(",correct,", ",maybe,"), encoding="utf-8")
    result = run_cli("check", folder)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"error: invalid show data in {folder} (2 problems):" in result.stderr
    assert "  episodes.csv:3: air_date: expected an ISO date YYYY-MM-DD, got 'April 12'\n" in (
        result.stderr
    )
    assert "claims.csv:3: verdict:" in result.stderr


def test_check_without_folder_explains_usage():
    result = run_cli("check")
    assert result.returncode == 2
    assert "the following arguments are required: folder" in result.stderr


# Failures the CLI reports in one line, in-process through main() -----------------------------


def run_main(capsys, *args: str | Path) -> tuple[int, str]:
    """main()'s exit code and stderr; a traceback would escape main() and fail the test."""
    code = main([str(arg) for arg in args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@pytest.mark.parametrize(
    "error",
    [BuildError, OutputError, PdfError, AssetsMissing, BrowserMissing, DataError],
)
def test_every_expected_error_shares_one_base(error):
    assert issubclass(error, ShowdeckError)


def test_any_showdeck_error_is_one_line_and_exit_1(monkeypatch, capsys, tmp_path):
    def missing(*_args, **_kwargs):
        msg = "Chromium is not installed; MARKER-FIX"
        raise BrowserMissing(msg)

    monkeypatch.setattr("showdeck.pdf.print_pdf", missing)
    code, err = run_main(capsys, "pdf", "--html", tmp_path / "d.html", "--output", tmp_path / "o")
    assert (code, err) == (1, "error: Chromium is not installed; MARKER-FIX\n")


def test_an_unexpected_error_still_shows_its_traceback(monkeypatch, tmp_path):
    def bug(*_args, **_kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("showdeck.pdf.print_pdf", bug)
    with pytest.raises(ZeroDivisionError):
        main(["pdf", "--html", str(tmp_path / "d.html"), "--output", str(tmp_path / "o")])


def build_args(tmp_path: Path, **overrides: Path) -> list[str | Path]:
    args = {"--data": FIXTURE_SHOW, "--output": tmp_path / "deck.html",
            "--notebook": write_sample_notebook(tmp_path / "deck.ipynb"), "--as-of": "2025-01-02"}
    args.update({f"--{name}": value for name, value in overrides.items()})
    return ["build", *(part for pair in args.items() for part in pair)]


def test_build_output_that_is_a_folder_is_refused_before_the_notebook_runs(tmp_path, capsys):
    folder = tmp_path / "build"
    folder.mkdir()
    code, err = run_main(capsys, *build_args(tmp_path, output=folder))
    assert code == 1
    assert err == f"error: --output {folder} is a folder; give the path of the file to write in it\n"


def test_build_output_under_a_file_is_refused_before_the_notebook_runs(tmp_path, capsys):
    blocker = tmp_path / "build"
    blocker.write_text("not a folder", encoding="utf-8")
    output = blocker / "decks" / "deck.html"
    code, err = run_main(capsys, *build_args(tmp_path, output=output))
    assert code == 1
    assert err == (f"error: --output {output}: cannot create its folder, {blocker} is a file; "
                   "choose an output path in a folder\n")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{ not json", "is not a notebook: not valid JSON (Expecting property name"),
        ('{"cells": "none", "nbformat": 4}', "is not an nbformat 4 notebook"),
    ],
)
def test_build_of_a_file_that_is_not_a_notebook_names_it(tmp_path, capsys, text, problem):
    notebook = tmp_path / "broken.ipynb"
    notebook.write_text(text, encoding="utf-8")
    code, err = run_main(capsys, *build_args(tmp_path, notebook=notebook))
    assert code == 1
    assert err.startswith(f"error: {notebook} {problem}")
    assert "pass --notebook the path of a Jupyter notebook" in err


@pytest.mark.slow
def test_build_of_a_notebook_that_fails_its_schema_names_it(tmp_path, capsys):
    notebook = tmp_path / "invalid.ipynb"
    cell = {"cell_type": "code", "source": "1", "id": "a"}  # no metadata, outputs
    notebook.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                    "nbformat_minor": 5}), encoding="utf-8")
    code, err = run_main(capsys, *build_args(tmp_path, notebook=notebook))
    assert code == 1
    assert err.startswith(f"error: {notebook} is not a valid notebook: ")
    assert "open and save it in Jupyter to repair it" in err


def test_pdf_output_that_is_a_folder_is_refused_before_printing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("showdeck.pdf.offline_page", None)  # printing would fail loudly
    page = tmp_path / "reading.html"
    page.write_text("<!doctype html>", encoding="utf-8")
    code, err = run_main(capsys, "pdf", "--html", page, "--output", tmp_path)
    assert code == 1
    assert err == f"error: --output {tmp_path} is a folder; give the path of the file to write in it\n"


class FailingPage:
    """A page that fails like Playwright at one step of printing."""

    def __init__(self, failing: str) -> None:
        self.failing = failing

    def _step(self, name: str, result=None):
        if name == self.failing:
            from playwright.sync_api import Error

            msg = f"{name}: net::ERR_MARKER at the deck\nCall log:\n  - details"
            raise Error(msg)
        return result

    def goto(self, _url):
        return self._step("goto")

    def evaluate(self, script, *_args):
        return "object" if "typeof" in script else 1

    def wait_for_function(self, *_args, **_kwargs):
        return None

    def pdf(self, **_kwargs):
        return self._step("pdf")


@pytest.mark.parametrize("failing", ["goto", "pdf"])
def test_pdf_reports_a_playwright_error_without_a_traceback(tmp_path, capsys, monkeypatch,
                                                            failing):
    @contextmanager
    def page(**_kwargs):
        yield FailingPage(failing), PageLog()

    monkeypatch.setattr("showdeck.pdf.offline_page", page)
    page = tmp_path / "reading.html"
    page.write_text("<!doctype html>", encoding="utf-8")
    output = tmp_path / "reading.pdf"
    code, err = run_main(capsys, "pdf", "--html", page, "--output", output)
    assert code == 1
    assert err == (f"error: {page}: headless Chromium could not print it "
                   f"({failing}: net::ERR_MARKER at the deck); open it in a browser to check it "
                   "is a working reading view, make it again, and try again\n")
    assert not output.exists()


def test_check_prints_verdict_and_confidence_counts(capsys):
    assert main(["check", str(REAL_SHOW)]) == 0
    out = capsys.readouterr().out
    assert "claims      40: 23 correct, 8 partly correct, 2 incorrect, 7 unverifiable" in out
    assert "confidence  claims 24 high, 14 medium, 2 low; milestones 15 high, 7 medium, 1 low" in out
    assert "sequel      not announced as of 2026 (sources searched 2026-12-06)" in out
