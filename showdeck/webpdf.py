"""`jupyter nbconvert --to webpdf` with Debian's Chromium, the browser the project already drives.

nbconvert's WebPDFExporter launches Playwright's own Chromium and has no setting for another
executable. Playwright finds its browsers in the folder PLAYWRIGHT_BROWSERS_PATH names, by
revision; this module keeps such a folder in the environment (under sys.prefix) whose browser
entries are links to the system Chromium, and the project's nbconvert config points
Playwright at it. A user who set PLAYWRIGHT_BROWSERS_PATH, or has no Chromium, is left as is.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

from showdeck.browser import BrowserMissing, find_chromium

ENV = "PLAYWRIGHT_BROWSERS_PATH"
#: Where Playwright expects each browser's executable inside its revision's folder (Linux).
LAYOUTS = {
    "chromium": {"x86_64": ("chrome-linux64", "chrome"),
                 "aarch64": ("chrome-linux-arm64", "chrome")},
    "chromium-headless-shell": {
        "x86_64": ("chrome-headless-shell-linux64", "chrome-headless-shell"),
        "aarch64": ("chrome-headless-shell-linux-arm64", "chrome-headless-shell")},
}


def default_folder() -> Path:
    return Path(sys.prefix) / "share" / "showdeck" / "playwright-browsers"


def playwright_revisions() -> dict[str, str]:
    """The browser revisions the installed Playwright looks for, by browser name."""
    import playwright

    listing = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    browsers = json.loads(listing.read_text(encoding="utf-8"))["browsers"]
    return {b["name"]: b["revision"] for b in browsers if b["name"] in LAYOUTS}


def system_browsers(folder: Path | None = None) -> Path | None:
    """A Playwright browsers folder whose Chromium entries link to the system Chromium, made or
    brought up to date; None when there is no Chromium, Playwright or Linux layout for it."""
    folder = default_folder() if folder is None else folder
    try:
        chromium = find_chromium()
        revisions = playwright_revisions()
    except (BrowserMissing, ImportError, OSError, ValueError, KeyError):
        return None
    machine = platform.machine()
    if sys.platform != "linux" or not revisions:
        return None
    try:
        for name, revision in revisions.items():
            if machine not in LAYOUTS[name]:
                return None
            subdir, executable = LAYOUTS[name][machine]
            link = folder / f"{name.replace('-', '_')}-{revision}" / subdir / executable
            if link.is_symlink() and Path(os.readlink(link)) == chromium:
                continue
            link.parent.mkdir(parents=True, exist_ok=True)
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(chromium)
    except OSError:
        return None
    return folder


def use_system_chromium() -> None:
    """Point Playwright at the system Chromium for this process (nbconvert's), unless the user
    chose a browsers folder already."""
    if os.environ.get(ENV):
        return
    folder = system_browsers()
    if folder is not None:
        os.environ[ENV] = str(folder)
