"""The command line as a user runs it: a summary and exit 0, or every problem and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURE_SHOW, ROOT


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
