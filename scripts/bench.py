"""Benchmark the deck build and the deck against plain nbconvert and the floor, in one run.

Prints Markdown tables and writes build/bench.json. Every row is a median of --runs runs, and
every ratio is against a baseline measured in the same run, so a busy machine slows both.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import psutil

from showdeck.deckcheck import external_resources

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
DATA = ROOT / "data" / "akudama-drive"
BIN = Path(sys.executable).parent

# Targets from the performance goals: every one is an upper bound.
TARGETS = {
    "cold_vs_nbconvert": 0.75,
    "cold_vs_floor": 1.5,
    "warm_s": 0.3,
    "warm_make_s": 0.2,
    # CPU time: the imports' wall time on an idle machine (bench.cpu_seconds).
    "startup_cpu_s": 0.8,
    "deck_bytes": 1_000_000,
    "first_slide_ms": 200,
}
#: Lighthouse's lower bounds (0..100), on the deck served with and without compression.
LIGHTHOUSE_TARGETS = {"performance": 80, "accessibility": 100, "best-practices": 100}
#: What the build imports before it can execute and export a notebook.
BUILD_IMPORTS = "import showdeck.build, nbformat, nbconvert, nbclient"


def timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, int]:
    """Wall time of a command and the peak resident memory of its whole process tree."""
    start = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [proc, *proc.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{err.decode(errors='replace')}")
    return elapsed, peak


def wall(cmd: list[str], env: dict | None = None) -> float:
    """Wall time of a short command (no memory sampling, which would cost more than it)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr.decode(errors='replace')}")
    return elapsed


def median(values: list[float]) -> float:
    return statistics.median(values)


def floor_script(notebook: Path) -> str:
    """The notebook's import lines, run in a fresh kernel: the cost nothing can avoid."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    imports = [
        line
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith(("import ", "from "))
    ]
    code = "\n".join(imports)
    return (
        "import nbformat\nfrom nbclient import NotebookClient\n"
        f"nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell({code!r})])\n"
        f"NotebookClient(nb, kernel_name='python3', resources={{'metadata': {{'path': {str(notebook.parent)!r}}}}}).execute()\n"
    )


_READY_JS = """
  document.addEventListener('ready', () => { window.__sdReady = performance.now(); }, true);
"""


def floor_deck(deck_html: str, folder: Path) -> Path:
    """The floor of a first slide: the deck's own reveal.js (script and styles) with one empty
    slide and nothing else, so the browser's and reveal.js's fixed cost is measured alone."""
    import re

    script = re.search(r'<script id="reveal-js">(.*?)</script>', deck_html, re.DOTALL)
    styles = re.findall(r'<style id="reveal-(?:reset|core)">.*?</style>', deck_html, re.DOTALL)
    if not script:
        sys.exit("bench: the deck has no <script id=\"reveal-js\"> to build the floor from")
    path = folder / "floor.slides.html"
    path.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>floor</title>'
        + "".join(styles) + '</head><body><div class="reveal"><div class="slides"><section>'
        '<h1>Floor</h1></section></div></div><script>' + script[1] + "</script><script>"
        "Reveal.initialize({hash: true});</script></body></html>\n",
        encoding="utf-8")
    return path


def browser_times(deck: Path, floor: Path, runs: int) -> dict[str, float]:
    """Median ms from navigation to reveal.js ready (the deck and its floor), each load in a
    fresh browser context as a first visit is, and to step through every slide."""
    from playwright.sync_api import sync_playwright

    from showdeck.browser import CHROMIUM_ARGS, block_network, find_chromium

    blocked: list[str] = []


    times: dict[str, list[float]] = {"first": [], "floor": [], "walk": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(find_chromium()),
                                     args=list(CHROMIUM_ARGS))
        try:
            for _ in range(runs):
                for key, path in (("floor", floor), ("first", deck)):
                    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                                  device_scale_factor=1)
                    block_network(context, blocked)
                    page = context.new_page()
                    page.add_init_script(_READY_JS)
                    page.goto(path.as_uri())
                    page.wait_for_function("window.__sdReady !== undefined", timeout=30_000)
                    times[key].append(page.evaluate("window.__sdReady"))
                    if key == "first":
                        start = time.perf_counter()
                        page.evaluate(
                            """async () => {
                              Reveal.slide(0, 0, 0);
                              while (!(Reveal.isLastSlide() && !Reveal.availableFragments().next)) {
                                Reveal.next();
                                await new Promise(requestAnimationFrame);
                              }
                            }"""
                        )
                        times["walk"].append((time.perf_counter() - start) * 1000)
                    context.close()
        finally:
            browser.close()
    if blocked:
        sys.exit(f"bench: the deck requested {blocked}")
    return {key: median(values) for key, values in times.items()}


def cpu_seconds(cmd: list[str], env: dict) -> float:
    """CPU time (user + system) of a command: what its wall time is on an idle machine when it
    runs on one core, as Python's imports do, however busy the machine is now."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup_times(runs: int, env: dict) -> dict[str, float]:
    """Median s of a Python process that imports what the build needs, and of one that only
    starts (the baseline), in wall and CPU time; and whether rfc3987_syntax (1.0 s of Lark
    grammars at import) is installed."""
    python = str(BIN / "python")
    imports = [wall([python, "-c", BUILD_IMPORTS], env) for _ in range(runs)]
    imports_cpu = [cpu_seconds([python, "-c", BUILD_IMPORTS], env) for _ in range(runs)]
    bare = [wall([python, "-c", "pass"], env) for _ in range(runs)]
    probe_code = "import importlib.util as u; print(u.find_spec('rfc3987_syntax') is not None)"
    probe = subprocess.run([python, "-c", probe_code], capture_output=True, text=True,
                           check=True, env=env)
    return {"startup_s": median(imports), "startup_cpu_s": median(imports_cpu),
            "python_s": median(bare),
            "rfc3987_syntax": probe.stdout.strip() == "True"}


def warm_make(runs: int, env: dict) -> float:
    """Median s of `make slides` when nothing changed (after one run that builds if needed)."""
    command = ["make", "-s", "slides"]
    wall(command, env)
    return median([wall(command, env) for _ in range(runs)])


def lighthouse(deck: Path, work: Path) -> dict[str, dict[str, float]]:
    """Lighthouse's scores (0..100) for the deck served from localhost, compressed (gzip, as
    web hosts serve HTML) and not, in one run each (mobile emulation, simulated throttling)."""
    import gzip
    import shutil
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from showdeck.browser import find_chromium

    cli = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not cli.is_file():
        sys.exit(f"bench: {cli} is missing: run `make setup` (or `npm ci`)")
    body = deck.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        compress = True

        def do_GET(self) -> None:
            if self.path.split("?")[0] != "/deck.html":
                self.send_error(404)
                return
            payload = body
            zipped = self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
            if zipped:
                payload = gzip.compress(body, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_args) -> None:
            pass

    scores = {}
    for label, compress in (("compressed", True), ("uncompressed", False)):
        Handler.compress = compress
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        out = work / f"lighthouse-{label}.json"
        try:
            subprocess.run(
                [str(cli), f"http://127.0.0.1:{server.server_address[1]}/deck.html",
                 "--output=json", f"--output-path={out}", "--quiet",
                 "--only-categories=performance,accessibility,best-practices",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                env={**os.environ, "CHROME_PATH": str(find_chromium())}, check=True,
                capture_output=True, timeout=600)
        finally:
            server.shutdown()
            server.server_close()
        report = json.loads(out.read_text(encoding="utf-8"))
        scores[label] = {name: round(category["score"] * 100)
                         for name, category in report["categories"].items()}
        scores[label]["fcp_s"] = report["audits"]["first-contentful-paint"]["numericValue"] / 1000
        shutil.copy(out, ROOT / "build" / out.name)
    return scores


#: The article repeated this many times for the scale series.
SCALES = (1, 10, 100, 300)
#: Time per page at the largest scale over time per page at x1: "roughly flat".
FLAT_RATIO = 1.5


def scaled_show(data, factor: int):
    """The show with its article repeated `factor` times, each copy's claims with it."""
    from dataclasses import replace

    sections, claims = [], []
    for copy in range(factor):
        suffix = f"-{copy + 1}" if copy else ""
        for section in data.article.sections:
            # A different word in each copy, so no copy is measured from the cache of another.
            paragraphs = tuple(f"{p} (copy {copy + 1})" if copy else p
                               for p in section.paragraphs)
            sections.append(section.model_copy(update={"id": section.id + suffix,
                                                       "paragraphs": paragraphs}))
        for claim in data.claims:
            claims.append(claim.model_copy(update={"id": claim.id + suffix,
                                                   "section": claim.section + suffix}))
    article = data.article.model_copy(update={"sections": tuple(sections)})
    return replace(data, article=article, claims=tuple(claims))


def scale_series(as_of: str, executed) -> list[dict]:
    """Paginate, render and export the article at each scale, in this process; the kernel's
    fixed cost is left out, so the rows show how the work grows with the deck."""
    import copy

    from showdeck import article_view
    from showdeck.export import export_slides
    from showdeck.loader import load_show
    from showdeck.pages import page_count

    data = load_show(DATA)
    index = next(i for i, c in enumerate(executed.cells) if c.source == "deck.article()")
    rows = []
    for factor in SCALES:
        show = scaled_show(data, factor)
        started = time.perf_counter()
        html = article_view.article_slide(show)
        render = time.perf_counter() - started
        nb = copy.deepcopy(executed)
        nb.cells[index].outputs[0]["data"]["text/html"] = html
        started = time.perf_counter()
        deck = export_slides(nb)
        export = time.perf_counter() - started
        pages = page_count(deck)
        rows.append({"factor": factor, "pages": pages, "render_s": render, "export_s": export,
                     "ms_per_page": (render + export) * 1000 / pages,
                     "deck_bytes": len(deck.encode())})
        print(f"scale x{factor}: {pages} pages, {render + export:.2f} s", file=sys.stderr)
    return rows


def execute_once(as_of: str):
    """The real notebook, executed once for the scale series."""
    from showdeck.execute import execute_notebook

    return execute_notebook(NOTEBOOK, DATA, as_of)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--as-of", default=date.today().isoformat())
    args = parser.parse_args()

    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="showdeck-bench-") as scratch:
        result = measure(Path(scratch), args.runs, args.as_of)
    result["scale"] = scale_series(args.as_of, execute_once(args.as_of))
    (build / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print()
    print(scale_table(result["scale"]))
    return 0


def scale_table(rows: list[dict]) -> str:
    """How the cost grows with the deck: time per page should stay roughly flat."""
    base = rows[0]["ms_per_page"]
    lines = [
        "| article | pages | paginate + render (s) | export (s) | ms per page | vs x1 |",
        "|---|---|---|---|---|---|",
        *(f"| x{r['factor']} | {r['pages']:,} | {r['render_s']:.2f} | {r['export_s']:.2f} | "
          f"{r['ms_per_page']:.1f} | {r['ms_per_page'] / base:.2f} |" for r in rows),
    ]
    flat = rows[-1]["ms_per_page"] / base
    lines.append("")
    lines.append(f"Time per page at x{rows[-1]['factor']} is {flat:.2f}x that at x1 "
                 f"(target ≤ {FLAT_RATIO}: {'meets' if flat <= FLAT_RATIO else '**misses**'}).")
    return "\n".join(lines)


def measure(work: Path, runs: int, as_of: str) -> dict:
    """Every measurement, with scratch files under `work`."""
    deck = work / "deck.slides.html"
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    ours = [str(BIN / "python"), "-m", "showdeck", "build", "--data", str(DATA),
            "--output", str(deck), "--as-of", as_of]

    rows: dict[str, list[float]] = {k: [] for k in ("cold", "nbconvert", "floor", "warm")}
    peaks: dict[str, list[int]] = {"cold": [], "nbconvert": []}
    plain_out = work / "plain"
    floor = work / "floor.py"
    floor.write_text(floor_script(NOTEBOOK), encoding="utf-8")
    for i in range(runs):
        print(f"run {i + 1}/{runs}", file=sys.stderr)
        deck.unlink(missing_ok=True)
        # --force ignores the content-hash cache: the same work as a build with build/ removed.
        seconds, peak = timed([*ours, "--force"], env=env)
        rows["cold"].append(seconds)
        peaks["cold"].append(peak)
        rows["warm"].append(wall(ours, env))
        # The baseline is nbconvert as installed, without the project's config in .venv/etc.
        seconds, peak = timed(
            [str(BIN / "jupyter"), "nbconvert", "--to", "slides", "--execute", str(NOTEBOOK),
             "--output-dir", str(plain_out)],
            env={**env, "JUPYTER_NO_CONFIG": "1"},
        )
        rows["nbconvert"].append(seconds)
        peaks["nbconvert"].append(peak)
        seconds, _ = timed([str(BIN / "python"), str(floor)], env=env)
        rows["floor"].append(seconds)

    plain = next(plain_out.glob("*.slides.html"))
    ours_html, plain_html = deck.read_text(encoding="utf-8"), plain.read_text(encoding="utf-8")
    print("start-up, warm make slides, first slide, Lighthouse", file=sys.stderr)
    startup = startup_times(runs, env)
    warm_make_s = warm_make(runs, env)
    browser = browser_times(deck, floor_deck(ours_html, work), runs)
    scores = lighthouse(deck, work)
    m = {k: median(v) for k, v in rows.items()}
    return {
        **startup, "warm_make_s": warm_make_s, "lighthouse": scores,
        "floor_slide_ms": browser["floor"],
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}",
        # Others' work on the machine slows the absolute times; the ratios less so.
        "load_average": os.getloadavg()[0],
        "runs": runs,
        "cold_s": m["cold"], "nbconvert_s": m["nbconvert"], "floor_s": m["floor"],
        "warm_s": m["warm"],
        "cold_vs_nbconvert": m["cold"] / m["nbconvert"],
        "cold_vs_floor": m["cold"] / m["floor"],
        "deck_bytes": len(ours_html.encode()), "nbconvert_bytes": len(plain_html.encode()),
        "deck_external": len(external_resources(ours_html)),
        "nbconvert_external": len(external_resources(plain_html)),
        "first_slide_ms": browser["first"], "walk_ms": browser["walk"],
        "peak_mib": median(peaks["cold"]) / 2**20,
        "nbconvert_peak_mib": median(peaks["nbconvert"]) / 2**20,
    }


def table(r: dict) -> str:
    """The Markdown table: one row per measure, ours beside its baseline, and the target."""

    def target(key: str, text: str) -> str:
        return f"{text}: {'meets' if r[key] <= TARGETS[key] else '**misses**'}"

    def score(label: str) -> str:
        got = r["lighthouse"][label]
        parts = [f"{name} {got[name]}" for name in LIGHTHOUSE_TARGETS]
        ok = all(got[name] >= low for name, low in LIGHTHOUSE_TARGETS.items())
        return ", ".join(parts) + f" (first paint {got['fcp_s']:.1f} s)", ok

    startup_text = (f"≤ {TARGETS['startup_cpu_s']} s"
                    + ("; rfc3987_syntax is installed" if r["rfc3987_syntax"] else ""))
    compressed, compressed_ok = score("compressed")
    uncompressed, _ = score("uncompressed")
    rows = [
        ("start-up: the build's imports (s)",
         f"{r['startup_s']:.2f} (CPU {r['startup_cpu_s']:.2f})",
         f"Python alone {r['python_s']:.2f}", f"{r['startup_s'] / r['python_s']:.1f}",
         target("startup_cpu_s", f"CPU {startup_text}")),
        ("first slide ready (ms)", f"{r['first_slide_ms']:.0f}",
         f"reveal.js and one empty slide {r['floor_slide_ms']:.0f}",
         f"{r['first_slide_ms'] / r['floor_slide_ms']:.2f}",
         target("first_slide_ms", f"≤ {TARGETS['first_slide_ms']} ms")),
        ("warm `make slides` (s)", f"{r['warm_make_s']:.2f}", f"Python alone {r['python_s']:.2f}",
         f"{r['warm_make_s'] / r['python_s']:.1f}",
         target("warm_make_s", f"≤ {TARGETS['warm_make_s']} s")),
        ("cold build (s)", f"{r['cold_s']:.2f}", f"plain nbconvert --execute {r['nbconvert_s']:.2f}",
         f"{r['cold_vs_nbconvert']:.2f}",
         target("cold_vs_nbconvert", f"≤ {TARGETS['cold_vs_nbconvert']}")),
        ("cold build vs the floor (s)", f"{r['cold_s']:.2f}",
         f"kernel + imports {r['floor_s']:.2f}", f"{r['cold_vs_floor']:.2f}",
         target("cold_vs_floor", "≤ 1.5")),
        ("warm rebuild, `python -m showdeck build` (s)", f"{r['warm_s']:.3f}",
         f"cold {r['cold_s']:.2f}", f"{r['warm_s'] / r['cold_s']:.3f}",
         target("warm_s", "≤ 0.3 s")),
        ("deck size (bytes)", f"{r['deck_bytes']:,}", f"nbconvert {r['nbconvert_bytes']:,}",
         f"{r['deck_bytes'] / r['nbconvert_bytes']:.2f}", target("deck_bytes", "≤ 1 MB")),
        ("external requests", str(r["deck_external"]), f"nbconvert {r['nbconvert_external']}",
         "", "0: " + ("meets" if r["deck_external"] == 0 else "**misses**")),
        ("step through all slides (ms)", f"{r['walk_ms']:.0f}", "", "", ""),
        ("Lighthouse, served compressed (gzip)", compressed, "", "",
         "perf ≥ 80, a11y and best practices 100: "
         + ("meets" if compressed_ok else "**misses**")),
        ("Lighthouse, served uncompressed", uncompressed, "", "", ""),
        ("peak memory of the build (MiB)", f"{r['peak_mib']:.0f}",
         f"nbconvert {r['nbconvert_peak_mib']:.0f}",
         f"{r['peak_mib'] / r['nbconvert_peak_mib']:.2f}", ""),
    ]
    lines = [
        (f"Measured {r['date']} on {r['machine']}; medians of {r['runs']} runs; load average "
        f"{r['load_average']:.1f} at the end."),
        "",
        "| measure | ours | baseline | ratio | target |",
        "|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
