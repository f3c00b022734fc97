"""One checkable claim of the article with our verdict (claims.csv)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    BeforeValidator,
    model_validator,
)

from showdeck.record_types import (
    VERDICTS,
    Confidence,
    Evidence,
    Reason,
    Slug,
    Sourced,
    Text,
    Verdict,
    check_lineage,
    group_named,
)


class Claim(Sourced):
    """One checkable claim of the article with our verdict (claims.csv).

    `reason` says in one line why the rubric gives this verdict; `evidence` is a verbatim quote
    of the source `evidence_source` that decides it; `disagreement` says where our own sources
    disagree. The new columns are optional in the file format so that older tables still load;
    the shipped data fills them all (tests/test_data.py checks that).
    """

    id: Slug
    section: Slug
    quote: Text
    topic: Text
    #: The claims that talk about one event or fact share a group and are judged together.
    group: Annotated[Slug, BeforeValidator(group_named)] | None = None
    verdict: Verdict
    confidence: Confidence | None = None
    reason: Reason | None = None
    correction: Text
    evidence: Evidence | None = None
    evidence_source: Slug | None = None
    disagreement: str = ""
    lineage: str = ""

    @model_validator(mode="after")
    def _evidence_is_cited(self) -> Claim:
        if (self.evidence is None) != (self.evidence_source is None):
            msg = "evidence and evidence_source go together"
            raise ValueError(msg)
        if self.evidence_source is not None and self.evidence_source not in self.sources:
            msg = (f"evidence_source {self.evidence_source!r} must be one of the claim's "
                   f"sources ({';'.join(self.sources)})")
            raise ValueError(msg)
        check_lineage(self.confidence, self.lineage)
        _check_correction_opening(self.correction)
        return self


def _check_correction_opening(correction: str) -> None:
    """The deck puts the verdict before the correction: a correction that opens with a verdict
    word would read "✓ Correct: Correct: ..." or "✗ Incorrect: Correct: ..."."""
    opening = re.sub(r"^[\W_]+", "", correction).lower()
    for verdict in sorted(VERDICTS, key=len, reverse=True):
        if re.match(rf"{re.escape(verdict)}\b", opening):
            msg = (f"correction starts with the verdict word {verdict!r}; the deck shows the "
                   "verdict before it, so start with what is true")
            raise ValueError(msg)
