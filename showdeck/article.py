"""Read article.md: a '# Title', then '## [section-id] Heading' sections of blank-line paragraphs.

An article without a single such section (plain Markdown headings, or none) is one problem that
names the missing headings, not a problem for every paragraph that has no section to go in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from showdeck.article_record import Article, ArticleSection
from showdeck.datafiles import ARTICLE_FILE
from showdeck.problems import Collector

#: A title or heading marker is followed by a space or a tab, as in CommonMark.
_TITLE = re.compile(r"^#[ \t]+(?P<title>.*)$")
_HEADING = re.compile(r"^##[ \t]")
_SECTION_HEADING = re.compile(r"^##[ \t]+\[(?P<id>[^\]]*)\](?:[ \t]+(?P<heading>.*))?$")
_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\(\)$")
_FORM = "'## [section-id] Heading'"


def parse_article(text: str, out: Collector | None = None) -> Article | None:
    """The article in `text`, or None after its problems (added to `out`)."""
    collector = out or Collector(Path("."))
    title: str | None = None
    sections: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    paragraph: list[str] = []
    malformed: list[tuple[int, str]] = []  # headings without a section id
    orphans: list[int] = []  # lines of text before the first section

    def flush() -> None:
        if paragraph and current is not None:
            current["paragraphs"].append(" ".join(paragraph))
        paragraph.clear()

    # Lines end at \n only: splitlines would also split at U+2028, \x0c..., and shift numbers.
    lines = text.removeprefix("\ufeff").split("\n")
    for number, line in enumerate((line.removesuffix("\r") for line in lines), start=1):
        stripped = line.strip()
        if title is None and not sections and (match := _TITLE.match(line)):
            title = match["title"].strip()
            continue
        if _HEADING.match(line):
            flush()
            match = _SECTION_HEADING.match(line.rstrip())
            if not match or not match["id"]:
                malformed.append((number, line.rstrip()))
                current = None
                continue
            current = {
                "id": match["id"],
                "heading": (match["heading"] or "").strip() or None,
                "image_caption": None,
                "paragraphs": [],
                "_line": number,
            }
            sections.append(current)
            continue
        if not stripped:
            flush()
            continue
        if current is None:
            orphans.append(number)
            continue
        if (image := _IMAGE.match(stripped)) and not paragraph:
            current["image_caption"] = image["caption"].strip() or None
            continue
        paragraph.append(stripped)
    flush()

    if not sections:
        _no_sections(title, malformed, collector)
        return None
    found = [(number, "section", f"a section starts with {_FORM}") for number, _ in malformed]
    # Text under a malformed heading is lost with it: that heading's problem says so.
    if before := [n for n in orphans if n < sections[0]["_line"]]:
        span = f" (lines {before[0]}-{before[-1]})" if len(before) > 1 else ""
        found.append((before[0], None, f"text before the first '## [id]' section{span}"))
    for number, field, message in sorted(found, key=lambda problem: problem[0]):
        collector.add(ARTICLE_FILE, number, field, message)
    if title is None:
        collector.add(ARTICLE_FILE, 1, "title", "the article starts with '# Title'")
    built = _sections(sections, collector)
    if title is None or not built:
        return None
    return Article(title=title, sections=tuple(built))


def _no_sections(title: str | None, malformed: list[tuple[int, str]], out: Collector) -> None:
    """One problem for an article with no section at all, naming what is missing."""
    missing = "no '# Title' line and " if title is None else ""
    if malformed:
        number, heading = malformed[0]
        others = f", and {len(malformed) - 1} more" if len(malformed) > 1 else ""
        out.add(ARTICLE_FILE, number, "section",
                f"{missing}no heading names a section id: {heading[:40]!r}{others}; write each "
                f"section heading as {_FORM}")
        return
    out.add(ARTICLE_FILE, None, "section",
            f"{missing}no section headings; the article is '# Title', then sections that each "
            f"start with {_FORM}")


def _sections(sections: list[dict[str, Any]], out: Collector) -> list[ArticleSection]:
    """The parsed sections as records: duplicate ids and empty sections are problems."""
    built: list[ArticleSection] = []
    seen: dict[str, int] = {}
    for section in sections:
        line = section.pop("_line")
        if section["id"] in seen:
            out.add(
                ARTICLE_FILE, line, "id",
                f"duplicate section id {section['id']!r} (first on line {seen[section['id']]})",
            )
            continue
        seen[section["id"]] = line
        if not section["paragraphs"]:
            out.add(ARTICLE_FILE, line, "paragraphs", "section has no text")
            continue
        try:
            built.append(ArticleSection.model_validate(section))
        except ValidationError as exc:
            out.validation(ARTICLE_FILE, line, exc)
    return built
