"""System setup: scripts/install-system-deps and the Makefile's stamps, as a normal user sees them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "install-system-deps"
NOBODY = 65534


def run_script_as_user(env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The script as an unprivileged user (nobody when we are root), read from stdin so that the
    user needs no access to the worktree."""
    command = ["bash", "-s"]
    if os.geteuid() == 0:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   *command]
    return subprocess.run(command, input=SCRIPT.read_text(encoding="utf-8"), capture_output=True,
                          text=True, cwd="/", env=env or dict(os.environ), check=False,
                          timeout=60)


def test_the_system_check_passes_on_every_run_for_a_normal_user_with_everything_installed():
    # fc-list piped into `grep -q` failed about two runs in three (SIGPIPE under pipefail).
    results = [run_script_as_user() for _ in range(20)]
    assert [(r.returncode, r.stderr) for r in results] == [(0, "")] * 20


def test_a_missing_font_fails_with_the_command_that_installs_it():
    # fc-list as a shell function that lists no font: the fonts look uninstalled.
    env = {**os.environ, "BASH_FUNC_fc-list%%": "() { :; }"}
    result = run_script_as_user(env)
    assert result.returncode == 1
    assert "error: missing system packages: fonts-noto-cjk fonts-noto-core" in result.stderr
    assert "sudo apt-get install fonts-noto-cjk fonts-noto-core" in result.stderr
    assert "apt-get update" not in result.stdout + result.stderr  # nothing was installed


def test_the_script_pipes_nothing_into_an_early_exiting_grep():
    assert "| grep -q" not in SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def make_project(tmp_path: Path) -> Path:
    """A copy of the Makefile in a project whose setup is complete: every stamp newer than its
    inputs, and no build/ folder."""
    if shutil.which("make") is None:
        pytest.fail("make is not installed: apt-get install make")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    inputs = ["requirements.txt", "pyproject.toml", "package.json", "package-lock.json",
              "jupyter_nbconvert_config.py", "jupyter_server_config.py",
              "ipython_kernel_config.py", "scripts/install-system-deps"]
    stamps = [".venv/.installed", ".venv/.system-deps", "node_modules/.installed",
              ".venv/etc/jupyter/jupyter_nbconvert_config.py",
              ".venv/etc/jupyter/jupyter_server_config.py",
              ".venv/etc/ipython/ipython_kernel_config.py"]
    for offset, names in ((0, inputs), (100, stamps)):
        for name in names:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")
            os.utime(path, (1_700_000_000 + offset,) * 2)
    return tmp_path


def make_dry_run(project: Path, target: str) -> list[str]:
    result = subprocess.run(["make", "-n", "--no-print-directory", target], cwd=project,
                            capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def build_only(lines: list[str]) -> bool:
    return len(lines) == 1 and "-m showdeck build" in lines[0]


def test_a_cold_make_slides_runs_nothing_but_the_build(make_project):
    assert not (make_project / "build").exists()
    assert build_only(make_dry_run(make_project, "slides"))


def test_make_clean_does_not_force_the_system_step_again(make_project):
    (make_project / "build").mkdir()
    subprocess.run(["make", "--no-print-directory", "clean"], cwd=make_project, check=True,
                   capture_output=True)
    assert not (make_project / "build").exists()
    assert (make_project / ".venv" / ".system-deps").is_file()
    assert build_only(make_dry_run(make_project, "slides"))
