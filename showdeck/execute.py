"""The build's kernel and the run of the notebook in it, errors named as the notebook numbers its cells."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path

from showdeck.errors import BuildError
from showdeck.parameters import INJECTED_TAG, inject_parameters
from showdeck.snapshot import read_notebook_json

# jupyter_client, nbformat and nbclient are imported inside the functions that use them, for
# start-up time: an unchanged rebuild never needs them, and the build starts the kernel before
# nbformat and nbclient load, so that it boots on another core meanwhile.

CELL_TIMEOUT_S = 180


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
    except BaseException:  # an interrupt while it starts: a kernel already launched goes too
        with suppress(Exception):
            manager.shutdown_kernel(now=True)
        with suppress(Exception):
            manager.cleanup_resources()
        raise
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
    except BaseException:  # an interrupt (the CLI turns SIGINT and SIGTERM into exceptions)
        _abandon_run()
        raise
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    return nb


def _abandon_run() -> None:
    """Cancel what nbclient's event loop still has pending after an interrupt raised inside it:
    the loop runs again to shut the kernel down, and a run resumed there would fail against the
    dying kernel and print a traceback as the build exits."""
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending and not loop.is_running():
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def _client_class():
    """nbclient's NotebookClient, minus what it does for a kernel it does not own.

    Its setup adds SIGINT and SIGTERM handlers that shut the kernel down under the running
    cell (nbclient then fails with an AssertionError) and an atexit hook that prints a
    traceback when the kernel never started. The build owns the kernel (running_kernel) and
    the signals (the CLI), so it only starts a client.
    """

    from nbclient import NotebookClient
    from nbclient.util import run_hook

    class BuildClient(NotebookClient):
        @asynccontextmanager
        async def async_setup_kernel(self, **_kwargs):
            if self.kc is None:
                await self.async_start_new_kernel_client()
            yield

        async def async_start_new_kernel_client(self):
            """nbclient's, ready once the kernel has answered (wait_until_ready)."""
            self.kc = self.km.client()
            self.kc.start_channels()
            try:
                await wait_until_ready(self.kc, self.startup_timeout)
            except Exception:
                self.kc.stop_channels()
                raise
            self.kc.allow_stdin = False
            await run_hook(self.on_notebook_start, notebook=self.nb)
            return self.kc

    return BuildClient


async def wait_until_ready(client, timeout: float) -> None:
    """jupyter_client's wait_for_ready, without its last 0.2 s.

    The kernel is ready when it has answered kernel_info on the shell channel and something has
    come in on iopub (so iopub is connected). wait_for_ready then waits until iopub has been
    silent for 0.2 s; this takes what iopub holds and goes on at once: nbclient ignores iopub
    messages that answer another request, so a late one cannot reach a cell.
    """
    from queue import Empty

    deadline = time.monotonic() + timeout
    while True:
        client.kernel_info()
        try:
            reply = client.shell_channel.get_msg(timeout=1)
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:
                client.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                pass  # iopub not connected yet: ask again
            else:
                client._handle_kernel_info_reply(reply)  # the protocol version, as it does
                break
        if not await client._async_is_alive():  # as wait_for_ready asks, in this loop
            msg = "Kernel died before replying to kernel_info"
            raise RuntimeError(msg)
        if time.monotonic() > deadline:
            msg = f"Kernel didn't respond in {timeout:.0f} seconds"
            raise RuntimeError(msg)
    while True:
        try:
            client.iopub_channel.get_msg(timeout=0)
        except Empty:
            return


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
