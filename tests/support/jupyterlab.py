"""A real JupyterLab for the browser tests: a server on a copy of the notebook, and a notebook
run and saved from its menus as a person would.

The server runs on 127.0.0.1 with a token, on a copy of the notebook and its data (JupyterLab
autosaves, and the committed notebook must keep its stripped outputs), speaks for the tests'
as-of date, and is stopped by its process id however the test ends.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from tests.support.decks import AS_OF, ROOT

NOTEBOOK = Path("notebooks") / "akudama_drive_season2.ipynb"
DATA = Path("data") / "akudama-drive"

SERVER_START_S = 60
LAB_LOAD_MS = 60_000
RUN_ALL_MS = 180_000

#: Outputs a person reads as "something went wrong": tracebacks and anything on stderr.
ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
    ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
)


@dataclass
class Lab:
    url: str
    token: str
    host: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(target: Path) -> Path:
    """The notebook, the stylesheets beside it (RISE loads them) and its data under `target`,
    in the repository's layout; returns target."""
    sources = [NOTEBOOK, *(css.relative_to(ROOT) for css in (ROOT / NOTEBOOK.parent).glob("*.css")),
               DATA]
    for relative in sources:
        source = ROOT / relative
        if not source.exists():
            pytest.fail(f"{source} is missing: the test runs the committed notebook")
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        else:
            shutil.copy2(source, destination)
    return target


def stop(process: subprocess.Popen) -> None:
    """Stop the server by its pid (SIGTERM, then SIGKILL), and any kernel it left behind."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


@contextlib.contextmanager
def jupyter_lab(root: Path, state: Path, env: Mapping[str, str] | None = None) -> Iterator[Lab]:
    """`jupyter lab` on 127.0.0.1 at a free port with a random token, serving `root`.

    Its config, data, runtime, settings and workspace folders live in `state`, so the test
    neither reads nor writes the user's ~/.jupyter or ~/.local/share/jupyter. Its kernels speak for the tests' as-of date
    (the notebook reads $SHOWDECK_AS_OF when `as_of` is None); `env` adds or overrides variables.
    """
    port = free_port()
    token = secrets.token_hex(16)
    environment = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(state / "config"),
        # Notebook signatures (trusted outputs) too: its secret and database live here.
        "JUPYTER_DATA_DIR": str(state / "data"),
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        "IPYTHONDIR": str(state / "ipython"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "SHOWDECK_AS_OF": AS_OF,
        **(env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        # Nothing here may reach the internet: no news feed, no update check.
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    state.mkdir(parents=True, exist_ok=True)
    # No "Would you like to get notified about official Jupyter news?" toast.
    news = (
        state
        / "settings"
        / "@jupyterlab"
        / "apputils-extension"
        / "notification.jupyterlab-settings"
    )
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}', encoding="utf-8")
    log = state / "jupyter-lab.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            command, cwd=root, env=environment, stdin=subprocess.DEVNULL, stdout=sink,
            stderr=sink,
        )
    lab = Lab(f"http://127.0.0.1:{port}", token, f"127.0.0.1:{port}", process, log)
    try:
        wait_for_server(lab)
        yield lab
    finally:
        stop(process)


def wait_for_server(lab: Lab) -> None:
    """Poll /api/status until the server answers; fail with its log if it dies or stalls."""
    deadline = time.monotonic() + SERVER_START_S
    status = f"{lab.url}/api/status"
    request = urllib.request.Request(status, headers={"Authorization": f"token {lab.token}"})
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            pytest.fail(f"jupyter lab exited with {lab.process.returncode}:\n{lab.log_tail()}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"jupyter lab did not answer {status} in {SERVER_START_S} s:\n{lab.log_tail()}")


def run_all_cells(page, lab: Lab, notebook: Path) -> None:
    """Open the notebook in JupyterLab and run all cells from the Run menu, as a person would."""
    page.goto(f"{lab.url}/lab/tree/{notebook.as_posix()}?token={lab.token}")
    # The notebook is open and its kernel idle when the toolbar's indicator says so.
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=LAB_LOAD_MS)
    page.wait_for_selector(
        ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']",
        timeout=LAB_LOAD_MS,
        state="attached",
    )
    page.locator(".jp-StatusBar-Widget", has_text="Idle").first.wait_for(timeout=LAB_LOAD_MS)
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Done when the kernel is idle again and every code cell shows an execution count, or
    # when a cell failed (Run All stops there, leaving later cells unnumbered).
    page.wait_for_function(
        """errors => {
            const panel = document.querySelector('.jp-NotebookPanel');
            const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
            if (indicator && indicator.dataset.status !== 'idle') return false;
            // Folded code cells show no prompt: count the cells the kernel ran instead.
            const cells = [...panel.querySelectorAll('.jp-CodeCell')];
            const ran = cells.filter(c => c.querySelector('.jp-OutputArea-child')
                || /\\[\\d+\\]/.test((c.querySelector('.jp-InputPrompt') || {}).textContent || ''));
            return ran.length >= cells.length - 3  // the import/parameter cells show nothing
                && panel.querySelectorAll('.sd-notes').length >= 7
                || panel.querySelector(errors) !== null;
        }""",
        arg=ERROR_OUTPUTS,
        timeout=RUN_ALL_MS,
    )


def save_notebook(page) -> None:
    """File > Save with Ctrl+S; done when the notebook's tab no longer shows it unsaved."""
    page.locator(".jp-NotebookPanel .jp-Notebook").first.focus()
    page.keyboard.press("Control+s")
    page.wait_for_function(
        "() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')", timeout=LAB_LOAD_MS)
