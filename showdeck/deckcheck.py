"""The checks a built deck must pass: it fetches nothing from outside the file, and each image
has alt text that describes it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

from showdeck.alttext import alt_problem
from showdeck.errors import BuildError


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


def _scan(html: str) -> _DeckScan:
    scan = _DeckScan()
    scan.feed(html)
    return scan


def external_resources(html: str, scan: _DeckScan | None = None) -> list[str]:
    """Every URL outside the file that the deck would load (scripts, styles, images, CSS urls)."""
    scan = scan or _scan(html)
    urls = scan.urls + scan.css_urls()
    return [u for u in urls if not u.startswith(("data:", "#", "blob:", "about:"))]


def undescribed_images(html: str, scan: _DeckScan | None = None) -> list[str]:
    """Each image whose alt text does not describe it (showdeck.alttext's policy), with the reason."""
    scan = scan or _scan(html)
    found = []
    for image in scan.images:
        if problem := alt_problem(image.get("alt")):
            found.append(f"src={(image.get('src') or '')[:60]!r} {problem}")
    return found


def check_deck(html: str) -> None:
    """Refuse a deck that would fetch anything or shows an undescribed image."""
    scan = _scan(html)  # read once for both checks
    if external := external_resources(html, scan):
        msg = (f"the deck would load {len(external)} resource(s) from outside the file, e.g. "
               f"{external[0]!r}; embed it (data: URI) instead")
        raise BuildError(msg)
    if undescribed := undescribed_images(html, scan):
        msg = (f"{len(undescribed)} image(s) without a describing alt text, e.g. the one with "
               f"{undescribed[0]}; give each one alt text that says what it shows "
               "(<img alt=...>, or IPython's Image(..., alt=...))")
        raise BuildError(msg)
