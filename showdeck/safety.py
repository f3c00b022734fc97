"""File safety for everything the build and the handout write: check an output before any work
(never an input, never a folder, a link or a device), write it atomically under a lock, and
remove what killed writers left behind without touching a running writer's files."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from showdeck.errors import ShowdeckError

#: The random part of a name tempfile.mkstemp or mkdtemp makes: only such names are removed.
_RANDOM = re.compile(r"[a-z0-9_]{8}")


class OutputError(ShowdeckError):
    """An output file cannot be written where it was asked for; the message names the path."""


@dataclass(frozen=True)
class Inputs:
    """What a command reads, so that its output never replaces it: files, and folders whose
    every file counts as read; each with the words that name it in a message."""

    reader: str  # "the build", "the handout"
    files: tuple[tuple[Path, str], ...] = ()
    folders: tuple[tuple[Path, str], ...] = ()


def check_output(path: Path, option: str = "--output", inputs: Inputs | None = None) -> None:
    """Refuse, before any work, an output path that is an input, is a folder, or whose folder
    cannot be made. Only a regular file is ever replaced: a link, a device or a pipe is refused.
    """
    try:
        _check_output(path, option, inputs)
    except OSError as exc:  # a name too long, a folder that cannot be searched...
        msg = (f"{option} {path}: {exc.strerror or exc}; choose another output path, in a "
               "folder you can write to")
        raise OutputError(msg) from None


def _check_output(path: Path, option: str, inputs: Inputs | None) -> None:
    if inputs is not None:
        refuse_inputs(path, inputs, option)
    if path.is_dir():
        msg = f"{option} {path} is a folder; give the path of the file to write in it"
        raise OutputError(msg)
    if problem := not_a_regular_file(path):
        msg = f"{option} {path} {problem}; give the path of a regular file, or of none yet"
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


def refuse_inputs(path: Path, inputs: Inputs, option: str = "--output") -> None:
    """Refuse an output that is, or is inside, something the command reads, however it is
    spelled: compared by resolved path (links and '..' followed, case and Unicode form
    ignored) and by device and inode (hard links, bind mounts, a case-insensitive disk).
    A show's data folder (one with a show.toml) and a notebook are never outputs either."""
    if found := _which_input(path, inputs):
        msg = f"{option} {path} {found}; write the output somewhere else, e.g. under build/"
        raise OutputError(msg)


def _which_input(path: Path, inputs: Inputs) -> str | None:
    """What input `path` is or is inside, in words; None if it is none."""
    reads = f"which {inputs.reader} reads"
    resolved = resolve(path)
    spelled = _fold(resolved)
    ancestors = {_identity(folder) for folder in _ancestors(path)} - {None}
    for folder, label in inputs.folders:
        real = Path(os.path.realpath(folder))
        if spelled == _fold(real) or spelled.startswith(_fold(real).rstrip("/") + "/") or (
                _identity(real) in ancestors):
            return f"is inside {label} {folder}, {reads}"
    for folder in _ancestors(path):
        if (folder / "show.toml").is_file():
            return f"is inside {folder}, a show's data folder"
    identity = _identity(path)
    for file, label in inputs.files:
        if spelled == _fold(Path(os.path.realpath(file))) or (
                identity is not None and identity == _identity(file)):
            return f"is {label} {file}, {reads}"
    if identity is not None:
        for folder, label in inputs.folders:
            if identity in _identities(folder):
                return f"is the same file as one in {label} {folder}, {reads}"
        if resolved.suffix.lower() == ".ipynb":
            return "is a notebook"
    return None


def resolve(path: Path) -> Path:
    """`path` as the system would find it, step by step: links followed, '..' taken after the
    link before it, and a name that does not exist matched ignoring case to one that does, as
    a case-insensitive disk (macOS, Windows, a USB stick) would open it."""
    current = Path(os.getcwd()) if not os.path.isabs(path) else Path("/")
    for part in str(path).split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent
            continue
        candidate = current / part
        if not os.path.lexists(candidate):
            try:
                names = sorted(os.listdir(current))
            except OSError:
                names = []
            folded = _fold(Path(part))
            candidate = current / next((n for n in names if _fold(Path(n)) == folded), part)
        current = Path(os.path.realpath(candidate))
    return current


def _fold(path: Path) -> str:
    """A path as compared: one Unicode form, no case (macOS and Windows disks ignore case)."""
    text = unicodedata.normalize("NFC", str(path)).casefold()
    return "/" + text.lstrip("/") if text.startswith("/") else text  # '//x' is '/x' on Linux


def _ancestors(path: Path) -> list[Path]:
    """The existing folders above `path`, as spelled and as resolved."""
    found: list[Path] = []
    for start in (Path(os.path.abspath(path)), resolve(path)):
        found.extend(folder for folder in start.parents if folder.is_dir())
    return found


def _identity(path: Path, *, follow: bool = True) -> tuple[int, int] | None:
    """(device, inode) of what `path` names (or of the link); None if it does not exist."""
    try:
        info = os.stat(path, follow_symlinks=follow)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _identities(folder: Path) -> set[tuple[int, int]]:
    """(device, inode) of every file in `folder`, however deep."""
    found: set[tuple[int, int]] = set()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if (identity := _identity(Path(root) / name)) is not None:
                found.add(identity)
    return found


def not_a_regular_file(path: Path) -> str | None:
    """Why `path` may not be replaced, or None if it is a regular file or absent."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # absent (a folder on the way is a file)
        return None
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, a pipe or a socket)"
    return None


@contextmanager
def output_lock(path: Path) -> Iterator[None]:
    """Hold the lock of `path` (the file `.NAME.lock` beside it): writers of the same output
    take turns, so files written together (a deck and its stamp) are never a mix of two
    builds, and no writer removes another's temporary file. The lock file goes on release."""
    lock = path.parent / f".{path.name}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise _cannot_write(path, exc, "cannot lock it") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # The holder before us may have removed the file: then lock the one there now.
            if _identity(lock, follow=False) == (os.fstat(fd).st_dev, os.fstat(fd).st_ino):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with suppress(OSError):
            os.unlink(lock)  # still held: a writer waiting on this file will take a new one
        os.close(fd)


def _cannot_write(path: Path, exc: OSError, doing: str = "") -> OutputError:
    """The one-line error for an output the system would not let us write."""
    reason = exc.strerror or str(exc)
    reason = f"{doing} ({reason})" if doing else reason
    return OutputError(f"cannot write {path}: {reason}; "
                       "choose an output path in a folder you can write to")


def write_atomic(path: Path, payload: bytes, *, locked: bool = False) -> None:
    """Write `payload` to `path` so that readers see the old file or the new one, never half.

    Takes the output's lock unless the caller holds it (`locked`), and first removes the
    temporary files of writers that were killed.
    """
    if not locked:
        with output_lock(path):
            _replace(path, payload)
        return
    _replace(path, payload)


def _replace(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent, f".{path.name}.", ".tmp")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        # Locked until replaced: a build that finds it unlocked knows its writer was killed.
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        # Checked again at the last moment: only a regular file is ever replaced.
        if problem := not_a_regular_file(path):
            msg = (f"cannot write {path}: it {problem}; choose an output path that is not a "
                   "folder, a link or a device")
            raise OutputError(msg)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        msg = (f"cannot write {path}: {exc.strerror or exc}; "
               "choose an output path that is not a folder, in a folder you can write to")
        raise OutputError(msg) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, prefix: str, suffix: str = "") -> None:
    """Remove what writers killed outright (SIGKILL) left in `folder`: the entries named
    `prefix`, eight random characters, `suffix` (as tempfile names them) that no running
    writer holds locked."""
    names = _names(folder)
    candidates = [folder / name for name in names if name.startswith(prefix)
                  and name.endswith(suffix)
                  and _RANDOM.fullmatch(name[len(prefix):len(name) - len(suffix)])]
    for path in candidates:
        lock_path = path / ".lock" if path.is_dir() and not path.is_symlink() else path
        try:
            fd = os.open(lock_path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a running writer holds it
        else:
            if lock_path is path:
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(fd)


def _names(folder: Path) -> Iterable[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []

