"""Where the article's checked claims sit in its text: claims numbered in reading order, the
sentences a page break keeps whole, and the height of a run of text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from showdeck import geometry
from showdeck.article_record import ArticleSection
from showdeck.claim_record import Claim
from showdeck.facts import ShowData

_SENTENCE_END = re.compile("(?<=[.!?\u2026\u3002\uff01\uff1f])[\"'\u201d\u2019)\\]\u300d\u300f]*\\s*")


@dataclass(frozen=True)
class LocatedClaim:
    """A claim numbered within the article, with where its quote sits (None if it spans
    paragraphs)."""

    number: int
    claim: Claim
    paragraph: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """A run of whole sentences of one paragraph: the smallest piece a page break keeps."""

    paragraph: int
    start: int
    end: int


def locate_claims(section: ArticleSection, claims: Iterable[Claim],
                  first: int = 1) -> list[LocatedClaim]:
    """The section's claims in reading order, numbered from `first`."""
    found: list[tuple[tuple[int, int], Claim, int | None, int, int]] = []
    for claim in claims:
        if claim.section != section.id:
            continue
        for index, paragraph in enumerate(section.paragraphs):
            start = paragraph.find(claim.quote)
            if start >= 0:
                found.append(((index, start), claim, index, start, start + len(claim.quote)))
                break
        else:
            found.append(((len(section.paragraphs), 0), claim, None, 0, 0))
    found.sort(key=lambda item: item[0])
    return [LocatedClaim(n, c, p, s, e) for n, (_key, c, p, s, e) in enumerate(found, start=first)]


def sentence_units(section: ArticleSection, located: list[LocatedClaim]) -> list[Unit]:
    """Sentences of each paragraph, merged wherever a checked quote runs across two."""
    units: list[Unit] = []
    for index, paragraph in enumerate(section.paragraphs):
        quotes = [(c.start, c.end) for c in located if c.paragraph == index]
        cuts = [0]
        for match in _SENTENCE_END.finditer(paragraph):
            cut = match.end()
            if 0 < cut < len(paragraph) and not any(s < cut < e for s, e in quotes):
                cuts.append(cut)
        cuts.append(len(paragraph))
        units.extend(Unit(index, a, b) for a, b in itertools.pairwise(sorted(set(cuts))) if b > a)
    return units


def claims_in(units: list[Unit], located: list[LocatedClaim]) -> list[LocatedClaim]:
    return [c for c in located
            if any(c.paragraph == u.paragraph and u.start <= c.start < u.end for u in units)]


def paragraph_spans(units: list[Unit]) -> list[tuple[int, int, int]]:
    """Consecutive units of one paragraph joined into (paragraph, start, end)."""
    spans: list[tuple[int, int, int]] = []
    for unit in units:
        if spans and spans[-1][0] == unit.paragraph and spans[-1][2] == unit.start:
            spans[-1] = (unit.paragraph, spans[-1][1], unit.end)
        else:
            spans.append((unit.paragraph, unit.start, unit.end))
    return spans


def _span_text(section: ArticleSection, span: tuple[int, int, int],
               located: list[LocatedClaim]) -> str:
    """The span's text as measured: its words plus the claim numbers set after quotes."""
    p, s, e = span
    refs = "".join(f"{c.number}" for c in located if c.paragraph == p and s <= c.start < e)
    return section.paragraphs[p][s:e].strip() + (" " + refs if refs else "")


def text_height(section: ArticleSection, units: list[Unit], located: list[LocatedClaim],
                 width: float) -> float:
    return sum(geometry.block_height(_span_text(section, span, located), geometry.BODY, width)
               + geometry.BODY.paragraph_gap
               for span in paragraph_spans(units))


def numbered_claims(data: ShowData) -> dict[str, list[LocatedClaim]]:
    """Each section's claims, numbered through the whole article in reading order."""
    numbered: dict[str, list[LocatedClaim]] = {}
    first = 1
    for section in data.article.sections:
        numbered[section.id] = located = locate_claims(section, data.claims, first)
        first += len(located)
    return numbered
