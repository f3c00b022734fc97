"""Headless Debian Chromium through Playwright, offline: every non-file request is blocked and counted."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from showdeck.errors import ShowdeckError

#: Flags that keep Chromium from reaching for a network this machine does not have.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


class BrowserMissing(ShowdeckError):
    """No Chromium to drive; the message says how to install it."""


def find_chromium() -> Path:
    """The Chromium executable: $CHROMIUM, else the first on PATH."""
    override = os.environ.get("CHROMIUM")
    if override:
        if Path(override).is_file():
            return Path(override)
        msg = f"$CHROMIUM points at {override}, which does not exist"
        raise BrowserMissing(msg)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    msg = (
        "Chromium is not installed; run `bash scripts/install-system-deps` as root "
        "(or `sudo apt-get install chromium`), or set $CHROMIUM to its path"
    )
    raise BrowserMissing(msg)


@dataclass
class PageLog:
    """What a page did that a test wants to know: console errors and blocked requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


#: URL schemes a page may load from: nothing that leaves the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def block_network(context, blocked: list[str], *, allow_http_host: str | None = None) -> None:
    """Route every request of a Playwright browser context: local URLs (and `allow_http_host`,
    e.g. "127.0.0.1:8888") go through; any other is aborted and its URL added to `blocked`."""

    def route(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES) or (
                allow_http_host and url.split("/")[2:3] == [allow_http_host]):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)


@contextmanager
def offline_page(
    *, viewport: tuple[int, int] = (1280, 800), allow_http_host: str | None = None,
    **context_options: object,
) -> Iterator[tuple[object, PageLog]]:
    """A Playwright page in headless Chromium that can reach only file: URLs (and one local host).

    Yields (page, log). `allow_http_host` (e.g. "127.0.0.1:8888") lets a test reach a local server;
    `context_options` go to Playwright's new_context (has_touch, color_scheme, reduced_motion...).
    """
    from playwright.sync_api import sync_playwright  # here for start-up time: only when driven

    executable = find_chromium()
    log = PageLog()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(
                **{"viewport": {"width": viewport[0], "height": viewport[1]},
                   "device_scale_factor": 1, **context_options}
            )

            block_network(context, log.blocked, allow_http_host=allow_http_host)
            page = context.new_page()
            page.on(
                "console",
                lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None,
            )
            page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
            yield page, log
        finally:
            browser.close()
