"""The fact-check callouts beside the article's text: their measured size, their view, and
how many fit a column."""

from __future__ import annotations

from dataclasses import dataclass

from showdeck import geometry
from showdeck.claim_record import Claim
from showdeck.facts import ShowData
from showdeck.located_claims import LocatedClaim
from showdeck.markup import CONFIDENCE_LABELS, VERDICT_LABELS, Link, claim_anchor, source_link
from showdeck.pagination import pack

#: A callout shows its evidence quote when, with it, it takes at most this share of a page.
EVIDENCE_FITS = 0.45


@dataclass(frozen=True)
class CalloutSize:
    """A callout's height in its column as the theme lays it out: without its evidence quote,
    and what the quote adds. The quote is shown where the whole still fits EVIDENCE_FITS of a
    page (the notes always show it)."""

    base: float
    quote: float

    @property
    def shows_evidence(self) -> bool:
        return self.quote > 0 and self.base + self.quote <= (
            geometry.PAGE_BODY_HEIGHT * EVIDENCE_FITS)

    @property
    def height(self) -> float:
        return self.base + (self.quote if self.shows_evidence else 0.0)


def callout_size(claim: Claim, number: int, data: ShowData) -> CalloutSize:
    width = geometry.CALLOUT_INNER_WIDTH
    head = f"{number} {VERDICT_LABELS[claim.verdict].upper()} {claim.topic}"
    badges = geometry.VERDICT_BADGE
    if claim.confidence:
        head += " " + CONFIDENCE_LABELS[claim.confidence]
        badges += geometry.VERDICT_BADGE // 2
    sources = "Sources: " + ", ".join(s.publisher for s in data.cited(claim.sources))
    if claim.lineage:
        sources += f" · one lineage: {claim.lineage}"
    base = (geometry.CALLOUT_CHROME
            + geometry.block_height(head, geometry.CALLOUT_HEAD, width - badges)
            + geometry.block_height(claim.correction, geometry.CALLOUT, width)
            + geometry.block_height(sources, geometry.CALLOUT_SOURCE, width))
    if claim.disagreement:
        base += geometry.CALLOUT_LINE_GAP + geometry.block_height(
            "Sources disagree: " + claim.disagreement, geometry.CALLOUT_SOURCE, width)
    quote = (geometry.CALLOUT_LINE_GAP + geometry.block_height(
        f"“{claim.evidence}”", geometry.CALLOUT_SOURCE, width)) if claim.evidence else 0.0
    return CalloutSize(base, quote)


def callout_height(claim: Claim, number: int, data: ShowData) -> float:
    """The callout's height in its column, its evidence quote included where it fits."""
    return callout_size(claim, number, data).height


@dataclass(frozen=True)
class CalloutView:
    number: int
    anchor: str
    verdict_class: str
    verdict_label: str
    topic: str
    correction: str
    sources: list[Link]
    confidence: str = ""
    confidence_label: str = ""
    disagreement: str = ""
    evidence: str = ""
    lineage: str = ""


def callout(located: LocatedClaim, data: ShowData) -> CalloutView:
    claim = located.claim
    return CalloutView(
        number=located.number,
        anchor=claim_anchor(located.number),
        verdict_class=claim.verdict.replace(" ", "-"),
        verdict_label=VERDICT_LABELS[claim.verdict],
        topic=claim.topic,
        correction=claim.correction,
        sources=[source_link(s, s.publisher, f"Source: {s.publisher}, {s.title}")
                 for s in data.cited(claim.sources)],
        confidence=claim.confidence or "",
        confidence_label=CONFIDENCE_LABELS.get(claim.confidence or "", ""),
        disagreement=claim.disagreement,
        evidence=(claim.evidence or "")
        if callout_size(claim, located.number, data).shows_evidence else "",
        lineage=claim.lineage,
    )


def callout_groups(claims: list[LocatedClaim], data: ShowData,
                    taken: float = 0.0) -> list[list[LocatedClaim]]:
    """Claims split into runs whose callouts fit one column (less `taken` above it); always at
    least one run."""
    budget = (geometry.PAGE_BODY_HEIGHT - taken) * (1 - geometry.SAFETY)
    return pack(((c, callout_height(c.claim, c.number, data)) for c in claims), budget)
