"""The slides' HTML (templates/slides) as Markdown: headings, paragraphs, the checked claims in
bold with their numbers, each fact-check a quote block, lists, tables and links.

It reads only the markup showdeck itself writes; what a page repeats for the deck (a heading
continued on the next page, its page count, a sentence shown again for its callouts) is left out,
so the Markdown reads as one text. A table or a list the deck split over pages is joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

#: Left out: what a page repeats for the deck, styles, scripts and folded speaker notes.
SKIP = ("sd-page-count", "sd-continued", "sd-repeat")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_WORD_JOINER = "\u2060"


def escape(text: str) -> str:
    """Text as Markdown shows it literally."""
    return _SPECIAL.sub(r"\\\1", text.replace(_WORD_JOINER, ""))


def heading_slug(text: str) -> str:
    """The anchor Markdown renderers (GitHub, GitLab, JupyterLab) give a heading: lower case,
    punctuation dropped, spaces as hyphens."""
    kept = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return kept.replace(" ", "-")


def _classes(tag: Tag) -> list[str]:
    return tag.get("class") or []


def _skipped(tag: Tag) -> bool:
    return tag.name in {"style", "script", "details", "summary"} or any(
        c in SKIP for c in _classes(tag))


def inline(node) -> str:
    """A node's text as inline Markdown, whitespace collapsed."""
    if isinstance(node, NavigableString):
        return escape(re.sub(r"\s+", " ", str(node)))
    if not isinstance(node, Tag) or _skipped(node):
        return ""
    inner = "".join(inline(child) for child in node.children)
    classes = _classes(node)
    if node.name == "sup" or "sd-claim-ref" in classes:
        # A claim's number, as in the text it checks.
        return node.get_text().strip().translate(_SUPERSCRIPT)
    if node.name == "br":
        return "  \n"
    if not inner.strip():
        return inner
    if node.name == "a" and node.get("href"):
        href = node["href"]
        if href.startswith("#"):
            # An in-page link (the agenda): to the heading that reads as its text.
            href = "#" + heading_slug(node.get_text())
        target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
        return f"[{inner.strip()}]({target})"
    if node.name in {"strong", "b", "mark"} or "sd-verdict" in classes or "sd-stat-number" in classes:
        return _wrap(inner, "**")
    if node.name in {"em", "i"} or "sd-topic" in classes:
        return _wrap(inner, "*")
    return inner


def _wrap(text: str, mark: str) -> str:
    """Emphasis around the text, its surrounding spaces kept outside (or Markdown ignores it)."""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{text.strip()}{mark}{trail}"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"**{self.caption}**", ""] if self.caption else []
        cells = [self.header, ["---"] * len(self.header), *self.rows]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join(lines)


class _Writer:
    """Walks the slides' blocks and collects Markdown blocks."""

    def __init__(self) -> None:
        self.blocks: list[str | Table] = []
        self.headings: dict[int, str] = {}

    def block(self, node) -> None:
        if isinstance(node, NavigableString):
            if node.strip():
                self.blocks.append(inline(node).strip())
            return
        if not isinstance(node, Tag) or _skipped(node):
            return
        name = node.name
        if name in {"h1", "h2", "h3", "h4"}:
            self.heading(int(name[1]), inline(node).strip())
        elif name == "p":
            text = inline(node).strip()
            if text:
                self.blocks.append(_wrap(text, "*") if "sd-evidence" in _classes(node) else text)
        elif name in {"ul", "ol"}:
            self.listing(node)
        elif name == "table":
            self.table(node)
        elif name == "aside":
            self.quote(node)
        else:
            for child in node.children:
                self.block(child)

    def heading(self, level: int, text: str) -> None:
        # A heading the deck repeats on its next page (under the same parent) is said once.
        if self.headings.get(level) == text:
            return
        self.headings = {k: v for k, v in self.headings.items() if k < level}
        self.headings[level] = text
        self.blocks.append(f"{'#' * level} {text}")

    def listing(self, node: Tag) -> None:
        ordered = node.name == "ol"
        number = int(node.get("start", 1)) if ordered else 0
        items = []
        for item in node.find_all("li", recursive=False):
            marker = f"{number}." if ordered else "-"
            text = inline(item).strip()
            items.append(f"{marker} {text}")
            number += 1
        if items:
            self.blocks.append("\n".join(items))

    def table(self, node: Tag) -> None:
        caption = node.find("caption")
        header = [inline(th).strip() for th in node.select("thead th")]
        rows = [[inline(cell).strip() for cell in tr.find_all(["th", "td"])]
                for tr in node.select("tbody tr")]
        title = inline(caption).strip() if caption else ""
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, Table) and (last.caption, last.header) == (title, header):
            last.rows.extend(rows)  # a table the deck split over pages
        else:
            self.blocks.append(Table(title, header, rows))

    def quote(self, node: Tag) -> None:
        inner = _Writer()
        for child in node.children:
            inner.block(child)
        text = inner.render()
        if text:
            self.blocks.append("\n".join(f"> {line}".rstrip() for line in text.split("\n")))

    def render(self) -> str:
        return "\n\n".join(b.render() if isinstance(b, Table) else b for b in self.blocks)


def html_to_markdown(html: str) -> str:
    """One slide output's HTML as Markdown."""
    writer = _Writer()
    for child in BeautifulSoup(html, "html.parser").children:
        writer.block(child)
    return writer.render()
