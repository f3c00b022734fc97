"""The reveal.js files the deck inlines, read from the npm install (package-lock.json)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from showdeck.errors import ShowdeckError

#: Where `npm ci` puts reveal.js, for an editable install run from the repository.
REPO_ROOT = Path(__file__).resolve().parent.parent
REVEAL_FILES = {
    "reset_css": "dist/reset.css",
    "reveal_css": "dist/reveal.css",
    "reveal_js": "dist/reveal.js",
    "notes_js": "plugin/notes/notes.js",
}
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


class AssetsMissing(ShowdeckError):
    """reveal.js is not installed where the exporter looks; the message says how to install it."""


@dataclass(frozen=True)
class RevealAssets:
    """The reveal.js files the deck inlines, read from an npm install."""

    folder: Path
    version: str
    files: dict[str, str]

    def as_resources(self) -> dict[str, str]:
        # A literal "</script" inside inlined code would end the <script> element early.
        inlined = {
            name: _SCRIPT_END.sub(r"<\\/\1", text) if name.endswith("_js") else text
            for name, text in self.files.items()
        }
        return {"version": self.version, **inlined}


def default_reveal_dir() -> Path:
    """node_modules/reveal.js of the repository the package runs from, else of the cwd."""
    for root in (REPO_ROOT, Path.cwd()):
        candidate = root / "node_modules" / "reveal.js"
        if candidate.is_dir():
            return candidate
    return REPO_ROOT / "node_modules" / "reveal.js"


def load_reveal(folder: str | Path | None = None) -> RevealAssets:
    """Read the reveal.js files to inline; raise AssetsMissing naming the install command."""
    folder = Path(folder) if folder else default_reveal_dir()
    fix = "run `npm ci` in the repository (or `make setup`) to install reveal.js from package-lock.json"
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        files = {
            name: (folder / rel).read_text(encoding="utf-8") for name, rel in REVEAL_FILES.items()
        }
    except FileNotFoundError as exc:
        msg = f"reveal.js assets missing: {exc.filename} not found; {fix}"
        raise AssetsMissing(msg) from None
    version = str(package.get("version", ""))
    if package.get("name") != "reveal.js" or not version.startswith("5."):
        msg = f"{folder} holds {package.get('name')} {version}, expected reveal.js 5.x; {fix}"
        raise AssetsMissing(msg)
    return RevealAssets(folder=folder, version=version, files=files)


