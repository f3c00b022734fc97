"""The notebook in a real JupyterLab: run all cells, read it on the light and the dark theme,
then present it with jupyterlab-rise ("Render as slides") and step through its pages.

The server runs on 127.0.0.1 with a token, on a copy of the notebook and its data (JupyterLab
autosaves, and the committed notebook must keep its stripped outputs), and is stopped by its
process id however the test ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from showdeck.browser import offline_page

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = Path("notebooks") / "akudama_drive_season2.ipynb"
DATA = Path("data") / "akudama-drive"
SCREENSHOT = ROOT / "build" / "screenshots" / "jupyterlab.png"

SERVER_START_S = 60
LAB_LOAD_MS = 60_000
RUN_ALL_MS = 180_000

#: Outputs a person reads as "something went wrong": tracebacks and anything on stderr.
ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
    ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
)
#: The chart: matplotlib's figure, inline SVG in its explorable HTML output.
CHART = ".jp-OutputArea-output .sd-chart-wide svg, .jp-OutputArea-output .sd-chart-narrow svg"
#: Contrast a reader needs (WCAG AA for body text).
MIN_CONTRAST = 4.5
CONTRAST_JS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c; }
    return 'rgb(255, 255, 255)'; };
  const ratio = el => { const a = lum(getComputedStyle(el).color), b = lum(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const texts = [...document.querySelectorAll('.jp-OutputArea-output .sd-text p, '
    + '.jp-OutputArea-output .sd-callout p, .jp-OutputArea-output .sd-slide h2')];
  return texts.map(ratio);
}"""


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
    """The notebook and its data under `target`, in the repository's layout; returns target."""
    for relative in (NOTEBOOK, NOTEBOOK.with_suffix(".css"), DATA):
        source = ROOT / relative
        if not source.exists():
            pytest.fail(f"{source} is missing: the smoke test runs the committed notebook")
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
def jupyter_lab(root: Path, state: Path) -> Iterator[Lab]:
    """`jupyter lab` on 127.0.0.1 at a free port with a random token, serving `root`.

    Its config, runtime, settings and workspace folders live in `state`, so the test neither
    reads nor writes the user's ~/.jupyter.
    """
    port = free_port()
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(state / "config"),
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        "IPYTHONDIR": str(state / "ipython"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
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
            command, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink
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


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def set_theme(page, name: str) -> None:
    """Settings > Theme > `name`, from the menu as a person would, then wait for it to apply."""
    page.locator(".lm-MenuBar-item", has_text="Settings").first.click()
    page.locator(".lm-Menu-item:has(.lm-Menu-itemLabel:text-is('Theme'))").first.hover()
    page.locator(f".lm-Menu-item:has(.lm-Menu-itemLabel:text-is('{name}'))").first.click()
    light = "false" if "Dark" in name else "true"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")
    page.wait_for_timeout(300)


def open_rise(page, lab: Lab, notebook: Path):
    """jupyterlab-rise's slideshow of the saved notebook (what "Render as slides" shows)."""
    page.goto(f"{lab.url}/rise/{notebook.as_posix()}?token={lab.token}")
    page.wait_for_selector("body.rise-enabled .reveal.ready", timeout=LAB_LOAD_MS)
    page.wait_for_timeout(1500)
    return page


@pytest.mark.slow
@pytest.mark.browser
def test_notebook_reads_in_jupyterlab_and_presents_with_rise(tmp_path: Path) -> None:
    committed = ROOT / NOTEBOOK
    before = digest(committed) if committed.exists() else None
    root = copy_project(tmp_path / "project")
    with (
        jupyter_lab(root, tmp_path / "state") as lab,
        offline_page(viewport=(1280, 900), allow_http_host=lab.host) as (page, log),
    ):
        run_all_cells(page, lab, NOTEBOOK)
        errors = page.locator(ERROR_OUTPUTS).all_inner_texts()
        assert errors == [], "cells wrote errors:\n" + "\n---\n".join(errors)

        # A document: no Out[] prompts, the speaker notes folded away, every slide shown once.
        prompts = page.locator(".jp-OutputArea-promptOverlay, .jp-OutputPrompt").all_inner_texts()
        assert not [p for p in prompts if p.strip()], prompts
        notes = page.locator(".jp-OutputArea-output details.sd-notes")
        assert notes.count() == 7
        assert page.locator(".jp-OutputArea-output details.sd-notes[open]").count() == 0
        assert not page.locator(".sd-notes li").first.is_visible()

        chart = page.locator(CHART).first
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] > 200, box
        assert box["height"] > 100, box
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

        # Legible on both themes.
        page.locator(".sd-text p").first.scroll_into_view_if_needed()
        for theme in ("JupyterLab Light", "JupyterLab Dark"):
            set_theme(page, theme)
            ratios = page.evaluate(CONTRAST_JS)
            assert ratios, "no article text found"
            assert min(ratios) >= MIN_CONTRAST, (theme, min(ratios))
            page.screenshot(path=str(SCREENSHOT.with_name(
                f"jupyterlab-{theme.split()[-1].lower()}.png")))
        set_theme(page, "JupyterLab Light")

        # Save (outputs signed as trusted) and present with jupyterlab-rise.
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1500)
        open_rise(page, lab, NOTEBOOK)
        slides = page.locator(".reveal .slides > section")
        assert slides.count() == 7
        # Step with the right arrow alone, reading what is on screen at each step.
        seen = []
        for _ in range(120):
            seen.append(page.evaluate(
                "() => { const s = document.querySelector('.reveal .slides > section.present');"
                " const pages = [...s.querySelectorAll('.sd-page')].filter(p =>"
                " getComputedStyle(p).visibility !== 'hidden' && getComputedStyle(p).opacity > 0.5);"
                " const box = (pages[0] || s).getBoundingClientRect();"
                " return {slide: [...s.parentNode.children].indexOf(s), text: s.innerText,"
                " pages: pages.map(p => p.dataset.sdPage), inside: box.left >= -1"
                " && box.top >= -1 && box.right <= innerWidth + 1"
                " && box.bottom <= innerHeight + 1}; }"))
            if len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]:
                break
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(150)
            if len(seen) == 4:
                page.screenshot(path=str(SCREENSHOT.with_name("rise-article.png")))
        assert sorted({s["slide"] for s in seen}) == list(range(7))
        for step in seen:
            for code in ("deck.", "Presentation.open"):
                assert code not in step["text"], f"code {code!r} on RISE slide {step}"
            assert "Speaker notes" not in step["text"]
            assert len(step["pages"]) <= 1, step
            assert step["inside"], f"RISE cuts off slide {step['slide']}"
        # Every page of the article is its own step, in order.
        article = [s["pages"][0] for s in seen if s["slide"] == 2 and s["pages"]]
        assert article == sorted(set(article), key=int)
        assert len(article) > 1
        assert log.blocked == [], "the notebook reached for the network"
    assert lab.process.poll() is not None, "jupyter lab is still running"
    assert (digest(committed) if committed.exists() else None) == before
