"""Imports point one way (data -> model/facts -> views -> notebook -> export -> build/CLI), as
the import-linter contracts in pyproject.toml say, and those contracts name every module."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def test_the_import_contracts_are_kept():
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_layers_name_every_module_of_the_package():
    (layers,) = [c for c in CONFIG["contracts"] if c["type"] == "layers"]
    named = [m for layer in layers["layers"] for m in re.split(r"[|:]", layer)]
    package = ROOT / "showdeck"
    modules = sorted([p.stem for p in package.glob("*.py") if p.stem != "__init__"]
                     + [p.parent.name for p in package.glob("*/__init__.py")])
    assert sorted(m.strip() for m in named) == modules


def test_a_view_that_imports_the_loader_breaks_a_contract(tmp_path):
    """The contracts can fail: a copy of the package whose sources view reads the loader."""
    package = tmp_path / "showdeck"
    shutil.copytree(ROOT / "showdeck", package, ignore=shutil.ignore_patterns("__pycache__"))
    view = package / "sources_view.py"
    view.write_text(view.read_text(encoding="utf-8").replace(
        "from showdeck.facts import", "from showdeck.loader import ShowData as _Data\n"
        "from showdeck.facts import", 1), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"),
                                             encoding="utf-8")
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Views read the show's facts, never the loader BROKEN" in result.stdout
