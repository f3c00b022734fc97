"""Build the deck: validate the data, execute the notebook in a fresh kernel, export, write atomically."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from showdeck.dates import EARLIEST_DATE, LATEST_DATE, DateOutOfRange
from showdeck.dates import resolve_as_of as dates_resolve_as_of
from showdeck.deckcheck import check_deck
from showdeck.errors import BuildError, ShowdeckError
from showdeck.execute import execute_notebook, running_kernel
from showdeck.pages import deck_structure
from showdeck.safety import (
    OutputError,
    check_output,
    not_a_regular_file,
    output_lock,
    refuse_inputs,
    remove_stale_temporaries,
    write_atomic,
)
from showdeck.snapshot import (
    Snapshot,
    build_inputs,
    input_key,
    package_digest,
    read_notebook_json,
    snapshot_inputs,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

# The loader and the show's facts (pydantic), nbformat, nbclient, jupyter_client and nbconvert
# are imported inside the functions that use them, for start-up time: an unchanged rebuild is
# answered from the cache key alone, well before they would be needed.

#: The private folder of one build (snapshot, kernel connection file), in the temp folder.
WORK_PREFIX = "showdeck-build-"


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
    """Validate, execute, export and write from the snapshot in `work`.

    The kernel starts first: it boots on another core while the data is validated, and runs
    the notebook while the exporter is made on a thread of this process. A kernel that cannot
    start is reported after the data's own errors, which say more.
    """
    notebook, as_of = snapshot.notebook, as_of_date.isoformat()
    nb_json = read_notebook_json(notebook, snapshot.files["notebook"])
    kernel_name = ((nb_json.get("metadata") or {}).get("kernelspec") or {}).get("name")
    from concurrent.futures import ThreadPoolExecutor  # here for start-up time, as above

    # The kernel's stack inside the pool's: after a failure the kernel is shut down first, then
    # the pool waits for the exporter's thread.
    with ThreadPoolExecutor(2, "showdeck-build") as background, ExitStack() as kernel_stack:
        try:
            kernel = kernel_stack.enter_context(
                running_kernel(notebook, kernel_name=kernel_name, runtime_dir=work))
            no_kernel = None
        except BuildError as exc:
            kernel, no_kernel = None, exc
        data = _validate(snapshot, data_dir, as_of_date, timings, progress)
        if no_kernel is not None:
            raise no_kernel

        progress(f"execute   {notebook} in a fresh kernel, as of {as_of} ...")
        started = time.perf_counter()
        exporter = background.submit(_prepare_export, reveal_dir)
        executed = execute_notebook(notebook, data_dir, as_of, kernel,
                                    source=snapshot.files["notebook"].decode("utf-8"))
        # The kernel is done: it shuts down while the deck is exported (the pool waits for it).
        background.submit(_shut_down, kernel_stack.pop_all())
        timings["execute"] = time.perf_counter() - started
        progress(f"execute   done: {len(executed.cells)} cells in {timings['execute']:.2f} s")

        started = time.perf_counter()
        html = _export(executed, exporter, reveal_dir, data.article.title)
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


def _validate(snapshot: Snapshot, data_dir: Path, as_of_date: dt.date,
              timings: dict[str, float], progress: Callable[[str], None]):
    """The show's data, validated, with its warnings printed; DataError names the user's folder."""
    # Here, not at the top, for start-up time (see the imports there).
    from showdeck.facts import as_of_problem
    from showdeck.loader import DataError, load_show
    from showdeck.outlook import stale_evidence_warning

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
    return data


def _prepare_export(reveal_dir: Path):
    """The exporter, made on a thread while the kernel runs the notebook: nbconvert imported,
    the fonts' metrics read, the templates compiled."""
    from showdeck import fonts
    from showdeck.export import slides_exporter

    fonts.preload()  # the export's font subsets need them
    return slides_exporter(reveal_dir=reveal_dir)


def _shut_down(kernel: ExitStack) -> None:
    """Shut the kernel down on a thread of the build, then close the event loop jupyter_client
    made for that thread (it never closes one itself)."""
    from jupyter_core.utils import ensure_event_loop

    try:
        kernel.close()  # running_kernel's exit: it never raises
    finally:
        ensure_event_loop().close()  # the loop jupyter_client ran on this thread


def _export(executed, exporter: Future, reveal_dir: Path, title: str) -> str:
    """The deck's HTML, from the exporter _prepare_export makes, or a BuildError saying why
    there is none."""
    from showdeck.export import export_slides  # loaded by _prepare_export

    try:
        return export_slides(executed, reveal_dir=reveal_dir, name=title,
                             exporter=exporter.result())
    except ShowdeckError as exc:
        raise BuildError(f"export failed: {exc}") from None
    except ValueError as exc:  # nbconvert: "All cells are hidden, cannot create slideshow"
        msg = f"export failed: {exc}; give the notebook's cells a visible slide_type"
        raise BuildError(msg) from None


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
