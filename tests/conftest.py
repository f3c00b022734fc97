"""Shared fixtures: the real show folder, the invented fixture show, and a copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_SHOW = ROOT / "data" / "akudama-drive"
FIXTURE_SHOW = ROOT / "tests" / "fixtures" / "lantern-line"


@pytest.fixture
def fixture_show() -> Path:
    return FIXTURE_SHOW


@pytest.fixture
def broken_copy(tmp_path: Path):
    """Copy a show folder to tmp_path so a test can break it; returns a function of the source."""

    def copy(source: Path = FIXTURE_SHOW) -> Path:
        target = tmp_path / source.name
        shutil.copytree(source, target)
        return target

    return copy
