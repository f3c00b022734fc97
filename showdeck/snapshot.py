"""The snapshot of a build's inputs, each read once, and the cache key that hashes them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from showdeck.assets import REPO_ROOT, REVEAL_FILES, default_reveal_dir, load_reveal
from showdeck.datafiles import DATA_FILES, MAX_FILE_BYTES
from showdeck.errors import BuildError
from showdeck.fonts import FACES
from showdeck.safety import Inputs

# The loader (pydantic) is imported inside snapshot_inputs, for start-up time: an unchanged
# rebuild is answered from the cache key alone, well before it would be needed.

#: Bump when the build itself changes in a way the hashed sources do not show.
CACHE_VERSION = "2"
PACKAGE = Path(__file__).resolve().parent
#: A notebook larger than this is not a presentation (ours is 5 kB).
MAX_NOTEBOOK_BYTES = 20_000_000


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
