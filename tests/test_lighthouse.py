"""Lighthouse audits the real deck as a web host serves it: accessibility and best practices
100, performance at least 80 (mobile emulation, its simulated slow 4G), and the findings it once
had (the slide number's name, /favicon.ico, font-display) stay fixed.

The deck is built with the command people use into a temporary folder and served from a local
HTTP server started here, which compresses the file (gzip) when the browser asks, as web hosts
do. Lighthouse comes from npm (`npm ci`, package-lock.json) and drives Debian's Chromium
(CHROME_PATH); it runs once per module, and every test reads its report.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from showdeck.browser import find_chromium
from tests.support.decks import ROOT, SHOWS, build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
#: The scores the deck must reach (Lighthouse reports 0..1).
MINIMUM = {"performance": 0.80, "accessibility": 1.0, "best-practices": 1.0}
DECK_NAME = "akudama-drive.slides.html"


class DeckServer(ThreadingHTTPServer):
    """Serves one folder's files, gzip-compressed for a client that accepts it; logs requests."""

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.folder = folder
        self.requests: list[tuple[str, int]] = []

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: DeckServer

    def do_GET(self) -> None:
        name = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        path = self.server.folder / name
        if not name or "/" in name or not path.is_file():
            self.server.requests.append((self.path, 404))
            self.send_error(404)
            return
        body = path.read_bytes()
        compress = "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, mtime=0)
        self.server.requests.append((self.path, 200))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:  # the test reads server.requests instead
        pass


@pytest.fixture(scope="module")
def served_deck(tmp_path_factory) -> Iterator[tuple[DeckServer, str]]:
    folder = tmp_path_factory.mktemp("lighthouse")
    build(SHOWS["akudama-drive"], folder / DECK_NAME)
    server = DeckServer(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"{server.origin}/{DECK_NAME}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def report(served_deck, tmp_path_factory) -> dict:
    """Lighthouse's JSON report of one run on the served deck (mobile, simulated throttling)."""
    if not LIGHTHOUSE.is_file():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `make setup` (or `npm ci`)")
    _server, url = served_deck
    out = tmp_path_factory.mktemp("lighthouse-report") / "report.json"
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    env = {**os.environ, "CHROME_PATH": str(find_chromium())}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env,
                            cwd=ROOT, check=False)
    if result.returncode or not out.is_file():
        pytest.fail(f"lighthouse failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, as 'id (score): title: value'."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
            value = audit.get("displayValue") or ""
            found.append(f"{ref['id']} ({audit['score']}): {audit['title']} {value}".strip())
    return found


@pytest.mark.parametrize("category", CATEGORIES)
def test_lighthouse_scores_the_served_deck(report, category) -> None:
    score = report["categories"][category]["score"]
    assert score is not None, report.get("runtimeError")
    assert score >= MINIMUM[category], (
        f"{category} {score * 100:.0f} < {MINIMUM[category] * 100:.0f}; losing points:\n  "
        + "\n  ".join(failing_audits(report, category)))


def test_lighthouse_ran_on_the_deck_with_mobile_emulation(report, served_deck) -> None:
    _server, url = served_deck
    assert report["finalDisplayedUrl"] == url
    assert report["configSettings"]["formFactor"] == "mobile"
    assert report["configSettings"]["throttlingMethod"] == "simulate"
    assert not report.get("runtimeError")


@pytest.mark.parametrize("audit", [
    "label-content-name-mismatch",  # the slide number's name holds "1 / 7" (WCAG 2.5.3)
    "errors-in-console",            # no 404 for /favicon.ico, no script error
    "font-display",                 # embedded fonts never hold text invisible
    "uses-text-compression",        # the server under test compresses, as hosts do
])
def test_a_past_finding_stays_fixed(report, audit) -> None:
    result = report["audits"][audit]
    assert result["score"] == 1, f"{audit}: {result['title']}: {result.get('details')}"


def test_the_deck_asks_the_server_for_nothing_but_itself(report, served_deck) -> None:
    server, _url = served_deck
    asked = {path.split("?", 1)[0] for path, _status in server.requests}
    assert asked == {f"/{DECK_NAME}"}, server.requests
    assert all(status == 200 for _path, status in server.requests), server.requests
