"""Benchmark the deck build and the deck against plain nbconvert and the floor, in one run.

Prints a Markdown table and writes build/bench.json. Every row is a median of --runs runs.
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

from showdeck.build import external_resources

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "akudama_drive_season2.ipynb"
DATA = ROOT / "data" / "akudama-drive"
BIN = Path(sys.executable).parent

# Targets from the performance goals; a ratio or a number, and which way is good.
TARGETS = {
    "cold_vs_nbconvert": 0.85,
    "cold_vs_floor": 1.5,
    "warm_s": 0.3,
    "deck_bytes": 1_000_000,
    "first_slide_ms": 300,
}


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


def browser_times(deck: Path, runs: int) -> tuple[float, float]:
    """Median ms from navigation start to reveal.js ready, and to step through every slide."""
    sys.path.insert(0, str(ROOT))
    from showdeck.browser import offline_page

    ready_js = """
      document.addEventListener('ready', () => { window.__sdReady = performance.now(); }, true);
    """
    first, walk = [], []
    with offline_page() as (page, log):
        page.add_init_script(ready_js)
        for _ in range(runs):
            page.goto(deck.as_uri())
            page.wait_for_function("window.__sdReady !== undefined", timeout=30_000)
            first.append(page.evaluate("window.__sdReady"))
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
            walk.append((time.perf_counter() - start) * 1000)
        if log.blocked:
            sys.exit(f"bench: the deck requested {log.blocked}")
    return median(first), median(walk)


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

    from showdeck import slides
    from showdeck.export import export_slides
    from showdeck.loader import load_show
    from showdeck.pages import page_count

    data = load_show(DATA)
    index = next(i for i, c in enumerate(executed.cells) if c.source == "deck.article()")
    rows = []
    for factor in SCALES:
        show = scaled_show(data, factor)
        started = time.perf_counter()
        html = slides.article_slide(show)
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
    from showdeck.build import execute_notebook

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
        seconds, _ = timed(ours, env=env)
        rows["warm"].append(seconds)
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
    first_ms, walk_ms = browser_times(deck, runs)
    m = {k: median(v) for k, v in rows.items()}
    return {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}",
        "runs": runs,
        "cold_s": m["cold"], "nbconvert_s": m["nbconvert"], "floor_s": m["floor"],
        "warm_s": m["warm"],
        "cold_vs_nbconvert": m["cold"] / m["nbconvert"],
        "cold_vs_floor": m["cold"] / m["floor"],
        "deck_bytes": len(ours_html.encode()), "nbconvert_bytes": len(plain_html.encode()),
        "deck_external": len(external_resources(ours_html)),
        "nbconvert_external": len(external_resources(plain_html)),
        "first_slide_ms": first_ms, "walk_ms": walk_ms,
        "peak_mib": median(peaks["cold"]) / 2**20,
        "nbconvert_peak_mib": median(peaks["nbconvert"]) / 2**20,
    }


def table(r: dict) -> str:
    """The Markdown table: one row per measure, ours beside its baseline, and the target."""

    def target(key: str, text: str) -> str:
        return f"{text}: {'meets' if r[key] <= TARGETS[key] else '**misses**'}"

    rows = [
        ("cold build (s)", f"{r['cold_s']:.2f}", f"plain nbconvert --execute {r['nbconvert_s']:.2f}",
         f"{r['cold_vs_nbconvert']:.2f}", target("cold_vs_nbconvert", "≤ 0.85")),
        ("cold build vs the floor (s)", f"{r['cold_s']:.2f}",
         f"kernel + imports {r['floor_s']:.2f}", f"{r['cold_vs_floor']:.2f}",
         target("cold_vs_floor", "≤ 1.5")),
        ("warm rebuild (s)", f"{r['warm_s']:.3f}", f"cold {r['cold_s']:.2f}",
         f"{r['warm_s'] / r['cold_s']:.3f}", target("warm_s", "≤ 0.3 s")),
        ("deck size (bytes)", f"{r['deck_bytes']:,}", f"nbconvert {r['nbconvert_bytes']:,}",
         f"{r['deck_bytes'] / r['nbconvert_bytes']:.2f}", target("deck_bytes", "≤ 1 MB")),
        ("external requests", str(r["deck_external"]), f"nbconvert {r['nbconvert_external']}",
         "", "0: " + ("meets" if r["deck_external"] == 0 else "**misses**")),
        ("first slide (ms)", f"{r['first_slide_ms']:.0f}", "", "",
         target("first_slide_ms", "≤ 300")),
        ("step through all slides (ms)", f"{r['walk_ms']:.0f}", "", "", ""),
        ("peak memory of the build (MiB)", f"{r['peak_mib']:.0f}",
         f"nbconvert {r['nbconvert_peak_mib']:.0f}",
         f"{r['peak_mib'] / r['nbconvert_peak_mib']:.2f}", ""),
    ]
    lines = [
        f"Measured {r['date']} on {r['machine']}; medians of {r['runs']} runs.",
        "",
        "| measure | ours | baseline | ratio | target |",
        "|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
