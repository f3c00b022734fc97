"""The README's three recipes, run as written: change a sentence, add a slide, present another
show. (Adding a slide is run by tests/test_routes.py through nbconvert and by
tests/test_lab_notebook.py in JupyterLab.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SHOW, REAL_SHOW, ROOT

AS_OF = "2026-11-24"
README = (ROOT / "README.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.slow


def showdeck(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "showdeck", *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result


def test_the_readme_has_the_three_recipes():
    section = README[README.index("### Change a sentence, add a slide, present another show"):]
    for step in ("**Change a sentence.**", "**Add a slide.**", "**Present another show.**"):
        assert step in section


def test_change_a_sentence_then_build_shows_it(tmp_path):
    data = tmp_path / "akudama-drive"
    shutil.copytree(REAL_SHOW, data)
    deck = tmp_path / "deck.html"
    showdeck("build", "--data", str(data), "--output", str(deck), "--as-of", AS_OF)
    before = deck.read_text(encoding="utf-8")
    article = data / "article.md"
    text = article.read_text(encoding="utf-8")
    # A sentence no claim quotes: the article's last paragraph gets one more.
    added = "Fans keep asking every year."
    last = text.rstrip("\n")
    article.write_text(f"{last} {added}\n", encoding="utf-8")
    showdeck("check", str(data))
    showdeck("build", "--data", str(data), "--output", str(deck), "--as-of", AS_OF)
    after = deck.read_text(encoding="utf-8")
    assert added not in before
    assert added in after


def test_present_another_show_as_the_readme_says(tmp_path):
    command = re.search(r"`\.venv/bin/python -m showdeck build --data data/<show> --output\s+"
                        r"build/<show>\.slides\.html`", README)
    assert command, "the recipe's build command"
    showdeck("check", str(FIXTURE_SHOW))
    deck = tmp_path / "lantern-line.slides.html"
    showdeck("build", "--data", str(FIXTURE_SHOW), "--output", str(deck), "--as-of", AS_OF)
    html = deck.read_text(encoding="utf-8")
    assert "Lantern Line" in html
    assert "Akudama" not in html


def test_the_readme_papermill_route_writes_into_an_ignored_folder():
    route = re.search(r"`papermill notebooks/\S+ (\S+) -p as_of", README)
    assert route, "the README's papermill command"
    output = route.group(1)
    ignored = subprocess.run(["git", "check-ignore", "-q", output], cwd=ROOT, check=False)
    assert ignored.returncode == 0, f"{output} would be left untracked"
    assert Path(output).parts[0] == "build"
