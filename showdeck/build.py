"""Build the deck: validate the data, execute the notebook in a fresh kernel, export, write atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from showdeck.alttext import alt_problem
from showdeck.assets import REPO_ROOT, load_reveal
from showdeck.errors import ShowdeckError
from showdeck.model import resolve_as_of as model_resolve_as_of
from showdeck.pages import deck_structure

# nbformat, nbclient and nbconvert load only when a build runs: an unchanged rebuild is
# answered from the cache key alone, well before they would be needed. (pydantic is loaded
# anyway: the package's __init__ imports the loader.)

DEFAULT_NOTEBOOK = Path("notebooks/akudama_drive_season2.ipynb")
#: Bump when the build itself changes in a way the hashed sources do not show.
CACHE_VERSION = "1"
CELL_TIMEOUT_S = 180
PACKAGE = Path(__file__).resolve().parent


class BuildError(ShowdeckError):
    """The deck could not be built; the message names the cause and the fix."""


class OutputError(ShowdeckError):
    """An output file cannot be written where it was asked for; the message names the path."""


@dataclass
class BuildResult:
    """What a build did: where the deck is, whether it was skipped, and how long each stage took."""

    output: Path
    key: str
    skipped: bool
    slides: int = 0
    pages: int = 0
    size: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def resolve_as_of(as_of: str | dt.date | None, *, today: dt.date | None = None) -> dt.date:
    """`--as-of` as a date (see showdeck.model.resolve_as_of), or a BuildError saying how to give it."""
    try:
        return model_resolve_as_of(as_of, today=today)
    except ValueError:
        msg = (f"--as-of {as_of!r} is not a date; give it as YYYY-MM-DD, e.g. 2025-06-30 "
               "(or leave it out for today)")
        raise BuildError(msg) from None


def check_output(path: Path, option: str = "--output") -> None:
    """Refuse, before any work, an output path that is a folder or whose folder cannot be made."""
    if path.is_dir():
        msg = f"{option} {path} is a folder; give the path of the file to write in it"
        raise OutputError(msg)
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        msg = (f"{option} {path}: cannot create its folder, {ancestor} is a file; "
               "choose an output path in a folder")
        raise OutputError(msg)
    if not os.access(ancestor, os.W_OK | os.X_OK):
        msg = (f"{option} {path}: {ancestor} is not writable; "
               "choose an output path in a folder you can write to")
        raise OutputError(msg)


def read_notebook_json(notebook: Path) -> dict:
    """The notebook file's JSON, refused early unless it has the shape of an nbformat 4 notebook.

    A cheap check that needs no nbformat: the full schema is validated when the notebook runs.
    """
    fix = "pass --notebook the path of a Jupyter notebook (.ipynb) saved by Jupyter"
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{notebook} is not a notebook: not valid JSON ({exc}); {fix}"
        raise BuildError(msg) from None
    except OSError as exc:
        msg = f"cannot read {notebook}: {exc.strerror or exc}; {fix}"
        raise BuildError(msg) from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if (not isinstance(nb, dict) or nb.get("nbformat") != 4 or not isinstance(cells, list)
            or not all(isinstance(c, dict) and isinstance(c.get("cell_type"), str)
                       for c in cells)):
        msg = (f"{notebook} is not an nbformat 4 notebook (it needs \"nbformat\": 4 and a list "
               f"of \"cells\", each with a \"cell_type\"); {fix}")
        raise BuildError(msg)
    return nb


def input_key(notebook: Path, data_dir: Path, as_of: str, reveal_version: str) -> str:
    """A content hash of everything that shapes the deck; equal keys mean an identical deck."""
    digest = hashlib.sha256(f"showdeck-build {CACHE_VERSION}\n".encode())

    def add(label: str, payload: bytes) -> None:
        digest.update(f"{label}\0{len(payload)}\0".encode())
        digest.update(payload)

    add("notebook", notebook.read_bytes())
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        add(f"data/{path.relative_to(data_dir).as_posix()}", path.read_bytes())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file()):
        if "__pycache__" not in path.parts:
            add(f"package/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
    requirements = REPO_ROOT / "requirements.txt"
    add("requirements", requirements.read_bytes() if requirements.is_file() else b"")
    add("reveal.js", reveal_version.encode())
    add("as-of", as_of.encode())
    return digest.hexdigest()


def build_deck(
    notebook: str | Path,
    data_dir: str | Path,
    output: str | Path,
    *,
    as_of: str | dt.date | None = None,
    force: bool = False,
    cache_dir: str | Path | None = None,
    reveal_dir: str | Path | None = None,
    progress: Callable[[str], None] = print,
) -> BuildResult:
    """Build `output` from `notebook` run against `data_dir`; skip it when nothing changed.

    The notebook file is only read. The deck is replaced atomically, so a failed build leaves the
    previous one intact. Raises DataError for invalid data and BuildError for everything else.
    """
    notebook, data_dir, output = Path(notebook), Path(data_dir), Path(output)
    cache_dir = Path(cache_dir) if cache_dir else output.parent / ".showdeck-cache"
    as_of_date = resolve_as_of(as_of)
    as_of = as_of_date.isoformat()
    timings: dict[str, float] = {}

    check_output(output)
    if not notebook.is_file():
        msg = f"no notebook at {notebook}; pass --notebook with the path of the .ipynb to build"
        raise BuildError(msg)
    read_notebook_json(notebook)
    assets = load_reveal(reveal_dir)

    key = input_key(notebook, data_dir, as_of, assets.version)
    stamp = cache_dir / f"{output.name}.json"
    if not force and _up_to_date(output, stamp, key):
        # The key covers the data, so data that was valid for that deck still is.
        progress(f"skip      {output} is up to date (inputs unchanged, key {key[:12]}); "
                 "--force rebuilds")
        return BuildResult(output=output, key=key, skipped=True, timings=timings)

    from showdeck.loader import load_show

    started = time.perf_counter()
    data = load_show(data_dir)
    timings["validate"] = time.perf_counter() - started
    progress(f"validate  {data_dir}: valid ({timings['validate']:.2f} s)")
    finale = data.finale.air_date
    if as_of_date < finale:
        msg = (f"--as-of {as_of} is before the finale ({finale}) of {data.show.title.english}; "
               "choose a date after the run ended")
        raise BuildError(msg)

    progress(f"execute   {notebook} in a fresh kernel, as of {as_of} ...")
    started = time.perf_counter()
    with running_kernel(notebook) as kernel:
        from showdeck.export import export_slides  # loads while the kernel boots

        executed = execute_notebook(notebook, data_dir, as_of, kernel)
    timings["execute"] = time.perf_counter() - started
    progress(f"execute   done: {len(executed.cells)} cells in {timings['execute']:.2f} s")

    started = time.perf_counter()
    try:
        html = export_slides(executed, reveal_dir=assets.folder, name=data.article.title)
    except ShowdeckError as exc:
        raise BuildError(f"export failed: {exc}") from None
    except ValueError as exc:  # nbconvert: "All cells are hidden, cannot create slideshow"
        msg = f"export failed: {exc}; give the notebook's cells a visible slide_type"
        raise BuildError(msg) from None
    check_deck(html)
    outline = deck_structure(html)
    slides = len(outline)
    pages = sum(slide.pages for slide in outline)
    timings["export"] = time.perf_counter() - started
    progress(f"export    reveal.js {assets.version}, template showdeck: {slides} slides, "
             f"{pages} pages ({timings['export']:.2f} s)")

    started = time.perf_counter()
    payload = html.encode("utf-8")
    write_atomic(output, payload)
    write_atomic(stamp, json.dumps(
        {"key": key, "sha256": hashlib.sha256(payload).hexdigest()}, indent=1
    ).encode())
    timings["write"] = time.perf_counter() - started
    progress(f"write     {output}, {len(payload) / 1e6:.2f} MB ({timings['write']:.2f} s)")
    return BuildResult(output=output, key=key, skipped=False, slides=slides, pages=pages,
                       size=len(payload),
                       timings=timings)


def _up_to_date(output: Path, stamp: Path, key: str) -> bool:
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        current = hashlib.sha256(output.read_bytes()).hexdigest()
    except (OSError, ValueError):
        return False
    # The deck must still be the one the stamp describes: an edited deck is rebuilt.
    return recorded.get("key") == key and recorded.get("sha256") == current


@contextmanager
def running_kernel(notebook: Path) -> Iterator[object]:
    """A fresh kernel for `notebook`, started at once and shut down on exit.

    Starting it before the build imports nbformat, nbclient and nbconvert lets the kernel boot
    on another core while those load: they take about as long as the kernel does.
    """
    from jupyter_client.kernelspec import NoSuchKernel
    from jupyter_client.manager import KernelManager

    metadata = read_notebook_json(notebook).get("metadata") or {}
    kernel = (metadata.get("kernelspec") or {}).get("name", "python3")
    manager = KernelManager(kernel_name=kernel)
    try:
        manager.start_kernel(
            cwd=str(notebook.resolve().parent),
            # A fixed hash seed: nothing the notebook prints may depend on set order.
            # (The chart's SVG is made reproducible by showdeck.timeline.figure_svg itself.)
            env={**os.environ, "PYTHONHASHSEED": "0"},
            # No history database; no transport warning on stderr.
            extra_arguments=["--HistoryManager.hist_file=:memory:",
                             "--IPKernelApp.log_level=ERROR"],
        )
    except (NoSuchKernel, RuntimeError, OSError) as exc:
        msg = (f"{notebook}: could not start kernel {kernel!r}: {type(exc).__name__}: "
               f"{exc}; run `make setup` to install the pinned kernel")
        raise BuildError(msg) from None
    try:
        yield manager
    finally:
        manager.shutdown_kernel(now=True)


def execute_notebook(notebook: Path, data_dir: Path, as_of: str, kernel=None):
    """Run a parameterized copy of the notebook in a fresh kernel whose cwd is its folder.

    `kernel` is a manager from `running_kernel`; without one, a kernel is started here.
    """
    if kernel is None:
        with running_kernel(notebook) as started:
            return execute_notebook(notebook, data_dir, as_of, started)

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbformat import ValidationError
    from nbformat.reader import NotJSONError
    from nbformat.reader import reads as read_any_version

    from showdeck.parameters import inject_parameters

    try:
        # nbformat.read, but raising on a schema error where read would only log it.
        nb = nbformat.convert(read_any_version(notebook.read_text(encoding="utf-8")), 4)
        nbformat.validate(nb)
    except (NotJSONError, ValidationError, UnicodeDecodeError) as exc:
        error = str(exc).splitlines()[0]
        msg = (f"{notebook} is not a valid notebook: {error}; open and save it in Jupyter "
               "to repair it, or pass --notebook another .ipynb")
        raise BuildError(msg) from None
    folder = notebook.resolve().parent
    try:
        nb = inject_parameters(nb, data_dir=os.path.relpath(data_dir.resolve(), folder),
                               as_of=as_of)
    except ValueError as exc:
        msg = f"{notebook}: cannot set the notebook's parameters: {exc}"
        raise BuildError(msg) from None
    client = NotebookClient(nb, km=kernel, timeout=CELL_TIMEOUT_S, record_timing=False,
                            resources={"metadata": {"path": str(folder)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        raise BuildError(_cell_error(notebook, nb, exc)) from None
    except CellTimeoutError:
        msg = (f"{notebook}: a cell ran longer than {CELL_TIMEOUT_S} s; "
               "find the slow cell with `jupyter lab` and make it faster")
        raise BuildError(msg) from None
    except DeadKernelError as exc:
        msg = f"{notebook}: the kernel died while running the notebook ({exc})"
        raise BuildError(msg) from None
    except RuntimeError as exc:  # the kernel started but never answered
        msg = f"{notebook}: the kernel did not answer: {exc}; run `make setup` and try again"
        raise BuildError(msg) from None
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    return nb


def _cell_error(notebook: Path, nb, exc) -> str:
    """Name the failing cell as the committed notebook numbers it: the injected cell is not there."""
    from showdeck.parameters import INJECTED_TAG

    index = 0
    for cell in nb.cells:
        injected = INJECTED_TAG in cell.get("metadata", {}).get("tags", [])
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            where = ("the injected parameters cell" if injected else
                     f"cell {index} (id {cell.get('id', '?')!r}: {first.strip()[:60]!r})")
            break
        index += not injected
    else:
        where = "a cell"
    return f"{notebook}: {where} raised {exc.ename}: {exc.evalue}"


class _DeckScan(HTMLParser):
    """Collects the resources a page would fetch and the images it shows."""

    FETCHING: ClassVar[dict[str, str]] = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
                "video": "src", "audio": "src", "embed": "src", "object": "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self._style = False
        self._css: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.FETCHING and attributes.get(self.FETCHING[tag]):
            self.urls.append(attributes[self.FETCHING[tag]] or "")
        if tag == "img":
            self.images.append(attributes)
        if tag == "style":
            self._style = True
        if attributes.get("style"):
            self._css.append(attributes["style"] or "")

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            self._css.append(data)

    def css_urls(self) -> list[str]:
        css = "\n".join(self._css)
        found = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
        found += re.findall(r"@import\s+['\"]([^'\"]+)", css)
        return found


def external_resources(html: str) -> list[str]:
    """Every URL outside the file that the deck would load (scripts, styles, images, CSS urls)."""
    scan = _DeckScan()
    scan.feed(html)
    urls = scan.urls + scan.css_urls()
    return [u for u in urls if not u.startswith(("data:", "#", "blob:", "about:"))]


def undescribed_images(html: str) -> list[str]:
    """Each image whose alt text does not describe it (deckcheck's policy), with the reason."""
    scan = _DeckScan()
    scan.feed(html)
    found = []
    for image in scan.images:
        if problem := alt_problem(image.get("alt")):
            found.append(f"src={(image.get('src') or '')[:60]!r} {problem}")
    return found


def check_deck(html: str) -> None:
    """Refuse a deck that would fetch anything or shows an undescribed image."""
    if external := external_resources(html):
        msg = (f"the deck would load {len(external)} resource(s) from outside the file, e.g. "
               f"{external[0]!r}; embed it (data: URI) instead")
        raise BuildError(msg)
    if undescribed := undescribed_images(html):
        msg = (f"{len(undescribed)} image(s) without a describing alt text, e.g. the one with "
               f"{undescribed[0]}; give each one alt text that says what it shows "
               "(<img alt=...>, or IPython's Image(..., alt=...))")
        raise BuildError(msg)


def write_atomic(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` so that readers see the old file or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        msg = (f"cannot write {path}: {exc.strerror or exc}; "
               "choose an output path in a folder you can write to")
        raise OutputError(msg) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        msg = (f"cannot write {path}: {exc.strerror or exc}; "
               "choose an output path that is not a folder, in a folder you can write to")
        raise OutputError(msg) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
