"""Build the deck: validate the data, execute the notebook in a fresh kernel, export, write atomically."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from showdeck.alttext import alt_problem
from showdeck.assets import REPO_ROOT, REVEAL_FILES, default_reveal_dir, load_reveal
from showdeck.datafiles import DATA_FILES, MAX_FILE_BYTES
from showdeck.dates import EARLIEST_DATE, LATEST_DATE, DateOutOfRange
from showdeck.dates import resolve_as_of as dates_resolve_as_of
from showdeck.errors import ShowdeckError
from showdeck.fonts import FACES
from showdeck.pages import deck_structure
from showdeck.parameters import INJECTED_TAG, inject_parameters
from showdeck.safety import (
    Inputs,
    OutputError,
    check_output,
    not_a_regular_file,
    output_lock,
    refuse_inputs,
    remove_stale_temporaries,
    write_atomic,
)

# The loader and the show's facts (pydantic), nbformat, nbclient, jupyter_client and nbconvert
# are imported inside the functions that use them, for start-up time: an unchanged rebuild is
# answered from the cache key alone, well before they would be needed.

#: Bump when the build itself changes in a way the hashed sources do not show.
CACHE_VERSION = "2"
CELL_TIMEOUT_S = 180
PACKAGE = Path(__file__).resolve().parent
#: A notebook larger than this is not a presentation (ours is 5 kB).
MAX_NOTEBOOK_BYTES = 20_000_000
#: The private folder of one build (snapshot, kernel connection file), in the temp folder.
WORK_PREFIX = "showdeck-build-"


class BuildError(ShowdeckError):
    """The deck could not be built; the message names the cause and the fix."""


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
    """`--as-of` as a date (see showdeck.dates.resolve_as_of), or a BuildError saying how to give it."""
    try:
        return dates_resolve_as_of(as_of, today=today)
    except DateOutOfRange:
        msg = (f"--as-of {str(as_of).strip()} is outside the dates a deck can speak for, "
               f"{EARLIEST_DATE} to {LATEST_DATE}")
        raise BuildError(msg) from None
    except ValueError:
        msg = (f"--as-of {as_of!r} is not a date; give it as YYYY-MM-DD, e.g. 2025-06-30 "
               "(or leave it out for today)")
        raise BuildError(msg) from None


def read_notebook_json(notebook: Path, raw: bytes | None = None) -> dict:
    """The notebook file's JSON, refused early unless it has the shape of an nbformat 4 notebook.

    A cheap check that needs no nbformat: the full schema is validated when the notebook runs.
    `raw` is the file's content when it was already read.
    """
    fix = "pass --notebook the path of a Jupyter notebook (.ipynb) saved by Jupyter"
    try:
        if raw is None:
            raw = _read_capped(notebook, MAX_NOTEBOOK_BYTES)
        if len(raw) > MAX_NOTEBOOK_BYTES:
            msg = f"{notebook} is larger than {MAX_NOTEBOOK_BYTES:,} bytes; {fix}"
            raise BuildError(msg)
        nb = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{notebook} is not a notebook: not valid JSON ({exc}); {fix}"
        raise BuildError(msg) from None
    except RecursionError:
        msg = f"{notebook} is not a notebook: its JSON nests too deeply; {fix}"
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


def _read_capped(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of `path`: enough to tell that it is too large."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


@dataclass(frozen=True)
class Snapshot:
    """Every input of a build, each read once: the bytes the cache key hashes are the bytes
    the build validates, executes and inlines, whatever happens to the files meanwhile.

    `files` maps a label ("notebook", "data/<file>", "reveal.js/<file>") to its bytes; a data
    file that is a link out of its folder is kept as the link (`links`), never read.
    """

    notebook: Path
    data_dir: Path
    files: dict[str, bytes]
    links: dict[str, str]
    package: str  # a digest of the package's sources, hashed again after the build
    reveal_version: str

    def materialize(self, folder: Path) -> tuple[Path, Path]:
        """Write the data and reveal.js files into `folder`: (data folder, reveal.js folder).

        The data folder keeps its name, which the show's id must match.
        """
        data = folder / self.data_dir.resolve().name
        reveal = folder / "reveal.js"
        data.mkdir()
        for label, payload in self.files.items():
            kind, _, name = label.partition("/")
            if kind in ("data", "reveal.js"):
                target = (data if kind == "data" else reveal) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)
        for name, link in self.links.items():
            (data / name).symlink_to(link)
        return data, reveal


def snapshot_inputs(notebook: Path, data_dir: Path, reveal_dir: Path | None) -> Snapshot:
    """Read the notebook, the show's data files and reveal.js into memory, once."""
    try:
        raw = _read_capped(notebook, MAX_NOTEBOOK_BYTES)
    except OSError as exc:
        msg = f"cannot read {notebook}: {exc.strerror or exc}; pass --notebook a readable .ipynb"
        raise BuildError(msg) from None
    read_notebook_json(notebook, raw)
    files = {"notebook": raw}
    links: dict[str, str] = {}
    folder = data_dir.resolve()
    for name in DATA_FILES:  # the files the loader reads: a missing one stays missing
        path = data_dir / name
        if not path.is_file():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(folder):
            links[name] = str(path.resolve())  # the loader refuses it, unread
            continue
        try:
            files[f"data/{name}"] = _read_capped(path, MAX_FILE_BYTES)
        except OSError as exc:
            from showdeck.loader import DataError, Problem  # lazy: see the imports above

            raise DataError(data_dir, [Problem(name, None, None,
                                               f"cannot be read: {exc.strerror}")]) from None
    assets = load_reveal(reveal_dir)
    for rel in ("package.json", *REVEAL_FILES.values()):
        try:
            files[f"reveal.js/{rel}"] = (assets.folder / rel).read_bytes()
        except OSError as exc:
            msg = (f"cannot read {assets.folder / rel}: {exc.strerror or exc}; run `npm ci` "
                   "(or `make setup`) to reinstall reveal.js")
            raise BuildError(msg) from None
    return Snapshot(notebook=notebook, data_dir=data_dir, files=files, links=links,
                    package=package_digest(), reveal_version=assets.version)


def build_inputs(notebook: Path, data_dir: Path, reveal_dir: Path | None) -> Inputs:
    """Everything a build reads, which its outputs may never replace."""
    fonts = [(path, "the font file") for face in FACES for path in sorted({face.regular, face.bold})]
    reveal = reveal_dir or default_reveal_dir()
    reveal_files = [(reveal / rel, "the reveal.js file")
                    for rel in ("package.json", *REVEAL_FILES.values())]
    return Inputs(
        reader="the build",
        files=((notebook, "the notebook"),
               (REPO_ROOT / "requirements.txt", "the pinned requirements"),
               *reveal_files, *fonts),
        folders=((data_dir, "the show's data folder"), (PACKAGE, "the showdeck package")),
    )


def package_digest() -> str:
    """A hash of the package's sources and the pinned requirements: the code that runs."""
    digest = hashlib.sha256()
    paths = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    requirements = REPO_ROOT / "requirements.txt"
    for label, path in [*((f"package/{p.relative_to(PACKAGE).as_posix()}", p) for p in paths),
                        ("requirements", requirements)]:
        payload = path.read_bytes() if path.is_file() else b""
        digest.update(f"{label}\0{len(payload)}\0".encode())
        digest.update(payload)
    return digest.hexdigest()


def input_key(snapshot: Snapshot, as_of: str) -> str:
    """A content hash of everything that shapes the deck; equal keys mean an identical deck."""
    digest = hashlib.sha256(f"showdeck-build {CACHE_VERSION}\n".encode())

    def add(label: str, payload: bytes) -> None:
        digest.update(f"{label}\0{len(payload)}\0".encode())
        digest.update(payload)

    for label, payload in sorted(snapshot.files.items()):
        add(label, payload)
    for name, link in sorted(snapshot.links.items()):
        add(f"link/{name}", link.encode())
    add("package", snapshot.package.encode())
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

    inputs = build_inputs(notebook, data_dir, Path(reveal_dir) if reveal_dir else None)
    check_output(output, inputs=inputs)
    stamp = cache_dir / f"{output.name}.json"
    refuse_inputs(stamp, inputs, "its cache file")
    if not notebook.is_file():
        msg = f"no notebook at {notebook}; pass --notebook with the path of the .ipynb to build"
        raise BuildError(msg)
    if output.parent.is_dir():  # what builds killed outright left, before this one adds its own
        with output_lock(output):
            remove_stale_temporaries(output.parent, f".{output.name}.", ".tmp")
    snapshot = snapshot_inputs(notebook, data_dir, Path(reveal_dir) if reveal_dir else None)

    key = input_key(snapshot, as_of)
    if not force and _up_to_date(output, stamp, key):
        # The key covers the data, so data that was valid for that deck still is.
        progress(f"skip      {output} is up to date (inputs unchanged, key {key[:12]}); "
                 "--force rebuilds")
        return BuildResult(output=output, key=key, skipped=True, timings=timings)

    with private_folder() as work:
        snapshot_data, snapshot_reveal = snapshot.materialize(work)
        return _build_from_snapshot(snapshot, snapshot_data, snapshot_reveal, work, output,
                                    stamp, key, as_of_date, timings, progress)


def _build_from_snapshot(snapshot: Snapshot, data_dir: Path, reveal_dir: Path, work: Path,
                         output: Path, stamp: Path, key: str, as_of_date: dt.date,
                         timings: dict[str, float], progress: Callable[[str], None],
                         ) -> BuildResult:
    """Validate, execute, export and write from the snapshot in `work`."""
    # Here, not at the top, for start-up time (see the imports there).
    from showdeck.facts import as_of_problem
    from showdeck.loader import DataError, load_show
    from showdeck.outlook import stale_evidence_warning

    notebook, as_of = snapshot.notebook, as_of_date.isoformat()
    started = time.perf_counter()
    try:
        data = load_show(data_dir)
    except DataError as exc:  # named as the user's folder, not the snapshot's
        raise DataError(snapshot.data_dir, exc.problems, exc.uncounted) from None
    timings["validate"] = time.perf_counter() - started
    progress(f"validate  {snapshot.data_dir}: valid ({timings['validate']:.2f} s)")
    if warning := stale_evidence_warning(data, as_of_date):
        progress(f"warning   {warning}")
    if problem := as_of_problem(data, as_of_date):
        msg = f"--as-of {problem}"
        raise BuildError(msg)

    progress(f"execute   {notebook} in a fresh kernel, as of {as_of} ...")
    started = time.perf_counter()
    nb_json = read_notebook_json(notebook, snapshot.files["notebook"])
    kernel_name = ((nb_json.get("metadata") or {}).get("kernelspec") or {}).get("name")
    with running_kernel(notebook, kernel_name=kernel_name, runtime_dir=work) as kernel:
        from showdeck import fonts
        from showdeck.export import export_slides  # loads while the kernel boots

        fonts.preload()  # the export's font subsets need them; read while the kernel boots

        executed = execute_notebook(notebook, data_dir, as_of, kernel,
                                    source=snapshot.files["notebook"].decode("utf-8"))
    timings["execute"] = time.perf_counter() - started
    progress(f"execute   done: {len(executed.cells)} cells in {timings['execute']:.2f} s")

    started = time.perf_counter()
    try:
        html = export_slides(executed, reveal_dir=reveal_dir, name=data.article.title)
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
    progress(f"export    reveal.js {snapshot.reveal_version}, template showdeck: {slides} slides, "
             f"{pages} pages ({timings['export']:.2f} s)")

    started = time.perf_counter()
    payload = html.encode("utf-8")
    if package_digest() != snapshot.package:
        progress("note      the package changed during the build: not cached, the next "
                 "build runs again")
        write_deck(output, payload, None, key, progress)
    else:
        write_deck(output, payload, stamp, key, progress)
    timings["write"] = time.perf_counter() - started
    progress(f"write     {output}, {len(payload) / 1e6:.2f} MB ({timings['write']:.2f} s)")
    return BuildResult(output=output, key=key, skipped=False, slides=slides, pages=pages,
                       size=len(payload),
                       timings=timings)


def write_deck(output: Path, payload: bytes, stamp: Path | None, key: str,
               progress: Callable[[str], None]) -> None:
    """Write the deck and, unless `stamp` is None, the stamp that vouches for it, under the
    deck's lock: builds of one deck at the same moment write the pair in turn, never a mix."""
    with output_lock(output):
        # The stamp first: it names the new deck's hash, so it can never vouch for the old
        # deck, and a failure to write it is reported before the deck is replaced, as a warning.
        if stamp is not None:
            try:
                write_atomic(stamp, json.dumps(
                    {"key": key, "sha256": hashlib.sha256(payload).hexdigest()}, indent=1
                ).encode(), locked=True)
            except OutputError as exc:
                progress(f"warning   not cached ({exc}); the next build runs again")
        write_atomic(output, payload, locked=True)


def _up_to_date(output: Path, stamp: Path, key: str) -> bool:
    """Whether the stamp vouches for the deck as it is; anything unreadable means no."""
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        if not isinstance(recorded, dict) or not_a_regular_file(output):
            return False
        current = hashlib.sha256(output.read_bytes()).hexdigest()
    except (OSError, ValueError, RecursionError):
        return False
    # The deck must still be the one the stamp describes: an edited deck is rebuilt.
    return recorded.get("key") == key and recorded.get("sha256") == current


@contextmanager
def private_folder() -> Iterator[Path]:
    """A folder only this build uses (mode 0700): the snapshot and the kernel's connection file,
    which holds its key. Removed on exit, on an error and on SIGINT or SIGTERM (the CLI turns
    them into exceptions); a folder left by a killed build is removed by the next one."""
    parent = Path(tempfile.gettempdir())
    remove_stale_temporaries(parent, WORK_PREFIX)
    try:
        folder = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=parent))
    except OSError as exc:
        msg = (f"cannot create the build's private folder in {parent}: {exc.strerror or exc}; "
               "set TMPDIR to a folder you can write to")
        raise BuildError(msg) from None
    lock = -1
    try:
        # Locked before it takes its name, so that no other build takes the folder for stale.
        lock = os.open(folder / ".lock.new", os.O_CREAT | os.O_WRONLY, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.rename(folder / ".lock.new", folder / ".lock")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if lock >= 0:
            os.close(lock)


@contextmanager
def running_kernel(notebook: Path, *, kernel_name: str | None = None,
                   runtime_dir: Path | None = None) -> Iterator[object]:
    """A fresh kernel for `notebook`, started at once and shut down on exit.

    Starting it before the build imports nbformat, nbclient and nbconvert lets the kernel boot
    on another core while those load: they take about as long as the kernel does. With
    `runtime_dir`, the connection file (it holds the kernel's key) is written there, not in
    Jupyter's shared runtime folder, and is removed with it.
    """
    from jupyter_client.kernelspec import NoSuchKernel
    from jupyter_client.manager import KernelManager

    if kernel_name is None:
        metadata = read_notebook_json(notebook).get("metadata") or {}
        kernel_name = (metadata.get("kernelspec") or {}).get("name")
    kernel = kernel_name if isinstance(kernel_name, str) and kernel_name else "python3"
    manager = KernelManager(kernel_name=kernel)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if runtime_dir is not None:
        manager.connection_file = str(runtime_dir / "kernel.json")
        env["JUPYTER_RUNTIME_DIR"] = str(runtime_dir)
    try:
        manager.start_kernel(
            cwd=str(notebook.resolve().parent),
            # A fixed hash seed: nothing the notebook prints may depend on set order.
            # (The chart's SVG is made reproducible by showdeck.timeline.figure_svg itself.)
            env=env,
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
        # Also after an interrupt, or when the kernel died: the kernel goes, and its files.
        with suppress(Exception):
            manager.shutdown_kernel(now=True)
        with suppress(Exception):
            manager.cleanup_resources()


def execute_notebook(notebook: Path, data_dir: Path, as_of: str, kernel=None, *,
                     source: str | None = None):
    """Run a parameterized copy of the notebook in a fresh kernel whose cwd is its folder.

    `kernel` is a manager from `running_kernel`; without one, a kernel is started here.
    `source` is the notebook's text when the build has already read it (its snapshot).
    """
    if kernel is None:
        with running_kernel(notebook) as started:
            return execute_notebook(notebook, data_dir, as_of, started, source=source)

    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbformat import ValidationError
    from nbformat.reader import NotJSONError
    from nbformat.reader import reads as read_any_version

    try:
        # nbformat.read, but raising on a schema error where read would only log it.
        text = notebook.read_text(encoding="utf-8") if source is None else source
        nb = nbformat.convert(read_any_version(text), 4)
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
    client = _client_class()(nb, km=kernel, timeout=CELL_TIMEOUT_S, record_timing=False,
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


def _client_class():
    """nbclient's NotebookClient, minus what it does for a kernel it does not own.

    Its setup adds SIGINT and SIGTERM handlers that shut the kernel down under the running
    cell (nbclient then fails with an AssertionError) and an atexit hook that prints a
    traceback when the kernel never started. The build owns the kernel (running_kernel) and
    the signals (the CLI), so it only starts a client.
    """

    from nbclient import NotebookClient

    class BuildClient(NotebookClient):
        @asynccontextmanager
        async def async_setup_kernel(self, **_kwargs):
            if self.kc is None:
                await self.async_start_new_kernel_client()
            yield

    return BuildClient


def _cell_error(notebook: Path, nb, exc) -> str:
    """Name the failing cell as the committed notebook numbers it: the injected cell is not there."""
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
    """Each image whose alt text does not describe it (showdeck.alttext's policy), with the reason."""
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
